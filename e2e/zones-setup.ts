// zones.spec.ts (issue 8) needs an approved company with guards before its flows start: made through
// the API, with the same calls the pages make (companies.spec.ts covers those pages themselves).
import { decodeQrPng, randomName, randomPhone, registerVerifiedUser } from "./support";

const OFFICER_ANJIA = "13700000002"; // 吴海峰, 新北分局 安家派出所 (local/demo.sql)

type Json = Record<string, unknown>;

async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${base}/functions/v1/api${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok) throw Object.assign(new Error(`${method} ${path}: ${res.status} ${text}`), { code: json?.error?.code });
  return json;
}

async function png(base: string, path: string, token: string): Promise<Buffer> {
  const res = await fetch(`${base}/functions/v1/api${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

/** An access token for a phone, by the WeChat stand-in's development codes. */
export async function tokenOf(base: string, phone: string): Promise<string> {
  const codes = await fetch(`${base}/_wechat/_dev/codes`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ phone }),
  }).then((r) => r.json());
  return (await call(base, "POST", "/auth/wechat", undefined, codes)).accessToken as string;
}

export type Person = { phone: string; name: string; token: string };

async function verifiedPerson(base: string): Promise<Person> {
  const phone = randomPhone();
  const name = randomName();
  await registerVerifiedUser(base, phone, name);
  return { phone, name, token: await tokenOf(base, phone) };
}

export type Company = { id: string; name: string; link: string; admin: Person; departmentId: string };

/** A company declared under 新北分局 安家派出所 and approved by its officer. */
export async function approvedCompany(base: string): Promise<Company> {
  const admin = await verifiedPerson(base);
  const departments = (await call(base, "GET", "/departments", admin.token)).items as Array<{ id: string; name: string; kind: string }>;
  const departmentId = departments.find((d) => d.name === "安家派出所")!.id;
  const registry = (await call(base, "GET", `/registry-companies?q=${encodeURIComponent("保安")}`, admin.token)).items as Array<{ id: string }>;
  // A registry company can be declared once per stack: try them in a random order.
  const order = [...registry].sort(() => Math.random() - 0.5);
  let declared = false;
  for (const company of order) {
    try {
      await call(base, "POST", "/companies", admin.token, {
        registryCompanyId: company.id,
        departmentId,
        address: "常州市新北区太湖东路101号",
        contactPhone: "13912345678",
      });
      declared = true;
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== "company_already_declared") throw e;
    }
  }
  if (!declared) throw new Error("no company left to declare on this stack");
  const review = decodeQrPng(await png(base, "/companies/mine/review-qr.png", admin.token));
  const reviewToken = review.split("/").pop()!;
  const officer = await tokenOf(base, OFFICER_ANJIA);
  await call(base, "POST", `/reviews/${reviewToken}`, officer, { approve: true });
  const me = await call(base, "GET", "/me", admin.token);
  const company = me.company as { id: string; name: string };
  const link = decodeQrPng(await png(base, `/companies/${company.id}/code.png`, admin.token));
  return { id: company.id, name: company.name, link, admin, departmentId };
}

/** A new verified user who joined the company with its 单位码. */
export async function guardOf(base: string, company: Company): Promise<Person> {
  const guard = await verifiedPerson(base);
  await call(base, "POST", "/companies/join", guard.token, { token: company.link, hasGuardCertificate: true });
  return guard;
}

/** A zone made by the company admin through the API; answers its id and the text of its QR. */
export async function zoneOf(base: string, company: Company, name: string): Promise<{ id: string; link: string }> {
  const zone = await call(base, "POST", "/zones", company.admin.token, {
    name,
    departmentId: company.departmentId,
    lat: 31.8107,
    lng: 119.9741,
    address: "江苏省常州市新北区太湖东路101号",
    addressDetail: "常发广场写字楼",
  });
  const id = zone.id as string;
  return { id, link: decodeQrPng(await png(base, `/zones/${id}/code.png`, company.admin.token)) };
}
