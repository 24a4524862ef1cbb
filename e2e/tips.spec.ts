// 线索举报 (issue 9, SPEC §5–6) in the H5 build at 375×667: a guard sends an anonymous tip with two
// photos to 安家派出所 → the station's officer finds it under 待处理 without any identity, opens the
// photos, 受理 and replies → the guard sees 已受理 and the reply in 我的举报. A named tip shows its
// reporter to the officer. The guard is made through the API (companies.spec.ts covers those
// pages); every user is new, so the flow runs on any stack, in any order.
import { type Browser, type Page, type TestInfo } from "@playwright/test";
import { decodeQrPng, PNG_FACE, randomName, randomPhone, registerVerifiedUser, expect, test } from "./support.ts";

const visible = (page: Page, text: string) => page.getByText(text, { exact: true }).locator("visible=true");
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).locator("visible=true");
const textbox = (page: Page, name: string) => page.getByRole("textbox", { name }).locator("visible=true");
const testId = (page: Page, id: string) => page.getByTestId(id).locator("visible=true");

const OFFICER_ANJIA = "13700000002"; // 吴海峰, 新北分局 安家派出所 (local/demo.sql)

async function api(base: string, path: string, body?: unknown, token?: string): Promise<any> {
  const res = await fetch(`${base}/functions/v1/api${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return path.endsWith(".png") ? Buffer.from(await res.arrayBuffer()) : await res.json();
}

async function tokenOf(base: string, phone: string): Promise<string> {
  const codes = await (await fetch(`${base}/_wechat/_dev/codes`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ phone }),
  })).json();
  return (await api(base, "/auth/wechat", codes)).accessToken;
}

/** A guard of a company of 安家派出所: declared, approved by the demo officer, joined by its 单位码. */
async function makeGuard(base: string, phone: string, name: string): Promise<void> {
  const adminPhone = randomPhone();
  await registerVerifiedUser(base, adminPhone, randomName());
  await registerVerifiedUser(base, phone, name);
  const admin = await tokenOf(base, adminPhone);
  const departments = (await api(base, "/departments", undefined, admin)).items as { id: string; name: string }[];
  const anjia = departments.find((d) => d.name === "安家派出所")!.id;
  let cursor: string | null = null;
  for (;;) {
    const page = await api(base, `/registry-companies?q=${encodeURIComponent("保安")}${cursor ? `&cursor=${cursor}` : ""}`, undefined, admin);
    const declared = await page.items.reduce(async (done: Promise<boolean>, c: { id: string }) => {
      if (await done) return true;
      const res = await fetch(`${base}/functions/v1/api/companies`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${admin}` },
        body: JSON.stringify({ registryCompanyId: c.id, departmentId: anjia, address: "常州市新北区太湖东路9号", contactPhone: "13912345678" }),
      });
      return res.ok;
    }, Promise.resolve(false));
    if (declared) break;
    cursor = page.nextCursor;
    if (!cursor) throw new Error("no registry company left to declare");
  }
  const mine = await api(base, "/companies/mine", undefined, admin);
  const reviewToken = mine.declaration.reviewQr.split("/").pop();
  await api(base, `/reviews/${reviewToken}`, { approve: true }, await tokenOf(base, OFFICER_ANJIA));
  const approved = await api(base, "/companies/mine", undefined, admin);
  const code = decodeQrPng(await api(base, `/companies/${approved.declaration.id ?? approved.membership.companyId}/code.png`, undefined, admin));
  await api(base, "/companies/join", { token: code.split("/").pop(), hasGuardCertificate: true }, await tokenOf(base, phone));
}

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

async function devSignIn(page: Page, phone: string) {
  await page.goto("/");
  await button(page, "去授权").click();
  await textbox(page, "手机号").fill(phone);
  await button(page, "获取手机号并登录").click();
  await expect(visible(page, "扫一扫")).toBeVisible();
}

async function screenshot(page: Page, info: TestInfo, name: string) {
  await page.waitForTimeout(600);
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

/** Home → 线索举报 → 我要参与 → the form filled and sent; returns the receipt code. */
async function sendTip(
  page: Page,
  o: { anonymous: boolean; content: string; photos: number },
  shot?: (name: string) => Promise<void>,
): Promise<string> {
  await visible(page, "线索举报").click();
  await expect(testId(page, "tip-notice")).toContainText("匿名举报的用户信息将不被流转至案事件侦办单位");
  await shot?.("tips-notice");
  await button(page, "我要参与").click();
  await testId(page, o.anonymous ? "tip-anonymous-yes" : "tip-anonymous-no").click();
  await testId(page, "tip-category").click();
  await testId(page, "tip-sheet-category").getByText("盗窃", { exact: true }).click();
  await testId(page, "tip-branch").click();
  await testId(page, "tip-sheet-branch").getByText("新北分局", { exact: true }).click();
  await testId(page, "tip-station").click();
  await testId(page, "tip-sheet-station").getByText("安家派出所", { exact: true }).click();
  await page.getByTestId("tip-content").locator("textarea").fill(o.content);
  await expect(testId(page, "tip-content-count")).toHaveText(`${o.content.length}/500`);
  if (o.photos > 0) {
    const files = Array.from({ length: o.photos }, (_, i) => ({ name: `p${i}.png`, mimeType: "image/png", buffer: PNG_FACE }));
    await page.getByTestId("tip-photo-input").setInputFiles(files);
    await expect(testId(page, "tip-photo")).toHaveCount(o.photos);
    await expect(testId(page, "tip-photo-count")).toHaveText(`${o.photos}/3`);
  }
  await shot?.("tips-form");
  await button(page, "提交").click();
  const modal = page.getByRole("dialog").locator("visible=true");
  await expect(modal).toContainText("回执码");
  const code = /回执码：([A-Z0-9]{8})/.exec((await modal.textContent())!)![1];
  await modal.getByText("确定", { exact: true }).click();
  await expect(testId(page, "tip-card").first()).toBeVisible();
  return code;
}

test("an anonymous tip with two photos: the station handles it without knowing who sent it", async ({ browser }, info) => {
  test.setTimeout(180_000);
  const base = info.project.use.baseURL!;
  const guardPhone = randomPhone();
  const guardName = randomName();
  await makeGuard(base, guardPhone, guardName);

  const guard = await phoneOf(browser, info);
  await devSignIn(guard, guardPhone);
  const content = `小区东门晚上有人撬电动车锁 ${Date.now()}`;
  const code = await sendTip(guard, { anonymous: true, content, photos: 2 }, (n) => screenshot(guard, info, n));
  await expect(testId(guard, "tip-card").first()).toContainText(code);
  await expect(testId(guard, "tip-status").first()).toHaveText("待处理");
  await screenshot(guard, info, "tips-mine");

  const officer = await phoneOf(browser, info);
  await devSignIn(officer, OFFICER_ANJIA);
  await visible(officer, "线索处理").click();
  const card = testId(officer, "inbox-card").filter({ hasText: content.slice(0, 20) });
  await expect(card).toBeVisible();
  await expect(card).toContainText("匿名");
  await screenshot(officer, info, "tips-inbox");
  await card.click();
  const detail = testId(officer, "tip-detail");
  await expect(detail).toContainText(content);
  await expect(testId(officer, "tip-field-举报人")).toHaveText("匿名");
  for (const secret of [guardName, guardPhone, guardPhone.slice(7)]) {
    expect(await officer.locator("body").innerText()).not.toContain(secret);
  }
  // the photos load through their short-lived signed URLs
  const photos = officer.getByTestId("tip-detail-photo").locator("img");
  await expect(photos).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    await expect.poll(() => photos.nth(i).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  }
  await screenshot(officer, info, "tips-detail-officer");
  await button(officer, "受理").click();
  await officer.getByRole("dialog").locator("visible=true").getByText("确定", { exact: true }).click();
  await expect(testId(officer, "tip-field-状态")).toHaveText("已受理");
  await officer.getByTestId("tip-reply").locator("textarea").fill("已安排民警核查，感谢您的举报");
  await button(officer, "回复").click();
  await expect(testId(officer, "tip-message").last()).toContainText("已安排民警核查，感谢您的举报");

  await guard.reload();
  await expect(testId(guard, "tip-status").first()).toHaveText("已受理");
  await testId(guard, "tip-card").first().click();
  await expect(testId(guard, "tip-field-状态")).toHaveText("已受理");
  await expect(testId(guard, "tip-message").last()).toContainText("安家派出所");
  await expect(testId(guard, "tip-message").last()).toContainText("已安排民警核查，感谢您的举报");
  await screenshot(guard, info, "tips-detail-reporter");
});

test("a named tip shows its reporter to the officer", async ({ browser }, info) => {
  test.setTimeout(120_000);
  const base = info.project.use.baseURL!;
  const phone = randomPhone();
  const name = randomName();
  await registerVerifiedUser(base, phone, name);
  const user = await phoneOf(browser, info);
  await devSignIn(user, phone);
  const content = `实名举报：菜市场有人兜售假币 ${Date.now()}`;
  await sendTip(user, { anonymous: false, content, photos: 0 });
  await screenshot(user, info, "tips-form-done");

  const officer = await phoneOf(browser, info);
  await devSignIn(officer, OFFICER_ANJIA);
  await visible(officer, "线索处理").click();
  await testId(officer, "inbox-card").filter({ hasText: content.slice(0, 20) }).click();
  await expect(testId(officer, "tip-field-举报人")).toHaveText(`${name}（${phone.slice(0, 3)}****${phone.slice(7)}）`);
});

const SUPERVISOR = "13500000001"; // 郑明华, 平台监督员 (local/demo.sql)

test("a supervisor blacklists a reporter from 线索监督; the reporter then cannot send a tip", async ({ browser }, info) => {
  test.setTimeout(180_000);
  const base = info.project.use.baseURL!;
  const phone = randomPhone();
  const name = randomName();
  await registerVerifiedUser(base, phone, name);
  const reporterToken = await tokenOf(base, phone);
  const departments = (await api(base, "/departments", undefined, reporterToken)).items as { id: string; name: string }[];
  const content = `匿名举报：楼道有人乱拉电线 ${Date.now()}`;
  await api(base, "/tips", {
    anonymous: true,
    categoryId: (await api(base, "/tips/categories", undefined, reporterToken))[0].id,
    content,
    departmentId: departments.find((d) => d.name === "安家派出所")!.id,
    photos: [],
  }, reporterToken);

  const supervisor = await phoneOf(browser, info);
  await devSignIn(supervisor, SUPERVISOR);
  await visible(supervisor, "线索监督").click();
  const card = testId(supervisor, "supervise-card").filter({ hasText: content.slice(0, 20) });
  await expect(card).toBeVisible();
  await screenshot(supervisor, info, "tips-supervise");
  await card.click();
  // the supervisor, and only the supervisor, is told who sent an anonymous tip
  await expect(testId(supervisor, "tip-field-举报人")).toHaveText(`匿名：${name}（${phone.slice(0, 3)}****${phone.slice(7)}）`);
  await button(supervisor, "拉黑举报人").click();
  await expect(visible(supervisor, "请填写拉黑原因")).toBeVisible();
  await supervisor.getByTestId("tip-blacklist-reason").locator("textarea").fill("多次恶意举报，扰乱服务秩序");
  await button(supervisor, "拉黑举报人").click();
  const dialog = supervisor.getByRole("dialog", { name: "拉黑举报人" });
  await expect(dialog).toContainText("列入后该用户不能再举报线索");
  await dialog.getByText("拉黑", { exact: true }).click();
  await expect(testId(supervisor, "tip-blacklisted")).toHaveText("举报人已列入黑名单，不能再举报线索");
  await screenshot(supervisor, info, "tips-detail-supervisor");

  // the handling officer learns nothing of it
  const officer = await phoneOf(browser, info);
  await devSignIn(officer, OFFICER_ANJIA);
  await expect(visible(officer, "线索监督")).toHaveCount(0);
  await visible(officer, "线索处理").click();
  await testId(officer, "inbox-card").filter({ hasText: content.slice(0, 20) }).click();
  await expect(testId(officer, "tip-field-举报人")).toHaveText("匿名");
  await expect(officer.getByTestId("tip-supervise")).toHaveCount(0);
  expect(await officer.locator("body").innerText()).not.toContain(name);

  // the reporter is refused, with the reason in Chinese, and nothing is sent
  const reporter = await phoneOf(browser, info);
  await devSignIn(reporter, phone);
  await expect(visible(reporter, "线索监督")).toHaveCount(0);
  await visible(reporter, "线索举报").click();
  await button(reporter, "我要参与").click();
  await testId(reporter, "tip-category").click();
  await testId(reporter, "tip-sheet-category").getByText("盗窃", { exact: true }).click();
  await reporter.getByTestId("tip-content").locator("textarea").fill("又一条线索");
  await button(reporter, "提交").click();
  await expect(testId(reporter, "tip-error")).toHaveText("您已被列入黑名单，不能举报线索");
  await screenshot(reporter, info, "tips-form-blacklisted");
  expect((await api(base, "/tips/mine", undefined, reporterToken)).items).toHaveLength(1);
});
