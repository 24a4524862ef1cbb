// Renders every page of app.json (main package and subpackages) in the simulator, then runs the
// WeChat-only paths against the recording `wx`. Usage: node scripts/weapp/pages.mjs <dist>
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { byText, fire, install, pagesOf, settle, textOf, titleOf, until } from "./simulator.mjs";
import * as fx from "./fixtures.mjs";
import { reporter } from "./report.mjs";

const dist = resolve(process.argv[2]);
const { check, results } = reporter("weapp");
const sim = install(dist);
const { wx } = sim;

/** A fresh phone: empty storage and call log, the given user signed in, the API answering. */
function fresh(user = fx.me) {
  wx.reset();
  sim.errors.length = 0;
  if (user) wx.state.storage.set(fx.SESSION_KEY, fx.storedSession(user));
  wx.state.routes = fx.routes();
}

function assertNoErrors(what) {
  if (sim.errors.length) throw new Error(`${what} raised:\n${sim.errors.join("\n")}`);
}

function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

async function withPage(path, query, fn) {
  const page = sim.open(path, query);
  try {
    return await fn(page);
  } finally {
    page.detach();
  }
}

for (const { path, pkg } of pagesOf(dist)) {
  await check(
    `renders ${path} (${pkg === "main" ? "main package" : `subpackage ${pkg}`})`,
    async () => {
      fresh();
      return await withPage(path, {}, async (page) => {
        const title = titleOf(dist, path);
        if (!title) throw new Error("no navigationBarTitleText: WeChat's bar would be empty");
        let text = "";
        try {
          text = await settle(page, { failed: () => sim.errors.length > 0 });
        } finally {
          // A page that threw shows nothing: its error says more than the time-out.
          assertNoErrors(`rendering ${path}`);
        }
        for (const want of fx.keyText[path] ?? []) {
          if (!text.includes(want)) throw new Error(`does not show “${want}”; it shows: ${text}`);
        }
        const unanswered = wx.state.requests.filter((r) =>
          !wx.state.routes[`${r.method} ${r.path}`]
        );
        return `「${title}」 ${text.length} chars${
          unanswered.length
            ? `; unanswered: ${unanswered.map((r) => `${r.method} ${r.path}`).join(", ")}`
            : ""
        }`;
      });
    },
  );
}

await check(
  "授权: getPhoneNumber → wx.login → POST /api/auth/wechat, then 授权关联用户信息",
  async () => {
    fresh(null);
    wx.state.routes["POST /auth/wechat"] = (req) => ({
      status: 200,
      body: {
        accessToken: "new-access",
        refreshToken: "new-refresh",
        expiresIn: 3600,
        user: fx.unverified,
        req,
      },
    });
    await withPage("pages/auth/index", {}, async (page) => {
      await settle(page);
      fire(sim.exparser, byText(page, "授权手机号"), "getphonenumber", {
        errMsg: "getPhoneNumber:ok",
        code: "phone-code-7",
      });
      await until(() => wx.calls("redirectTo").length, "the redirect after sign-in");
      const [login] = wx.calls("login");
      if (!login) throw new Error("wx.login was not called");
      const posts = wx.state.requests.filter((r) => r.path === "/auth/wechat");
      assertEqual(posts.map((r) => [r.method, r.url.split("/functions/")[0]]), [[
        "POST",
        "https://qunfang.example.cn",
      ]], "requests");
      assertEqual(
        posts[0].data,
        { loginCode: "login-code-1", phoneCode: "phone-code-7" },
        "the body of POST /api/auth/wechat",
      );
      const stored = JSON.parse(wx.state.storage.get(fx.SESSION_KEY) ?? "null");
      assertEqual(stored?.accessToken, "new-access", "the stored session's access token");
      assertEqual(wx.calls("redirectTo").map((o) => o.url), [
        `/pages/identity-link/index?name=${encodeURIComponent("王*明")}`,
      ], "redirectTo");
      assertNoErrors("signing in");
    });
  },
);

await check("授权: a refused phone number sends nothing and says why", async () => {
  fresh(null);
  await withPage("pages/auth/index", {}, async (page) => {
    await settle(page);
    fire(sim.exparser, byText(page, "授权手机号"), "getphonenumber", {
      errMsg: "getPhoneNumber:fail user deny",
    });
    await until(() => wx.calls("showToast").length, "a toast");
    assertEqual(
      wx.calls("showToast").map((o) => o.title),
      ["您已拒绝授权手机号，无法完成身份认证"],
      "toast",
    );
    assertEqual(wx.state.requests.length + wx.calls("login").length, 0, "requests and logins");
    assertNoErrors("refusing");
  });
});

await check(
  "首页 扫一扫: scanCode → POST /api/scan → 确认加入 → POST /api/companies/join → 首页",
  async () => {
    fresh({ ...fx.me, company: null, tiles: [{ key: "scan", title: "扫一扫" }] });
    wx.state.routes["GET /me"] = {
      ...fx.me,
      company: null,
      tiles: [{ key: "scan", title: "扫一扫" }],
    };
    const code = "https://qunfang.example.cn/q/company/AbCdEfGhIjKlMnOpQrSt";
    wx.state.scan = code;
    wx.state.routes["POST /scan"] = {
      kind: "company",
      actions: ["join"],
      preview: { companyId: fx.company.id, companyName: fx.company.name },
    };
    wx.state.routes["POST /companies/join"] = fx.me;
    wx.state.modal = () => true;
    await withPage("pages/index/index", {}, async (page) => {
      await until(() => textOf(page).includes("扫一扫"), "the 扫一扫 tile");
      fire(sim.exparser, byText(page, "扫一扫"), "tap");
      await until(() => wx.calls("reLaunch").length, "the return to 首页", 8000);
      assertEqual(wx.calls("scanCode").length, 1, "scanCode calls");
      const sent = wx.state.requests.filter((r) => r.method === "POST").map((
        r,
      ) => [r.path, r.data]);
      assertEqual(sent, [["/scan", { code }], ["/companies/join", {
        token: code,
        hasGuardCertificate: true,
      }]], "POSTs");
      assertEqual(wx.calls("showModal").map((o) => o.content), [
        `您确认加入${fx.company.name}吗?`,
        "是否有保安证?",
      ], "modals");
      assertEqual(wx.calls("showToast").map((o) => o.title), ["加入成功"], "toasts");
      assertEqual(wx.calls("reLaunch").map((o) => o.url), ["/pages/index/index"], "reLaunch");
      assertNoErrors("scanning");
    });
  },
);

await check(
  "单位码 保存到相册: QR downloaded, drawn on the 2d canvas with the name, saved to the album",
  async () => {
    fresh();
    await withPage("package-company/code/index", {}, async (page) => {
      await until(() => page.dom.querySelector("wx-image"), "the QR image");
      const qr = wx.calls("downloadFile");
      assertEqual(qr.map((o) => [o.url.replace(/^https:\/\/[^/]+/, ""), o.header?.Authorization]), [
        [`/functions/v1/api/companies/${fx.company.id}/code.png`, "Bearer access-token"],
      ], "downloads");
      await settle(page);
      fire(sim.exparser, byText(page, "保存到相册"), "tap");
      await until(() => wx.calls("showToast").length, "a toast", 5000);
      const canvas = wx.state.canvases.get("company-code-canvas");
      if (!canvas) {
        throw new Error("the page has no <canvas id=company-code-canvas> for the picture");
      }
      const drawn = canvas.ops.filter(([op]) => op === "drawImage" || op === "fillText");
      if (!drawn.some(([op, img]) => op === "drawImage" && /download-\d+\.png$/.test(img?.image))) {
        throw new Error(`the downloaded QR was not drawn: ${JSON.stringify(drawn)}`);
      }
      const text = drawn.filter(([op]) => op === "fillText").map(([, t]) => t).join("");
      assertEqual(text, fx.company.name, "the name drawn under the QR");
      const [exported] = wx.calls("canvasToTempFilePath");
      if (exported?.canvas !== canvas) {
        throw new Error("canvasToTempFilePath was not given the page's canvas");
      }
      const saved = wx.calls("saveImageToPhotosAlbum").map((o) => o.filePath);
      assertEqual(saved.length, 1, "saveImageToPhotosAlbum calls");
      if (!/^http:\/\/tmp\/canvas-\d+\.png$/.test(saved[0])) {
        throw new Error(`saved ${saved[0]}, not the canvas export`);
      }
      assertEqual(wx.calls("showToast").map((o) => o.title), ["已保存到相册"], "toasts");
      assertNoErrors("saving");
    });
  },
);

// Issue 14: WeChat's screen reader reads aria-role / aria-label. Taro's template drops attributes
// it does not know (miniapp/config/aria-plugin.js adds them), and binds each under a short alias
// that Taro's runtime must compute the same way (miniapp/src/utils/aria-weapp.ts). So: the built
// template binds them on every view / text / image … tag that has attributes of its own, and on
// the converted pages the data Taro sends carries them under the template's alias, on every control.
const base = readFileSync(join(dist, "base.wxml"), "utf8");

await check("a11y: the built WXML template binds aria-role and aria-label", () => {
  const tags = [...base.matchAll(/<(view|text|image|input|textarea|button)\b([^>]*)>/g)]
    // pure-view and click-view (only style, class and a tap): Taro's variants for views without
    // attributes of their own; a view with aria-role is rendered by the full template.
    .filter(([, , attrs]) => /\s(?!style=|class=|id=|data-sid=|bind|catch)[a-z-]+="/.test(attrs));
  const bare = tags.filter(([tag]) => !/\baria-role="/.test(tag) || !/\baria-label="/.test(tag));
  if (tags.length === 0) throw new Error("base.wxml has no view / text / image tags");
  if (bare.length) {
    throw new Error(
      `${bare.length} of ${tags.length} tags without aria-role / aria-label, e.g. ${
        bare[0][0].slice(0, 160)
      }`,
    );
  }
  return `${tags.length} tags`;
});

/** For each template (by Taro's node-name number): alias → aria attribute. */
const ariaAliases = new Map();
for (
  const [, nn, body] of base.matchAll(
    /<template name="tmpl_0_([a-z0-9-]+?)(?:_focus|_blur)?">([\s\S]*?)<\/template>/g,
  )
) {
  const attrs = ariaAliases.get(nn) ?? {};
  for (const [, name, alias] of body.matchAll(/\b(aria-[a-z]+)="\{\{i\.(\w+)\|\|''\}\}"/g)) {
    attrs[alias] = name;
  }
  ariaAliases.set(nn, attrs);
}

/** The controls in the data Taro sent for a page: [aria-role, aria-label or text], as WeChat reads them. */
function controlsOf(page) {
  const controls = [], unbound = [];
  const textIn = (node) => (node.v ?? "") + (node.cn ?? []).map(textIn).join("");
  const walk = (node) => {
    if (node.ariaRole !== undefined || node.ariaLabel !== undefined) unbound.push(textIn(node));
    const aliases = ariaAliases.get(String(node.nn)) ?? {};
    const aria = {};
    for (const [alias, name] of Object.entries(aliases)) {
      if (node[alias] !== undefined) aria[name] = node[alias];
    }
    if (aria["aria-role"]) {
      controls.push([aria["aria-role"], String(aria["aria-label"] || textIn(node)).trim()]);
    } else if (aria["aria-label"]) controls.push(["", aria["aria-label"]]);
    for (const child of node.cn ?? []) walk(child);
  };
  walk(page.instance.data.root);
  if (unbound.length) {
    throw new Error(
      `aria attributes sent unaliased (the template reads another name): ${unbound.slice(0, 3)}`,
    );
  }
  return controls;
}

await check(
  "a11y: 首页's tiles, 长辈模式 and 退出登录 are named controls for WeChat's screen reader",
  async () => {
    fresh();
    await withPage("pages/index/index", {}, async (page) => {
      await until(() => textOf(page).includes("退出登录"), "the signed-in home");
      await settle(page);
      const controls = controlsOf(page);
      const buttons = controls.filter(([role]) => role === "button").map(([, name]) => name);
      for (const tile of fx.me.tiles) {
        if (!buttons.some((name) => name.includes(tile.title))) {
          throw new Error(`tile ${tile.title} is no named button: ${JSON.stringify(controls)}`);
        }
      }
      if (!buttons.includes("退出登录")) {
        throw new Error(`no 退出登录 button: ${JSON.stringify(controls)}`);
      }
      if (!controls.some(([role, name]) => role === "checkbox" && name.includes("长辈模式"))) {
        throw new Error(`no 长辈模式 switch: ${JSON.stringify(controls)}`);
      }
      if (!controls.some(([role]) => role === "heading")) {
        throw new Error("the page has no heading");
      }
      return `${controls.length} controls`;
    });
  },
);

await check("a11y: 申报保安单位's rows are named buttons, its fields labelled", async () => {
  fresh();
  await withPage("package-company/declare/index", {}, async (page) => {
    await settle(page);
    const controls = controlsOf(page);
    for (const want of ["选择单位", "管理部门"]) {
      if (!controls.some(([role, name]) => role === "button" && name.startsWith(want))) {
        throw new Error(`${want} is no named button: ${JSON.stringify(controls)}`);
      }
    }
    for (const want of ["经营地址", "联系电话"]) {
      if (!controls.some(([, name]) => name === want)) {
        throw new Error(`no field labelled ${want}: ${JSON.stringify(controls)}`);
      }
    }
    return `${controls.length} controls`;
  });
});

// Issue 14: text follows WeChat's own font size (小程序适老化设计指南). Every page's WXML starts
// with a page-meta whose root-font-size is bound to the page's data (Taro's enablePageMeta: the
// <PageMeta> of components/page-frame), and every length of the built WXSS is in rem of that root
// (miniapp/config/index.ts: pxtransform to rem): rpx would follow the screen's width only.

/** A page's WXML: its page-meta's root-font-size binding (the data key under `pageMeta`), or why not. */
function pageMetaOf(path) {
  const wxml = readFileSync(join(dist, `${path}.wxml`), "utf8");
  // Only imports and WXS modules may come before it: page-meta must be the page's first node.
  const body = wxml.replace(/<import\b[^>]*\/>|<wxs\b[^>]*\/>|<wxs\b[^>]*>[\s\S]*?<\/wxs>/g, "")
    .trim();
  if (!body.startsWith("<page-meta")) {
    throw new Error(`${path}.wxml does not start with <page-meta>: ${body.slice(0, 80)}`);
  }
  const bound = /^<page-meta\b[^>]*\sroot-font-size="\{\{pageMeta\.(\w+)(?:\|\|'')?\}\}"/.exec(
    body,
  );
  if (!bound) {
    throw new Error(`${path}.wxml: page-meta's root-font-size is not bound to the page's data`);
  }
  // WeChat's bar keeps the page's own title: no navigation-bar bound to data no page sets.
  if (/<navigation-bar\b/.test(wxml)) {
    throw new Error(`${path}.wxml has a navigation-bar (it would blank the title)`);
  }
  return bound[1];
}

await check("a11y: every page's WXML starts with page-meta, its root-font-size bound", () => {
  // Every page is looked at; one missing from the build is the render check's to report.
  const pages = pagesOf(dist).filter(({ path }) => existsSync(join(dist, `${path}.wxml`)));
  const problems = [];
  for (const { path } of pages) {
    try {
      pageMetaOf(path);
    } catch (e) {
      problems.push(e.message);
    }
  }
  if (problems.length) throw new Error(problems.join("\n"));
  return `${pages.length} pages`;
});

/** Every WXSS file of the build (app, pages, components, subpackages). */
function wxssFiles(dir = dist) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === "miniprogram_npm" ? [] : wxssFiles(join(dir, e.name))
      : e.name.endsWith(".wxss")
      ? [join(dir, e.name)]
      : []
  );
}

await check("a11y: the built WXSS sizes text in rem, never rpx or px", () => {
  const files = wxssFiles();
  let fonts = 0, lengths = 0;
  const bad = [];
  for (const file of files) {
    const css = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(
      /url\([^)]*\)/g,
      "url()",
    );
    for (const [, prop, value] of css.matchAll(/([a-z-]+)\s*:\s*([^;{}]+)/g)) {
      // 0px is no size (autoprefixer writes `-ms-flex: 1 1 0px`).
      const fixed = (value.match(/-?\d*\.?\d+(rpx|px)\b/g) ?? []).filter((l) =>
        parseFloat(l) !== 0
      );
      if (/^(font-size|line-height|font)$/.test(prop)) {
        fonts++;
        if (fixed.length) bad.push(`${file.slice(dist.length + 1)}: ${prop}: ${value.trim()}`);
      } else if (fixed.length) bad.push(`${file.slice(dist.length + 1)}: ${prop}: ${value.trim()}`);
      else if (/\drem\b/.test(value)) lengths++;
    }
  }
  if (fonts === 0) throw new Error("no font-size in the built WXSS");
  if (bad.length) {
    throw new Error(`${bad.length} sizes in rpx / px, e.g.\n${bad.slice(0, 8).join("\n")}`);
  }
  return `${files.length} files, ${fonts} font sizes and ${lengths} other lengths in rem`;
});

/** The root font size a rendered page asked WeChat for (its page-meta's data). */
async function rootFontSizeOf(path, { fontScale = 1, elder } = {}) {
  fresh();
  wx.state.fontScale = fontScale;
  if (elder !== undefined) wx.state.storage.set("qunfang.elder", elder ? "on" : "off");
  const key = pageMetaOf(path);
  return await withPage(path, {}, async (page) => {
    await settle(page);
    assertNoErrors(`rendering ${path}`);
    return page.instance.data.pageMeta?.[key];
  });
}

await check(
  "a11y: the root font size follows WeChat's font size, and 长辈模式 raises it",
  async () => {
    const seen = [];
    for (
      const path of ["pages/index/index", "package-tips/form/index", "package-zones/records/index"]
    ) {
      // 标准: 16 px, the size the pages were designed at (16 design px = 1rem).
      assertEqual(
        await rootFontSizeOf(path, { fontScale: 1, elder: false }),
        "16px",
        `${path} at 标准`,
      );
      // WeChat's 关怀模式 (23.8 px where 标准 is 17): 1.4 × 16 px; 长辈模式 comes on by itself.
      assertEqual(await rootFontSizeOf(path, { fontScale: 1.4 }), "22.4px", `${path} at 关怀模式`);
      // 长辈模式 chosen at 标准: at least 18.4 px, as H5's max(125%, 23px) root gives body text.
      assertEqual(
        await rootFontSizeOf(path, { fontScale: 1, elder: true }),
        "18.4px",
        `${path} in 长辈模式`,
      );
      seen.push(path);
    }
    return seen.join(", ");
  },
);

const failed = results.filter((r) => !r.ok).length;
process.exit(failed ? 1 : 0);
