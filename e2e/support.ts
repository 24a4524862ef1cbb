// Test data for the flows: valid-looking identities and a small real PNG (the API checks magic
// bytes and decodes nothing else, so any real PNG serves as the face photo).
export function randomPhone(): string {
  return "134" + String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
}

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function idCheckChar(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * W[i], 0);
  return "10X98765432"[sum % 11];
}

/** An ID number of 常州钟楼区 with a random birth date between 1970 and 1999. */
export function randomIdNumber(): string {
  const day = new Date(Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 30 * 365) * 86_400_000);
  const ymd = day.toISOString().slice(0, 10).replaceAll("-", "");
  const first17 = `320404${ymd}${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
  return first17 + idCheckChar(first17);
}

// 16×16 PNG, one flat skin tone.
export const PNG_FACE = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGN4tm8BSYhhVMOohuGrAQCdGEQf7TGM9AAAAABJRU5ErkJggg==",
  "base64",
);

// ---- companies.spec.ts (issue 3): setup through the API, and reading our QR images ----
// (Import declarations are hoisted: appended here so the lines above stay as they were.)
import jsQR from "jsqr";
import { PNG } from "pngjs";

const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
const GIVEN = "建华晓明志强秀英海燕国庆文博子涵雨辰思远俊杰玉萍雪梅树文";

/** A plausible, almost surely unique Chinese name of three characters. */
export function randomName(): string {
  const pick = (s: string) => [...s][Math.floor(Math.random() * [...s].length)];
  return pick(SURNAMES) + pick(GIVEN) + pick(GIVEN);
}

/** The text of the QR code in a PNG (as the API renders them). */
export function decodeQrPng(png: Buffer): string {
  const img = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length);
  const found = jsQR(pixels, img.width, img.height);
  if (!found) throw new Error("no QR code in the image");
  return found.data;
}

/** The bytes of a `data:image/png;base64,…` URL. */
export function dataUrlBytes(url: string): Buffer {
  const m = /^data:image\/png;base64,(.+)$/.exec(url);
  if (!m) throw new Error(`not a PNG data URL: ${url.slice(0, 40)}`);
  return Buffer.from(m[1], "base64");
}

/**
 * A new user who finished 身份认证 by self registration, made through the API (the same calls the
 * pages make; identity.spec.ts covers the pages themselves). Sign in afterwards with the phone.
 */
export async function registerVerifiedUser(baseURL: string, phone: string, name: string): Promise<void> {
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${baseURL}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return await res.json();
  };
  const codes = await post("/_wechat/_dev/codes", { phone });
  const session = await post("/functions/v1/api/auth/wechat", codes);
  const form = new FormData();
  form.append("name", name);
  form.append("idNumber", randomIdNumber());
  form.append("photo", new Blob([PNG_FACE], { type: "image/png" }), "face.png");
  const res = await fetch(`${baseURL}/functions/v1/api/identity`, {
    method: "POST",
    headers: { Authorization: `Bearer ${session.accessToken}` },
    body: form,
  });
  if (!res.ok) throw new Error(`/identity: ${res.status} ${await res.text()}`);
}

// ---- the accessibility watcher (issue 14): every spec takes test / expect from here ----
export { expect, test } from "./axe-watch.ts";
