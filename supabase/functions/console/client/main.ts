/// <reference lib="dom" />
// The police console (issue 10): a hash-routed single page. Signed out, only 扫码登录; signed
// in, the navigation of the pages in the officer's words, each page a function that renders
// into <main> and tells by isCurrent() whether the user has moved on meanwhile.
import { errorText, post, saveSession, session, whenSignedOut } from "./api.ts";
import { disposeCharts } from "./charts.ts";
import { clear, focusHeading, h } from "./dom.ts";
import { auditPage } from "./pages/audit.ts";
import { companiesPage, staffPage } from "./pages/companies.ts";
import { loginPage } from "./pages/login.ts";
import { overviewPage } from "./pages/overview.ts";
import { recordsPage } from "./pages/records.ts";
import { reviewsPage } from "./pages/reviews.ts";
import { tipPage, tipsPage } from "./pages/tips.ts";
import { zonesPage } from "./pages/zones.ts";

const NAV: [string, string][] = [
  ["#/overview", "总览"],
  ["#/reviews", "审核队列"],
  ["#/tips", "线索"],
  ["#/companies", "单位与人员"],
  ["#/zones", "巡区"],
  ["#/attendance", "到岗记录"],
  ["#/audit", "审计日志"],
];

const app = document.getElementById("app")!;
let generation = 0;
let cleanup: (() => void) | null = null;
let signedOutNotice = "";

whenSignedOut((message) => {
  signedOutNotice = message;
  location.hash = "#/login";
});

function shell(main: HTMLElement, route: string) {
  const s = session();
  const who = s?.user.identity.name ?? "民警";
  const logout = h(
    "button",
    { type: "button", className: "link-button" },
    "退出登录",
  );
  logout.addEventListener("click", async () => {
    try {
      await post("/auth/logout");
    } catch (e) {
      console.warn(errorText(e));
    }
    saveSession(null);
    location.hash = "#/login";
  });
  clear(
    app,
    h("a", { className: "skip", href: "#main" }, "跳到主要内容"),
    h(
      "header",
      { className: "top" },
      h("span", { className: "brand" }, "常州群防群治 · 民警控制台"),
      h(
        "span",
        { className: "who" },
        `${who}（${s?.user.phoneMasked ?? ""}）`,
        logout,
      ),
    ),
    h(
      "div",
      { className: "layout" },
      h(
        "nav",
        { "aria-label": "控制台导航" },
        h(
          "ul",
          {},
          NAV.map(([href, label]) =>
            h(
              "li",
              {},
              h("a", {
                href,
                "aria-current": route.startsWith(href) ? "page" : null,
              }, label),
            )
          ),
        ),
      ),
      main,
    ),
  );
}

function render() {
  const gen = ++generation;
  const isCurrent = () => gen === generation;
  cleanup?.();
  cleanup = null;
  disposeCharts();
  const route = location.hash || "#/overview";
  if (!session() || route === "#/login") {
    if (session() && route === "#/login") {
      location.hash = "#/overview";
      return;
    }
    const main = h("main", { id: "main", className: "main main--login" });
    clear(
      app,
      h(
        "header",
        { className: "top" },
        h("span", { className: "brand" }, "常州群防群治 · 民警控制台"),
      ),
      main,
    );
    cleanup = loginPage(main, isCurrent, signedOutNotice || undefined);
    signedOutNotice = "";
    focusHeading(main);
    return;
  }
  const main = h("main", { id: "main", className: "main" });
  shell(main, route);
  const [path, query] = route.slice(1).split("?");
  const parts = path.split("/").filter(Boolean);
  const params = new URLSearchParams(query ?? "");
  switch (parts[0]) {
    case "overview":
      document.title = "总览 · 民警控制台";
      void overviewPage(main, isCurrent);
      break;
    case "reviews":
      document.title = "审核队列 · 民警控制台";
      reviewsPage(main);
      break;
    case "tips":
      document.title = "线索 · 民警控制台";
      if (parts[1]) void tipPage(main, parts[1], isCurrent);
      else tipsPage(main);
      break;
    case "companies":
      document.title = "单位与人员 · 民警控制台";
      if (parts[1]) staffPage(main, parts[1], params.get("name") ?? "");
      else companiesPage(main);
      break;
    case "zones":
      document.title = "巡区 · 民警控制台";
      zonesPage(main, isCurrent);
      break;
    case "attendance":
      document.title = "到岗记录 · 民警控制台";
      recordsPage(main);
      break;
    case "audit":
      document.title = "审计日志 · 民警控制台";
      auditPage(main);
      break;
    default:
      location.hash = "#/overview";
      return;
  }
  focusHeading(main);
}

addEventListener("hashchange", () => render());
render();
