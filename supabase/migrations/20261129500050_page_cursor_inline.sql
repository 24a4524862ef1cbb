-- The database side of the request path (docs/request-path.md, "Database side"): the page cursor
-- is inlined into each list, as 20261129500000 meant it to be.
--
-- The planner inlines an `immutable` SQL function only if its body is immutable too, and
-- page_cursor's is not (json_build_array and convert_to are stable), so without its `set` clause
-- it was still run through fmgr_sql, parsed and planned in every list statement (auto_explain
-- shows its body as a nested statement). Declared `stable`, as its body is, it is inlined. Same
-- text for the same arguments.

-- -----------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------
create or replace function private.page_cursor(p_key text, p_id uuid)
returns text
language sql
stable
as $$
  select pg_catalog.translate(pg_catalog.encode(pg_catalog.convert_to(
    pg_catalog.json_build_array(p_key, p_id::text)::text, 'UTF8'), 'base64'), E'+/=\n', '-_');
$$;
comment on function private.page_cursor(text, uuid) is
  'The opaque keyset cursor of a page''s last row (base64url JSON [key, id], no padding), the same format the API''s decodeCursor reads. Inlined into each list (stable, no set clause, qualified names).';
