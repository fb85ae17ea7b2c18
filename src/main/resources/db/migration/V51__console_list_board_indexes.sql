-- Console list and big screen over 1,000,000 cases (issue 5, docs/benchmarks.md "Console (issue 5)").
--
-- 1. The light and overdue indexes (V44/V45) also carry the columns of the list's other filters and of a handler's
--    scope (state, area, unit, channel, category), so a light filter combined with them ("red, dispatched, in this
--    district"; a handler's red cases) is counted and sorted from the index alone instead of reading every
--    candidate row.
drop index if exists case_file_light_red;
drop index if exists case_file_light_yellow;
drop index if exists case_file_overdue_at;
create index case_file_light_red on case_file(jurisdiction_id, light_red_at)
    include (created_at, handle_due_at, case_no, id, state, grid_code, unit_id, channel, category_kind, category_code)
    where light_red_at is not null;
create index case_file_light_yellow on case_file(jurisdiction_id, light_yellow_at, light_red_at)
    include (created_at, handle_due_at, case_no, id, state, grid_code, unit_id, channel, category_kind, category_code)
    where light_yellow_at is not null;
create index case_file_overdue_at on case_file(jurisdiction_id, overdue_at)
    include (created_at, handle_due_at, case_no, id, state, grid_code, unit_id, channel, category_kind, category_code)
    where overdue_at is not null;

-- 2. A department's inbox ("my unit's dispatched cases, due first"): read in index order instead of walking every
--    dispatched case of the jurisdiction and skipping the other units'.
create index if not exists case_file_unit_state_due on case_file(jurisdiction_id, unit_id, state, handle_due_at, id)
    where unit_id is not null;

-- 3. The big screen's figures (CaseBoard): the overdue count and list, index-only over the open cases (with the grid
--    for a region-limited scope).
create index if not exists case_file_open_state_due on case_file(jurisdiction_id, state, handle_due_at)
    include (grid_code, id) where closed_at is null;

-- 4. The open cases by state (the big screen's flow), tallied instead of counted: 700,000 open cases take a second to
--    count even from an index, and every wall screen reloads after each case change. A trigger appends +1/-1 per
--    (jurisdiction, grid, state) to case_state_delta whenever a case enters or leaves the open states (appending never
--    waits for another transaction, unlike updating a shared counter row); CaseBoard folds the deltas into
--    case_state_tally now and then (one statement: deletes the deltas it sees and adds them up) and reads
--    tally + deltas, which is exact at any moment. Open = closed_at is null and the state is none of CLOSED, REJECTED,
--    VOIDED, MERGED (as CaseBoard counted before); a case without a grid is tallied under ''.
create table if not exists case_state_tally (
    jurisdiction_id bigint not null,
    grid_code text not null,
    state text not null,
    n bigint not null,
    primary key (jurisdiction_id, grid_code, state)
);
create table if not exists case_state_delta (
    jurisdiction_id bigint not null,
    grid_code text not null,
    state text not null,
    n integer not null
);
create index if not exists case_state_delta_jurisdiction on case_state_delta(jurisdiction_id);

create or replace function case_state_tally() returns trigger language plpgsql as $$
declare
    was boolean := tg_op <> 'INSERT' and old.closed_at is null and old.state not in ('CLOSED', 'REJECTED', 'VOIDED', 'MERGED');
    now_open boolean := tg_op <> 'DELETE' and new.closed_at is null and new.state not in ('CLOSED', 'REJECTED', 'VOIDED', 'MERGED');
begin
    if was and now_open and old.jurisdiction_id = new.jurisdiction_id and old.state = new.state
            and coalesce(old.grid_code, '') = coalesce(new.grid_code, '') then
        return null;
    end if;
    if was then
        insert into case_state_delta values (old.jurisdiction_id, coalesce(old.grid_code, ''), old.state, -1);
    end if;
    if now_open then
        insert into case_state_delta values (new.jurisdiction_id, coalesce(new.grid_code, ''), new.state, 1);
    end if;
    return null;
end $$;

drop trigger if exists case_state_tally on case_file;
create trigger case_state_tally after insert or delete or update of state, closed_at, grid_code, jurisdiction_id
    on case_file for each row execute function case_state_tally();

truncate case_state_tally, case_state_delta;
insert into case_state_tally
    select jurisdiction_id, coalesce(grid_code, ''), state, count(*) from case_file
    where closed_at is null and state not in ('CLOSED', 'REJECTED', 'VOIDED', 'MERGED')
    group by 1, 2, 3;
