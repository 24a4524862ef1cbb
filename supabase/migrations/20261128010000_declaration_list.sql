-- =============================================================================
-- The officer's list of declarations to review (SPEC §6: "or from a list"): the same
-- declarations an officer may open by scanning a 审核二维码, those of the departments their
-- own covers, newest first by status. Contract: docs/companies.md.
-- =============================================================================

-- The list filters by department and status and reads newest first: one index serves the
-- station officer (one department) and, per department, the 分局 and the city bureau.
create index companies_department_status_created_idx
  on public.companies (department_id, status, created_at desc, id desc);

create or replace function public.list_declarations(
  p_status public.company_status,
  p_before_created timestamptz,
  p_before_id uuid,
  p_limit int
)
returns table (
  id uuid,
  review_token text,
  company_name text,
  credit_code text,
  department_name text,
  address text,
  contact_phone text,
  declarant_name text,
  status public.company_status,
  created_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_limit int := least(greatest(coalesce(p_limit, 20), 1), 50);
begin
  -- not_authenticated / not_police, exactly as the review by scanning
  perform private.officer_department_for_review();
  if (p_before_created is null) <> (p_before_id is null) then
    raise exception using errcode = 'P0001', message = 'cursor_invalid',
      detail = '分页参数无效';
  end if;
  -- the token travels to the officer so the list opens the same review page as a scan;
  -- preview_declaration and review_declaration check the scope again on that page
  return query
    select v.id, v.review_token, v.company_name, v.credit_code, v.department_name, v.address,
           v.contact_phone, v.declarant_name, v.status, v.created_at
    from private.declaration_details v
    where v.department_id in (select private.officer_department_ids())
      and (p_status is null or v.status = p_status)
      and (p_before_created is null or (v.created_at, v.id) < (p_before_created, p_before_id))
    order by v.created_at desc, v.id desc
    limit v_limit;
end;
$$;
comment on function public.list_declarations(public.company_status, timestamptz, uuid, int) is
  '单位审核 list of an officer: declarations of the departments their own covers (itself and every one below), of one status (null: all), newest first, keyset-paginated by (created_at, id); limit 1..50.';
revoke all on function public.list_declarations(public.company_status, timestamptz, uuid, int)
  from public, anon;
grant execute on function public.list_declarations(public.company_status, timestamptz, uuid, int)
  to authenticated;
