// postgres.js's `socket` option over Deno.connect (DB_SOCKET=deno; docs/request-path.md): the few
// parts of a node:net Socket that postgres.js uses (on/once/removeListener, write with a
// callback and back-pressure, end, destroy, pause/resume, readyState, the events data, drain,
// error and close), without Deno's node:net and its streams. Modelled on postgres.js's own
// deno/polyfills.js. Not the default: measured against node:net it saved no CPU (the profile's
// node:net share was the write syscall, which every socket pays), docs/request-path.md.
//
// postgres.js calls `socket(options)` and treats the result as connected: it writes the startup
// message at once. So the socket is handed over at once and the TCP connect runs behind it;
// writes wait for it, and a failed connect arrives as 'error' then 'close' (hadError), as from
// node:net, so the pool's reconnect, backoff and connect timeout (which destroys the socket)
// work unchanged. TLS is not done here: with `ssl` set, the node:net socket is used.
import { Buffer } from "node:buffer";
import net from "node:net";

type Listener = (...args: unknown[]) => void;
type Events = "data" | "drain" | "error" | "close" | "connect";
type PgOptions = {
  host: string[];
  port: number[];
  path?: string | false;
  ssl?: unknown;
  keep_alive?: number | null;
};

/** Bytes queued for the socket above which write() asks the caller to wait for 'drain'. */
const HIGH_WATER = 64 * 1024;
/** One read's buffer: most answers of the API fit in one read. */
const READ_SIZE = 64 * 1024;

class DenoSocket {
  readyState: "open" | "closed" = "open";
  host: string | undefined;
  port: number | undefined;
  #listeners: Record<Events, Listener[]> = {
    data: [],
    drain: [],
    error: [],
    close: [],
    connect: [],
  };
  #conn: Deno.Conn | null = null;
  #abort = new AbortController();
  #queue: Uint8Array[] = [];
  #callbacks: ((e?: Error | null) => void)[] = [];
  #queued = 0;
  #writing = false;
  #needDrain = false;
  #ending = false;
  #closed = false;
  #paused: Promise<void> | null = null;
  #resume: (() => void) | null = null;
  #keepAlive = false;

  constructor(o: PgOptions) {
    const connect = o.path ? Deno.connect({ transport: "unix", path: o.path }) : Deno.connect({
      hostname: this.host = o.host[0] || "localhost",
      port: this.port = o.port[0] || 5432,
      signal: this.#abort.signal,
    });
    connect.then((conn) => this.#opened(conn), (e) => this.#fail(e));
  }

  on(event: Events, fn: Listener): this {
    this.#listeners[event].push(fn);
    return this;
  }

  once(event: Events, fn: Listener): this {
    const wrapped = Object.assign((...args: unknown[]) => {
      this.removeListener(event, fn);
      fn(...args);
    }, { listener: fn });
    return this.on(event, wrapped);
  }

  removeListener(event: Events, fn: Listener): this {
    this.#listeners[event] = this.#listeners[event].filter((l) =>
      l !== fn && (l as { listener?: Listener }).listener !== fn
    );
    return this;
  }

  removeAllListeners(): this {
    for (const k of Object.keys(this.#listeners) as Events[]) this.#listeners[k] = [];
    return this;
  }

  setKeepAlive(on: boolean): void {
    this.#keepAlive = on;
    this.#conn && "setKeepAlive" in this.#conn && (this.#conn as Deno.TcpConn).setKeepAlive(on);
  }

  /** Queues the bytes; false when the caller should wait for 'drain' (as node:net says). */
  write(chunk: Uint8Array, cb?: (e?: Error | null) => void): boolean {
    if (this.#closed || this.#ending) return false;
    this.#queue.push(chunk);
    this.#queued += chunk.length;
    if (cb) this.#callbacks.push(cb);
    if (this.#conn && !this.#writing) this.#flush();
    if (this.#queued < HIGH_WATER) return true;
    this.#needDrain = true;
    return false;
  }

  /** Sends what is queued (and `chunk`), then closes. */
  end(chunk?: Uint8Array): void {
    if (this.#closed) return;
    if (chunk) this.write(chunk);
    this.#ending = true;
    if (this.#conn && !this.#writing) this.#close(false);
  }

  destroy(): void {
    this.#close(false);
  }

  pause(): void {
    this.#paused ??= new Promise((r) => this.#resume = r);
  }

  resume(): void {
    this.#resume?.();
    this.#paused = this.#resume = null;
  }

  #emit(event: Events, arg?: unknown): void {
    for (const fn of this.#listeners[event].slice()) fn(arg);
  }

  #opened(conn: Deno.Conn): void {
    if (this.#closed) return void conn.close();
    this.#conn = conn;
    if ("setNoDelay" in conn) {
      (conn as Deno.TcpConn).setNoDelay(true);
      if (this.#keepAlive) (conn as Deno.TcpConn).setKeepAlive(true);
    }
    if (this.#queue.length) this.#flush();
    else if (this.#ending) this.#close(false);
    this.#read(conn);
  }

  #fail(e: unknown): void {
    if (this.#closed) return; // destroyed while connecting: 'close' has been emitted
    this.#closed = true;
    this.readyState = "closed";
    this.#emit("error", e);
    this.#emit("close", true);
  }

  async #read(conn: Deno.Conn): Promise<void> {
    const buf = new Uint8Array(READ_SIZE);
    try {
      for (;;) {
        const n = await conn.read(buf);
        if (n === null || this.#closed) break;
        // a copy: postgres.js keeps a partial message across reads
        this.#emit("data", Buffer.from(buf.subarray(0, n)));
        if (this.#paused) await this.#paused;
      }
    } catch (e) {
      if (!this.#closed && !(e instanceof Deno.errors.BadResource)) {
        this.#emit("error", e);
        return this.#close(true);
      }
    }
    this.#close(false);
  }

  async #flush(): Promise<void> {
    const conn = this.#conn!;
    this.#writing = true;
    try {
      while (this.#queue.length) {
        const data = this.#queue.length === 1 ? this.#queue[0] : Buffer.concat(this.#queue);
        const callbacks = this.#callbacks;
        this.#queue = [];
        this.#callbacks = [];
        this.#queued = 0;
        for (let off = 0; off < data.length;) off += await conn.write(data.subarray(off));
        for (const cb of callbacks) cb(null);
      }
    } catch (e) {
      this.#writing = false;
      if (this.#closed) return;
      this.#emit("error", e);
      return this.#close(true);
    }
    this.#writing = false;
    if (this.#ending) return this.#close(false);
    if (this.#needDrain) {
      this.#needDrain = false;
      this.#emit("drain");
    }
  }

  #close(hadError: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    this.readyState = "closed";
    this.#abort.abort();
    try {
      this.#conn?.close();
    } catch { /* already closed */ }
    this.resume();
    queueMicrotask(() => this.#emit("close", hadError));
  }
}

/**
 * postgres.js's `socket` option: a Deno.connect socket, or node:net's when TLS is asked for
 * (postgres.js upgrades that one with node:tls).
 */
export function denoSocket(o: PgOptions): unknown {
  if (o.ssl) {
    return o.path ? net.connect(o.path) : net.connect(o.port[0] || 5432, o.host[0] || "localhost");
  }
  return new DenoSocket(o);
}
