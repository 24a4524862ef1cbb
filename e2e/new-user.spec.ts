// What a new user met (issue 6), at 375×667 in the H5 build: long names keep the home header on
// one line; 姓名 takes a minority name as long as its ID card and says where the limit is; the
// officer's 驳回 shows its error and 确认驳回 on screen; 经营地址 has several lines and must be
// text; the registry search marks declared companies and calls a mistyped 统一社会信用代码 wrong;
// a declarant waiting for review has no 入职扫码; the admin's tiles fit the first screen; and
// every time is Beijing time on a phone set to New York. Setup goes through the API (the same
// calls the pages make); what is asserted is what the pages show.
import { type Browser, type Page, type TestInfo } from "@playwright/test";
import { decodeQrPng, PNG_FACE, randomIdNumber, randomName, randomPhone, registerVerifiedUser, expect, test } from "./support.ts";

const visible = (page: Page, text: string) => page.getByText(text, { exact: true }).locator("visible=true");
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).locator("visible=true");
const textbox = (page: Page, name: string) => page.getByRole("textbox", { name }).locator("visible=true");
const searchbox = (page: Page, name: string) => page.getByRole("searchbox", { name }).locator("visible=true");
const testId = (page: Page, id: string) => page.getByTestId(id).locator("visible=true");
const fieldErrors = (page: Page) => page.locator(".field-error").locator("visible=true");

const OFFICER_ANJIA = "13700000002"; // 吴海峰, 新北分局 安家派出所 (local/demo.sql)
const VIEWPORT = { width: 375, height: 667 };
// A transliterated Uyghur name as its ID card carries it: 23 characters with ·.
const LONG_NAME = "阿卜杜热合曼·买买提艾力·阿不都热依木·吐尔逊";

// ---- the API, for setup ----
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(base: string, method: string, path: string, body?: unknown, token?: string): Promise<Json> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.headers.get("content-type")?.includes("json") ? await res.json() : { bytes: Buffer.from(await res.arrayBuffer()) };
}

async function tokenOf(base: string, phone: string): Promise<string> {
  const codes = await call(base, "POST", "/_wechat/_dev/codes", { phone });
  return (await call(base, "POST", "/functions/v1/api/auth/wechat", codes)).accessToken;
}

const api = (base: string, token: string) => ({
  get: (path: string) => call(base, "GET", `/functions/v1/api${path}`, undefined, token),
  post: (path: string, body: unknown = {}) => call(base, "POST", `/functions/v1/api${path}`, body, token),
});

/** A verified user who declared a registry company nobody has declared to 安家派出所. */
async function declarant(base: string, name = randomName()) {
  const phone = randomPhone();
  await registerVerifiedUser(base, phone, name);
  const me = api(base, await tokenOf(base, phone));
  const unit = (await me.get("/departments")).items.find((d: Json) => d.code === "cz.xb.anjia");
  for (let attempt = 0; attempt < 5; attempt++) {
    const free = (await me.get("/registry-companies?q=保安&limit=50")).items.filter((c: Json) => c.declared === null);
    if (free.length === 0) break;
    const company = free[Math.floor(Math.random() * free.length)];
    try {
      const d = await me.post("/companies", {
        registryCompanyId: company.id,
        departmentId: unit.id,
        address: "常州市新北区太湖东路9号",
        contactPhone: "13312341188",
      });
      return { phone, name, me, company, declaration: d, reviewToken: String(d.reviewQr).split("/").at(-1)! };
    } catch (e) {
      if (!String(e).includes("company_already_declared")) throw e; // a concurrent flow took it
    }
  }
  throw new Error("no registry company left to declare on this stack");
}

async function phone(browser: Browser, info: TestInfo, options: { timezoneId?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: info.project.use.baseURL,
    viewport: VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    ...options,
  });
  return await context.newPage();
}

async function devSignIn(page: Page, phoneNumber: string) {
  await page.goto("/");
  await button(page, "去授权").click();
  await textbox(page, "手机号").fill(phoneNumber);
  await button(page, "获取手机号并登录").click();
}

async function shot(page: Page, info: TestInfo, name: string) {
  await page.waitForTimeout(600); // the page's slide-in animation
  await page.screenshot({ path: info.outputPath(`${name}.png`) });
}

/** The element lies inside the 375×667 screen as it is, without scrolling. */
async function expectOnScreen(page: Page, selector: string) {
  const box = await page.locator(selector).locator("visible=true").first().boundingBox();
  expect(box, selector).not.toBeNull();
  expect(box!.y, `${selector} top`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${selector} bottom`).toBeLessThanOrEqual(VIEWPORT.height);
}

test("a 20-character name keeps the home header on one line; a pending declarant has no 入职扫码", async ({ browser }, info) => {
  const base = info.project.use.baseURL!;
  const name = "阿卜杜热合曼买买提艾力阿不都热依木吐尔逊"; // 20 characters
  expect([...name]).toHaveLength(20);
  const d = await declarant(base, name);
  const page = await phone(browser, info);
  await devSignIn(page, d.phone);
  await expect(visible(page, "已认证")).toBeVisible();

  const header = await page.locator(".home__who").locator("visible=true").boundingBox();
  const tag = await visible(page, "已认证").boundingBox();
  const phoneText = await page.locator(".home__who-phone").locator("visible=true").boundingBox();
  expect(header!.height, "one line").toBeLessThanOrEqual(32);
  expect(tag!.height, "已认证 on one line").toBeLessThanOrEqual(24);
  expect(tag!.width, "已认证 not a column of 已/认/证").toBeGreaterThan(2 * tag!.height);
  expect(phoneText!.x + phoneText!.width).toBeLessThanOrEqual(VIEWPORT.width);
  await shot(page, info, "home-long-name");

  // waiting for review: 单位申报 shows the declaration; 入职扫码 would only be refused
  for (const tile of ["扫一扫", "单位申报", "线索举报"]) await expect(visible(page, tile)).toBeVisible();
  await expect(visible(page, "入职扫码")).toHaveCount(0);
});

test("姓名 takes a 23-character minority name with ·, and says so past 50 characters", async ({ browser }, info) => {
  const page = await phone(browser, info);
  await devSignIn(page, randomPhone());
  const input = textbox(page, "姓名");
  await expect(input).toBeVisible();

  // typed key by key, as a user would: nothing is cut silently
  await input.pressSequentially("张".repeat(51));
  await expect(input).toHaveValue("张".repeat(51));
  await expect(page.getByTestId("error-name").locator("visible=true")).toHaveText("姓名不能超过 50 个字");

  await input.fill("");
  await input.pressSequentially(LONG_NAME);
  await expect(input).toHaveValue(LONG_NAME);
  await expect(page.getByTestId("error-name")).toHaveCount(0);
  await textbox(page, "身份证号码").fill(randomIdNumber());
  await page.getByTestId("photo-input").locator("visible=true").setInputFiles({
    name: "face.png",
    mimeType: "image/png",
    buffer: PNG_FACE,
  });
  await button(page, "提交").click();
  await expect(visible(page, "已认证")).toBeVisible();
  await expect(page.locator(".home__who-name").locator("visible=true")).toHaveText(LONG_NAME);
  await shot(page, info, "home-minority-name");
});

test("the officer's 驳回: 请填写驳回原因 shows above the box, 确认驳回 on the screen", async ({ browser }, info) => {
  const base = info.project.use.baseURL!;
  const d = await declarant(base);
  const officer = await phone(browser, info);
  await devSignIn(officer, OFFICER_ANJIA);
  await visible(officer, "单位审核").click();
  await testId(officer, "review-card").filter({ hasText: d.company.name }).click();
  await expect(testId(officer, "review-preview")).toContainText(d.company.name);

  await button(officer, "驳回").click();
  await expect(button(officer, "确认驳回")).toBeVisible();
  await officer.waitForTimeout(400); // the scroll to the reason box
  await expectOnScreen(officer, ".review__textarea");
  await button(officer, "确认驳回").click();
  const error = testId(officer, "reason-error");
  await expect(error).toHaveText("请填写驳回原因");
  await expectOnScreen(officer, '[data-testid="reason-error"]');
  const buttonBox = await button(officer, "确认驳回").boundingBox();
  expect(buttonBox!.y + buttonBox!.height, "确认驳回 above the fold").toBeLessThanOrEqual(VIEWPORT.height);
  // the message is not under the textarea (weapp draws a textarea over whatever it overlaps)
  const e = (await error.boundingBox())!;
  const t = (await officer.locator(".review__textarea").locator("visible=true").boundingBox())!;
  expect(e.y + e.height <= t.y || e.y >= t.y + t.height, "error and textarea do not overlap").toBe(true);
  await shot(officer, info, "review-reject-error");

  await officer.locator(".review__textarea textarea").locator("visible=true").fill("经营地址与营业执照不符");
  await button(officer, "确认驳回").click();
  await expect(testId(officer, "review-card").filter({ hasText: d.company.name })).toHaveCount(0);
});

test("单位列表 marks declared companies and calls a mistyped code wrong; 经营地址 is text on several lines", async ({ browser }, info) => {
  const base = info.project.use.baseURL!;
  const taken = await declarant(base);
  const userPhone = randomPhone();
  await registerVerifiedUser(base, userPhone, randomName());
  const page = await phone(browser, info);
  await devSignIn(page, userPhone);
  await visible(page, "单位申报").click();
  await testId(page, "pick-company").click();

  // a 统一社会信用代码 typed in full with a wrong check character
  const good = taken.company.creditCode as string;
  const wrong = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
  await searchbox(page, "请输入单位名称").fill(wrong);
  await button(page, "搜索").click();
  await expect(testId(page, "registry-error")).toContainText("统一社会信用代码不正确");
  await expect(page.getByText("未找到该单位").locator("visible=true")).toHaveCount(0);

  // a company waiting for review is marked before 提交, and cannot be picked
  await searchbox(page, "请输入单位名称").fill(good);
  await button(page, "搜索").click();
  const row = testId(page, "registry-item").filter({ hasText: taken.company.name });
  await expect(row.getByTestId("registry-declared")).toHaveText("已被申报（待审核）");
  await shot(page, info, "registry-declared");
  await row.click();
  await expect(page.getByText("该单位已被申报，不能重复申报").locator("visible=true")).toBeVisible();
  await page.goBack();

  // 经营地址: several lines, and text, not emoji
  const address = textbox(page, "经营地址");
  expect(await address.evaluate((el) => el.tagName)).toBe("TEXTAREA");
  const oneLine = (await address.boundingBox())!.height;
  await address.fill("江苏省常州市新北区太湖东路9号常州创意产业基地3号楼A座1501室（近汉江路口）");
  await expect.poll(async () => (await address.boundingBox())!.height).toBeGreaterThan(oneLine);
  await shot(page, info, "declare-address-lines");
  await address.fill("🏠🏢🏠");
  await button(page, "提交").click();
  await expect(fieldErrors(page)).toContainText(["经营地址须填写文字，不能只有表情或符号"]);
});

test("a phone in New York shows Beijing time; the admin's 线索举报 fits the first screen", async ({ browser }, info) => {
  const base = info.project.use.baseURL!;
  const d = await declarant(base);
  const police = api(base, await tokenOf(base, OFFICER_ANJIA));
  await police.post(`/reviews/${d.reviewToken}`, { approve: true });
  const link = decodeQrPng((await d.me.get(`/companies/${d.declaration.id}/code.png`)).bytes);
  const guardPhone = randomPhone();
  await registerVerifiedUser(base, guardPhone, randomName());
  await api(base, await tokenOf(base, guardPhone)).post("/companies/join", { token: link, hasGuardCertificate: true });
  const staff = (await d.me.get(`/companies/${d.declaration.id}/staff`)).items as Json[];
  const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().replace("T", " ").slice(0, 19);

  const page = await phone(browser, info, { timezoneId: "America/New_York" });
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe("America/New_York");
  await devSignIn(page, d.phone);
  await expect(testId(page, "home-company")).toHaveText(d.company.name);
  await expectOnScreen(page, '[data-testid="tile-tips"]');
  await shot(page, info, "home-admin-fold");

  await visible(page, "人员名单").click();
  const times = page.locator(".staff__time").locator("visible=true");
  await expect(times).toHaveCount(staff.length);
  await expect(times).toHaveText(staff.map((s) => beijing(s.joinedAt)));
  // the entry date (the server's, in Asia/Shanghai) and the time agree on the day
  for (const s of staff) expect(beijing(s.joinedAt).slice(0, 10)).toBe(s.entryDate);
  await shot(page, info, "staff-new-york");
});
