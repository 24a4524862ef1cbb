// `npm run bench`: the read endpoints of the request path (bench/run.ts), then the zones hot path
// (bench/zones.ts: 10,000 guards, 500 zones, 10 M shifts; the clock and the 到岗记录 lists).
// Each runs on its own fresh database; BENCH_ONLY=run|zones runs one of them.
const only = Deno.env.get("BENCH_ONLY");
if (!only || only === "run") await import("./run.ts");
if (!only || only === "zones") await import("./zones.ts");
