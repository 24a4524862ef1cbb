// The mini-program's generated API types (miniapp/src/services/api-types.ts) must be those of
// the API as it is now: a route or schema changed without `npm run gen:api-types` fails here.
import assert from "node:assert/strict";
import { API_TYPES_FILE, generateApiTypes } from "../../../../scripts/gen-api-types.ts";

Deno.test("miniapp/src/services/api-types.ts is generated from the current OpenAPI document", async () => {
  const committed = await Deno.readTextFile(API_TYPES_FILE);
  assert.ok(
    committed === await generateApiTypes(),
    "api-types.ts is stale: run `npm run gen:api-types` and commit the result",
  );
});
