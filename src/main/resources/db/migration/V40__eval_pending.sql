-- Cases whose evaluation facts are behind their events. A case operation upserts its case here (in its own
-- transaction, one small row) instead of refolding the facts itself; the evaluation's catch-up refolds the pending
-- cases in batches and deletes a row only if its version did not move meanwhile. Readers of the facts catch up first.
create table eval_pending (
    case_id uuid   primary key,
    version bigint not null default 1
) with (fillfactor = 70);

-- Case numbers are now drawn from one sequence per jurisdiction and year (case_no_<jurisdiction>_<year>, created at
-- the year's first report, starting after the highest number used); case_number keeps the counters as they were
-- for that start and is no longer written.
comment on table case_number is 'retired by V40: case numbers come from sequences case_no_<jurisdiction>_<year>';
