import postgres from "postgres";
import { seedZones } from "../bench/zones-seed.ts";
const sql = postgres("postgres://postgres@127.0.0.1:5432/zones_dev", { max: 1, prepare: false, onnotice: () => {} });
const s = await seedZones(sql, { guards: 10000, zones: 500, shiftsPerGuard: Number(Deno.args[0] ?? 100) }, console.log);
console.log(s.guards.length, s.admins.length);
await sql.end();
