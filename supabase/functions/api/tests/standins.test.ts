// The stand-ins behave like the systems they replace, at the level the API depends on.
import assert from "node:assert/strict";
import { base, devCodes, randomPhone, wechat } from "./helpers.ts";

const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
const session = (jsCode: string, o: Record<string, string> = {}) =>
  fetch(
    `${base}/_wechat/sns/jscode2session?${
      q({
        appid: "wxdev",
        secret: "devsecret",
        js_code: jsCode,
        grant_type: "authorization_code",
        ...o,
      })
    }`,
  ).then((r) => r.json());

Deno.test("wechat stand-in: code2Session gives a stable openid per phone, once per code", async () => {
  const phone = randomPhone();
  const a = await session((await devCodes(phone)).loginCode);
  const b = await session((await devCodes(phone)).loginCode);
  assert.match(a.openid, /^o[A-Za-z0-9]{27}$/);
  assert.equal(a.openid, b.openid);
  const codes = await devCodes(phone);
  await session(codes.loginCode);
  assert.equal((await session(codes.loginCode)).errcode, 40163);
  assert.equal((await session("nope")).errcode, 40029);
  // a phone code is not a login code
  assert.equal((await session(codes.phoneCode)).errcode, 40029);
});

Deno.test("wechat stand-in: wrong appid answers 40013, wrong secret 40125", async () => {
  const { loginCode } = await devCodes(randomPhone());
  assert.equal((await session(loginCode, { appid: "wxother" })).errcode, 40013);
  assert.equal((await session(loginCode, { secret: "wrong" })).errcode, 40125);
});

Deno.test("wechat stand-in: stable_token keeps its token until force_refresh replaces it", async () => {
  const token = (force: boolean) =>
    wechat("/cgi-bin/stable_token", {
      grant_type: "client_credential",
      appid: "wxdev",
      secret: "devsecret",
      force_refresh: force,
    }).then((r) => r.json());
  const a = await token(false);
  const b = await token(false);
  assert.equal(a.access_token, b.access_token);
  assert.ok(b.expires_in > 0 && b.expires_in <= 7200);
  const c = await token(true);
  assert.notEqual(c.access_token, a.access_token);
  const { phoneCode } = await devCodes(randomPhone());
  const stale = await wechat(`/wxa/business/getuserphonenumber?access_token=${a.access_token}`, {
    code: phoneCode,
  }).then((r) => r.json());
  assert.equal(stale.errcode, 40001);
  const fresh = await wechat(`/wxa/business/getuserphonenumber?access_token=${c.access_token}`, {
    code: phoneCode,
  }).then((r) => r.json());
  assert.equal(fresh.errcode, 0);
  assert.equal(fresh.phone_info.countryCode, "86");
  assert.equal(fresh.phone_info.watermark.appid, "wxdev");
  const wrongSecret = await wechat("/cgi-bin/stable_token", {
    grant_type: "client_credential",
    appid: "wxdev",
    secret: "wrong",
  }).then((r) => r.json());
  assert.equal(wrongSecret.errcode, 40125);
});

Deno.test("registry stand-in: refuses a wrong key with 401 unauthorized", async () => {
  const res = await fetch(`${base}/_registry/v1/persons?phone=13900000001`, {
    headers: { authorization: "Bearer wrong" },
  });
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), { error: "unauthorized" });
});

Deno.test("registry stand-in: answers a seeded person and found false otherwise", async () => {
  const ask = (phone: string) =>
    fetch(`${base}/_registry/v1/persons?phone=${phone}`, {
      headers: { authorization: "Bearer devkey" },
    }).then((r) => r.json());
  const hit = await ask("13900000004");
  assert.equal(hit.found, true);
  assert.equal(hit.person.idNumber, "32041219950220009X");
  assert.deepEqual(await ask("13999999999"), { found: false });
});
