// 长辈模式 (issue 14, SPEC §7) in the H5 build at 375×667: a verified user switches it on from the
// home page, and walks home → 扫一扫 → a form (申报保安单位 through 更多功能 → 单位申报). On every
// page: body text at least 18 px, every control at least 44 × 44 px, and no two texts overlap
// (the boxes of the text itself, as laid out). The same walk again with the browser's text size at
// 200 % (Chromium's default font size, as a reader sets it): the pages grow with it and still
// nothing overlaps. Then, at 200 % text, every page a guard and a company admin reach: home, 扫一扫
// and its answer, 到岗记录, 线索举报 (须知, the form with an error, 提交成功), 我的举报, a tip's
// 线索详情, 人员名单, 巡区管理, a zone's 到岗记录 and 单位码: nothing overlaps and nothing is cut
// (a text outside a box that clips it, or off the screen; a text box lower than its text).
// Screenshots of each step are attached (test-results/…/elder-*.png).
import type { Browser, CDPSession, Page, TestInfo } from "@playwright/test";
import { expect, PNG_FACE, randomName, randomPhone, registerVerifiedUser, test } from "./support.ts";
import { approvedCompany, guardOf, zoneOf } from "./zones-setup";

const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).locator("visible=true");
const textbox = (page: Page, name: string) => page.getByRole("textbox", { name }).locator("visible=true");
const testId = (page: Page, id: string) => page.getByTestId(id).locator("visible=true");

type Layout = {
  smallText: string[];
  smallTargets: string[];
  overlaps: string[];
  cut: string[];
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
        if (s.clip === "rect(0px, 0px, 0px, 0px)") return false; // .sr-only: its text spills out of the 1 px box, clipped
        if (x.getAttribute("aria-hidden") === "true") return false;
      }
      return true;
    };
    const name = (e: Element) => (e.textContent ?? "").trim().slice(0, 20) || e.getAttribute("aria-label") || e.tagName;
    // The page on screen: Taro H5 keeps earlier pages in the DOM, hidden.
    const page = [...document.querySelectorAll(".taro_page")].find(shown) ?? document.body;
    // An open dialog or sheet covers the page: then it is what is on screen (the page behind is inert).
    const root = [...document.querySelectorAll('[role="dialog"]')].filter(shown).pop() ?? page;

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
    // Cut: a text outside a box that clips it (overflow hidden / clip, not a scroller), or off the
    // screen's sides; a text box (input, textarea) lower than a line of its text.
    const cut: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const t of texts) {
      const label = `「${t.node.data.trim().slice(0, 12)}」`;
      if (t.rect.left < -1 || t.rect.right > width + 1) {
        cut.push(`${label} off screen (${Math.round(t.rect.left)}–${Math.round(t.rect.right)} of ${width})`);
        continue;
      }
      for (let x: Element | null = t.el; x && x !== root.parentElement; x = x.parentElement) {
        const s = getComputedStyle(x);
        const clips = (v: string) => v === "hidden" || v === "clip";
        if (!clips(s.overflowX) && !clips(s.overflowY)) continue;
        const box = x.getBoundingClientRect();
        const outX = clips(s.overflowX) && (t.rect.left < box.left - 1 || t.rect.right > box.right + 1);
        const outY = clips(s.overflowY) && (t.rect.top < box.top - 1 || t.rect.bottom > box.bottom + 1);
        if (outX || outY) {
          cut.push(`${label} cut by ${x.className || x.tagName}`);
          break;
        }
      }
    }
    for (const field of root.querySelectorAll("input:not([type=file]),textarea")) {
      if (!shown(field)) continue;
      const s = getComputedStyle(field);
      const line = parseFloat(s.fontSize) * 1.15;
      if ((field as HTMLElement).clientHeight < line) {
        cut.push(`${field.getAttribute("placeholder") ?? field.tagName} lower (${(field as HTMLElement).clientHeight} px) than its text`);
      }
    }
    return {
      smallText,
      cut: [...new Set(cut)],
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
  // Soft: the walk goes on, so one run reports every page that breaks (the test still fails).
  expect.soft(layout.bodyPx, `${step}: body text`).toBeGreaterThanOrEqual(18);
  expect.soft(layout.smallText, `${step}: texts under 18 px`).toEqual([]);
  expect.soft(layout.smallTargets, `${step}: controls under 44 × 44 px`).toEqual([]);
  expect.soft(layout.overlaps, `${step}: overlapping texts`).toEqual([]);
  expect.soft(layout.cut, `${step}: cut texts`).toEqual([]);
  return layout;
}

async function phone(browser: Browser, info: TestInfo, textScale: number): Promise<{ page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({
    geolocation: { latitude: 31.8125, longitude: 119.9695 }, // near the zones of zones-setup.ts
    permissions: ["geolocation"],
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

/** Signs in through the pages (H5's development box for the phone number). */
async function signIn(page: Page, number: string) {
  await page.goto("/");
  await button(page, "去授权").click();
  await textbox(page, "手机号").fill(number);
  await button(page, "获取手机号并登录").click();
  await expect(testId(page, "tile-scan")).toBeVisible();
}

const heading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name, exact: true }).locator("visible=true");
const dialogOf = (page: Page) => page.getByRole("dialog").locator("visible=true");

test("200 % text on every page a guard and a company admin reach: nothing overlapping, nothing cut", async ({ browser }, info) => {
  test.setTimeout(300_000);
  const base = info.project.use.baseURL!;
  const company = await approvedCompany(base);
  const guardPerson = await guardOf(base, company);
  const zoneName = `南门岗${Math.floor(Math.random() * 1e4)}`;
  const zone = await zoneOf(base, company, zoneName);
  const check = (page: Page, step: string) => expectLarge(page, info, `text200-${step}`);

  // ---- the guard ----
  const { page: guard } = await phone(browser, info, 2);
  await signIn(guard, guardPerson.phone);
  await check(guard, "guard-home");

  await testId(guard, "tile-scan").click();
  await expect(heading(guard, "扫一扫")).toBeVisible();
  await check(guard, "scan");
  await textbox(guard, "手动输入二维码内容").fill(zone.link);
  await button(guard, "确定").click();
  await expect(dialogOf(guard)).toContainText(`是否上岗打卡，加入${zoneName}?`);
  await check(guard, "scan-answer");
  await dialogOf(guard).getByText("确定", { exact: true }).click();
  await expect(testId(guard, "duty-on")).toContainText(zoneName);
  await check(guard, "guard-home-on-duty");

  await testId(guard, "tile-attendance").click();
  await expect(testId(guard, "record-card")).toHaveCount(1);
  await check(guard, "records-mine");
  await button(guard, "返回").click();

  await testId(guard, "tile-tips").click();
  await expect(heading(guard, "群防群治线索举报")).toBeVisible();
  await check(guard, "tips-notice");
  await button(guard, "我要参与").click();
  await expect(testId(guard, "tip-content")).toBeVisible();
  await button(guard, "提交").click();
  await expect(testId(guard, "tip-error")).toHaveText("请选择线索类别");
  await check(guard, "tips-form-error");
  await testId(guard, "tip-category").click();
  const sheet = guard.getByRole("dialog", { name: "线索类别" });
  await expect(sheet).toBeVisible();
  await check(guard, "tips-form-sheet");
  await sheet.getByText("盗窃", { exact: true }).click();
  const content = `夜间有人在车棚徘徊 ${Date.now()}`;
  await guard.getByRole("textbox", { name: "线索内容" }).locator("visible=true").fill(content);
  await guard.getByTestId("tip-photo-input").setInputFiles({ name: "p.png", mimeType: "image/png", buffer: PNG_FACE });
  await expect(guard.getByRole("img", { name: "线索照片 1/1" }).locator("visible=true")).toHaveCount(1);
  await check(guard, "tips-form");
  await button(guard, "提交").click();
  await expect(dialogOf(guard)).toContainText("回执码");
  await check(guard, "tips-sent");
  await dialogOf(guard).getByText("确定", { exact: true }).click();
  await expect(heading(guard, "我的举报")).toBeVisible();
  await expect(testId(guard, "tip-card")).toHaveCount(1);
  await check(guard, "tips-mine");
  await testId(guard, "tip-card").click();
  await expect(heading(guard, "线索详情")).toBeVisible();
  await expect(testId(guard, "tip-detail-content")).toHaveText(content);
  await expect(guard.getByRole("heading", { level: 2, name: "留言" }).locator("visible=true")).toBeVisible();
  await check(guard, "tip-detail");
  await guard.context().close();

  // ---- the company admin ----
  const { page: admin } = await phone(browser, info, 2);
  await signIn(admin, company.admin.phone);
  await check(admin, "admin-home");

  await testId(admin, "tile-staff").click();
  await expect(admin.getByTestId("staff-card").locator("visible=true").first()).toBeVisible();
  await check(admin, "staff");
  await button(admin, "返回").click();

  await testId(admin, "tile-zones").click();
  const card = admin.getByTestId("zone-card").locator("visible=true").filter({ hasText: zoneName });
  await expect(card).toHaveCount(1);
  await check(admin, "zones");
  await card.getByRole("button", { name: "到岗记录" }).click();
  await expect(admin.getByTestId("record-card").locator("visible=true")).toHaveCount(1);
  await check(admin, "records-zone");
  await button(admin, "返回").click();
  await button(admin, "返回").click();

  await testId(admin, "tile-companyCode").click();
  await expect(admin.locator('[data-testid="company-code"] img').locator("visible=true")).toHaveAttribute("src", /^(data|blob|http)/);
  await check(admin, "company-code");
  await admin.context().close();
});
