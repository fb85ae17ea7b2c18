-- The light and overdue indexes of V44 carry the list's sort keys, so a filter with few matches (the overdue and red
-- cases are older than the running ones: walking the order of creation passes most of the table before them) is
-- counted and sorted from the index alone (CaseSearch.page, docs/benchmarks.md "Console (issue 5)").
drop index case_file_light_red;
drop index case_file_light_yellow;
drop index case_file_overdue_at;
create index case_file_light_red on case_file(jurisdiction_id, light_red_at)
    include (created_at, handle_due_at, case_no, id) where light_red_at is not null;
create index case_file_light_yellow on case_file(jurisdiction_id, light_yellow_at, light_red_at)
    include (created_at, handle_due_at, case_no, id) where light_yellow_at is not null;
create index case_file_overdue_at on case_file(jurisdiction_id, overdue_at)
    include (created_at, handle_due_at, case_no, id) where overdue_at is not null;
