// Threat: privileges that open by themselves. A definer view shows every row to whoever it is
// ever granted to; Supabase's default privileges grant each new public table to anon.
import { asRole, assertEquals, dbTest, declare, newVerifiedUser } from "./_helpers.ts";

dbTest("the police projection of a declaration applies the reader's RLS", async () => {
  const declarant = await newVerifiedUser();
  const stranger = await newVerifiedUser();
  const { id } = await declare(declarant);
  // as if a later migration granted the view by mistake: RLS still decides what it shows
  const seen = await asRole("postgres", {}, async (tx) => {
    await tx`grant usage on schema private to authenticated`;
    await tx`grant select on private.declaration_details to authenticated`;
    await tx`select set_config('role', 'authenticated', true),
                    set_config('request.jwt.claims', ${
      JSON.stringify({ sub: stranger.id, role: "authenticated" })
    }, true)`;
    return (await tx`select id from private.declaration_details where id = ${id}`).length;
  });
  assertEquals(seen, 0);
});

dbTest("a table created later in public is granted to nobody anonymous", async () => {
  const grants = await asRole("postgres", {}, async (tx) => {
    await tx`create table public.later_table (id int)`;
    await tx`create sequence public.later_seq`;
    const [r] = await tx`
      select has_table_privilege('anon', 'public.later_table', 'select') as t_select,
             has_table_privilege('anon', 'public.later_table', 'insert') as t_insert,
             has_sequence_privilege('anon', 'public.later_seq', 'usage') as s_usage`;
    return r;
  });
  assertEquals(grants, { t_select: false, t_insert: false, s_usage: false });
});
