// Client of the 常州公安微警务 real-name registry (or its local stand-in): is this phone
// number already real-name verified there, and as whom.
import { AppError } from "./errors.ts";
import { env } from "./env.ts";

export type RegistryPerson = { name: string; idNumber: string; phone: string; verifiedAt: string };

export async function findPersonByPhone(phone: string): Promise<RegistryPerson | null> {
  let res: Response;
  try {
    res = await fetch(`${env.registryApiBase()}/v1/persons?phone=${encodeURIComponent(phone)}`, {
      headers: { authorization: `Bearer ${env.registryApiKey()}`, accept: "application/json" },
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new AppError(503, "registry_unavailable", "微警务平台暂时无法访问，请稍后再试");
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new AppError(502, "registry_unavailable", "微警务平台暂时无法访问，请稍后再试");
  }
  const body = await res.json() as { found?: boolean; person?: RegistryPerson };
  return body.found && body.person ? body.person : null;
}
