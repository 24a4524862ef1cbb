// The police console (issue 10, SPEC §6) at 1440×900: an officer signs in by scanning the console's
// login QR (decoded from the page's picture) with the H5 mini-program of a second browser context,
// confirms 确认登录警务后台?, and the console shows 总览 with the numbers of the officer's scope,
// checked against lists the API answers by other routes. Then: a declaration approved from 审核队列,
// a tip handled (受理, 留言, 办结) with its photo, CSV exports downloaded and parsed, and an officer of
// another 分局 who finds none of it. A screenshot of each page goes to test-results/console/.
// Every user and company is new, so the flow runs on any stack, in any order.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page, TestInfo } from "@playwright/test";
import { dataUrlBytes, decodeQrPng, expect, PNG_FACE, randomName, randomPhone, registerVerifiedUser, test } from "./support";

const OFFICER_ANJIA = "13700000002"; // 吴海峰, 新北分局 安家派出所 (local/demo.sql)
const OFFICER_TIANNING = "13700000001"; // 周建国, 天宁分局: not in charge of 新北分局
const SHOTS = join(__dirname, "../test-results/console");

const visible = (page: Page, text: string) => page.getByText(text, { exact: true }).locator("visible=true");
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).locator("visible=true");
const textbox = (page: Page, name: string) => page.getByRole("textbox", { name }).locator("visible=true");
const testId = (page: Page, id: string) => page.getByTestId(id).locator("visible=true");

type Json = Record<string, any>;

async function call(base: string, path: string, token?: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${base}/functions/v1/api${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok) throw Object.assign(new Error(`${path}: ${res.status} ${text}`), { code: json?.error?.code });
  return json;
}

async function tokenOf(base: string, phone: string): Promise<string> {
  const codes = await (await fetch(`${base}/_wechat/_dev/codes`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ phone }),
  })).json();
  return (await call(base, "/auth/wechat", undefined, codes)).accessToken;
}

/** Every item of a keyset-paginated list of the API. */
async function countAll(base: string, path: string, token: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const page = await call(base, `${path}${sep}limit=50${cursor ? `&cursor=${cursor}` : ""}`, token);
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

async function anjiaId(base: string, token: string): Promise<string> {
  const departments = (await call(base, "/departments", token)).items as { id: string; name: string }[];
  return departments.find((d) => d.name === "安家派出所")!.id;
}

/** A new verified user declares a free registry company to 安家派出所; returns its name. */
async function declaredCompany(base: string): Promise<string> {
  const phone = randomPhone();
  await registerVerifiedUser(base, phone, randomName());
  const token = await tokenOf(base, phone);
  const departmentId = await anjiaId(base, token);
  let cursor: string | null = null;
  for (;;) {
    const page = await call(base, `/registry-companies?q=${encodeURIComponent("保安")}${cursor ? `&cursor=${cursor}` : ""}`, token);
    for (const c of page.items as { id: string; name: string }[]) {
      try {
        await call(base, "/companies", token, {
          registryCompanyId: c.id,
          departmentId,
          address: "常州市新北区太湖东路88号",
          contactPhone: "13912345678",
        });
        return c.name;
      } catch (e) {
        if ((e as { code?: string }).code !== "company_already_declared") throw e;
      }
    }
    cursor = page.nextCursor;
    if (!cursor) throw new Error("no registry company left to declare on this stack");
  }
}

/** A named tip with one photo, sent to 安家派出所 by a new verified user. */
async function sentTip(base: string, content: string): Promise<{ id: string; receiptCode: string }> {
  const phone = randomPhone();
  await registerVerifiedUser(base, phone, randomName());
  const token = await tokenOf(base, phone);
  const categories = await call(base, "/tips/categories", token) as unknown as { id: number; name: string }[];
  const tip = await call(base, "/tips", token, {
    anonymous: false,
    categoryId: categories.find((c) => c.name === "盗窃")?.id ?? categories[0].id,
    content,
    departmentId: await anjiaId(base, token),
    photos: [PNG_FACE.toString("base64")],
  });
  return { id: tip.id, receiptCode: tip.receiptCode };
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

/** The officer's desk: a computer at 1440×900, in another time zone than Beijing on purpose. */
async function deskOf(browser: Browser, info: TestInfo): Promise<Page> {
  const context = await browser.newContext({
    baseURL: info.project.use.baseURL,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    isMobile: false,
    hasTouch: false,
    locale: "zh-CN",
    timezoneId: "Europe/London",
    acceptDownloads: true,
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

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false, animations: "disabled" });
}

/** 扫码登录: the console's QR picture, scanned and confirmed on the officer's phone. */
async function signIn(browser: Browser, info: TestInfo, officerPhone: string, screenshots = false): Promise<Page> {
  const desk = await deskOf(browser, info);
  await desk.goto("/console");
  await expect(desk).toHaveURL(/\/functions\/v1\/console\/$/);
  await expect(desk.getByRole("heading", { name: "扫码登录", level: 1 })).toBeVisible();
  const qr = desk.getByRole("img", { name: /登录二维码/ });
  await expect(qr).toBeVisible();
  const png = dataUrlBytes((await qr.getAttribute("src"))!);
  expect(decodeQrPng(png)).toMatch(/\/q\/console\/[A-Za-z0-9_-]{22,}$/);
  if (screenshots) await shot(desk, "login");

  const phone = await phoneOf(browser, info);
  await devSignIn(phone, officerPhone);
  await visible(phone, "扫一扫").click();
  await testId(phone, "scan-file").setInputFiles({ name: "console.png", mimeType: "image/png", buffer: png });
  await expect(visible(phone, "确认登录警务后台?")).toBeVisible();
  // the page's title bar spans the phone's width, as on every page (it was inset by the page's
  // padding), once the page has slid in
  const bar = phone.locator(".title-bar").locator("visible=true");
  await expect.poll(async () => (await bar.boundingBox())?.x).toBe(0);
  await button(phone, "确认").click();
  await expect(testId(phone, "console-login-done")).toBeVisible();

  await expect(desk.getByRole("heading", { name: "总览", level: 1 })).toBeVisible({ timeout: 15_000 });
  await phone.context().close();
  return desk;
}

async function stat(desk: Page, key: string): Promise<number> {
  const text = await desk.locator(`[data-stat=${key}] .stat__value`).textContent();
  return Number(text);
}

async function consoleToken(desk: Page): Promise<string> {
  return await desk.evaluate(() => JSON.parse(sessionStorage.getItem("qunfang.console.session")!).accessToken);
}

async function nav(desk: Page, name: string) {
  await desk.getByRole("navigation", { name: "控制台导航" }).getByRole("link", { name, exact: true }).click();
  await expect(desk.getByRole("heading", { name: name === "单位与人员" ? "单位与人员" : name, level: 1 })).toBeVisible();
}

async function search(desk: Page, text: string, status?: string) {
  const form = desk.getByRole("search").first();
  await form.getByRole("searchbox").fill(text);
  if (status !== undefined) await form.getByLabel("状态").selectOption({ label: status });
  await form.getByRole("button", { name: "搜索", exact: true }).click();
}

/** Downloads the CSV of the table on the page and parses it (BOM, header, rows). */
async function exportCsv(desk: Page): Promise<{ bom: boolean; header: string[]; rows: string[][] }> {
  const [download] = await Promise.all([
    desk.waitForEvent("download"),
    desk.getByRole("button", { name: "导出 CSV" }).first().click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const bytes = readFileSync((await download.path())!);
  const text = bytes.toString("utf8");
  const bom = text.charCodeAt(0) === 0xfeff;
  const lines = text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  const parse = (line: string) => {
    const cells: string[] = [];
    let cur = "", quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
        else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") cells.push(cur), (cur = "");
      else cur += ch;
    }
    cells.push(cur);
    return cells;
  };
  return { bom, header: parse(lines[0]), rows: lines.slice(1).map(parse) };
}

test("an officer signs in to the console by scanning its QR and sees the numbers of the seeded data", async ({ browser }, info) => {
  test.setTimeout(120_000);
  const base = info.project.use.baseURL!;
  const desk = await signIn(browser, info, OFFICER_ANJIA, true);
  await expect(desk.getByRole("navigation", { name: "控制台导航" }).getByRole("link", { name: "总览" })).toHaveAttribute("aria-current", "page");
  await expect(desk.getByText("吴海峰（137****0002）")).toBeVisible();

  // the numbers, against what other routes of the API list for the same officer
  const token = await consoleToken(desk);
  expect(await stat(desk, "pendingReviews")).toBe(await countAll(base, "/reviews?status=pending", token));
  expect(await stat(desk, "companies")).toBe(await countAll(base, "/reviews?status=approved", token));
  expect(await stat(desk, "openTips")).toBe(
    (await countAll(base, "/tip-inbox?status=pending", token)) + (await countAll(base, "/tip-inbox?status=accepted", token)),
  );
  // local/demo.sql: 常州演示保安服务有限公司 (安家派出所) with 4 staff, 2 zones of 安家派出所 and
  // 常峰霖 on duty in 办公室5
  expect(await stat(desk, "guards")).toBeGreaterThanOrEqual(4);
  expect(await stat(desk, "zones")).toBeGreaterThanOrEqual(2);
  expect(await stat(desk, "onDutyNow")).toBeGreaterThanOrEqual(1);
  // and 赵文博's declaration and the anonymous tip DEMA2345 wait for this officer on a fresh start
  expect(await stat(desk, "pendingReviews")).toBeGreaterThanOrEqual(1);
  expect(await stat(desk, "openTips")).toBeGreaterThanOrEqual(1);

  for (const caption of ["今日每小时在岗人数", "近 7 天各单位在岗时长（小时）", "线索：按类别与状态"]) {
    const figure = desk.locator("figure", { has: desk.locator("figcaption", { hasText: caption }) });
    await expect(figure).toBeVisible();
  }
  await expect(desk.locator("figure canvas").first()).toBeVisible();
  await shot(desk, "overview");

  // 到岗记录 shows the demo guard on duty; 巡区 has its map
  await nav(desk, "到岗记录");
  await search(desk, "常峰霖");
  await expect(desk.getByRole("cell", { name: "办公室5" }).first()).toBeVisible();
  // times as the mini-program prints them (2026-11-28 18:05, not 2026/11/28), hours as 1.25
  const onDuty = desk.getByRole("row").filter({ hasText: "常峰霖" }).first();
  await expect(onDuty).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await expect(onDuty.locator("td").nth(4)).toHaveText(/^\d+\.\d{2}$/); // 已在岗（小时）
  await shot(desk, "attendance");
  await nav(desk, "巡区");
  await expect(desk.locator("figcaption", { hasText: "巡区地图" })).toBeVisible();
  await expect(desk.getByRole("row").filter({ hasText: "办公室5" })).toBeVisible();
  await shot(desk, "zones");

  // signing out ends the console's session
  await desk.getByRole("button", { name: "退出登录" }).click();
  await expect(desk.getByRole("heading", { name: "扫码登录", level: 1 })).toBeVisible();
});

test("a declaration approved from the queue, a tip handled, CSV exported; another 分局 sees none of it", async ({ browser }, info) => {
  test.setTimeout(240_000);
  const base = info.project.use.baseURL!;
  const companyName = await declaredCompany(base);
  const content = `控制台处理：仓库夜间有人翻墙 ${Date.now()}`;
  const { id: tipId, receiptCode: receipt } = await sentTip(base, content);

  const desk = await signIn(browser, info, OFFICER_ANJIA);
  const pending = await stat(desk, "pendingReviews");
  const companies = await stat(desk, "companies");

  // ---- 审核队列: approve the new declaration ----
  await nav(desk, "审核队列");
  await search(desk, companyName);
  const row = desk.getByRole("row").filter({ hasText: companyName });
  await expect(row).toHaveCount(1);
  await shot(desk, "reviews");
  await row.getByRole("button", { name: `审核通过 ${companyName}` }).click();
  const dialog = desk.getByRole("dialog", { name: "审核通过" });
  await expect(dialog).toContainText(companyName);
  await shot(desk, "reviews-confirm");
  await dialog.getByRole("button", { name: "审核通过" }).click();
  await expect(desk.getByRole("status").filter({ hasText: `已审核通过：${companyName}` })).toBeVisible();
  await expect(desk.getByText("没有符合条件的记录")).toBeVisible();
  await nav(desk, "总览");
  await expect.poll(() => stat(desk, "pendingReviews")).toBe(pending - 1);
  expect(await stat(desk, "companies")).toBe(companies + 1);

  // ---- 单位与人员: the company is approved, its staff list has its admin; CSV ----
  await nav(desk, "单位与人员");
  await search(desk, companyName);
  await expect(desk.getByRole("row").filter({ hasText: companyName })).toContainText("已通过");
  await shot(desk, "companies");
  const companiesCsv = await exportCsv(desk);
  expect(companiesCsv.bom).toBe(true);
  expect(companiesCsv.header.slice(0, 4)).toEqual(["编号", "单位名称", "统一社会信用代码", "状态"]);
  expect(companiesCsv.rows).toHaveLength(1);
  expect(companiesCsv.rows[0][1]).toBe(companyName);
  expect(companiesCsv.rows[0][3]).toBe("已通过");
  await desk.getByRole("link", { name: companyName }).click();
  await expect(desk.getByRole("heading", { name: `${companyName} · 人员名单`, level: 1 })).toBeVisible();
  await expect(desk.getByRole("row").filter({ hasText: "单位管理员" })).toHaveCount(1);
  await shot(desk, "staff");

  // ---- 线索: 受理, 留言, 办结 ----
  await nav(desk, "线索");
  await search(desk, receipt);
  await expect(desk.getByRole("row").filter({ hasText: receipt })).toContainText("待处理");
  await shot(desk, "tips");
  await desk.getByRole("link", { name: receipt }).click();
  await expect(desk.getByRole("heading", { name: "线索详情", level: 1 })).toBeVisible();
  await expect(desk.locator(".facts")).toContainText(content);
  // the desk's clock is in London; the time is shown as in Beijing
  const sent = await call(base, `/tips/${tipId}`, await consoleToken(desk));
  // (as 2026-11-28 18:05, the mini-program's and the CSV's form, not the browser's 2026/11/28)
  const beijing = new Date(new Date(sent.createdAt).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
  await expect(desk.locator(".facts")).toContainText(`举报时间${beijing}`);
  const photo = desk.getByRole("img", { name: "图片线索 1" });
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await desk.getByLabel("处理方式").selectOption({ label: "受理" });
  await desk.getByRole("button", { name: "提交" }).click();
  await expect(desk.locator(".facts")).toContainText("已受理");
  await desk.getByLabel("留言内容").fill("已安排民警核查，感谢您的举报");
  await desk.getByRole("button", { name: "发送留言" }).click();
  await expect(desk.locator(".thread")).toContainText("已安排民警核查，感谢您的举报");
  await desk.getByLabel("处理方式").selectOption({ label: "办结" });
  await desk.getByRole("button", { name: "提交" }).click();
  await expect(desk.getByRole("status").filter({ hasText: "办结或不予受理须填写处理意见" })).toBeVisible();
  await desk.getByLabel("处理意见").fill("已查明，系邻居搬运货物，无违法行为");
  await desk.getByRole("button", { name: "提交" }).click();
  await expect(desk.locator(".facts")).toContainText("已办结");
  await expect(desk.locator(".timeline")).toContainText("已查明，系邻居搬运货物");
  await shot(desk, "tip-detail");

  await desk.getByRole("link", { name: "← 返回线索列表" }).click();
  await search(desk, receipt, "全部");
  await expect(desk.getByRole("row").filter({ hasText: receipt })).toContainText("已办结");
  const tipsCsv = await exportCsv(desk);
  expect(tipsCsv.bom).toBe(true);
  expect(tipsCsv.header).toContain("回执码");
  expect(tipsCsv.rows).toHaveLength(1);
  const cell = (name: string) => tipsCsv.rows[0][tipsCsv.header.indexOf(name)];
  expect(cell("回执码")).toBe(receipt);
  expect(cell("状态")).toBe("已办结");
  expect(cell("线索内容")).toBe(content);
  expect(cell("举报时间")).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

  // ---- 审计日志: the approval and the tip's handling are recorded ----
  await nav(desk, "审计日志");
  await search(desk, tipId);
  await expect(desk.getByRole("row").filter({ hasText: "受理线索" })).toHaveCount(1);
  // each row names its object as an officer knows it (线索), not by its table (public.tips)
  await expect(desk.getByRole("table").last()).not.toContainText("public.");
  await expect(desk.getByRole("row").filter({ hasText: "办结线索" })).toHaveCount(1);
  await shot(desk, "audit");

  // ---- an officer of another 分局 sees none of it ----
  const other = await signIn(browser, info, OFFICER_TIANNING);
  await nav(other, "审核队列");
  await search(other, companyName);
  await expect(other.getByText("没有符合条件的记录")).toBeVisible();
  await nav(other, "单位与人员");
  await search(other, companyName, "全部");
  await expect(other.getByText("没有符合条件的记录")).toBeVisible();
  await nav(other, "线索");
  await search(other, receipt, "全部");
  await expect(other.getByText("没有符合条件的记录")).toBeVisible();
  const none = await exportCsv(other);
  expect(none.rows).toHaveLength(0);
  await nav(other, "审计日志");
  await search(other, tipId);
  await expect(other.getByText("没有符合条件的记录")).toBeVisible();
});
