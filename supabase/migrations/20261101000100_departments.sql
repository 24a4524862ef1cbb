-- =============================================================================
-- Departments: the management departments of 常州市公安局 (city bureau → 分局 and
-- county-level bureaus → 派出所 and 治安大队). Rows come from supabase/seed.sql.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Types
-- -----------------------------------------------------------------------------
create type public.department_kind as enum ('city', 'branch', 'county', 'station', 'brigade');
comment on type public.department_kind is
  'city: 市公安局; branch: 分局; county: 县级市公安局 (溧阳市公安局); station: 派出所; brigade: 治安大队.';

-- -----------------------------------------------------------------------------
-- Tables
-- -----------------------------------------------------------------------------
create table public.departments (
  id uuid primary key default gen_random_uuid(),
  parent_id uuid references public.departments (id),
  name text not null check (char_length(name) between 2 and 50),
  kind public.department_kind not null,
  sort int not null default 0,
  code text not null unique check (code ~ '^[a-z0-9_.-]{2,64}$'),
  -- only the city bureau is a root
  constraint departments_root_is_city check ((parent_id is null) = (kind = 'city'))
);
comment on table public.departments is
  'Police management departments that companies, zones and tips are assigned to; a tree by parent_id. code is a stable key for idempotent seeding.';

create index departments_parent_id_idx on public.departments (parent_id);

-- -----------------------------------------------------------------------------
-- Grants
-- -----------------------------------------------------------------------------
revoke all on table public.departments from anon, authenticated;
grant select on table public.departments to authenticated;

-- -----------------------------------------------------------------------------
-- Row level security
-- -----------------------------------------------------------------------------
alter table public.departments enable row level security;

-- -----------------------------------------------------------------------------
-- Policies
-- -----------------------------------------------------------------------------
create policy "Signed-in users can view all departments"
  on public.departments for select
  to authenticated
  using (true);
