// A PNG answer of a route: never cached (a regenerated code must not linger in a cache), with an
// optional download name (H5 saves the 单位码 under the company's name).
import type { Context } from "hono";

export function pngResponse(c: Context, bytes: Uint8Array, filename?: string) {
  c.header("content-type", "image/png");
  c.header("cache-control", "no-store");
  if (filename) {
    c.header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(filename)}`);
  }
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
}
