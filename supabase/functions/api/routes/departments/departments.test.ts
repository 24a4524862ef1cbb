// GET /api/departments: the seeded tree of 常州市公安局, flat with parentId.
import assert from "node:assert/strict";
import { apiTest, get, signIn } from "../../tests/helpers.ts";

type Dept = { id: string; parentId: string | null; name: string; kind: string };

apiTest("GET /api/departments lists one city bureau at the root of a consistent tree", async () => {
  const s = await signIn();
  const res = await get("/api/departments", s.accessToken);
  assert.equal(res.status, 200);
  const { items } = await res.json() as { items: Dept[] };
  const roots = items.filter((d) => d.parentId === null);
  assert.deepEqual(roots.map((d) => [d.name, d.kind]), [["常州市公安局", "city"]]);
  const ids = new Set(items.map((d) => d.id));
  for (const d of items) if (d.parentId) assert.ok(ids.has(d.parentId), `${d.name} has a parent`);
  assert.ok(items.some((d) => d.kind === "station"));
});

apiTest("GET /api/departments without a token answers 401 token_missing", async () => {
  const res = await get("/api/departments");
  assert.equal(res.status, 401);
  assert.equal((await res.json()).error.code, "token_missing");
});
