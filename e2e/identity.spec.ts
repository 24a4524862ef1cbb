// 身份认证 (SPEC §1) in the H5 build, at a phone's size: a new number registers with a face
// photo; a number known to the 微警务 registry is linked with 确定. Both land on the verified
// home with the tiles of a user who has no company yet.
import type { Page } from "@playwright/test";
import { PNG_FACE, randomIdNumber, randomPhone, expect, test } from "./support.ts";

const visible = (page: Page, text: string) => page.getByText(text, { exact: true }).locator("visible=true");
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).locator("visible=true");
// Taro copies a placeholder onto the input's wrapper too: the textbox role finds the input itself.
const textbox = (page: Page, name: string) => page.getByRole("textbox", { name }).locator("visible=true");

async function devSignIn(page: Page, phone: string) {
  await page.goto("/");
  await button(page, "去授权").click();
  await textbox(page, "手机号").fill(phone);
  await button(page, "获取手机号并登录").click();
}

async function expectVerifiedHome(page: Page) {
  for (const tile of ["扫一扫", "单位申报", "入职扫码", "线索举报"]) {
    await expect(visible(page, tile)).toBeVisible();
  }
  await expect(button(page, "去授权")).toHaveCount(0);
}

test("a new user signs in, registers with a face photo and sees the verified home", async ({ page }, info) => {
  const phone = randomPhone();
  await devSignIn(page, phone);

  await expect(textbox(page, "姓名")).toBeVisible();
  await expect(page.getByTestId("reg-phone").locator("visible=true")).toHaveText(
    `${phone.slice(0, 3)}****${phone.slice(7)}`,
  );

  // a wrong check character is caught before anything is sent
  const id = randomIdNumber();
  const wrong = id.slice(0, 17) + (id[17] === "0" ? "1" : "0");
  await textbox(page, "姓名").fill("李晓明");
  await textbox(page, "身份证号码").fill(wrong);
  await page.getByTestId("photo-input").locator("visible=true").setInputFiles({
    name: "face.png",
    mimeType: "image/png",
    buffer: PNG_FACE,
  });
  await button(page, "提交").click();
  await expect(page.getByTestId("error-id-number").locator("visible=true")).toBeVisible();
  await page.screenshot({ path: info.outputPath("register-error.png") });

  await textbox(page, "身份证号码").fill(id);
  await button(page, "提交").click();
  await expectVerifiedHome(page);
  // the register page's error, read out once, does not stay behind on the home for a screen reader
  await expect(page.locator(".qf-sr-only")).toHaveText("");
  await page.screenshot({ path: info.outputPath("home-verified.png") });

  // the session survives a reload (tokens kept, /api/me answers verified)
  await page.reload();
  await expectVerifiedHome(page);
});

test("a phone verified on 微警务 is linked with 确定", async ({ page }) => {
  await devSignIn(page, "13900000002");
  await expect(visible(page, "授权关联用户信息")).toBeVisible();
  await expect(page.getByTestId("link-name").locator("visible=true")).toContainText("*");
  await button(page, "确定").click();
  await expectVerifiedHome(page);
});
