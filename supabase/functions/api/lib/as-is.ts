// The answer of a read whose SQL function builds the whole response (docs/request-path.md): its
// JSON text goes out as it came from the database, never parsed, checked and printed again on
// the hot path. The route's zod schema still documents it (the OpenAPI document, the
// mini-program's types), and the fuzzer checks every answer against that schema.
import type { Context } from "hono";

/** `text` (JSON from a private.<read>_as function) as the 200 answer, unchanged. */
export function asIs(c: Context, text: string): never {
  return c.body(text, 200, { "content-type": "application/json" }) as never;
}
