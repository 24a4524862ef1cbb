// 长辈模式 (issue 14, SPEC §7) in the H5 build at 375×667: a verified user switches it on from the
// home page, and walks home → 扫一扫 → a form (申报保安单位 through 更多功能 → 单位申报). On every
// page: body text at least 18 px, every control at least 44 × 44 px, and no two texts overlap
// (the boxes of the text itself, as laid out). The same walk again with the browser's text size at
// 200 % (Chromium's default font size, as a reader sets it): the pages grow with it and still
// nothing overlaps. Screenshots of each step are attached (test-results/…/elder-*.png).
import type { Browser, CDPSession, Page, TestInfo } from "@playwright/test";
import { expect, randomName, randomPhone, registerVerifiedUser, test } from "./support.ts";

const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).locator("visible=true");
const textbox = (page: Page, name: string) => page.getByRole("textbox", { name }).locator("visible=true");
const testId = (page: Page, id: string) => page.getByTestId(id).locator("visible=true");

type Layout = {
  smallText: string[];
  smallTargets: string[];
  overlaps: string[];
  rootPx: number;
  bodyPx: number;
};

/** What the current page lays out: texts under the minimum, targets under 44 px, overlapping texts. */
async function layoutOf(page: Page, minText: number): Promise<Layout> {
  return await page.evaluate((min) => {
    const shown = (e: Element) => {
      const r = e.getBoundingClientRect();
      // Nothing to see: empty, or visually hidden for screen readers only (.sr-only, 1 × 1 px).
      if (r.width <= 1 || r.height <= 1) return false;
      for (let x: Element | null = e; x; x = x.parentElement) {
        const s = getComputedStyle(x);
        if (s.display === "none" || s.visibility === "hidden" || s.opacity === "0") return false;
        if (x.getAttribute("aria-hidden") === "true") return false;
      }
      return true;
    };
    const name = (e: Element) => (e.textContent ?? "").trim().slice(0, 20) || e.getAttribute("aria-label") || e.tagName;
    // The page on screen: Taro H5 keeps earlier pages in the DOM, hidden.
    const root = [...document.querySelectorAll(".taro_page")].find(shown) ?? document.body;

    const texts: { node: Text; rect: DOMRect; el: Element }[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n as Text;
      if (!t.data.trim() || !t.parentElement || !shown(t.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      for (const rect of range.getClientRects()) {
        if (rect.width > 0 && rect.height > 0) texts.push({ node: t, rect, el: t.parentElement });
      }
    }
    const smallText = [...new Set(texts.filter((t) => parseFloat(getComputedStyle(t.el).fontSize) < min - 0.01)
      .map((t) => `${t.node.data.trim().slice(0, 16)} (${getComputedStyle(t.el).fontSize})`))];

    const controls = [...root.querySelectorAll('[role="button"],[role="checkbox"],[role="tab"],[role="link"],input:not([type="file"]),textarea,button')]
      .filter(shown);
    const smallTargets = controls.map((c) => ({ c, r: c.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 - 0.5 || r.width < 44 - 0.5)
      .map(({ c, r }) => `${name(c)} (${Math.round(r.width)}×${Math.round(r.height)})`);

    const overlaps: string[] = [];
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].rect, b = texts[j].rect;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        // A pixel of anti-aliasing between neighbouring lines is no overlap.
        if (w > 1 && h > 1) overlaps.push(`「${texts[i].node.data.trim().slice(0, 12)}」×「${texts[j].node.data.trim().slice(0, 12)}」`);
      }
    }
    return {
      smallText,
      smallTargets: [...new Set(smallTargets)],
      overlaps,
      rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
      bodyPx: parseFloat(getComputedStyle(root).fontSize),
    };
  }, minText);
}

async function expectLarge(page: Page, info: TestInfo, step: string) {
  await page.waitForTimeout(600); // the page's slide-in animation
  const file = info.outputPath(`${step}.png`);
  await page.screenshot({ path: file, animations: "disabled" });
  await info.attach(step, { path: file, contentType: "image/png" });
  const layout = await layoutOf(page, 18);
  expect(layout.bodyPx, `${step}: body text`).toBeGreaterThanOrEqual(18);
  expect(layout.smallText, `${step}: texts under 18 px`).toEqual([]);
  expect(layout.smallTargets, `${step}: controls under 44 × 44 px`).toEqual([]);
  expect(layout.overlaps, `${step}: overlapping texts`).toEqual([]);
  return layout;
}

async function phone(browser: Browser, info: TestInfo, textScale: number): Promise<{ page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({
    baseURL: info.project.use.baseURL,
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // The browser's own text size (Chromium's "font size" setting): 16 px is 100 %.
  await cdp.send("Page.setFontSizes", { fontSizes: { standard: 16 * textScale, fixed: 13 * textScale } });
  return { page, cdp };
}

async function walk(browser: Browser, info: TestInfo, textScale: number) {
  const number = randomPhone();
  await registerVerifiedUser(info.project.use.baseURL!, number, randomName());
  const { page } = await phone(browser, info, textScale);
  const tag = textScale === 1 ? "elder" : `elder-${textScale * 100}pct`;

  await page.goto("/");
  await button(page, "去授权").click();
  await textbox(page, "手机号").fill(number);
  await button(page, "获取手机号并登录").click();
  await expect(testId(page, "tile-scan")).toBeVisible();

  // The switch is a real switch, named, and remembered across a reload.
  const toggle = page.getByRole("checkbox", { name: /长辈模式/ }).locator("visible=true");
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /长辈模式/ }).locator("visible=true")).toHaveAttribute("aria-checked", "true");

  // Home: only the daily actions (扫一扫, 线索举报 for a user without a company), the rest behind 更多功能.
  await expect(testId(page, "tile-scan")).toBeVisible();
  await expect(testId(page, "tile-tips")).toBeVisible();
  await expect(testId(page, "tile-declare")).toHaveCount(0);
  const home = await expectLarge(page, info, `${tag}-home`);
  // The root: 125 % of the reader's size, at least 23 px in 长辈模式 (body text 18.4 px).
  expect(home.rootPx).toBeCloseTo(Math.max(20 * textScale, 23), 1);

  await testId(page, "tile-scan").click();
  await expect(page.getByRole("heading", { level: 1, name: "扫一扫" }).locator("visible=true")).toBeVisible();
  await expectLarge(page, info, `${tag}-scan`);

  await button(page, "返回").click();
  await button(page, "更多功能").click();
  await testId(page, "tile-declare").click();
  await expect(page.getByRole("heading", { level: 1, name: "申报保安单位" }).locator("visible=true")).toBeVisible();
  await textbox(page, "经营地址").fill("常州市新北区太湖东路9号");
  await textbox(page, "联系电话").fill("1390000");
  await button(page, "提交").click();
  await expect(page.locator(".field-error").locator("visible=true").first()).toBeVisible();
  await expectLarge(page, info, `${tag}-declare`);
  await page.context().close();
}

test("长辈模式: large text and targets from home through 扫一扫 to a form, nothing overlapping", async ({ browser }, info) => {
  await walk(browser, info, 1);
});

test("长辈模式 at 200 % text size: the pages grow with the reader's setting, nothing overlapping", async ({ browser }, info) => {
  await walk(browser, info, 2);
});
