// Where the CPU of a run goes, per party: the API server, the database's backends, the load
// generator, pgbench. Read from /proc (utime + stime of each process), so it counts CPU time, not
// wall time: what the other users of a shared machine do changes it little, unlike req/s. Sampled
// every 100 ms so that processes which exit during the run (pgbench and its backends) still count,
// short of their last sample (≤ 1 % of a 10 s run).
type Group = (pid: number, cmdline: string) => boolean;

export type CpuSeconds = Record<string, number>;

const TICKS_PER_SECOND = 100; // Linux USER_HZ

export class CpuMeter {
  #groups: Record<string, Group>;
  #first = new Map<number, number>();
  #last = new Map<number, number>();
  #member = new Map<number, string | null>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(groups: Record<string, Group>) {
    this.#groups = groups;
  }

  start(): void {
    this.#first.clear();
    this.#last.clear();
    this.#member.clear();
    this.#sample(true);
    this.#timer = setInterval(() => this.#sample(false), 100);
  }

  /** CPU seconds per group since start(). */
  stop(): CpuSeconds {
    clearInterval(this.#timer);
    this.#sample(false);
    const out: CpuSeconds = Object.fromEntries(Object.keys(this.#groups).map((g) => [g, 0]));
    for (const [pid, ticks] of this.#last) {
      const g = this.#member.get(pid);
      if (g) out[g] += (ticks - (this.#first.get(pid) ?? 0)) / TICKS_PER_SECOND;
    }
    return out;
  }

  #sample(first: boolean) {
    for (const e of Deno.readDirSync("/proc")) {
      const pid = Number(e.name);
      if (!Number.isInteger(pid)) continue;
      let group = this.#member.get(pid);
      if (group === undefined) {
        group = this.#classify(pid);
        this.#member.set(pid, group);
        // a process that started during the run counts from zero
        if (group && !first) this.#first.set(pid, 0);
      }
      if (!group) continue;
      const ticks = readTicks(pid);
      if (ticks === null) continue;
      if (first) this.#first.set(pid, ticks);
      this.#last.set(pid, ticks);
    }
  }

  #classify(pid: number): string | null {
    let cmdline: string;
    try {
      cmdline = Deno.readTextFileSync(`/proc/${pid}/cmdline`).replaceAll("\0", " ");
    } catch {
      return null;
    }
    for (const [name, test] of Object.entries(this.#groups)) {
      if (test(pid, cmdline)) return name;
    }
    return null;
  }
}

/** utime + stime of a process in clock ticks, null once it is gone. */
export function readTicks(pid: number | "self"): number | null {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return null;
  }
}

/** The backends of one database: `postgres: 15/main: <user> <database> <client> <state>`. */
export function backendsOf(database: string): Group {
  return (_pid, cmdline) => cmdline.startsWith("postgres: ") && cmdline.includes(` ${database} `);
}

/** µs per operation, rounded. */
export function perOp(seconds: number, ops: number): number {
  return Math.round(seconds * 1e6 / ops);
}
