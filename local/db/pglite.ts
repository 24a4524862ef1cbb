// Embedded PostgreSQL (PGlite, PostgreSQL 18 in WASM) reachable over TCP, so the same
// postgres.js code that talks to Supabase talks to it. Only one client connection is
// safe over pglite-socket: connect with postgres.js `{ max: 1, prepare: false }`.
import { PGlite } from "@electric-sql/pglite";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface PgliteHandle {
  db: PGlite;
  /** postgresql://postgres@127.0.0.1:<port>/postgres?sslmode=disable */
  url: string;
  close(): Promise<void>;
}

/** Opens PGlite (in memory, or persisted in `dataDir`) and serves it on 127.0.0.1:<free port>. */
export async function openPglite(dataDir?: string): Promise<PgliteHandle> {
  const db = await PGlite.create({ dataDir, extensions: { pgcrypto } });
  // port 0: the OS picks a free port; the server reads it back after listen().
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0 });
  await server.start();
  const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  let closed = false;
  return {
    db,
    url,
    async close() {
      if (closed) return;
      closed = true;
      await server.stop();
      await db.close();
    },
  };
}
