// Typed access to the environment. Every getter reads Deno.env at call time, never at import
// time, so the local stack (and the tests) can set the variables after importing the app.

function read(name: string, fallback?: string): string {
  const value = Deno.env.get(name);
  if (value !== undefined && value !== "") return value;
  if (fallback !== undefined) return fallback;
  throw new Error(`环境变量 ${name} 未设置`);
}

export const env = {
  dbUrl: () => read("SUPABASE_DB_URL"),
  dbPoolMax: () => {
    const n = Number(read("DB_POOL_MAX", "5"));
    return Number.isInteger(n) && n > 0 ? n : 5;
  },
  /** "node" (Deno's node:net, the default) or "deno" (Deno.connect): docs/request-path.md. */
  dbSocket: () => read("DB_SOCKET", "node") === "deno" ? "deno" : "node",
  supabaseUrl: () => read("SUPABASE_URL").replace(/\/+$/, ""),
  anonKey: () => read("SUPABASE_ANON_KEY"),
  jwtSecret: () => read("SUPABASE_JWT_SECRET"),
  wechatApiBase: () => read("WECHAT_API_BASE", "https://api.weixin.qq.com").replace(/\/+$/, ""),
  wechatAppid: () => read("WECHAT_APPID"),
  wechatSecret: () => read("WECHAT_SECRET"),
  registryApiBase: () => read("REGISTRY_API_BASE").replace(/\/+$/, ""),
  registryApiKey: () => read("REGISTRY_API_KEY"),
  qrBaseUrl: () => read("QR_BASE_URL", "https://qunfang.example.cn"),
};
