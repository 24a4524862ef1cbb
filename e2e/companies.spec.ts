// 保安单位 (issue 3, SPEC §2.1–2.3, §4.1, §4.5) in the H5 build, at a phone's size: a verified user
// declares a company → the 新北分局 安家派出所 officer scans its 审核二维码 (a picture decoded in the
// page) and approves → the admin's home has the company tiles, the 单位码 is shown → a guard scans
// it, confirms and answers 有 → the admin finds the guard in 人员名单 by name and by phone and
// removes them with 离职 → another guard joins and leaves with 离职 on their own home.
// 单位审核 (SPEC §6, from a list): the 安家派出所 officer finds a declaration under 待审核, opens and
// approves it, and sees it under 已通过; the 天宁分局 officer never lists it.
// Every user is new (random phones), so the flow runs on any fresh stack, in any order.
import { readFile, writeFile } from "node:fs/promises";
import { type Browser, type Locator, type Page, type TestInfo } from "@playwright/test";
import { dataUrlBytes, decodeQrPng, randomName, randomPhone, registerVerifiedUser, expect, test } from "./support.ts";

const visible = (page: Page, text: string) => page.getByText(text, { exact: true }).locator("visible=true");
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).locator("visible=true");
const textbox = (page: Page, name: string) => page.getByRole("textbox", { name }).locator("visible=true");
// The search rows have the keyboard's 搜索 key (confirm-type search): the role is searchbox.
const searchbox = (page: Page, name: string) => page.getByRole("searchbox", { name }).locator("visible=true");
const fieldErrors = (page: Page) => page.locator(".field-error").locator("visible=true");
const testId = (page: Page, id: string) => page.getByTestId(id).locator("visible=true");

const OFFICER_ANJIA = "13700000002"; // 吴海峰, 新北分局 安家派出所 (local/demo.sql)
const OFFICER_TIANNING = "13700000001"; // 周建国, 天宁分局: not in charge of 新北分局

/** Taro's showModal (H5): check its text, press one of its two buttons. */
async function answerModal(page: Page, text: string, choice: string) {
  const modal = page.getByRole("dialog").locator("visible=true");
  await expect(modal).toContainText(text);
  await modal.getByText(choice, { exact: true }).click();
  await expect(modal.filter({ hasText: text })).toHaveCount(0); // closed (or the next one is up)
}

async function devSignIn(page: Page, phone: string) {
  await page.goto("/");
  await button(page, "去授权").click();
  await textbox(page, "手机号").fill(phone);
  await button(page, "获取手机号并登录").click();
  await expect(visible(page, "扫一扫")).toBeVisible();
}

/** A second person on a second phone: their own browser context. */
async function phoneOf(browser: Browser, info: TestInfo): Promise<Page> {
  const context = await browser.newContext({
    baseURL: info.project.use.baseURL,
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
  });
  return await context.newPage();
}

async function newVerifiedUser(browser: Browser, info: TestInfo, name: string) {
  const phone = randomPhone();
  await registerVerifiedUser(info.project.use.baseURL!, phone, name);
  const page = await phoneOf(browser, info);
  await devSignIn(page, phone);
  return { page, phone, name };
}

/** The PNG bytes behind an <Image> of ours (H5 shows the API's PNG as a data URL). */
async function imageBytes(page: Page, id: string): Promise<Buffer> {
  const img = page.locator(`[data-testid="${id}"] img`).locator("visible=true");
  await expect(img).toHaveAttribute("src", /^data:image\/png;base64,/);
  return dataUrlBytes((await img.getAttribute("src"))!);
}

/** A random row index of the given parity (0 even, 1 odd). */
async function randomRow(rows: Locator, parity: 0 | 1): Promise<number> {
  const count = await rows.count();
  const choices = Math.floor((count - parity + 1) / 2);
  expect(choices).toBeGreaterThan(0);
  return parity + 2 * Math.floor(Math.random() * choices);
}

/** 选择单位: search 保安 in 单位列表 and take a random row of the given parity. */
async function pickCompany(page: Page, parity: 0 | 1, onResults?: (rows: Locator) => Promise<void>): Promise<string> {
  await testId(page, "pick-company").click();
  await searchbox(page, "请输入单位名称").fill("保安");
  await button(page, "搜索").click();
  const results = testId(page, "registry-item");
  await expect(results.first()).toBeVisible();
  await onResults?.(results);
  // rows already declared by earlier flows on this stack are marked and cannot be picked
  const free = results.filter({ hasNot: page.getByTestId("registry-declared") });
  const row = free.nth(await randomRow(free, parity));
  const name = (await row.getByTestId("registry-name").textContent())!.trim();
  expect(name).toContain("保安");
  await row.click();
  await expect(testId(page, "picked-company")).toHaveText(name);
  return name;
}

/**
 * 提交 the filled form. A registry company can be declared once per stack: when an earlier run on
 * the same stack took it, the form says so under 选择单位 and another one is picked.
 */
async function submitDeclaration(page: Page, parity: 0 | 1, name: string): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    await button(page, "提交").click();
    const status = testId(page, "declaration-status");
    const refused = fieldErrors(page);
    await expect(status.or(refused).first()).toBeVisible();
    if (await status.count()) return name;
    await expect(refused).toHaveText([/已.*申报/]);
    name = await pickCompany(page, parity);
  }
  throw new Error("no company left to declare on this stack");
}

async function screenshot(page: Page, info: TestInfo, name: string) {
  await page.waitForTimeout(600); // let the page's slide-in animation end
  await page.screenshot({ path: info.outputPath(`${name}.png`) });
}

const tiles = async (page: Page, names: string[]) => {
  for (const name of names) await expect(visible(page, name)).toBeVisible();
};

test("a company is declared, approved by scanning, joined by 单位码, and staff leave", async ({ browser }, info) => {
  test.setTimeout(240_000);
  const shot = (page: Page, name: string) => screenshot(page, info, name);

  // ---- 申报保安单位 ----
  const admin = await newVerifiedUser(browser, info, randomName());
  await visible(admin.page, "单位申报").click();
  await expect(visible(admin.page, "所属行业")).toBeVisible();
  let companyName = await pickCompany(admin.page, 0, async (results) => {
    await expect(results.first()).toContainText(/9\d{4}[0-9A-Z]{13}/); // name and 统一社会信用代码
    await shot(admin.page, "registry");
  });

  // nothing but the company chosen: the form says what is missing and sends nothing
  await button(admin.page, "提交").click();
  await expect(fieldErrors(admin.page)).toHaveText([
    "请选择管理部门（分局及派出所）",
    "请输入经营地址（2–100 个字）",
    "请输入正确的联系电话（11位手机号码）",
  ]);

  await testId(admin.page, "pick-branch").click();
  await visible(admin.page, "新北分局").click();
  await visible(admin.page, "安家派出所").click();
  await expect(testId(admin.page, "pick-unit")).toContainText("安家派出所");
  await textbox(admin.page, "经营地址").fill("常州市新北区太湖东路101号常发广场1号楼");
  await textbox(admin.page, "联系电话").fill("1331234118");
  await button(admin.page, "提交").click();
  await expect(fieldErrors(admin.page)).toHaveText(["请输入正确的联系电话（11位手机号码）"]);
  await textbox(admin.page, "联系电话").fill("13312341188");
  await shot(admin.page, "declare");
  companyName = await submitDeclaration(admin.page, 0, companyName);

  // ---- 待审核 with the 审核二维码 ----
  await expect(testId(admin.page, "declaration-status")).toHaveText("待审核");
  await expect(visible(admin.page, companyName)).toBeVisible();
  await expect(visible(admin.page, "新北分局 安家派出所")).toBeVisible();
  const reviewPng = await imageBytes(admin.page, "review-qr");
  expect(decodeQrPng(reviewPng)).toMatch(/\/q\/review\/[A-Za-z0-9_-]{22,}$/);
  await shot(admin.page, "declaration-pending");

  // ---- an officer of another 分局 may not review it ----
  const other = await phoneOf(browser, info);
  await devSignIn(other, OFFICER_TIANNING);
  await visible(other, "扫一扫").click();
  await testId(other, "scan-file").setInputFiles({ name: "review.png", mimeType: "image/png", buffer: reviewPng });
  await expect(other.getByText("该单位不属于您所在部门管理").locator("visible=true")).toBeVisible();
  await expect(testId(other, "review-preview")).toHaveCount(0);

  // ---- the 安家派出所 officer scans the picture and approves ----
  const officer = await phoneOf(browser, info);
  await devSignIn(officer, OFFICER_ANJIA);
  await visible(officer, "扫一扫").click();
  await expect(button(officer, "选择二维码图片")).toBeVisible();
  await shot(officer, "scan-h5");
  await testId(officer, "scan-file").setInputFiles({ name: "review.png", mimeType: "image/png", buffer: reviewPng });
  const preview = testId(officer, "review-preview");
  await expect(preview).toContainText(companyName);
  await expect(preview).toContainText("新北分局 安家派出所");
  await expect(preview).toContainText(admin.name);
  await expect(preview).toContainText("13312341188");
  await shot(officer, "review");
  await button(officer, "审核通过").click();
  await answerModal(officer, companyName, "确定");
  await expect(visible(officer, "线索举报")).toBeVisible(); // back on the officer's home

  // ---- the admin's home: the company and its tiles ----
  await admin.page.goto("/");
  await tiles(admin.page, ["扫一扫", "单位码", "人员名单", "巡区管理", "到岗记录", "线索举报"]);
  await expect(testId(admin.page, "home-company")).toHaveText(companyName);
  await expect(visible(admin.page, "单位申报")).toHaveCount(0);
  await shot(admin.page, "home-admin");

  // ---- 单位码 ----
  await visible(admin.page, "单位码").click();
  await expect(testId(admin.page, "company-code-name")).toHaveText(companyName);
  const companyPng = await imageBytes(admin.page, "company-code");
  const companyLink = decodeQrPng(companyPng);
  expect(companyLink).toMatch(/\/q\/company\/[A-Za-z0-9_-]{22,}$/);
  await shot(admin.page, "company-code");
  // 保存到相册 in H5: a download of the QR with the company name drawn under it
  const download = admin.page.waitForEvent("download");
  await button(admin.page, "保存到相册").click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(`${companyName}单位码.png`);
  const composed = await readFile((await saved.path())!);
  await writeFile(info.outputPath("company-code-download.png"), composed);
  expect(decodeQrPng(composed)).toBe(companyLink);

  // ---- a guard scans the 单位码: 您确认加入…吗? 确定, 是否有保安证? 有 ----
  const guard = await newVerifiedUser(browser, info, randomName());
  await visible(guard.page, "入职扫码").click();
  await testId(guard.page, "scan-file").setInputFiles({ name: "code.png", mimeType: "image/png", buffer: companyPng });
  await answerModal(guard.page, `您确认加入${companyName}吗?`, "确定");
  await shot(guard.page, "join-certificate");
  await answerModal(guard.page, "是否有保安证?", "有");
  await tiles(guard.page, ["扫一扫", "到岗记录", "线索举报", "离职"]);
  await expect(testId(guard.page, "home-company")).toHaveText(companyName);
  await shot(guard.page, "home-guard");

  // ---- 人员名单: newest first, the admin tagged; found by name and by phone; 离职 ----
  await admin.page.goto("/");
  await visible(admin.page, "人员名单").click();
  const cards = testId(admin.page, "staff-card");
  await expect(cards).toHaveCount(2);
  await expect(cards.first()).toContainText(guard.name);
  await expect(cards.first()).toContainText(guard.phone);
  await expect(cards.first()).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  await expect(cards.nth(1)).toContainText("单位管理员");
  await expect(cards.nth(1).getByRole("button", { name: "离职" })).toHaveCount(0); // not oneself
  await expect(visible(admin.page, "已经没有更多记录了")).toBeVisible();
  await shot(admin.page, "staff");

  await searchbox(admin.page, "姓名/手机号").fill(guard.name);
  await button(admin.page, "搜索").click();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(guard.phone);
  await searchbox(admin.page, "姓名/手机号").fill(guard.phone.slice(3));
  await button(admin.page, "搜索").click();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(guard.name);
  await searchbox(admin.page, "姓名/手机号").fill("13000000000");
  await button(admin.page, "搜索").click();
  await expect(testId(admin.page, "staff-empty")).toBeVisible();
  await searchbox(admin.page, "姓名/手机号").fill(guard.phone);
  await button(admin.page, "搜索").click();
  await cards.first().getByRole("button", { name: "离职" }).click();
  await answerModal(admin.page, guard.name, "确定");
  await expect(cards).toHaveCount(0);
  await searchbox(admin.page, "姓名/手机号").fill("");
  await button(admin.page, "搜索").click();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(admin.name);

  // the dismissed guard is told at their next visit (the company and the date), once, and is
  // back to a user without company
  await guard.page.goto("/");
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Beijing date
  await answerModal(guard.page, `${companyName}的单位管理员已为您办理离职，离职日期 ${today}`, "知道了");
  await tiles(guard.page, ["单位申报", "入职扫码"]);
  await expect(visible(guard.page, "离职")).toHaveCount(0);
  await guard.page.reload();
  await tiles(guard.page, ["单位申报", "入职扫码"]);
  await expect(guard.page.getByRole("dialog").locator("visible=true")).toHaveCount(0);

  // ---- another guard joins (code typed in the development box, 无 保安证) and resigns ----
  const second = await newVerifiedUser(browser, info, randomName());
  await visible(second.page, "扫一扫").click();
  await textbox(second.page, "手动输入二维码内容").fill(companyLink);
  await button(second.page, "确定").click();
  await answerModal(second.page, `您确认加入${companyName}吗?`, "确定");
  await answerModal(second.page, "是否有保安证?", "无");
  await expect(visible(second.page, "离职")).toBeVisible();
  await visible(second.page, "离职").click();
  await answerModal(second.page, "确定离职吗？离职后将退出本单位。", "确定");
  await tiles(second.page, ["单位申报", "入职扫码"]);
  await expect(testId(second.page, "home-company")).toHaveCount(0);
  await shot(second.page, "home-after-resign");

  // the admin's list shows the admin only again
  await admin.page.reload();
  await expect(cards).toHaveCount(1);

  // ---- 重新生成: the old 单位码 stops working at once ----
  await admin.page.goto("/");
  await visible(admin.page, "单位码").click();
  await expect(testId(admin.page, "company-code-name")).toHaveText(companyName);
  await button(admin.page, "重新生成").click();
  await answerModal(admin.page, "重新生成后旧单位码立即失效，确定吗？", "确定");
  await expect.poll(async () => decodeQrPng(await imageBytes(admin.page, "company-code"))).not.toBe(companyLink);
  await visible(second.page, "扫一扫").click();
  await textbox(second.page, "手动输入二维码内容").fill(companyLink);
  await button(second.page, "确定").click();
  await expect(second.page.getByText(/单位码无效/).locator("visible=true")).toBeVisible();
  await expect(second.page.getByRole("dialog").locator("visible=true")).toHaveCount(0);
});

test("a 分局 officer rejects with a reason; the declarant sees it and declares again", async ({ browser }, info) => {
  test.setTimeout(120_000);
  const admin = await newVerifiedUser(browser, info, randomName());
  const declare = async () => {
    const name = await pickCompany(admin.page, 1);
    await testId(admin.page, "pick-branch").click();
    await visible(admin.page, "天宁分局").click();
    await visible(admin.page, "治安大队").click(); // managed at the 分局 level (guide 2.1 §2)
    await textbox(admin.page, "经营地址").fill("常州市天宁区延陵中路1号");
    await textbox(admin.page, "联系电话").fill("13912345678");
    await submitDeclaration(admin.page, 1, name);
    await expect(testId(admin.page, "declaration-status")).toHaveText("待审核");
  };
  await visible(admin.page, "单位申报").click();
  await declare();
  await expect(visible(admin.page, "天宁分局 治安大队")).toBeVisible();
  const link = decodeQrPng(await imageBytes(admin.page, "review-qr"));

  // the 天宁分局 officer covers its 治安大队; the text of the QR typed in the development box
  const officer = await phoneOf(browser, info);
  await devSignIn(officer, OFFICER_TIANNING);
  await visible(officer, "扫一扫").click();
  await textbox(officer, "手动输入二维码内容").fill(link);
  await button(officer, "确定").click();
  await expect(testId(officer, "review-preview")).toContainText(admin.name);
  await button(officer, "驳回").click();
  await button(officer, "确认驳回").click();
  await expect(visible(officer, "请填写驳回原因")).toBeVisible(); // required, nothing sent
  await officer.getByRole("textbox", { name: "驳回原因" }).locator("visible=true").fill("经营地址与营业执照不符");
  await screenshot(officer, info, "review-reject");
  await button(officer, "确认驳回").click();
  await expect(visible(officer, "线索举报")).toBeVisible();

  // the declarant: 已驳回 with the reason, 重新申报 opens the form again
  await admin.page.goto("/");
  await visible(admin.page, "单位申报").click();
  await expect(testId(admin.page, "declaration-status")).toHaveText("已驳回");
  await expect(testId(admin.page, "reject-reason")).toHaveText("经营地址与营业执照不符");
  await expect(admin.page.locator('[data-testid="review-qr"]').locator("visible=true")).toHaveCount(0);
  await screenshot(admin.page, info, "declaration-rejected");
  await button(admin.page, "重新申报").click();
  await declare();
});

test("单位审核: the 安家派出所 officer reviews from the list; 天宁分局 does not see it", async ({ browser }, info) => {
  test.setTimeout(120_000);
  const admin = await newVerifiedUser(browser, info, randomName());
  await visible(admin.page, "单位申报").click();
  let companyName = await pickCompany(admin.page, 0);
  await testId(admin.page, "pick-branch").click();
  await visible(admin.page, "新北分局").click();
  await visible(admin.page, "安家派出所").click();
  await textbox(admin.page, "经营地址").fill("常州市新北区华山路18号");
  await textbox(admin.page, "联系电话").fill("13912345678");
  companyName = await submitDeclaration(admin.page, 0, companyName);
  await expect(testId(admin.page, "declaration-status")).toHaveText("待审核");

  const cards = (page: Page) => testId(page, "review-card");
  /** The list of the open tab has loaded: some cards, or the empty note. */
  const listed = async (page: Page) => {
    await expect(cards(page).or(testId(page, "reviews-empty")).first()).toBeVisible();
    return cards(page).filter({ hasText: companyName });
  };

  // ---- 天宁分局 lists its own declarations, never 新北分局's ----
  const other = await phoneOf(browser, info);
  await devSignIn(other, OFFICER_TIANNING);
  await visible(other, "单位审核").click();
  await expect(testId(other, "reviews-tab-pending")).toHaveAttribute("aria-selected", "true");
  await expect(await listed(other)).toHaveCount(0);

  // ---- the 安家派出所 officer: 单位审核 → 待审核, newest first ----
  const officer = await phoneOf(browser, info);
  await devSignIn(officer, OFFICER_ANJIA);
  await visible(officer, "单位审核").click();
  const mine = await listed(officer);
  await expect(mine).toHaveCount(1);
  await expect(cards(officer).first()).toContainText(companyName);
  await expect(mine).toContainText("新北分局 安家派出所");
  await expect(mine).toContainText(admin.name);
  await expect(mine).toContainText(/9\d{4}[0-9A-Z]{13}/);
  await expect(mine).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  await screenshot(officer, info, "reviews-list");

  // ---- opens the review page, approves, is back on the list, which reloaded ----
  await mine.click();
  await expect(testId(officer, "review-preview")).toContainText(companyName);
  await button(officer, "审核通过").click();
  await answerModal(officer, companyName, "确定");
  await expect(testId(officer, "reviews-tab-pending")).toBeVisible();
  await expect(await listed(officer)).toHaveCount(0);
  await testId(officer, "reviews-tab-approved").click();
  await expect(testId(officer, "reviews-tab-approved")).toHaveAttribute("aria-selected", "true");
  await expect(await listed(officer)).toHaveCount(1);
  await expect(cards(officer).first()).toContainText(companyName);
  await expect(cards(officer).first()).toContainText("已通过");
  await testId(officer, "reviews-tab-rejected").click();
  await expect(testId(officer, "reviews-empty")).toHaveText("暂无已驳回的申报");

  // the declarant is now the company's admin
  await admin.page.goto("/");
  await expect(testId(admin.page, "home-company")).toHaveText(companyName);
});
