// Renders every page of app.json (main package and subpackages) in the simulator, then runs the
// WeChat-only paths against the recording `wx`. Usage: node scripts/weapp/pages.mjs <dist>
import { resolve } from "node:path";
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

const failed = results.filter((r) => !r.ok).length;
process.exit(failed ? 1 : 0);
