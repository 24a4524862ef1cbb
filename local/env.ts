// The environment the functions read, filled with the local stack's own addresses where the
// developer has not set them. Production sets the same names to the real services.
import { SignJWT } from "jose";

// The Supabase CLI's well-known local development secret: never used outside this stack.
export const DEV_JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";

export async function configureEnv(o: { base: string; dbUrl: string; poolMax: number }) {
  const set = (k: string, v: string) => {
    if (!Deno.env.get(k)) Deno.env.set(k, v);
  };
  set("SUPABASE_JWT_SECRET", DEV_JWT_SECRET);
  Deno.env.set("SUPABASE_DB_URL", o.dbUrl);
  Deno.env.set("DB_POOL_MAX", String(o.poolMax));
  set("SUPABASE_URL", o.base);
  set("SUPABASE_ANON_KEY", await anonKey(Deno.env.get("SUPABASE_JWT_SECRET")!));
  set("WECHAT_API_BASE", `${o.base}/_wechat`);
  set("WECHAT_APPID", "wxdev");
  set("WECHAT_SECRET", "devsecret");
  set("REGISTRY_API_BASE", `${o.base}/_registry`);
  set("REGISTRY_API_KEY", "devkey");
  set("QR_BASE_URL", "https://qunfang.example.cn");
}

/** The anon key is a long-lived JWT with role anon, as Supabase issues it. */
export function anonKey(secret: string): Promise<string> {
  return new SignJWT({ role: "anon", iss: "supabase-local" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime("10y")
    .sign(new TextEncoder().encode(secret));
}
