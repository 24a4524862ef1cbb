// 巡区 and 到岗 (issue 8, SPEC §2.4, §3, §4.2, §4.3, §7) in the H5 build, at a phone's size. The
// company and its guards are made through the API (zones-setup.ts); everything about zones goes
// through the pages: the admin adds a zone and shows its 二维码 → a guard scans it (the picture
// decoded in the page), confirms 是否上岗打卡 → on duty → scans again → off duty; 到岗记录 with the
// filters; 设为巡区管理员; the zone admin's 巡区管理 and 移交; a scan of a second zone switches and
// takes the first zone's admin right away; a deleted zone's QR is refused. Offline: a guard scans
// with the browser offline, is told 已记录，联网后自动提交, and the shift arrives once, marked 补录.
import { type Browser, type Page, type TestInfo } from "@playwright/test";
import { dataUrlBytes, decodeQrPng, expect, test } from "./support.ts";
import { approvedCompany, guardOf, type Person, zoneOf } from "./zones-setup";

const visible = (page: Page, text: string) => page.getByText(text, { exact: true }).locator("visible=true");
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).locator("visible=true");
const textbox = (page: Page, name: string) => page.getByRole("textbox", { name }).locator("visible=true");
const testId = (page: Page, id: string) => page.getByTestId(id).locator("visible=true");
const fieldErrors = (page: Page) => page.locator(".field-error").locator("visible=true");
const modal = (page: Page) => page.getByRole("dialog").locator("visible=true");

/** Taro's showModal (H5): check its text, press one of its buttons. */
async function answerModal(page: Page, text: string | RegExp, choice: string) {
  await expect(modal(page)).toContainText(text);
  await modal(page).getByText(choice, { exact: true }).click();
  await expect(modal(page).filter({ hasText: text })).toHaveCount(0);
}

/** A phone of its own (browser context), where the browser may tell the position (near the zone). */
async function phoneOf(browser: Browser, info: TestInfo): Promise<Page> {
  const context = await browser.newContext({
    baseURL: info.project.use.baseURL,
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    timezoneId: "UTC", // the pages must show Asia/Shanghai whatever the phone's zone
    geolocation: { latitude: 31.8125, longitude: 119.9695 },
    permissions: ["geolocation"],
  });
  return await context.newPage();
}

async function signIn(browser: Browser, info: TestInfo, phone: string): Promise<Page> {
  const page = await phoneOf(browser, info);
  await page.goto("/");
  await button(page, "去授权").click();
  await textbox(page, "手机号").fill(phone);
  await button(page, "获取手机号并登录").click();
  await expect(visible(page, "扫一扫")).toBeVisible();
  return page;
}

async function shot(page: Page, info: TestInfo, name: string) {
  await page.waitForTimeout(600); // the page's slide-in animation
  await page.screenshot({ path: info.outputPath(`${name}.png`) });
}

/** 扫一扫 with a picture of the QR (as a guard does in H5). */
async function scanPicture(page: Page, png: Buffer) {
  await page.goto("/");
  await visible(page, "扫一扫").click();
  await testId(page, "scan-file").setInputFiles({ name: "zone.png", mimeType: "image/png", buffer: png });
}

/** 扫一扫 with the QR's text typed in the development box. */
async function scanText(page: Page, text: string) {
  await page.goto("/");
  await visible(page, "扫一扫").click();
  await textbox(page, "手动输入二维码内容").fill(text);
  await button(page, "确定").click();
}

async function home(page: Page) {
  await page.goto("/");
  await expect(visible(page, "扫一扫")).toBeVisible();
}

const cards = (page: Page, id: string) => testId(page, id);
const zoneCard = (page: Page, name: string) => cards(page, "zone-card").filter({ has: page.getByText(name, { exact: true }) });
const memberCard = (page: Page, person: Person) => cards(page, "member-card").filter({ hasText: person.name });

async function filter(page: Page, label: "全部" | "上岗" | "离岗") {
  await testId(page, "records-filter").click();
  await testId(page, "records-menu").getByRole("button", { name: label, exact: true }).click();
  await expect(testId(page, "records-filter")).toHaveText(`${label} ▼`);
}

const SHANGHAI_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/;

/** The Asia/Shanghai wall clock of a moment, as the pages print it. */
function shanghai(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

test("a zone is added and scanned on and off; records, zone admins, 移交, switching and deleting", async ({ browser }, info) => {
  test.setTimeout(300_000);
  const base = info.project.use.baseURL!;
  const company = await approvedCompany(base);
  const [g1, g2] = [await guardOf(base, company), await guardOf(base, company)];
  const zoneA = `东门岗${Math.floor(Math.random() * 1e4)}`;

  // ---- 巡区管理 → 添加 ----
  const admin = await signIn(browser, info, company.admin.phone);
  for (const tile of ["巡区管理", "到岗记录", "单位码", "人员名单"]) await expect(visible(admin, tile)).toBeVisible();
  await visible(admin, "巡区管理").click();
  await expect(testId(admin, "zones-empty")).toBeVisible();
  await shot(admin, info, "zones-empty");
  await button(admin, "添加").click();
  await button(admin, "提交").click();
  await expect(fieldErrors(admin)).toHaveText(["请输入巡区名称", "请选择管理部门（分局及派出所）", "请选择巡区地点"]);

  await textbox(admin, "请输入巡区名称").fill(zoneA);
  await testId(admin, "pick-department").click();
  await visible(admin, "新北分局").click();
  await visible(admin, "安家派出所").click();
  await expect(testId(admin, "picked-department")).toHaveText("新北分局 安家派出所");
  await textbox(admin, "请输入巡区地点（地址）").fill("江苏省常州市新北区太湖东路101号");
  await textbox(admin, "纬度，如 31.8107").fill("31.8107");
  await textbox(admin, "经度，如 119.9741").fill("119.9741");
  await textbox(admin, "请输入地址描述，如楼栋、楼层").fill("常发广场写字楼东门");
  await expect(testId(admin, "remark-count")).toHaveText("0/200");
  await admin.getByRole("textbox", { name: "请输入巡区备注" }).locator("visible=true").fill("夜间两人一组巡逻");
  await expect(testId(admin, "remark-count")).toHaveText("8/200");
  await shot(admin, info, "zone-add");
  await button(admin, "提交").click();
  await expect(zoneCard(admin, zoneA)).toHaveCount(1);
  await expect(zoneCard(admin, zoneA)).toContainText("安家派出所");
  await expect(zoneCard(admin, zoneA)).toContainText(company.admin.name);
  await expect(zoneCard(admin, zoneA)).toContainText(SHANGHAI_TIME);
  await expect(visible(admin, "已经没有更多记录了")).toBeVisible();

  // the same name again is refused under 巡区名称, in the server's words
  await button(admin, "添加").click();
  await textbox(admin, "请输入巡区名称").fill(zoneA);
  await testId(admin, "pick-department").click();
  await visible(admin, "新北分局").click();
  await visible(admin, "安家派出所").click();
  await textbox(admin, "请输入巡区地点（地址）").fill("江苏省常州市新北区太湖东路103号");
  await textbox(admin, "纬度，如 31.8107").fill("31.81");
  await textbox(admin, "经度，如 119.9741").fill("119.97");
  await button(admin, "提交").click();
  await expect(fieldErrors(admin)).toHaveText(["巡区名称已存在"]);
  await admin.goBack();

  // 编辑: the form opens filled; a new remark is kept
  await zoneCard(admin, zoneA).getByRole("button", { name: "编辑" }).click();
  await expect(textbox(admin, "请输入巡区名称")).toHaveValue(zoneA);
  await expect(testId(admin, "picked-department")).toHaveText("新北分局 安家派出所");
  await expect(testId(admin, "remark-count")).toHaveText("8/200");
  await admin.getByRole("textbox", { name: "请输入巡区备注" }).locator("visible=true").fill("夜间两人一组巡逻，22点交班");
  await button(admin, "提交").click();
  await expect(zoneCard(admin, zoneA)).toHaveCount(1);

  // ---- 二维码 ----
  await zoneCard(admin, zoneA).getByRole("button", { name: "二维码" }).click();
  await expect(testId(admin, "zone-code-name")).toHaveText(zoneA);
  const img = admin.locator('[data-testid="zone-code"] img').locator("visible=true");
  await expect(img).toHaveAttribute("src", /^data:image\/png;base64,/);
  const zonePng = dataUrlBytes((await img.getAttribute("src"))!);
  const zoneLink = decodeQrPng(zonePng);
  expect(zoneLink).toMatch(/\/q\/zone\/[A-Za-z0-9_-]{16,}$/);
  await shot(admin, info, "zone-code");
  const download = admin.waitForEvent("download");
  await button(admin, "保存到相册").click();
  expect((await download).suggestedFilename()).toBe(`${zoneA}巡区二维码.png`);

  // ---- a guard scans: 是否上岗打卡，加入…? → on duty ----
  const guard = await signIn(browser, info, g1.phone);
  await expect(visible(guard, "巡区管理")).toHaveCount(0);
  const beforeOn = new Date();
  await scanPicture(guard, zonePng);
  await shot(guard, info, "scan-join-dialog");
  await answerModal(guard, `是否上岗打卡，加入${zoneA}?`, "确定");
  await expect(testId(guard, "duty-on")).toContainText(zoneA);
  await expect(testId(guard, "duty-card")).toContainText(`所在巡区：${zoneA}`);
  await shot(guard, info, "home-on-duty");

  // ---- scans again: 离岗 ----
  await scanPicture(guard, zonePng);
  await answerModal(guard, `是否离岗打卡（${zoneA}）?`, "离岗");
  await expect(testId(guard, "duty-off")).toBeVisible();

  // ---- and on again: one closed shift, one open ----
  await scanText(guard, zoneLink);
  await answerModal(guard, `是否上岗打卡（${zoneA}）?`, "确定");
  await expect(testId(guard, "duty-on")).toBeVisible();

  // ---- 到岗记录 (mine): 全部 / 上岗 / 离岗, times in Asia/Shanghai ----
  await visible(guard, "到岗记录").click();
  const records = cards(guard, "record-card");
  await expect(records).toHaveCount(2);
  await expect(records.first().locator(".records__open")).toHaveText("离岗"); // still on duty
  await expect(records.nth(1).locator(".records__open")).toHaveCount(0);
  await expect(records.first()).toContainText(zoneA);
  await expect(records.nth(1)).toContainText(shanghai(beforeOn).slice(0, 10));
  await expect(visible(guard, "已经没有更多记录了")).toBeVisible();
  await shot(guard, info, "records-mine");
  await filter(guard, "上岗");
  await expect(records).toHaveCount(1);
  await expect(records.first()).toContainText("在岗");
  await filter(guard, "离岗");
  await expect(records).toHaveCount(1);
  await expect(records.first()).toContainText("已离岗");
  await expect(records.first()).toContainText(/离岗时间\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  await filter(guard, "全部");
  await expect(records).toHaveCount(2);

  // ---- the admin: the zone's 到岗记录 with the guard's name and masked phone ----
  await admin.goto("/");
  await visible(admin, "巡区管理").click();
  await zoneCard(admin, zoneA).getByRole("button", { name: "到岗记录" }).click();
  const zoneRecords = cards(admin, "record-card");
  await expect(zoneRecords).toHaveCount(2);
  await expect(zoneRecords.first()).toContainText(`${g1.name}(${g1.phone.slice(0, 3)}****${g1.phone.slice(7)})`);
  await filter(admin, "离岗");
  await expect(zoneRecords).toHaveCount(1);
  await shot(admin, info, "records-zone");

  // ---- 人员管理: 设为巡区管理员 ----
  await admin.goto("/");
  await visible(admin, "巡区管理").click();
  await zoneCard(admin, zoneA).getByRole("button", { name: "人员管理" }).click();
  await expect(memberCard(admin, g1)).toHaveCount(1);
  await memberCard(admin, g1).getByRole("button", { name: "设为巡区管理员" }).click();
  await answerModal(admin, `确定将${g1.name}设为${zoneA}的巡区管理员吗？`, "确定");
  await expect(memberCard(admin, g1)).toContainText("巡区管理员");
  await expect(memberCard(admin, g1).getByRole("button", { name: "取消授权" })).toBeVisible();
  await shot(admin, info, "zone-members");

  // ---- a second guard joins the zone by scanning ----
  const second = await signIn(browser, info, g2.phone);
  await scanText(second, zoneLink);
  await answerModal(second, `是否上岗打卡，加入${zoneA}?`, "确定");
  await expect(testId(second, "duty-on")).toBeVisible();

  // ---- the zone admin: 巡区管理 of their zone only, no 删除; 移交 to the second guard ----
  await home(guard);
  await expect(testId(guard, "duty-card")).toContainText("巡区管理员");
  await visible(guard, "巡区管理").click();
  await expect(cards(guard, "zone-card")).toHaveCount(1);
  await expect(zoneCard(guard, zoneA).getByRole("button", { name: "删除" })).toHaveCount(0);
  await expect(button(guard, "添加")).toHaveCount(0);
  await shot(guard, info, "zones-zone-admin");
  await zoneCard(guard, zoneA).getByRole("button", { name: "到岗记录" }).click();
  await expect(testId(guard, "records-filter")).toHaveText("上岗 ▼"); // the zone admin's default
  await expect(cards(guard, "record-card")).toHaveCount(2); // both guards on duty
  await guard.goBack();
  await zoneCard(guard, zoneA).getByRole("button", { name: "人员管理" }).click();
  await expect(cards(guard, "member-card")).toHaveCount(2);
  await expect(button(guard, "设为巡区管理员")).toHaveCount(0); // search only
  await guard.goBack();
  await zoneCard(guard, zoneA).getByRole("button", { name: "移交" }).click();
  await expect(memberCard(guard, g1).getByRole("button", { name: "移交" })).toHaveCount(0); // not oneself
  await memberCard(guard, g2).getByRole("button", { name: "移交" }).click();
  await answerModal(guard, `确定将${zoneA}的管理权移交给${g2.name}吗？`, "确定");
  await expect(visible(guard, "扫一扫")).toBeVisible();
  await expect(visible(guard, "巡区管理")).toHaveCount(0);

  // ---- the new zone admin scans a second zone: asked, switches, loses the first zone's right ----
  const zoneB = `西门岗${Math.floor(Math.random() * 1e4)}`;
  const b = await zoneOf(base, company, zoneB);
  await home(second);
  await expect(visible(second, "巡区管理")).toBeVisible();
  await scanText(second, b.link);
  await answerModal(second, `您已加入${zoneA}，是否上岗打卡，加入${zoneB}?（加入后将不再是${zoneA}的巡区管理员）`, "确定");
  await expect(testId(second, "duty-card")).toContainText(`所在巡区：${zoneB}`);
  await expect(visible(second, "巡区管理")).toHaveCount(0);
  await visible(second, "到岗记录").click();
  await expect(cards(second, "record-card")).toHaveCount(2);
  await expect(cards(second, "record-card").nth(1)).toContainText("加入其他巡区，自动离岗");

  // ---- the admin deletes the second zone; its QR is refused ----
  await admin.goto("/");
  await visible(admin, "巡区管理").click();
  await zoneCard(admin, zoneB).getByRole("button", { name: "删除" }).click();
  await answerModal(admin, `确定删除巡区「${zoneB}」吗？`, "确定");
  await expect(zoneCard(admin, zoneB)).toHaveCount(0);
  await expect(zoneCard(admin, zoneA)).toHaveCount(1);
  await scanText(second, b.link);
  await expect(second.getByText("该巡区已删除，二维码已失效").locator("visible=true")).toBeVisible();
  await expect(modal(second)).toHaveCount(0);
});

test("offline: a scan without network is kept, sent when online, and appears once as 补录", async ({ browser }, info) => {
  test.setTimeout(180_000);
  const base = info.project.use.baseURL!;
  const company = await approvedCompany(base);
  const g = await guardOf(base, company);
  const zone = `地下车库${Math.floor(Math.random() * 1e4)}`;
  const { link } = await zoneOf(base, company, zone);

  const guard = await signIn(browser, info, g.phone);
  await visible(guard, "扫一扫").click();
  await expect(textbox(guard, "手动输入二维码内容")).toBeVisible();

  // No signal in the garage; the phone's clock says the scan was 10 minutes ago by the time it is sent.
  const scannedAt = new Date(Date.now() - 10 * 60_000);
  await guard.clock.setFixedTime(scannedAt);
  await guard.context().setOffline(true);
  await textbox(guard, "手动输入二维码内容").fill(link);
  await button(guard, "确定").click();
  await shot(guard, info, "offline-kept");
  await answerModal(guard, "已记录，联网后自动提交", "知道了");

  // back online: the queue goes by itself
  await guard.context().setOffline(false);
  await expect(guard.getByText("已提交1条离线打卡").locator("visible=true")).toBeVisible();

  // a relaunch sends nothing twice (the queue is empty, and the server acts once per requestId)
  await home(guard);
  await expect(testId(guard, "duty-on")).toContainText(zone);
  await visible(guard, "到岗记录").click();
  const records = cards(guard, "record-card");
  await expect(records).toHaveCount(1);
  await expect(records.first()).toContainText("补录");
  await expect(records.first()).toContainText(shanghai(scannedAt));
  await expect(records.first()).toContainText(/提交时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  await expect(records.first().locator(".records__open")).toHaveText("离岗");
  await shot(guard, info, "records-late");
  await guard.reload();
  await expect(records).toHaveCount(1);

  // the admin sees the same 补录 in the zone's records
  const admin = await signIn(browser, info, company.admin.phone);
  await visible(admin, "巡区管理").click();
  await zoneCard(admin, zone).getByRole("button", { name: "到岗记录" }).click();
  await expect(cards(admin, "record-card")).toHaveCount(1);
  await expect(cards(admin, "record-card").first()).toContainText("补录");
});

test("电子围栏: a zone with a 100 m fence refuses a scan from far away with the distance", async ({ browser }, info) => {
  test.setTimeout(180_000);
  const base = info.project.use.baseURL!;
  const company = await approvedCompany(base);
  const g = await guardOf(base, company);
  const zone = `南门岗${Math.floor(Math.random() * 1e4)}`;

  // ---- 添加: 电子围栏 is 0 (关闭) until a number of metres is typed; out of 0–5000 is refused ----
  const admin = await signIn(browser, info, company.admin.phone);
  await visible(admin, "巡区管理").click();
  await button(admin, "添加").click();
  await textbox(admin, "请输入巡区名称").fill(zone);
  await testId(admin, "pick-department").click();
  await visible(admin, "新北分局").click();
  await visible(admin, "安家派出所").click();
  await textbox(admin, "请输入巡区地点（地址）").fill("江苏省常州市新北区太湖东路101号");
  await textbox(admin, "纬度，如 31.8107").fill("31.8107");
  await textbox(admin, "经度，如 119.9741").fill("119.9741");
  await expect(testId(admin, "geofence-state")).toHaveText("关闭");
  const fence = admin.getByRole("spinbutton", { name: "电子围栏（米，0为关闭）" }).locator("visible=true");
  await fence.fill("6000");
  await button(admin, "提交").click();
  await expect(fieldErrors(admin)).toHaveText(["电子围栏应为0至5000米的整数（0为关闭）"]);
  await fence.fill("100");
  await expect(testId(admin, "geofence-state")).toHaveText("已开启");
  await expect(visible(admin, "须在巡区地点100米内扫码打卡")).toBeVisible();
  await shot(admin, info, "zone-add-geofence");
  await button(admin, "提交").click();
  await expect(zoneCard(admin, zone)).toHaveCount(1);

  // 编辑 shows the fence it was saved with
  await zoneCard(admin, zone).getByRole("button", { name: "编辑" }).click();
  await expect(fence).toHaveValue("100");
  await admin.goBack();
  await zoneCard(admin, zone).getByRole("button", { name: "二维码" }).click();
  const img = admin.locator('[data-testid="zone-code"] img').locator("visible=true");
  await expect(img).toHaveAttribute("src", /^data:image\/png;base64,/);
  const link = decodeQrPng(dataUrlBytes((await img.getAttribute("src"))!));

  // ---- the guard 2.7 km away: refused, told how far; nothing happens ----
  const guard = await signIn(browser, info, g.phone);
  await guard.context().setGeolocation({ latitude: 31.83, longitude: 119.99 });
  await scanText(guard, link);
  const refusal = guard.getByText(new RegExp(`您距离${zone}约\\d+米，超出打卡范围（100米）`)).locator("visible=true");
  await expect(refusal).toBeVisible();
  const metres = Number((await refusal.textContent())!.match(/约(\d+)米/)![1]);
  expect(metres).toBeGreaterThan(2600);
  expect(metres).toBeLessThan(2900);
  await expect(modal(guard)).toHaveCount(0);
  await shot(guard, info, "scan-out-of-range");

  // ---- at the gate (about 30 m): asked, and on duty ----
  await guard.context().setGeolocation({ latitude: 31.8125, longitude: 119.9695 });
  await scanText(guard, link);
  await answerModal(guard, `是否上岗打卡，加入${zone}?`, "确定");
  await expect(testId(guard, "duty-on")).toContainText(zone);
});
