// Stand-in for the 常州公安微警务 real-name registry, mounted by the stack at /_registry:
// "is this phone number real-name verified, and as whom". A few seeded demo people; tests add
// their own through /_dev/persons so that they never depend on each other.
import { Hono } from "hono";

type Person = { name: string; idNumber: string; phone: string; verifiedAt: string };

// Demo people of the local stack (ID numbers with correct GB 11643 check characters).
const SEED: Person[] = [
  { name: "张伟", idNumber: "320402198503120027", phone: "13900000001" },
  { name: "王芳", idNumber: "320404199007180036", phone: "13900000002" },
  { name: "李建国", idNumber: "320411197811050042", phone: "13900000003" },
  { name: "刘洋", idNumber: "32041219950220009X", phone: "13900000004" },
  { name: "陈静", idNumber: "320481198809090065", phone: "13900000005" },
].map((p) => ({ ...p, verifiedAt: "2024-03-01T08:00:00+08:00" }));

const people = new Map<string, Person>(SEED.map((p) => [p.phone, p]));
const apiKey = () => Deno.env.get("REGISTRY_API_KEY") || "devkey";

export const registryApp = new Hono();

registryApp.use("/v1/*", async (c, next) => {
  if (c.req.header("authorization") !== `Bearer ${apiKey()}`) {
    return c.json({ error: "unauthorized" }, 401);
  }
  await next();
});

registryApp.get("/v1/persons", (c) => {
  const phone = c.req.query("phone") ?? "";
  if (!/^1\d{10}$/.test(phone)) return c.json({ error: "invalid_phone" }, 400);
  const person = people.get(phone);
  return c.json(person ? { found: true, person } : { found: false });
});

/** Development only: `{ name, idNumber, phone }` adds (or replaces) a verified person. */
registryApp.post("/_dev/persons", async (c) => {
  const b = await c.req.json().catch(() => ({})) as Partial<Person>;
  if (!b.name || !b.idNumber || !/^1\d{10}$/.test(b.phone ?? "")) {
    return c.json({ error: "name, idNumber and an 11-digit phone are required" }, 400);
  }
  const person = {
    name: b.name,
    idNumber: b.idNumber,
    phone: b.phone!,
    verifiedAt: b.verifiedAt ?? new Date().toISOString(),
  };
  people.set(person.phone, person);
  return c.json({ ok: true, person });
});
