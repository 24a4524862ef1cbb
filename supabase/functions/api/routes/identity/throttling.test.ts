// Throttled self-registration (issue 13): attempts per user and per address, and the 409
// id_number_taken answer, which would otherwise tell anyone whether an ID number is registered.
import assert from "node:assert/strict";
import { LIMITS } from "../../../_shared/throttle.ts";
import { verifiedUser } from "../../tests/companies-fixtures.ts";
import {
  admin,
  apiTest,
  identityForm,
  preloadThrottle,
  randomAddress,
  randomIdNumber,
  signIn,
} from "../../tests/helpers.ts";
import { app } from "../../app.ts";
import { jpegWithExif } from "../../tests/images.ts";

const photo = () => new Blob([jpegWithExif() as BlobPart], { type: "image/jpeg" });

function register(token: string, idNumber: string, address?: string) {
  const form = identityForm({ name: "张三", idNumber, photo: photo() });
  return Promise.resolve(app.request("/api/identity", {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      ...(address ? { "x-forwarded-for": address } : {}),
    },
    body: form,
  }));
}

async function codeOf(res: Response): Promise<string> {
  const body = await res.json();
  return `${res.status} ${body.error?.code ?? "ok"}`;
}

apiTest("POST /api/identity: after 3 id_number_taken answers a user gets 429", async () => {
  const owner = await verifiedUser();
  const [{ id_number: taken }] = await admin()`
    select id_number from public.profiles where user_id = ${owner.user.id}`;
  const prober = await signIn();
  const answers = [];
  for (let i = 0; i < LIMITS.idTakenPerUser.limit; i++) {
    answers.push(await codeOf(await register(prober.accessToken, taken)));
  }
  assert.deepEqual(answers, Array(LIMITS.idTakenPerUser.limit).fill("409 id_number_taken"));
  // the next probe learns nothing, whether the number is taken or free
  for (const idNumber of [taken, randomIdNumber()]) {
    const res = await register(prober.accessToken, idNumber);
    assert.equal(res.headers.get("retry-after") !== null, true);
    assert.equal(await codeOf(res), "429 rate_limited");
  }
  const [p] =
    await admin()`select verified_at from public.profiles where user_id = ${prober.user.id}`;
  assert.equal(p.verified_at, null);
});

apiTest("POST /api/identity: id_number_taken answers are limited per address too", async () => {
  const address = randomAddress();
  const { limit, windowSeconds } = LIMITS.idTakenPerAddress;
  await preloadThrottle(`idtaken:addr:${address}`, windowSeconds, limit);
  const fresh = await signIn();
  assert.equal(
    await codeOf(await register(fresh.accessToken, randomIdNumber(), address)),
    "429 rate_limited",
  );
});

apiTest("POST /api/identity: a user's 11th attempt in an hour gets 429", async () => {
  const s = await signIn();
  const { limit } = LIMITS.registerPerUser;
  for (let i = 0; i < limit; i++) {
    // a bad ID number: refused (400) but counted, before the photo is even read
    assert.equal(
      await codeOf(await register(s.accessToken, "110105194912310029")),
      "400 invalid_input",
    );
  }
  assert.equal(await codeOf(await register(s.accessToken, randomIdNumber())), "429 rate_limited");
});
