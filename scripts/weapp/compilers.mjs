// WeChat's template and style compilers (wcc, wcsc: the Linux builds of the developer tools, from
// the npm package miniprogram-compiler) over every WXML, WXS and WXSS file of the build. They name
// the file and line of an error, which the simulator and miniprogram-ci do less plainly.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { miniRequire } from "./simulator.mjs";

const list = (dist, ext) => walk(dist).filter((f) => f.endsWith(ext)).sort();

function walk(dir, base = dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out);
    else out.push(relative(base, p).split("\\").join("/"));
  }
  return out;
}

/** wcc over all WXML and WXS files: throws with wcc's message (file:line) on an error. */
export function compileWxml(dist) {
  const wxml = list(dist, ".wxml");
  const wxs = list(dist, ".wxs");
  const wcc = miniRequire("miniprogram-compiler/src/wcc");
  const js = wcc(dist, wxml.map((f) => f.slice(0, -".wxml".length)), wxs, {
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!js.includes("$gwx")) throw new Error("wcc produced no $gwx");
  return `${wxml.length} WXML, ${wxs.length} WXS files`;
}

/** wcsc over all WXSS files: throws with wcsc's message on an error. */
export function compileWxss(dist) {
  const wxss = list(dist, ".wxss");
  const wcsc = miniRequire("miniprogram-compiler/src/wcsc");
  // wcsc returns (not throws) its Error.
  const out = wcsc(dist, wxss.map((f) => f.slice(0, -".wxss".length)), {
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out instanceof Error) throw out;
  // Files only @import-ed by others (app-origin, common) land in the shared `comm` part.
  if (!out.comm) throw new Error("wcsc produced no output");
  return `${wxss.length} WXSS files`;
}
