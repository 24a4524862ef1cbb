// Fixtures of the companies tests: verified users, officers, registry companies of their own and
// approved companies, all made through the real API except what only an administrator does
// (provisioning an officer, adding a registry company), which goes through admin().
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { creditCheckChar } from "../../_shared/credit-code.ts";
import { addRegistryPerson, admin, get, post, randomIdNumber, signIn } from "./helpers.ts";

export type User = Awaited<ReturnType<typeof signIn>>;

// jsqr is CommonJS: its default export at run time is the decoder function, which its typings
// (an ES default inside a CJS package) do not express under Deno.
type Decode = (
  data: Uint8ClampedArray,
  w: number,
  h: number,
) => { data: string } | null;
const jsQR = jsQRModule as unknown as Decode;

const HAN = "安保盾卫诚信和平泰康宁华";
const randomHan = (n: number) =>
  Array.from(
    crypto.getRandomValues(new Uint8Array(n)),
    (b) => HAN[b % HAN.length],
  ).join("");

/** A signed-in user whose identity is synced from the registry stand-in. */
export async function verifiedUser(name = `测${randomHan(2)}`): Promise<User> {
  const s = await signIn();
  await addRegistryPerson({ name, idNumber: randomIdNumber(), phone: s.phone });
  const res = await post("/api/identity/sync", {}, s.accessToken);
  assert.equal(res.status, 200, await res.clone().text());
  return s;
}

export async function departmentId(code: string): Promise<string> {
  const [row] = await admin()<{ id: string }[]>`
    select id from public.departments where code = ${code}`;
  assert.ok(row, `department ${code}`);
  return row.id;
}

/** An officer of the department with this code (provisioned as an administrator would). */
export async function officer(departmentCode: string): Promise<User> {
  const s = await verifiedUser();
  await admin()`insert into public.police_officers (user_id, department_id)
                values (${s.user.id}, ${await departmentId(departmentCode)})`;
  return s;
}

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** A valid 统一社会信用代码 of a Changzhou company, random after the region. */
export function randomCreditCode(): string {
  const tail = Array.from(
    crypto.getRandomValues(new Uint8Array(9)),
    (b) => ALPHABET[b % 31],
  );
  const first17 = `91320411${tail.join("")}`;
  return first17 + creditCheckChar(first17);
}

/** A registry company nobody has declared (each test its own: declarations stay). */
export async function registryCompany(): Promise<
  { id: string; name: string; code: string }
> {
  const name = `常州${randomHan(4)}测试保安服务有限公司`;
  const code = randomCreditCode();
  const [row] = await admin()<{ id: string }[]>`
    insert into public.registry_companies (name, credit_code) values (${name}, ${code})
    returning id`;
  return { id: row.id, name, code };
}

export type Declared = {
  declarant: User;
  declarationId: string;
  reviewToken: string;
  company: { id: string; name: string; code: string };
};

/** A verified user declares a fresh registry company to 新北分局 安家派出所. */
export async function declared(station = "cz.xb.anjia"): Promise<Declared> {
  const declarant = await verifiedUser();
  const company = await registryCompany();
  const res = await post("/api/companies", {
    registryCompanyId: company.id,
    departmentId: await departmentId(station),
    address: "常州市新北区通江中路 88 号",
    contactPhone: declarant.phone,
  }, declarant.accessToken);
  assert.equal(res.status, 200, await res.clone().text());
  const body = await res.json();
  return {
    declarant,
    declarationId: body.id,
    reviewToken: body.reviewQr.split("/").at(-1),
    company,
  };
}

export type Approved = Declared & {
  admin: User;
  companyId: string;
  codeToken: string;
};

/** A declared company approved by an officer of the 分局 above the station. */
export async function approvedCompany(station = "cz.xb.anjia"): Promise<Approved> {
  const d = await declared(station);
  const police = await officer("cz.xb");
  const res = await post(
    `/api/reviews/${d.reviewToken}`,
    { approve: true },
    police.accessToken,
  );
  assert.equal(res.status, 200, await res.clone().text());
  const [code] = await admin()<{ token: string }[]>`
    select token from public.company_codes where company_id = ${d.declarationId}`;
  // A fresh access token is not needed: roles are read from the database at every request.
  return {
    ...d,
    admin: d.declarant,
    companyId: d.declarationId,
    codeToken: code.token,
  };
}

/** A verified user who joined the company with its code. */
export async function member(codeToken: string, name?: string): Promise<User> {
  const s = await verifiedUser(name);
  const res = await post(
    "/api/companies/join",
    { token: codeToken, hasGuardCertificate: true },
    s.accessToken,
  );
  assert.equal(res.status, 200, await res.clone().text());
  return s;
}

/** The text of the QR code in a PNG answer (decoded from its pixels). */
export async function decodeQrPng(res: Response): Promise<string> {
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "image/png");
  const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(found, "a QR code is in the image");
  return found.data;
}

export async function errorOf(res: Response): Promise<[number, string]> {
  return [res.status, (await res.json()).error?.code];
}

export const qrBase = () => Deno.env.get("QR_BASE_URL") || "https://qunfang.example.cn";

export { admin, get, post };
