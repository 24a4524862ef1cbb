// 巡区管理 through the API: add, list and search (keyset pages), edit, QR and its regeneration,
// delete; every bad input answered with its code and nothing written.
import assert from "node:assert/strict";
import {
  admin,
  approvedCompany,
  decodeQrPng,
  errorOf,
  get,
  member,
  post,
} from "../../tests/companies-fixtures.ts";
import { apiTest } from "../../tests/helpers.ts";
import { createZone, qrOf, send, zoneForm, zoneToken } from "../../tests/zones-fixtures.ts";

const zoneCount = async (companyId: string) =>
  (await admin()`select count(*)::int as n from public.zones where company_id = ${companyId}`)[0].n;

apiTest(
  "POST /api/zones creates a zone the admin then lists with its department and creator",
  async () => {
    const a = await approvedCompany();
    const res = await post(
      "/api/zones",
      await zoneForm({ name: "办公室5", remark: "夜班" }),
      a.admin.accessToken,
    );
    assert.equal(res.status, 201, await res.clone().text());
    const zone = await res.json();
    assert.deepEqual(
      [zone.name, zone.departmentName, zone.branchName, zone.remark, zone.geofenceM, zone.myRight],
      ["办公室5", "安家派出所", "新北分局", "夜班", 0, "company_admin"],
    );
    const list = await (await get("/api/zones", a.admin.accessToken)).json();
    assert.deepEqual(list.items.map((z: { id: string }) => z.id), [zone.id]);
    assert.equal(
      list.items[0].createdByName,
      (await admin()`select name from public.profiles where user_id = ${a.admin.user.id}`)[0].name,
    );
  },
);

apiTest(
  "GET /api/zones searches by name and pages newest first with an opaque cursor",
  async () => {
    const a = await approvedCompany();
    const made = [];
    for (const n of ["东门岗", "西门岗", "南门岗", "停车场"]) {
      made.push(
        await createZone(a, { name: n }),
      );
    }
    const p1 = await (await get("/api/zones?limit=2", a.admin.accessToken)).json();
    assert.deepEqual(p1.items.map((z: { name: string }) => z.name), ["停车场", "南门岗"]);
    assert.ok(p1.nextCursor);
    const p2 = await (await get(`/api/zones?limit=2&cursor=${p1.nextCursor}`, a.admin.accessToken))
      .json();
    assert.deepEqual(p2.items.map((z: { name: string }) => z.name), ["西门岗", "东门岗"]);
    assert.equal(p2.nextCursor, null);
    const found =
      await (await get(`/api/zones?q=${encodeURIComponent("门岗")}`, a.admin.accessToken)).json();
    assert.equal(found.items.length, 3);
    assert.deepEqual(await errorOf(await get("/api/zones?cursor=garbage", a.admin.accessToken)), [
      400,
      "cursor_invalid",
    ]);
  },
);

apiTest("POST /api/zones refuses every bad form with its code and writes nothing", async () => {
  const a = await approvedCompany();
  const taken = await createZone(a, { name: "重名巡区" });
  const cases: [Record<string, unknown>, number, string][] = [
    [{ name: taken.name }, 409, "zone_name_taken"],
    [{ name: " " }, 400, "name_invalid"],
    [{ name: "长".repeat(31) }, 400, "name_invalid"],
    [{ remark: "字".repeat(201) }, 400, "remark_too_long"],
    [{ address: "" }, 400, "address_invalid"],
    [{ addressDetail: "字".repeat(101) }, 400, "address_detail_too_long"],
    [{ lat: 91 }, 400, "invalid_input"],
    [{ lat: "x" }, 400, "invalid_input"],
    [{ geofenceM: -1 }, 400, "invalid_input"],
    [{ departmentId: "nope" }, 400, "invalid_input"],
    [
      {
        departmentId: (await admin()`select id from public.departments where code = 'cz.xb'`)[0].id,
      },
      400,
      "department_invalid",
    ],
  ];
  for (const [over, status, code] of cases) {
    const res = await post("/api/zones", await zoneForm(over), a.admin.accessToken);
    const body = await res.json();
    assert.deepEqual([res.status, body.error?.code], [status, code], JSON.stringify(over));
    assert.match(body.error.message, /[\u4e00-\u9fa5]/);
  }
  // exactly 200 characters is fine (the 0/200 counter's limit)
  assert.equal(
    (await post("/api/zones", await zoneForm({ remark: "字".repeat(200) }), a.admin.accessToken))
      .status,
    201,
  );
  assert.equal(await zoneCount(a.companyId), 2);
});

apiTest("POST /api/zones is for the company admin only", async () => {
  const a = await approvedCompany();
  const guard = await member(a.codeToken);
  assert.deepEqual(await errorOf(await post("/api/zones", await zoneForm(), guard.accessToken)), [
    403,
    "not_company_admin",
  ]);
  assert.equal(await zoneCount(a.companyId), 0);
});

apiTest(
  "PATCH /api/zones/:id changes the given fields only; a duplicate name is refused",
  async () => {
    const a = await approvedCompany();
    const [z1, z2] = [await createZone(a), await createZone(a)];
    const res = await send("PATCH", `/api/zones/${z1.id}`, a.admin.accessToken, {
      remark: "改过的备注",
      geofenceM: 300,
    });
    assert.equal(res.status, 200, await res.clone().text());
    const zone = await res.json();
    assert.deepEqual([zone.name, zone.remark, zone.geofenceM], [z1.name, "改过的备注", 300]);
    assert.deepEqual(
      await errorOf(
        await send("PATCH", `/api/zones/${z1.id}`, a.admin.accessToken, { name: z2.name }),
      ),
      [409, "zone_name_taken"],
    );
    assert.deepEqual(
      await errorOf(
        await send("PATCH", `/api/zones/${z1.id}`, a.admin.accessToken, {
          remark: "字".repeat(201),
        }),
      ),
      [400, "remark_too_long"],
    );
    const [row] = await admin()`select name, remark from public.zones where id = ${z1.id}`;
    assert.deepEqual([row.name, row.remark], [z1.name, "改过的备注"]);
  },
);

apiTest("GET /api/zones/:id of another company's zone is 404 zone_not_found", async () => {
  const [a, b] = [await approvedCompany(), await approvedCompany()];
  const zb = await createZone(b);
  for (
    const [m, p] of [
      ["GET", ""],
      ["PATCH", ""],
      ["DELETE", ""],
      ["GET", "/code.png"],
      ["POST", "/code"],
      ["GET", "/records"],
      ["GET", "/members"],
    ]
  ) {
    const res = await send(
      m,
      `/api/zones/${zb.id}${p}`,
      a.admin.accessToken,
      m === "PATCH" ? { remark: "x" } : undefined,
    );
    assert.deepEqual(await errorOf(res), [404, "zone_not_found"], `${m} ${p}`);
  }
  assert.deepEqual(await errorOf(await get("/api/zones/not-a-uuid", a.admin.accessToken)), [
    400,
    "invalid_input",
  ]);
});

apiTest("GET /api/zones/:id/code.png shows the zone QR; POST /code regenerates it", async () => {
  const a = await approvedCompany();
  const zone = await createZone(a);
  assert.equal(
    await decodeQrPng(await get(`/api/zones/${zone.id}/code.png`, a.admin.accessToken)),
    zone.code,
  );
  assert.equal((await send("POST", `/api/zones/${zone.id}/code`, a.admin.accessToken)).status, 200);
  const fresh = await zoneToken(zone.id);
  assert.notEqual(fresh, zone.token);
  assert.equal(
    await decodeQrPng(await get(`/api/zones/${zone.id}/code.png`, a.admin.accessToken)),
    qrOf(fresh),
  );
});

apiTest(
  "DELETE /api/zones/:id hides the zone and kills its QR; a guard cannot delete",
  async () => {
    const a = await approvedCompany();
    const zone = await createZone(a);
    const guard = await member(a.codeToken);
    assert.deepEqual(
      await errorOf(await send("DELETE", `/api/zones/${zone.id}`, guard.accessToken)),
      [403, "not_company_admin"],
    );
    assert.equal((await send("DELETE", `/api/zones/${zone.id}`, a.admin.accessToken)).status, 200);
    assert.deepEqual((await (await get("/api/zones", a.admin.accessToken)).json()).items, []);
    assert.deepEqual(
      await errorOf(await get(`/api/zones/${zone.id}/code.png`, a.admin.accessToken)),
      [404, "zone_not_found"],
    );
    const preview = await (await post("/api/duty/preview", { code: zone.code }, guard.accessToken))
      .json();
    assert.deepEqual([preview.action, preview.reasonCode], [null, "zone_deleted"]);
  },
);
