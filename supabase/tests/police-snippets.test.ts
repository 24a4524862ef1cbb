// Threat: the Studio snippets the README points police to fail on the schema they ship with.
// Each one runs as the owner (Studio's default) and as an impersonated officer.
import { assertEquals, asUser, dbTest, newOfficer, sql } from "./_helpers.ts";

const dir = new URL("../snippets/", import.meta.url);
const snippets = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith(".sql"))
  .sort();

dbTest("every Studio snippet runs as the owner and as an officer", async () => {
  assertEquals(snippets.length >= 8, true);
  const officer = await newOfficer("cz.xb");
  for (const name of snippets) {
    let text = Deno.readTextFileSync(new URL(name, dir));
    if (name === "police-as-officer.sql") {
      text = text.replace("00000000-0000-0000-0000-000000000000", officer.id);
      // the snippet's own begin/rollback become the test's transaction
      const body = text.replace(/^begin;$/m, "").replace(/^rollback;$/m, "");
      const role = await sql.begin(async (tx) => {
        await tx.unsafe(body);
        const [r] = await tx`select current_user as u, auth.uid() as uid`;
        return r;
      });
      assertEquals(role, { u: "authenticated", uid: officer.id });
      continue;
    }
    await sql.unsafe(text);
    await asUser(officer.id, (tx) => tx.unsafe(text));
  }
});
