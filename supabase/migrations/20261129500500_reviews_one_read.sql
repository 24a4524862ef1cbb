-- The database side of the request path (docs/request-path.md, "Database side"): 单位审核 (GET
-- /api/reviews) reads its page once.
--
-- reviews_page_as read a page of public.list_declarations and then, after a full page, ran
-- list_declarations again for one row to learn whether another page follows: each call checks
-- the officer, walks their departments and joins every matching declaration to its registry row
-- and declarant before sorting, so a full page cost two such reads (about 530 buffers). A page
-- of up to 49 now asks list_declarations for one row more (its cap is 50) and answers the
-- first p_limit: the row after the page is the same row the probe found, in the same snapshot.
-- A page of 50 (or a limit the API would refuse) takes the former path. Same answer.

-- -----------------------------------------------------------------------------
-- RPCs: the read functions
-- -----------------------------------------------------------------------------
create or replace function private.reviews_page_as(
  p_claims jsonb,
  p_status text,
  p_before_created timestamptz,
  p_before_id uuid,
  p_limit int
)
returns json
language plpgsql
as $$
declare
  v_items json;
  v_count int;
  v_more boolean;
  v_last_created timestamptz;
  v_last_id uuid;
begin
  perform private.act_as(p_claims);
  if p_limit between 1 and 49 then
    select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
             'token', d.review_token, 'id', d.id, 'companyName', d.company_name,
             'creditCode', d.credit_code, 'departmentName', d.department_name,
             'address', d.address, 'contactPhone', d.contact_phone,
             'declarantName', d.declarant_name, 'status', d.status,
             'createdAt', private.js_time(d.created_at))
             order by d.created_at desc, d.id desc) filter (where d.n <= p_limit), '[]'),
           count(*) > p_limit,
           (pg_catalog.array_agg(d.created_at order by d.created_at desc, d.id desc)
              filter (where d.n <= p_limit))[p_limit],
           (pg_catalog.array_agg(d.id order by d.created_at desc, d.id desc)
              filter (where d.n <= p_limit))[p_limit]
      into v_items, v_more, v_last_created, v_last_id
      from (
        select l.*, pg_catalog.row_number() over (order by l.created_at desc, l.id desc) as n
        from public.list_declarations(p_status::public.company_status, p_before_created,
                                      p_before_id, p_limit + 1) l
      ) d;
    return pg_catalog.json_build_object(
      'items', v_items,
      'nextCursor', case when v_more
        then private.page_cursor(v_last_created::text, v_last_id) end);
  end if;
  select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
           'token', d.review_token, 'id', d.id, 'companyName', d.company_name,
           'creditCode', d.credit_code, 'departmentName', d.department_name,
           'address', d.address, 'contactPhone', d.contact_phone,
           'declarantName', d.declarant_name, 'status', d.status,
           'createdAt', private.js_time(d.created_at))
           order by d.created_at desc, d.id desc), '[]'),
         count(*),
         (pg_catalog.array_agg(d.created_at order by d.created_at, d.id))[1],
         (pg_catalog.array_agg(d.id order by d.created_at, d.id))[1]
    into v_items, v_count, v_last_created, v_last_id
    from public.list_declarations(p_status::public.company_status, p_before_created,
                                  p_before_id, p_limit) d;
  -- list_declarations caps a page at 50, so whether another page follows is a probe of one
  -- row after a full page.
  return pg_catalog.json_build_object(
    'items', v_items,
    'nextCursor', case when v_count = p_limit and exists (
      select 1 from public.list_declarations(p_status::public.company_status, v_last_created,
                                             v_last_id, 1))
      then private.page_cursor(v_last_created::text, v_last_id) end);
end
$$;
comment on function private.reviews_page_as(jsonb, text, timestamptz, uuid, int) is
  'GET /api/reviews in one statement: act_as, then a page of public.list_declarations (one row more than the page, to know whether another follows) with its nextCursor, as the API answers it.';
