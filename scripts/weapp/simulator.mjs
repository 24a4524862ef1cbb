// The weapp build run the way WeChat runs it, in Node: WeChat's own component framework
// (miniprogram-simulate + j-component on miniprogram-exparser) in jsdom, templates compiled by
// WeChat's wcc, app.js with the Taro runtime and React, then each page of app.json rendered.
// Taro targets the real `Page` constructor and virtual hosts, which the simulator lacks; two
// shims bridge that (see `install`). Everything else is the build as it would be uploaded.
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createWx } from "./wx-stubs.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const miniRequire = createRequire(join(root, "miniapp/package.json"));

/** The pages of app.json, main package first, then every subpackage's. */
export function pagesOf(dist) {
  const app = JSON.parse(readFileSync(join(dist, "app.json"), "utf8"));
  const subs = app.subPackages ?? app.subpackages ?? [];
  return [
    ...app.pages.map((path) => ({ path, pkg: "main" })),
    ...subs.flatMap((s) =>
      s.pages.map((p) => ({ path: `${s.root.replace(/\/$/, "")}/${p}`, pkg: s.root }))
    ),
  ];
}

/** The title WeChat's navigation bar shows: the page's own, else the app window's. */
export function titleOf(dist, page) {
  const app = JSON.parse(readFileSync(join(dist, "app.json"), "utf8"));
  const json = JSON.parse(readFileSync(join(dist, `${page}.json`), "utf8"));
  return json.navigationBarTitleText ?? app.window?.navigationBarTitleText ?? "";
}

/**
 * Sets up jsdom, WeChat's globals (`wx`, `App`, `Page`, `Component`, `getApp`, `getCurrentPages`)
 * and runs app.js. Returns the helpers the checks use. One per process: Taro keeps global state.
 */
export function install(dist) {
  dist = resolve(dist);
  const { JSDOM } = miniRequire("jsdom");
  const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", {
    url: "https://servicewechat.com/",
    pretendToBeVisual: true,
  });
  globalThis.window = dom.window;
  for (const key of Object.getOwnPropertyNames(dom.window)) {
    if (!(key in globalThis)) {
      try {
        globalThis[key] = dom.window[key];
      } catch { /* read-only in Node: keep Node's */ }
    }
  }

  // Errors the page code raises anywhere (render, effects, promises): the current page owns them.
  const errors = [];
  const record = (kind) => (e) => {
    errors.push(`${kind}: ${e?.stack ?? e}`);
    process.stderr.write(`weapp simulator: ${kind}: ${e?.stack ?? e}\n`);
  };
  process.on("uncaughtException", record("uncaught"));
  process.on("unhandledRejection", record("unhandled rejection"));
  const consoleError = console.error;
  console.error = (...args) => {
    errors.push(`console.error: ${args.map((a) => a?.stack ?? String(a)).join(" ")}`);
    consoleError(...args);
  };

  const simulate = miniRequire("miniprogram-simulate");
  const exparser = createRequire(miniRequire.resolve("j-component"))("miniprogram-exparser");
  const wx = createWx(globalThis.wx);
  globalThis.wx = wx.api;

  // Shim 1: Taro's recursive `comp` component asks for a virtual host; exparser in the simulator
  // renders a virtual host as an empty <virtual>, so the page would show nothing.
  const component = globalThis.Component;
  globalThis.Component = (def) => {
    if (def.options?.virtualHost) def.options = { ...def.options, virtualHost: false };
    return component(def);
  };
  // Shim 2: WeChat's `Page(config)` mapped onto `Component`: the page's functions become methods
  // (Taro calls them as `this.onReady` …) and the page lifecycle follows the component's.
  const stack = [];
  let current = null;
  globalThis.Page = (config) => {
    const methods = {};
    for (const [key, value] of Object.entries(config)) {
      if (typeof value === "function") methods[key] = value;
    }
    return component({
      data: config.data ?? {},
      methods,
      lifetimes: {
        attached() {
          const route = current;
          this.route = this.__route__ = route.path;
          this.options = route.query;
          stack.push(this);
          this.onLoad(route.query);
        },
        ready() {
          this.onShow();
          this.onReady();
        },
        detached() {
          this.onHide?.();
          this.onUnload();
          stack.splice(stack.indexOf(this), 1);
        },
      },
    });
  };
  let app = null;
  globalThis.App = (config) => {
    app = config;
  };
  globalThis.getApp = () => app;
  globalThis.getCurrentPages = () => [...stack];

  miniRequire(join(dist, "app.js"));
  if (!app) throw new Error("app.js did not call App()");
  app.onLaunch?.call(app, { path: "pages/index/index", query: {}, scene: 1001 });
  app.onShow?.call(app, { path: "pages/index/index", query: {}, scene: 1001 });

  const loaded = new Map();
  /** Loads one page of the build and attaches it, as WeChat opens a page. */
  function open(path, query = {}) {
    for (const ext of [".js", ".json", ".wxml"]) {
      if (!existsSync(join(dist, path + ext))) {
        throw new Error(`page ${path}: ${path + ext} is missing from the build`);
      }
    }
    current = { path, query };
    // A page's chunk runs once (webpack keeps its modules), so its Page() is registered once too.
    if (!loaded.has(path)) loaded.set(path, simulate.load(join(dist, path), { rootPath: dist }));
    const page = simulate.render(loaded.get(path));
    // In the document, as on the phone: selector queries (canvas nodes) look there.
    const host = document.body.appendChild(document.createElement("page-host"));
    page.attach(host);
    const detach = page.detach.bind(page);
    page.detach = () => {
      detach();
      host.remove();
    };
    return page;
  }

  return { open, wx, errors, exparser, simulate };
}

/** The text a page shows, as one string (whitespace collapsed). */
export const textOf = (page) => page.dom.textContent.replace(/\s+/g, " ").trim();

/** Waits until `ok()` holds, polling; throws with `what` after `ms`. */
export async function until(ok, what, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    if (ok()) return;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Waits until the page's text stops changing (and is not empty), so effects and requests settle;
 * returns early when `failed()` holds (the page threw: it will not settle).
 */
export async function settle(page, { ms = 10000, failed = () => false } = {}) {
  let last = null, same = 0;
  await until(
    () => {
      if (failed()) return true;
      const now = textOf(page);
      same = now && now === last ? same + 1 : 0;
      last = now;
      return same >= 5;
    },
    "the page to render and settle",
    ms,
  );
  return last;
}

/** The element that shows `text` (innermost), for taps. */
export function byText(page, text) {
  const all = [...page.dom.querySelectorAll("*")].filter((el) => el.textContent.includes(text));
  const hit = all.find((el) => ![...el.children].some((c) => c.textContent.includes(text)));
  if (!hit) throw new Error(`no element shows “${text}”; the page shows: ${textOf(page)}`);
  return hit;
}

/**
 * Fires a WeChat event (tap, getphonenumber …) on an element, as j-component's dispatchEvent
 * does: on the exparser node, so the template's bind handlers (Taro's `eh`) receive it.
 */
export function fire(exparser, el, name, detail = {}) {
  let node = el;
  while (node && !node.__wxElement) node = node.parentNode;
  if (!node) throw new Error(`no WeChat element under <${el.tagName}>`);
  exparser.Event.dispatchEvent(
    node.__wxElement,
    exparser.Event.create(name, detail, {
      originalEvent: new CustomEvent(name),
      bubbles: true,
      capturePhase: true,
      composed: true,
      extraFields: { touches: [], changedTouches: [] },
    }),
  );
}
