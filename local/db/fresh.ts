// A throw-away database on a real PostgreSQL server, for test runs that must not touch
// anyone else's data. The roles of the shim are cluster-wide and shared; everything
// else lives in the new database and disappears with drop().
import postgres from "postgres";

export interface FreshDb {
  /** URL of the new database (same server and credentials as adminUrl). */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates `<prefix><random>` on the server of `adminUrl` (a URL whose user may CREATE DATABASE). */
export async function createFreshPostgresDb(adminUrl: string, prefix: string): Promise<FreshDb> {
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error(`bad database prefix: ${prefix}`);
  const name = `${prefix}${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(adminUrl, { max: 1, prepare: false, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const a = postgres(adminUrl, { max: 1, prepare: false, onnotice: () => {} });
      try {
        // with (force): a test that forgot to close its pool must not keep the database alive
        await a.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}
