// The QR codes of the platform. Their content is an ordinary https link,
// `${QR_BASE_URL}/q/<kind>/<token>`, because WeChat's "scan an ordinary link to open the
// mini-program" routes exactly such links (by prefix) into the mini-program; the same string is
// what Taro.scanCode or an H5 decoder hands to POST /api/scan.
import QRCode from "qrcode";
import { env } from "./env.ts";

export const QR_KINDS = ["company", "review", "zone"] as const;
export type QrKind = typeof QR_KINDS[number];

// Tokens are base64url (≥ 128 bits → ≥ 22 characters); the upper bound keeps junk out of SQL.
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

export function qrUrl(kind: QrKind, token: string): string {
  return `${env.qrBaseUrl().replace(/\/+$/, "")}/q/${kind}/${token}`;
}

/**
 * A scanned string → kind and token, or null when it is not one of our codes. Whitespace (a
 * decoder's trailing newline, a pasted line break) is ignored, and so is a URL-encoded form
 * (WeChat hands the link of an ordinary-link QR to the page as the encoded `q` parameter).
 * The origin and path prefix must be QR_BASE_URL's: a look-alike host is not ours.
 */
export function parseQr(scanned: string): { kind: QrKind; token: string } | null {
  let text = scanned.replace(/\s+/g, "");
  if (/^https?%3A/i.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return null;
    }
  }
  let url: URL, base: URL;
  try {
    url = new URL(text);
    base = new URL(env.qrBaseUrl());
  } catch {
    return null;
  }
  if (url.origin !== base.origin || url.search || url.hash) return null;
  const prefix = base.pathname.replace(/\/+$/, "");
  if (!url.pathname.startsWith(`${prefix}/q/`)) return null;
  const [kind, token, ...rest] = url.pathname.slice(prefix.length + 3).split("/");
  if (rest.length > 0 || !(QR_KINDS as readonly string[]).includes(kind) || !TOKEN.test(token)) {
    return null;
  }
  return { kind: kind as QrKind, token };
}

/**
 * The QR of `text` as PNG bytes (error correction M, 4-module quiet zone, 8 px a module: sharp
 * enough to print and to save to the album). No caption: drawing 中文 into the PNG would need a
 * CJK font file in the function; the mini-program draws the company name under the image.
 */
export async function qrPng(text: string): Promise<Uint8Array> {
  const buffer: Uint8Array = await QRCode.toBuffer(text, {
    type: "png",
    errorCorrectionLevel: "M",
    margin: 4,
    scale: 8,
  });
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
