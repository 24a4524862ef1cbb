-- =============================================================================
-- Tips (线索举报, SPEC §5 and §6, issue 9): categories, tips, their photos in the private
-- tip-photos bucket, status history, a message thread per tip, the blacklist, a daily limit,
-- and platform supervisors.
--
-- Anonymity by construction: no row an officer can reach names the reporter. The reporter of
-- a tip is kept ONLY in private.tip_reporters (no grants, not exposed); tips, photos, events
-- and messages carry no reporter column; a message from the reporter is marked by
-- from_police = false, never by an author id; photos live under <tip id>/ and are uploaded
-- with a token whose subject is the tip id, so storage.objects.owner and owner_id are the tip,
-- not the person. Every function that reads tip_reporters is audited by
-- supabase/tests/tip-anonymity.test.ts (a new one fails that test until it is added there).
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Types
-- -----------------------------------------------------------------------------
create type public.tip_status as enum ('pending', 'accepted', 'closed', 'refused');
comment on type public.tip_status is
  '待处理 pending → 已受理 accepted → 已办结 closed; 待处理 → 不予受理 refused. Transitions are enforced by tips_before_update.';

-- -----------------------------------------------------------------------------
-- Tables
-- -----------------------------------------------------------------------------
create table public.tip_categories (
  id smallint primary key,
  name text not null unique check (char_length(name) between 2 and 20),
  sort int not null default 0,
  active boolean not null default true
);
comment on table public.tip_categories is
  '线索类别 of the form''s picker; an inactive category stays for old tips but takes no new one.';

insert into public.tip_categories (id, name, sort) values
  (1, '黄赌毒', 10),
  (2, '盗窃', 20),
  (3, '诈骗', 30),
  (4, '涉黑涉恶', 40),
  (5, '治安隐患', 50),
  (6, '消防隐患', 60),
  (7, '交通安全隐患', 70),
  (8, '可疑人员', 80),
  (9, '可疑物品', 90),
  (99, '其他', 999)
on conflict (id) do nothing;

create table public.tips (
  id uuid primary key,
  -- shown to the reporter (回执码): 8 characters without 0/O/1/I, easy to read out on a call
  receipt_code text not null unique check (receipt_code ~ '^[A-HJ-NP-Z2-9]{8}$'),
  category_id smallint not null references public.tip_categories (id),
  content text not null check (char_length(content) between 1 and 500 and btrim(content) <> ''),
  place text check (place is null or (char_length(place) between 1 and 100 and btrim(place) <> '')),
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  anonymous boolean not null,
  status public.tip_status not null default 'pending',
  -- the handling department: the city bureau's intake queue unless the reporter picked one
  department_id uuid not null references public.departments (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  accepted_at timestamptz,
  finished_at timestamptz,
  constraint tips_point_complete check ((latitude is null) = (longitude is null))
);
comment on table public.tips is
  'A tip (线索) as police handle it. It carries NO reporter column: who sent it is in private.tip_reporters only.';
-- the inbox: one department, one status, newest first (keyset on created_at, id)
create index tips_department_status_created_idx
  on public.tips (department_id, status, created_at desc, id desc);
create index tips_category_id_idx on public.tips (category_id);

create table private.tip_reporters (
  tip_id uuid primary key references public.tips (id) on delete cascade,
  reporter_id uuid not null references auth_bridge.users (id),
  created_at timestamptz not null default now()
);
comment on table private.tip_reporters is
  'Who sent each tip, apart from the tip: readable by no role but the security definer functions that answer the reporter (my tips), the daily limit, named tips'' officers, and platform supervisors.';
-- my tips, and the daily limit (tips of one reporter since midnight)
create index tip_reporters_reporter_created_idx
  on private.tip_reporters (reporter_id, created_at desc);

create table public.tip_photos (
  tip_id uuid not null references public.tips (id) on delete cascade,
  position smallint not null check (position between 1 and 3),
  object_path text not null unique
    check (object_path ~ '^[0-9a-f-]{36}/[0-9a-f-]{36}\.jpg$' and starts_with(object_path, tip_id::text || '/')),
  width int not null check (width > 0),
  height int not null check (height > 0),
  primary key (tip_id, position)
);
comment on table public.tip_photos is
  '图片线索: 0-3 re-encoded JPEGs per tip in the tip-photos bucket, under the tip''s own folder (never the reporter''s).';

create table public.tip_events (
  id bigint generated always as identity primary key,
  tip_id uuid not null references public.tips (id) on delete cascade,
  kind text not null check (kind in ('submitted', 'accepted', 'closed', 'refused', 'reassigned')),
  status public.tip_status not null,
  department_id uuid not null references public.departments (id),
  note text check (note is null or char_length(note) between 1 and 200),
  -- the acting officer; null for the submission, which the reporter made
  officer_id uuid references auth_bridge.users (id),
  created_at timestamptz not null default now(),
  constraint tip_events_actor check ((kind = 'submitted') = (officer_id is null))
);
comment on table public.tip_events is
  'Status history of a tip: the submission (no actor recorded) and every officer action with its note.';
create index tip_events_tip_id_idx on public.tip_events (tip_id, id);
create index tip_events_officer_id_idx on public.tip_events (officer_id);

create table public.tip_messages (
  id bigint generated always as identity primary key,
  tip_id uuid not null references public.tips (id) on delete cascade,
  from_police boolean not null,
  -- set for police messages only: a reporter's message is known by from_police = false alone
  officer_id uuid references auth_bridge.users (id),
  department_id uuid references public.departments (id),
  body text not null check (char_length(body) between 1 and 500 and btrim(body) <> ''),
  created_at timestamptz not null default now(),
  constraint tip_messages_author check (
    from_police = (officer_id is not null) and from_police = (department_id is not null)
  )
);
comment on table public.tip_messages is
  'The thread of a tip between its reporter and the police; a reporter''s message names nobody.';
create index tip_messages_tip_id_idx on public.tip_messages (tip_id, id);
create index tip_messages_officer_id_idx on public.tip_messages (officer_id);

create table public.platform_supervisors (
  user_id uuid primary key references auth_bridge.users (id) on delete cascade,
  created_at timestamptz not null default now()
);
comment on table public.platform_supervisors is
  '平台监督员: provisioned by administrators, never by users. They alone may learn who sent an anonymous tip, and they blacklist malicious reporters.';

create table private.tip_blacklist (
  user_id uuid primary key references auth_bridge.users (id) on delete cascade,
  reason text not null check (char_length(reason) between 1 and 200),
  tip_id uuid references public.tips (id) on delete set null,
  created_by uuid not null references auth_bridge.users (id),
  created_at timestamptz not null default now()
);
comment on table private.tip_blacklist is
  'Users who may not send tips (SPEC §5). Written by supervisors through blacklist_tip_reporter; read by nobody but submit_tip.';
create index tip_blacklist_tip_id_idx on private.tip_blacklist (tip_id);
create index tip_blacklist_created_by_idx on private.tip_blacklist (created_by);

create table private.tip_settings (
  id boolean primary key default true check (id),
  daily_limit int not null default 10 check (daily_limit between 1 and 1000)
);
comment on table private.tip_settings is
  'One row: how many tips one user may send per day (Asia/Shanghai), enforced by submit_tip. Change it with an UPDATE as the owner.';
insert into private.tip_settings (id, daily_limit) values (true, 10) on conflict do nothing;

-- -----------------------------------------------------------------------------
-- Grants
-- -----------------------------------------------------------------------------
-- Reads under RLS; every write goes through the security definer RPCs below.
revoke all on table public.tip_categories, public.tips, public.tip_photos, public.tip_events,
  public.tip_messages, public.platform_supervisors from anon, authenticated;
grant select on table public.tip_categories, public.tips, public.tip_photos, public.tip_events,
  public.tip_messages, public.platform_supervisors to authenticated;
revoke all on table private.tip_reporters, private.tip_blacklist, private.tip_settings
  from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- Row level security
-- -----------------------------------------------------------------------------
alter table public.tip_categories enable row level security;
alter table public.tips enable row level security;
alter table private.tip_reporters enable row level security;
alter table public.tip_photos enable row level security;
alter table public.tip_events enable row level security;
alter table public.tip_messages enable row level security;
alter table public.platform_supervisors enable row level security;
alter table private.tip_blacklist enable row level security;
alter table private.tip_settings enable row level security;

-- -----------------------------------------------------------------------------
-- Triggers
-- -----------------------------------------------------------------------------
create or replace function private.tips_before_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.id, new.receipt_code, new.category_id, new.content, new.place, new.latitude,
      new.longitude, new.anonymous, new.created_at)
    is distinct from (old.id, old.receipt_code, old.category_id, old.content, old.place,
      old.latitude, old.longitude, old.anonymous, old.created_at) then
    raise exception using errcode = 'P0001', message = 'tip_locked',
      detail = '线索内容提交后不能修改';
  end if;
  if new.status is distinct from old.status then
    if not (
      (old.status = 'pending' and new.status in ('accepted', 'refused'))
      or (old.status = 'accepted' and new.status = 'closed')
    ) then
      raise exception using errcode = 'P0001', message = 'tip_status_invalid',
        detail = '线索当前状态不能进行此操作';
    end if;
    if new.status = 'accepted' then new.accepted_at := now(); end if;
    if new.status in ('closed', 'refused') then new.finished_at := now(); end if;
  end if;
  if new.department_id is distinct from old.department_id and old.status <> 'pending' then
    raise exception using errcode = 'P0001', message = 'tip_status_invalid',
      detail = '只有待处理的线索可以转办';
  end if;
  new.updated_at := now();
  return new;
end;
$$;
comment on function private.tips_before_update() is
  'The status flow 待处理 → 已受理 → 已办结 / 待处理 → 不予受理 (tip_status_invalid otherwise), reassignment only while 待处理, and a submitted tip''s content frozen.';
revoke all on function private.tips_before_update() from public;

create trigger tips_before_update
  before update on public.tips
  for each row execute function private.tips_before_update();

-- -----------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------
create or replace function private.my_tip_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select r.tip_id from private.tip_reporters r where r.reporter_id = (select auth.uid());
$$;
comment on function private.my_tip_ids() is
  'The tips the calling user sent; answers only about the caller, so it reveals nobody else.';
revoke all on function private.my_tip_ids() from public;
grant execute on function private.my_tip_ids() to authenticated;

create or replace function private.is_platform_supervisor()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.platform_supervisors s where s.user_id = (select auth.uid())
  );
$$;
comment on function private.is_platform_supervisor() is
  'True when the calling user is a platform supervisor (平台监督员).';
revoke all on function private.is_platform_supervisor() from public;
grant execute on function private.is_platform_supervisor() to authenticated;

create or replace function private.tip_exists(p_id text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.tips t where t.id::text = p_id);
$$;
comment on function private.tip_exists(text) is
  'Whether a tip with this id was submitted: its photo folder is then closed to uploads.';
revoke all on function private.tip_exists(text) from public;
grant execute on function private.tip_exists(text) to authenticated;

create or replace function private.tip_photo_attached(p_name text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.tip_photos p where p.object_path = p_name);
$$;
comment on function private.tip_photo_attached(text) is
  'Whether the object is a photo of a submitted tip (then nobody may delete it).';
revoke all on function private.tip_photo_attached(text) from public;
grant execute on function private.tip_photo_attached(text) to authenticated;

create or replace function private.require_officer()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_department uuid;
begin
  perform private.require_verified_user();
  select po.department_id into v_department
  from public.police_officers po where po.user_id = (select auth.uid());
  if v_department is null then
    raise exception using errcode = 'P0001', message = 'not_police',
      detail = '仅民警可以处理线索';
  end if;
  return v_department;
end;
$$;
comment on function private.require_officer() is
  'The calling officer''s department; not_authenticated, identity_unverified or not_police otherwise.';
revoke all on function private.require_officer() from public;

create or replace function private.officer_tip_for_update(p_tip_id uuid)
returns public.tips
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_department uuid := private.require_officer();
  v_tip public.tips;
begin
  select t.* into v_tip from public.tips t where t.id = p_tip_id for update;
  if not found then
    raise exception using errcode = 'P0001', message = 'tip_not_found',
      detail = '线索不存在';
  end if;
  if not private.department_covers(v_department, v_tip.department_id) then
    raise exception using errcode = 'P0001', message = 'out_of_scope',
      detail = '该线索不属于您所在部门';
  end if;
  return v_tip;
end;
$$;
comment on function private.officer_tip_for_update(uuid) is
  'Locks a tip the calling officer''s department covers; tip_not_found or out_of_scope otherwise.';
revoke all on function private.officer_tip_for_update(uuid) from public;

create or replace function private.new_receipt_code()
returns text
language sql
volatile
set search_path = ''
as $$
  select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (b % 32) + 1, 1), '')
  from (select get_byte(extensions.gen_random_bytes(8), i) as b from generate_series(0, 7) i) r;
$$;
comment on function private.new_receipt_code() is
  'A random 8-character 回执码 (32 symbols, 40 bits); submit_tip retries on the rare collision.';
revoke all on function private.new_receipt_code() from public;

create or replace function private.check_can_submit_tip(p_uid uuid)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_limit int;
  v_today int;
begin
  if exists (select 1 from private.tip_blacklist b where b.user_id = p_uid) then
    raise exception using errcode = 'P0001', message = 'reporter_blacklisted',
      detail = '您已被列入黑名单，不能举报线索';
  end if;
  select s.daily_limit into v_limit from private.tip_settings s;
  select count(*) into v_today from private.tip_reporters r
  where r.reporter_id = p_uid
    and r.created_at >= (date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai');
  if v_today >= coalesce(v_limit, 10) then
    raise exception using errcode = 'P0001', message = 'tip_daily_limit',
      detail = format('每天最多举报 %s 条线索，请明天再试', coalesce(v_limit, 10));
  end if;
end;
$$;
comment on function private.check_can_submit_tip(uuid) is
  'reporter_blacklisted or tip_daily_limit (tips since midnight Asia/Shanghai ≥ tip_settings.daily_limit) for this user.';
revoke all on function private.check_can_submit_tip(uuid) from public;

-- -----------------------------------------------------------------------------
-- Policies
-- -----------------------------------------------------------------------------
create policy "Signed-in users can view tip categories"
  on public.tip_categories for select
  to authenticated
  using (true);

create policy "Reporters, covering officers and supervisors can view a tip"
  on public.tips for select
  to authenticated
  using (
    id in (select private.my_tip_ids())
    or department_id in (select private.officer_department_ids())
    or (select private.is_platform_supervisor())
  );

-- The children follow the tip: the subquery on tips runs under the tips policy above.
create policy "Whoever can view a tip can view its photos"
  on public.tip_photos for select
  to authenticated
  using (tip_id in (select t.id from public.tips t));

create policy "Whoever can view a tip can view its history"
  on public.tip_events for select
  to authenticated
  using (tip_id in (select t.id from public.tips t));

create policy "Whoever can view a tip can view its thread"
  on public.tip_messages for select
  to authenticated
  using (tip_id in (select t.id from public.tips t));

create policy "Supervisors can view their own supervisor row"
  on public.platform_supervisors for select
  to authenticated
  using (user_id = (select auth.uid()));

-- Storage. A tip photo is uploaded by the API after its image pipeline, with a one-minute
-- token whose subject is the TIP id and whose claim `upload` names the one object (the
-- convention of migration 20261128200000_hardening), so owner/owner_id and the folder are the
-- tip's, never the reporter's. The identity migration's policies on a user's own folder in
-- this bucket stay for their owner alone: no tip ever points into such a folder
-- (tip_photos.object_path starts with the tip id), so no officer reads one.
update storage.buckets
set file_size_limit = 5242880, allowed_mime_types = array['image/jpeg']
where id = 'tip-photos';

create policy "The API uploads a checked tip photo into the folder of a tip being sent"
  on storage.objects for insert
  to authenticated
  with check (
    bucket_id = 'tip-photos'
    and (storage.foldername(name))[1] = (select auth.uid())::text
    and (select auth.jwt()) ->> 'upload' = bucket_id || '/' || name
  );

-- Restrictive: whatever other policy would allow it, a sent tip's evidence is closed.
create policy "A sent tip's folder takes no more photos"
  on storage.objects as restrictive for insert
  to authenticated
  with check (bucket_id <> 'tip-photos' or not private.tip_exists((storage.foldername(name))[1]));

create policy "Nobody removes a sent tip's photo"
  on storage.objects as restrictive for delete
  to authenticated
  using (bucket_id <> 'tip-photos' or not private.tip_photo_attached(name));

create policy "Reporters, covering officers and supervisors can view tip photos"
  on storage.objects for select
  to authenticated
  using (
    bucket_id = 'tip-photos'
    and (
      name in (select p.object_path from public.tip_photos p)
      -- the upload token sees its own object, so that a failed submission can remove it
      or (select auth.jwt()) ->> 'upload' = bucket_id || '/' || name
    )
  );

create policy "The API removes a tip photo no tip was sent with"
  on storage.objects for delete
  to authenticated
  using (
    bucket_id = 'tip-photos'
    and (select auth.jwt()) ->> 'upload' = bucket_id || '/' || name
  );

-- -----------------------------------------------------------------------------
-- RPCs: reporters
-- -----------------------------------------------------------------------------
create or replace function public.tip_submission_check()
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.check_can_submit_tip(private.require_verified_user());
end;
$$;
comment on function public.tip_submission_check() is
  'identity_unverified, reporter_blacklisted or tip_daily_limit before any photo is processed; submit_tip checks again.';
revoke all on function public.tip_submission_check() from public, anon;
grant execute on function public.tip_submission_check() to authenticated;

create or replace function public.submit_tip(
  p_id uuid,
  p_category_id smallint,
  p_content text,
  p_place text,
  p_latitude double precision,
  p_longitude double precision,
  p_anonymous boolean,
  p_department_id uuid,
  p_photos jsonb
)
returns table (id uuid, receipt_code text)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_uid uuid := private.require_verified_user();
  v_content text := btrim(coalesce(p_content, ''));
  v_place text := nullif(btrim(coalesce(p_place, '')), '');
  v_department uuid;
  v_code text;
  v_photo jsonb;
  v_position int := 0;
begin
  -- one reporter's submissions queue here, so the daily count cannot be raced past
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('tips:' || v_uid::text, 0));
  perform private.check_can_submit_tip(v_uid);

  if p_id is null then
    raise exception using errcode = 'P0001', message = 'invalid_input', detail = '线索编号无效';
  end if;
  if not exists (
    select 1 from public.tip_categories c where c.id = p_category_id and c.active
  ) then
    raise exception using errcode = 'P0001', message = 'tip_category_unknown',
      detail = '请选择线索类别';
  end if;
  if v_content = '' then
    raise exception using errcode = 'P0001', message = 'tip_content_empty',
      detail = '请输入线索内容';
  end if;
  if char_length(v_content) > 500 then
    raise exception using errcode = 'P0001', message = 'tip_content_too_long',
      detail = '线索内容不能超过500字';
  end if;
  if v_place is not null and char_length(v_place) > 100 then
    raise exception using errcode = 'P0001', message = 'tip_place_too_long',
      detail = '举报地点不能超过100字';
  end if;
  if (p_latitude is null) <> (p_longitude is null)
    or p_latitude not between -90 and 90 or p_longitude not between -180 and 180 then
    raise exception using errcode = 'P0001', message = 'tip_point_invalid',
      detail = '举报位置无效';
  end if;

  if p_department_id is null then
    -- the city bureau's intake queue
    select d.id into v_department from public.departments d where d.parent_id is null;
  else
    select d.id into v_department from public.departments d where d.id = p_department_id;
    if v_department is null then
      raise exception using errcode = 'P0001', message = 'department_not_found',
        detail = '管理部门不存在';
    end if;
  end if;

  if p_photos is null or jsonb_typeof(p_photos) <> 'array' then
    raise exception using errcode = 'P0001', message = 'invalid_input', detail = '图片线索无效';
  end if;
  if jsonb_array_length(p_photos) > 3 then
    raise exception using errcode = 'P0001', message = 'tip_too_many_photos',
      detail = '图片线索最多3张';
  end if;

  loop
    v_code := private.new_receipt_code();
    exit when not exists (select 1 from public.tips t where t.receipt_code = v_code);
  end loop;

  insert into public.tips (id, receipt_code, category_id, content, place, latitude, longitude,
    anonymous, department_id)
  values (p_id, v_code, p_category_id, v_content, v_place, p_latitude, p_longitude,
    coalesce(p_anonymous, true), v_department);
  insert into private.tip_reporters (tip_id, reporter_id) values (p_id, v_uid);

  for v_photo in select e from jsonb_array_elements(p_photos) e loop
    v_position := v_position + 1;
    -- the object must be there, in this tip's folder, put there by this tip's upload token
    if not exists (
      select 1 from storage.objects o
      where o.bucket_id = 'tip-photos'
        and o.name = v_photo ->> 'path'
        and o.owner_id = p_id::text
        and starts_with(o.name, p_id::text || '/')
    ) then
      raise exception using errcode = 'P0001', message = 'tip_photo_missing',
        detail = '图片线索上传未完成，请重试';
    end if;
    insert into public.tip_photos (tip_id, position, object_path, width, height)
    values (p_id, v_position, v_photo ->> 'path', (v_photo ->> 'width')::int,
      (v_photo ->> 'height')::int);
  end loop;

  insert into public.tip_events (tip_id, kind, status, department_id)
  values (p_id, 'submitted', 'pending', v_department);

  return query select p_id, v_code;
end;
$$;
comment on function public.submit_tip(uuid, smallint, text, text, double precision,
  double precision, boolean, uuid, jsonb) is
  'Sends a tip with the photos the API already stored under <p_id>/ (p_photos: [{path,width,height}]); checks identity, blacklist, daily limit, category, content, place, point, department, ≤ 3 photos; the reporter goes to private.tip_reporters only.';
revoke all on function public.submit_tip(uuid, smallint, text, text, double precision,
  double precision, boolean, uuid, jsonb) from public, anon;
grant execute on function public.submit_tip(uuid, smallint, text, text, double precision,
  double precision, boolean, uuid, jsonb) to authenticated;

create or replace function public.add_tip_message(p_tip_id uuid, p_body text)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_verified_user();
  v_body text := btrim(coalesce(p_body, ''));
  v_tip public.tips;
  v_department uuid;
  v_id bigint;
begin
  if v_body = '' then
    raise exception using errcode = 'P0001', message = 'message_empty', detail = '请输入留言内容';
  end if;
  if char_length(v_body) > 500 then
    raise exception using errcode = 'P0001', message = 'message_too_long',
      detail = '留言不能超过500字';
  end if;
  select t.* into v_tip from public.tips t where t.id = p_tip_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'tip_not_found', detail = '线索不存在';
  end if;
  if exists (
    select 1 from private.tip_reporters r where r.tip_id = p_tip_id and r.reporter_id = v_uid
  ) then
    insert into public.tip_messages (tip_id, from_police, body)
    values (p_tip_id, false, v_body) returning id into v_id;
    return v_id;
  end if;
  select po.department_id into v_department from public.police_officers po where po.user_id = v_uid;
  if v_department is null or not private.department_covers(v_department, v_tip.department_id) then
    raise exception using errcode = 'P0001', message = 'out_of_scope',
      detail = '您不能在此线索下留言';
  end if;
  insert into public.tip_messages (tip_id, from_police, officer_id, department_id, body)
  values (p_tip_id, true, v_uid, v_department, v_body) returning id into v_id;
  return v_id;
end;
$$;
comment on function public.add_tip_message(uuid, text) is
  'Adds a message to a tip''s thread: as its reporter (from_police false, no author stored) or as an officer whose department covers the tip.';
revoke all on function public.add_tip_message(uuid, text) from public, anon;
grant execute on function public.add_tip_message(uuid, text) to authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: officers
-- -----------------------------------------------------------------------------
create or replace function public.handle_tip(p_tip_id uuid, p_action text, p_note text)
returns public.tip_status
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_tip public.tips := private.officer_tip_for_update(p_tip_id);
  v_note text := nullif(btrim(coalesce(p_note, '')), '');
  v_status public.tip_status;
begin
  v_status := case p_action
    when 'accept' then 'accepted'::public.tip_status
    when 'close' then 'closed'::public.tip_status
    when 'refuse' then 'refused'::public.tip_status
  end;
  if v_status is null then
    raise exception using errcode = 'P0001', message = 'invalid_input', detail = '操作无效';
  end if;
  if v_note is not null and char_length(v_note) > 200 then
    raise exception using errcode = 'P0001', message = 'note_too_long',
      detail = '处理意见不能超过200字';
  end if;
  if p_action in ('close', 'refuse') and v_note is null then
    raise exception using errcode = 'P0001', message = 'note_required',
      detail = '请填写处理意见';
  end if;
  -- tips_before_update refuses a step outside the flow; a repeat of the current one is no step
  if v_tip.status = v_status then
    raise exception using errcode = 'P0001', message = 'tip_status_invalid',
      detail = '线索当前状态不能进行此操作';
  end if;
  update public.tips t set status = v_status where t.id = p_tip_id;
  insert into public.tip_events (tip_id, kind, status, department_id, note, officer_id)
  values (p_tip_id, v_status::text, v_status,
    v_tip.department_id, v_note, (select auth.uid()));
  return v_status;
end;
$$;
comment on function public.handle_tip(uuid, text, text) is
  'An officer whose department covers the tip accepts (受理), closes (办结, note required) or refuses (不予受理, note required) it.';
revoke all on function public.handle_tip(uuid, text, text) from public, anon;
grant execute on function public.handle_tip(uuid, text, text) to authenticated;

create or replace function public.reassign_tip(p_tip_id uuid, p_department_id uuid, p_note text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_tip public.tips := private.officer_tip_for_update(p_tip_id);
  v_department uuid := private.require_officer();
  v_note text := nullif(btrim(coalesce(p_note, '')), '');
begin
  if not exists (select 1 from public.departments d where d.id = p_department_id) then
    raise exception using errcode = 'P0001', message = 'department_not_found',
      detail = '管理部门不存在';
  end if;
  -- down to any department the officer covers, or back up to the city bureau's intake
  if not (
    private.department_covers(v_department, p_department_id)
    or exists (select 1 from public.departments d where d.id = p_department_id and d.parent_id is null)
  ) then
    raise exception using errcode = 'P0001', message = 'out_of_scope',
      detail = '不能转办到您所辖范围以外的部门';
  end if;
  if p_department_id = v_tip.department_id then
    raise exception using errcode = 'P0001', message = 'tip_same_department',
      detail = '线索已在该部门';
  end if;
  if v_note is not null and char_length(v_note) > 200 then
    raise exception using errcode = 'P0001', message = 'note_too_long',
      detail = '处理意见不能超过200字';
  end if;
  update public.tips t set department_id = p_department_id where t.id = p_tip_id;
  insert into public.tip_events (tip_id, kind, status, department_id, note, officer_id)
  values (p_tip_id, 'reassigned', v_tip.status, p_department_id, v_note, (select auth.uid()));
end;
$$;
comment on function public.reassign_tip(uuid, uuid, text) is
  '转办: an officer covering a 待处理 tip hands it to a department they cover, or back to the city bureau''s intake.';
revoke all on function public.reassign_tip(uuid, uuid, text) from public, anon;
grant execute on function public.reassign_tip(uuid, uuid, text) to authenticated;

create or replace function public.tip_reporter(p_tip_id uuid)
returns table (name text, phone_masked text)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_tip public.tips;
  v_department uuid;
begin
  select t.* into v_tip from public.tips t where t.id = p_tip_id;
  if not found then
    return;
  end if;
  select po.department_id into v_department
  from public.police_officers po where po.user_id = (select auth.uid());
  -- a named tip: its covering officers; any tip: a platform supervisor. Nobody else.
  if (not v_tip.anonymous and private.department_covers(v_department, v_tip.department_id))
    or private.is_platform_supervisor() then
    return query
      select p.name, private.mask_phone(p.phone)
      from private.tip_reporters r join public.profiles p on p.user_id = r.reporter_id
      where r.tip_id = p_tip_id;
  end if;
end;
$$;
comment on function public.tip_reporter(uuid) is
  'The reporter of a NAMED tip (name, masked phone) for the officers covering it; of any tip for a platform supervisor. No row for anyone else, and never for an anonymous tip''s officers.';
revoke all on function public.tip_reporter(uuid) from public, anon;
grant execute on function public.tip_reporter(uuid) to authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: platform supervisors
-- -----------------------------------------------------------------------------
create or replace function public.blacklist_tip_reporter(p_tip_id uuid, p_reason text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_verified_user();
  v_reason text := btrim(coalesce(p_reason, ''));
  v_reporter uuid;
begin
  if not private.is_platform_supervisor() then
    raise exception using errcode = 'P0001', message = 'not_supervisor',
      detail = '仅平台监督员可以拉黑举报人';
  end if;
  if v_reason = '' or char_length(v_reason) > 200 then
    raise exception using errcode = 'P0001', message = 'reason_required',
      detail = '请填写拉黑原因（200字以内）';
  end if;
  select r.reporter_id into v_reporter from private.tip_reporters r where r.tip_id = p_tip_id;
  if v_reporter is null then
    raise exception using errcode = 'P0001', message = 'tip_not_found', detail = '线索不存在';
  end if;
  insert into private.tip_blacklist (user_id, reason, tip_id, created_by)
  values (v_reporter, v_reason, p_tip_id, v_uid)
  on conflict (user_id) do update
    set reason = excluded.reason, tip_id = excluded.tip_id, created_by = excluded.created_by,
        created_at = now();
end;
$$;
comment on function public.blacklist_tip_reporter(uuid, text) is
  '拉黑: a platform supervisor blacklists the reporter of a tip; nothing about the reporter is returned, and the blacklist is readable by no officer.';
revoke all on function public.blacklist_tip_reporter(uuid, text) from public, anon;
grant execute on function public.blacklist_tip_reporter(uuid, text) to authenticated;
