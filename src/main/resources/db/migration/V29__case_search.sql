-- Case search (GET /api/v1/cases): newest first within a jurisdiction (the id breaks ties so pages never overlap),
-- by handling due time, area / region prefixes of the grid code, and text search.
create index case_file_created on case_file(jurisdiction_id, created_at, id);
create index case_file_due_order on case_file(jurisdiction_id, handle_due_at, id);
create index case_file_grid on case_file(jurisdiction_id, grid_code varchar_pattern_ops);

-- Text search (q) is a case-insensitive substring match (ILIKE) on case number, description, address and reporter name.
-- Where the server offers pg_trgm (PostgreSQL's contrib, shipped with the embedded binaries and with Debian's server
-- packages) a trigram index serves it; without the extension, or without the right to create it, the same query runs
-- without the index. The expression must stay identical to CaseSearch.TEXT.
do $$
begin
    if not exists (select 1 from pg_extension where extname = 'pg_trgm')
       and exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
        begin
            create extension pg_trgm;
        exception when others then
            raise notice 'pg_trgm not installed (%): case text search runs without a trigram index', sqlerrm;
        end;
    end if;
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        begin
            execute $i$create index case_file_text on case_file using gin ((coalesce(case_no, '') || chr(1) ||
                coalesce(description, '') || chr(1) || coalesce(address, '') || chr(1) || coalesce(reporter_name, ''))
                gin_trgm_ops)$i$;
        exception when others then
            raise notice 'no trigram index on case_file (%): case text search runs without it', sqlerrm;
        end;
    end if;
end
$$;
