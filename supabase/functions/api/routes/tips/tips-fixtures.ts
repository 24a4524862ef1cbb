// Fixtures of the tips API tests: reporters, officers and supervisors made through the real
// API (administrators' provisioning through admin()), and a tip body with photos.
import { Buffer } from "node:buffer";
import { Image } from "imagescript";
import { admin, post } from "../../tests/helpers.ts";
import { officer, type User, verifiedUser } from "../../tests/companies-fixtures.ts";

export { officer, verifiedUser };
export type { User };

/** A small real JPEG as base64 (what the mini-program sends after compressImage). */
export async function photo(w = 8, h = 6): Promise<string> {
  const img = new Image(w, h);
  img.fill(0x3366ccff);
  return Buffer.from(await img.encodeJPEG(80)).toString("base64");
}

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

export function tipBody(o: Record<string, unknown> = {}) {
  return {
    anonymous: true,
    categoryId: 2,
    content: "小区东门有人撬电动车锁",
    photos: [],
    ...o,
  };
}

export async function sendTip(user: User, o: Record<string, unknown> = {}) {
  const res = await post("/api/tips", tipBody(o), user.accessToken);
  if (res.status !== 201) {
    throw new Error(`send tip: ${res.status} ${await res.text()}`);
  }
  return await res.json() as {
    id: string;
    receiptCode: string;
    status: string;
  };
}

export async function departmentIdOf(code: string): Promise<string> {
  const [row] = await admin()<
    { id: string }[]
  >`select id from public.departments where code = ${code}`;
  return row.id;
}

export async function supervisor(): Promise<User> {
  const s = await verifiedUser();
  await admin()`insert into public.platform_supervisors (user_id) values (${s.user.id})`;
  return s;
}

/** Tip rows and tip-photos objects of a reporter, as stored (superuser view). */
export async function storedOf(userId: string) {
  const [r] = await admin()<{ tips: number; objects: number }[]>`
    select (select count(*)::int from private.tip_reporters where reporter_id = ${userId}) as tips,
           (select count(*)::int from storage.objects o where o.bucket_id = 'tip-photos'
              and (o.owner_id = ${userId}
                or split_part(o.name, '/', 1) in (
                  select tip_id::text from private.tip_reporters where reporter_id = ${userId}))) as objects`;
  return r;
}

/** tip-photos objects in a folder that is neither a sent tip nor a user (an orphan). */
export async function orphanCount(): Promise<number> {
  const [r] = await admin()<{ n: number }[]>`
    select count(*)::int as n from storage.objects o
     where o.bucket_id = 'tip-photos'
       and not exists (select 1 from public.tips t where t.id::text = split_part(o.name, '/', 1))
       and not exists (
         select 1 from auth_bridge.users u where u.id::text = split_part(o.name, '/', 1))`;
  return r.n;
}

const HAN = "明华国建立新海峰红梅";

/** A verified user and the name the registry gave them. */
export async function namedUser(): Promise<User & { name: string }> {
  const r = crypto.getRandomValues(new Uint8Array(2));
  const name = `周${HAN[r[0] % HAN.length]}${HAN[r[1] % HAN.length]}`;
  return { ...(await verifiedUser(name)), name };
}
