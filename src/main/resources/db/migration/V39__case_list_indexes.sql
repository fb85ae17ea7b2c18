-- Console case lists (issue 5): a page of one state in the order of creation or of the handling deadline (the
-- workbench queues, "REPORTED newest first", "DISPATCHED due first") read in index order. Without them PostgreSQL
-- walked (jurisdiction, created_at) or (jurisdiction, handle_due_at) past every case of the other states — closed
-- cases come first in deadline order — measured 5 s over 1,000,000 cases (docs/benchmarks.md, "Console (issue 5)").
create index case_file_state_created on case_file(jurisdiction_id, state, created_at, id);
create index case_file_state_due on case_file(jurisdiction_id, state, handle_due_at, id);
