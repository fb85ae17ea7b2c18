-- Console list and big screen over 1,000,000 cases (issue 5, docs/benchmarks.md "Console (issue 5)").
--
-- 1. The light and overdue indexes (V44/V45) also carry the columns of the list's other filters and of a handler's
--    scope (state, area, unit, channel, category), so a light filter combined with them ("red, dispatched, in this
--    district"; a handler's red cases) is counted and sorted from the index alone instead of reading every
--    candidate row.
drop index case_file_light_red;
drop index case_file_light_yellow;
drop index case_file_overdue_at;
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
create index case_file_unit_state_due on case_file(jurisdiction_id, unit_id, state, handle_due_at, id)
    where unit_id is not null;

-- 3. The big screen's figures (CaseBoard): open cases by state, the overdue count and list, index-only over the open
--    cases (with the grid for a region-limited scope).
create index case_file_open_state_due on case_file(jurisdiction_id, state, handle_due_at)
    include (grid_code, id) where closed_at is null;
