// The accessibility watcher (issue 14): every spec takes `test` / `expect` from ./support.ts, whose
// `test` runs axe-core (WCAG 2.0 A/AA, 2.1 AA) on every page state a flow reaches — after each
// navigation, and whenever a dialog, a toast or a field error appears or goes — in every page of
// every browser context the test opens, and fails the test on any critical or serious violation,
// printing them. Nothing is mocked: axe reads the real H5 build in the real Chromium.
//
// A "page state" is the page's route plus the dialog on top of it (if any). Each state is checked
// once it has been still for STILL_MS (pages slide in; their data arrives a little later), and in
// any case before the test acts on it: every click, fill, press … of a Locator first checks the
// state it acts on, if this test has not checked it yet (a dialog answered at once is seen too). The
// counts per state go to test-results/<test>/axe.json (an attachment too), and
// `node e2e/axe-summary.mjs` adds them up per page for the issue's before/after table.
// AXE_REPORT_ONLY=1 counts without failing (used once, to measure main before the fixes).
import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, expect, type Page, test as base } from "@playwright/test";
import { AsyncResource } from "node:async_hooks";
import { writeFile } from "node:fs/promises";

const TAGS = ["wcag2a", "wcag2aa", "wcag21aa"];
const FAILING = new Set(["critical", "serious"]);
const STILL_MS = 700;
/**
 * Runs a check in the async context of this module's loading, not of the fixture step that set the
 * watcher up (that step is over when navigation events fire; Playwright would report its API calls
 * against a step it no longer knows).
 */
const outsideSteps = AsyncResource.bind(<T>(fn: () => T): T => fn());

type Finding = { rule: string; impact: string; help: string; nodes: number; targets: string[] };
type StateResult = { state: string; counts: Record<string, number>; findings: Finding[] };

/** In the page: tell the watcher when a dialog, a toast, an alert or a field error comes or goes. */
const OBSERVER = `(() => {
  const SEL = '[role="dialog"],[role="alertdialog"],[role="alert"],.taro-modal__content,.taro__toast,.field-error,.qf-toast';
  let last = '';
  const sig = () => {
    const els = [...document.querySelectorAll(SEL)].filter((e) => e.getClientRects().length > 0);
    return location.hash + '|' + els.map((e) => (e.getAttribute('role') || e.className) + ':' + (e.textContent || '').slice(0, 40)).join('|');
  };
  const tell = () => {
    const now = sig();
    if (now === last) return;
    last = now;
    if (typeof window.__axeChanged === 'function') window.__axeChanged();
  };
  const start = () => new MutationObserver(tell).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'style', 'hidden'] });
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})()`;

/** The route of the page and the dialog on top of it, if any: what a "page state" is. */
function stateOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const route = location.hash.replace(/^#/, "").split("?")[0] || "/";
    const shown = (e: Element) => e.getClientRects().length > 0;
    const dialog = [...document.querySelectorAll('[role="dialog"],[role="alertdialog"],.taro-modal__content')]
      .find(shown);
    if (!dialog) return route;
    const label = dialog.getAttribute("aria-labelledby");
    const title = (label && document.getElementById(label)?.textContent) ||
      dialog.querySelector(".taro-modal__title")?.textContent || dialog.getAttribute("aria-label") ||
      dialog.textContent || "";
    return `${route} + 对话框「${title.trim().slice(0, 16)}」`;
  });
}

/** The watcher of the running test (one test at a time per worker). */
let current: Watcher | null = null;
const ACTIONS = ["click", "dblclick", "tap", "fill", "press", "pressSequentially", "type", "check", "uncheck", "setInputFiles", "selectOption"];
let patched = false;
/** Every action of a Locator checks the state it acts on first (see beforeAction). */
function patchLocator(page: Page) {
  if (patched) return;
  patched = true;
  const proto = Object.getPrototypeOf(page.locator("html")) as Record<string, unknown>;
  for (const name of ACTIONS) {
    const original = proto[name];
    if (typeof original !== "function") continue;
    proto[name] = async function (this: { page(): Page }, ...args: unknown[]) {
      await current?.beforeAction(this.page());
      return await original.apply(this, args);
    };
  }
}

class Watcher {
  readonly results = new Map<string, StateResult>();
  private chains = new Map<Page, { timer?: ReturnType<typeof setTimeout>; run: Promise<void> }>();
  private watched = new WeakSet<BrowserContext>();
  /** After the test: no more checks (Playwright's API must not be called outside the test). */
  private stopped = false;
  /** States checked in this test (whatever their findings). */
  private checked = new Set<string>();

  async watchContext(context: BrowserContext) {
    if (this.watched.has(context)) return;
    this.watched.add(context);
    await context.exposeBinding("__axeChanged", ({ page }) => this.schedule(page));
    await context.addInitScript(OBSERVER);
    context.on("page", (page) => this.watchPage(page));
    for (const page of context.pages()) this.watchPage(page);
  }

  private watchPage(page: Page) {
    if (this.chains.has(page)) return;
    patchLocator(page);
    this.chains.set(page, { run: Promise.resolve() });
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) this.schedule(page);
    });
    page.on("close", () => {
      const c = this.chains.get(page);
      if (c?.timer) clearTimeout(c.timer);
    });
  }

  private schedule(page: Page) {
    const c = this.chains.get(page);
    if (!c || page.isClosed() || this.stopped) return;
    if (c.timer) clearTimeout(c.timer);
    c.timer = setTimeout(() => {
      c.timer = undefined;
      c.run = c.run.then(() => outsideSteps(() => this.check(page)));
    }, STILL_MS);
  }

  /** Before a test's action on `page`: checks its state now unless this test checked it already. */
  async beforeAction(page: Page) {
    const c = this.chains.get(page);
    if (!c || page.isClosed() || this.stopped) return;
    let state: string;
    try {
      state = await stateOf(page);
    } catch {
      return;
    }
    if (this.checked.has(state)) return;
    c.run = c.run.then(() => this.check(page));
    await c.run;
  }

  private async check(page: Page, last = false) {
    if (page.isClosed() || (this.stopped && !last)) return;
    let state: string;
    let results;
    const stateNow = () => stateOf(page);
    try {
      state = await stateNow();
      results = await new AxeBuilder({ page }).setLegacyMode(true).withTags(TAGS).analyze();
      // The page moved on while axe ran: what it saw belongs to no one state; look again.
      if ((await stateNow()) !== state) return last ? undefined : this.schedule(page);
    } catch {
      return; // the page closed or navigated while axe ran: its next state is checked instead
    }
    const counts: Record<string, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
    const findings: Finding[] = [];
    for (const v of results.violations) {
      const impact = v.impact ?? "minor";
      counts[impact] = (counts[impact] ?? 0) + 1;
      findings.push({
        rule: v.id,
        impact,
        help: v.help,
        nodes: v.nodes.length,
        targets: v.nodes.slice(0, 6).map((n) =>
          `${n.target.join(" ")}${n.failureSummary ? ` — ${n.failureSummary.split("\n").slice(1, 2).join("").trim()}` : ""}`
        ),
      });
    }
    // One entry per state: the worst sighting of it in this test.
    const before = this.results.get(state);
    const total = (r: StateResult) => Object.values(r.counts).reduce((a, b) => a + b, 0);
    this.checked.add(state);
    const now = { state, counts, findings };
    if (!before || total(now) > total(before)) this.results.set(state, now);
  }

  /** Stops watching; checks what every open page shows now, after the pending checks ran. */
  async settle(contexts: BrowserContext[]) {
    this.stopped = true;
    for (const [page, c] of this.chains) {
      if (c.timer) clearTimeout(c.timer);
      c.timer = undefined;
      const open = contexts.some((context) => context.pages().includes(page));
      c.run = c.run.then(() => (open ? this.check(page, true) : undefined));
      await c.run;
    }
  }
}

export const test = base.extend<{ axeWatch: void }>({
  axeWatch: [async ({ browser, context }, use, info) => {
    const watcher = new Watcher();
    current = watcher;
    const contexts: BrowserContext[] = [context];
    await watcher.watchContext(context);
    // Flows open a second phone with browser.newContext(): watch those too.
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (options) => {
      const created = await newContext(options);
      contexts.push(created);
      await watcher.watchContext(created);
      return created;
    };
    try {
      await use();
    } finally {
      browser.newContext = newContext;
    }
    current = null;
    await watcher.settle(contexts);
    const states = [...watcher.results.values()].sort((a, b) => a.state.localeCompare(b.state));
    const file = info.outputPath("axe.json");
    await writeFile(file, JSON.stringify({ test: info.title, states }, null, 2));
    await info.attach("axe", { path: file, contentType: "application/json" });
    const failing = states.flatMap((s) =>
      s.findings.filter((f) => FAILING.has(f.impact)).map((f) => ({ state: s.state, ...f }))
    );
    if (failing.length && process.env.AXE_REPORT_ONLY !== "1") {
      const lines = failing.map((f) =>
        `[${f.impact}] ${f.state}: ${f.rule} (${f.help})\n    ${f.targets.join("\n    ")}`
      );
      throw new Error(`axe: ${failing.length} critical/serious violation(s)\n${lines.join("\n")}`);
    }
  }, { auto: true }],
});

export { expect };
