// Threat: private.officer_scope() keeps the officer's departments for the rest of a statement
// (migration 20261129600000_console_reads.sql). A value kept too long would show one officer
// another's scope on a shared connection, or an officer their old department after a move.
// Here one transaction switches between officers and moves one of them, statement by statement,
// as a pooled connection would.
import {
  approvedCompany,
  asRole,
  assertEquals,
  dbTest,
  departmentId,
  newOfficer,
  type Tx,
} from "./_helpers.ts";

dbTest(
  "the officer scope is kept per user and per statement: another officer or a move is seen at once",
  async () => {
    const company = await approvedCompany("cz.xb.anjia");
    const station = await newOfficer("cz.xb.anjia");
    const sibling = await newOfficer("cz.xb.sanjing");
    const sanjing = await departmentId("cz.xb.sanjing");
    await asRole("postgres", {}, async (tx: Tx) => {
      const as = (userId: string) =>
        tx`select set_config('role', 'authenticated', true),
                  set_config('request.jwt.claims', ${
          JSON.stringify({ sub: userId, role: "authenticated" })
        }, true)`;
      const sees = async () =>
        (await tx<{ n: number; label: string | null }[]>`
          select count(*)::int as n, max(admin) as label
          from police.companies where id = ${company.id}`)[0];

      await as(station.id);
      const first = await sees();
      assertEquals(first.n, 1);
      assertEquals(typeof first.label, "string", "the admin's label, in scope");
      await as(sibling.id);
      assertEquals(
        await sees(),
        { n: 0, label: null },
        "the sibling station's own scope",
      );
      await as(station.id);
      assertEquals((await sees()).n, 1, "back to the station's scope");

      // the station officer moves to the sibling station: their next statement sees the move
      await tx`select set_config('role', 'postgres', true)`;
      await tx`update public.police_officers set department_id = ${sanjing}
                where user_id = ${station.id}`;
      await as(station.id);
      assertEquals(
        await sees(),
        { n: 0, label: null },
        "the new department's scope",
      );
    });
  },
);
