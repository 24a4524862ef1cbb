// The zones benchmark's data, generated in SQL on the server (no rows cross the wire): companies
// of 10 zones and 200 guards each, every guard a member of one zone with a session (the tokens
// the bench signs name it), and `shiftsPerGuard` closed shifts of history each, 8 h apart.
// The history goes in with foreign-key triggers off (session_replication_role = replica: the
// generator makes the keys right) and its indexes rebuilt afterwards: the fast way to load it.
import type postgres from "postgres";

export interface ZonesScale {
  guards: number;
  zones: number;
  shiftsPerGuard: number;
}

export interface Seeded {
  /** guards: [userId, sessionId, phone, zoneToken] */
  guards: [string, string, string, string][];
  /** company admins: [userId, sessionId, phone] */
  admins: [string, string, string][];
  zoneIds: string[];
}

const HISTORY_INDEXES = [
  "shifts_user_company_on_idx on public.shifts (user_id, company_id, on_at desc, id desc)",
  "shifts_zone_on_idx on public.shifts (zone_id, on_at desc, id desc)",
  "shifts_company_on_idx on public.shifts (company_id, on_at desc)",
];

export async function seedZones(
  sql: postgres.Sql,
  scale: ZonesScale,
  log: (m: string) => void,
): Promise<Seeded> {
  const companies = Math.max(1, Math.round(scale.zones / 10));
  const t0 = performance.now();
  const step = (m: string) => log(`${m} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  await sql.unsafe(`
    create temp table b_company as
    select i, gen_random_uuid() as id, gen_random_uuid() as registry_id,
           gen_random_uuid() as admin_id, gen_random_uuid() as admin_membership
    from generate_series(0, ${companies - 1}) i;

    insert into public.registry_companies (id, name, credit_code)
    select c.registry_id, '压测保安服务有限公司' || c.i,
           (select p || ch from unnest(string_to_array('0123456789ABCDEFGHJKLMNPQRTUWXY', null)) ch
             where private.is_valid_credit_code(p || ch) limit 1)
    from b_company c, lateral (select '9132041199' || lpad(c.i::text, 7, '0') as p) x;

    insert into auth_bridge.users (id, phone)
    select admin_id, '1550' || lpad(i::text, 7, '0') from b_company;
    -- the officer who approved them (nobody reviews their own declaration)
    create temp table b_reviewer as select gen_random_uuid() as id;
    insert into auth_bridge.users (id, phone) select id, '15400000000' from b_reviewer;

    insert into public.companies (id, registry_company_id, declarant_id, department_id, address,
      contact_phone, status, review_token, reviewed_at, reviewed_by)
    select c.id, c.registry_id, c.admin_id, d.id, '常州市新北区压测路' || c.i || '号',
           '15500000000', 'approved', private.random_token(),
           now(), r.id
    from b_company c, b_reviewer r, public.departments d where d.code = 'cz.xb.anjia';

    insert into public.memberships (id, company_id, user_id, role)
    select admin_membership, id, admin_id, 'admin' from b_company;

    create temp table b_zone as
    select z, gen_random_uuid() as id, (select id from b_company where i = z % ${companies}) as company_id,
           private.random_token() as token
    from generate_series(0, ${scale.zones - 1}) z;

    insert into public.zones (id, company_id, name, department_id, lat, lng, address, created_by)
    select z.id, z.company_id, '压测巡区' || z.z, d.id, 31.81 + z.z * 0.0001, 119.97,
           '常州市新北区压测路' || z.z || '号', c.admin_id
    from b_zone z join b_company c on c.id = z.company_id, public.departments d
    where d.code = 'cz.xb.anjia';
    insert into public.zone_codes (token, zone_id) select token, id from b_zone;

    create temp table b_guard as
    select g, gen_random_uuid() as id, gen_random_uuid() as membership_id,
           gen_random_uuid() as session_id, z.id as zone_id, z.company_id, z.token
    from generate_series(0, ${scale.guards - 1}) g join b_zone z on z.z = g % ${scale.zones};

    insert into auth_bridge.users (id, phone) select id, '1560' || lpad(g::text, 7, '0') from b_guard;
    insert into auth_bridge.sessions (id, user_id) select session_id, id from b_guard;
    insert into auth_bridge.sessions (id, user_id) select admin_membership, admin_id from b_company;
    insert into public.profiles (user_id, phone, name)
    select id, '1560' || lpad(g::text, 7, '0'),
           substr('赵钱孙李周吴郑王冯陈', g % 10 + 1, 1) || substr('伟芳娜敏静丽强磊军洋', g / 10 % 10 + 1, 1)
             || substr('杰娟涛明超秀霞平刚英', g / 100 % 10 + 1, 1)
    from b_guard;
    insert into public.memberships (id, company_id, user_id) select membership_id, company_id, id from b_guard;
    insert into public.zone_members (user_id, zone_id, company_id, membership_id)
    select id, zone_id, company_id, membership_id from b_guard;
  `);
  step(`seeded ${companies} companies, ${scale.zones} zones, ${scale.guards} guards`);

  if (scale.shiftsPerGuard > 0) {
    for (const ix of HISTORY_INDEXES) {
      await sql.unsafe(`drop index if exists public.${ix.split(" ")[0]}`);
    }
    await sql.unsafe(`alter table public.shifts drop constraint shifts_pkey`);
    // one transaction per slice of guards: a failure halfway leaves whole guards' histories
    const slice = Math.max(1, Math.floor(2_000_000 / scale.shiftsPerGuard));
    for (let from = 0; from < scale.guards; from += slice) {
      await sql.begin(async (tx) => {
        await tx.unsafe(`set local session_replication_role = replica`);
        await tx.unsafe(`
          insert into public.shifts (id, user_id, zone_id, company_id, zone_name, on_at,
            on_received_at, off_at, off_received_at, end_reason)
          select gen_random_uuid(), g.id, g.zone_id, g.company_id, '压测巡区' || (g.g % ${scale.zones}),
                 t.on_at, t.on_at, t.on_at + interval '6 hours', t.on_at + interval '6 hours',
                 'clocked_off'
          from b_guard g
          cross join lateral (
            select now() - k * interval '8 hours' - (g.g % 600) * interval '1 second' as on_at
            from generate_series(1, ${scale.shiftsPerGuard}) k
          ) t
          where g.g >= ${from} and g.g < ${from + slice}`);
      });
      step(`history: ${Math.min(scale.guards, from + slice) * scale.shiftsPerGuard} shifts`);
    }
    await sql.unsafe(`set maintenance_work_mem = '512MB'`);
    await sql.unsafe(`alter table public.shifts add constraint shifts_pkey primary key (id)`);
    step("primary key");
    for (const ix of HISTORY_INDEXES) {
      await sql.unsafe(`create index ${ix}`);
      step(`index ${ix.split(" ")[0]}`);
    }
    await sql.unsafe(`analyze public.shifts`);
  }
  await sql.unsafe(
    `analyze public.zones; analyze public.zone_members; analyze public.memberships; analyze auth_bridge.sessions; analyze public.open_shifts`,
  );
  step("analyzed");
  const guards = await sql<{ id: string; session_id: string; phone: string; token: string }[]>`
    select id, session_id, '1560' || lpad(g::text, 7, '0') as phone, token from b_guard order by g`;
  const admins = await sql<{ admin_id: string; admin_membership: string; phone: string }[]>`
    select admin_id, admin_membership, '1550' || lpad(i::text, 7, '0') as phone
      from b_company order by i`;
  const zoneIds = await sql<{ id: string }[]>`select id from b_zone order by z`;
  return {
    guards: guards.map((g) => [g.id, g.session_id, g.phone, g.token]),
    admins: admins.map((a) => [a.admin_id, a.admin_membership, a.phone]),
    zoneIds: zoneIds.map((z) => z.id),
  };
}
