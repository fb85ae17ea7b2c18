-- The open-cases deltas (V51) keep their index after all (V52 had dropped it): the board reads and folds them at every
-- refresh, and where a server runs without autovacuum the rows the fold deleted stay in the heap as dead versions —
-- 700,000 of them after a bulk load — which a sequential scan reads at every refresh (the big screen went from 90 to
-- 177 ms over 1,000,000 cases), while an index scan skips the entries it has once found dead.
create index if not exists case_state_delta_jurisdiction on case_state_delta(jurisdiction_id);
