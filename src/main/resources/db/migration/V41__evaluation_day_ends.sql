-- Evaluation roll-ups of what is judged at the end of a period (issue 4, speed over 10,000,000 events). A period is
-- whole days, so "at the end of the period" is "at the end of its last day": eval_day gets, per day, what is in force
-- at that day's end, and the histogram of the time to close, so that a department ranking no longer reads the facts
-- for them. Same rules as the other roll-ups (V37): derived from the facts tables only, by one SQL definition
-- (DailyRollups.CONTRIBUTIONS), maintained by appending each case refresh's difference, compacted, rebuilt.
--   S  a handling-deadline stretch in force at the end of `day` (closed stretches only: one row per day it spans;
--      the stretches still open — valid_to null, the cases open now — are read from eval_deadline):
--      flag2 = phase H, later_day = the day it is due, flag = reworked by the end of `day`, ext_day = the day of the
--      first approved extension;
--   X  a unit's feedback whose case is back in the same unit's hands at the end of `day` (a stretch of phase H in
--      force then) and that is the unit's last feedback by then: later_day = the day of the feedback, on_time = it was
--      on time, ext_day as above — subtracted from the units' handled cases;
--   M  closed cases (as C) by the bucket of their time to close (val = eval_close_bucket): the median is found in the
--      histogram and read from the few closed cases of its bucket only (index eval_case_close_bucket).
alter table eval_day drop constraint eval_day_fact_check;
alter table eval_day add constraint eval_day_fact_check check (fact in ('C', 'F', 'R', 'B', 'S', 'X', 'M'));

-- The bucket of a time to close: non-decreasing in the hours (12 buckets per factor e ≈ 8 per doubling), so ordering
-- by bucket then hours is ordering by hours.
create function eval_close_bucket(closed timestamptz, reported timestamptz) returns smallint
    language sql immutable parallel safe
    return cast(least(floor(ln(1 + greatest(cast(extract(epoch from (closed - reported)) / 3600.0 as double precision), 0)) * 12), 32000) as smallint);

create index eval_case_close_bucket on eval_case(jurisdiction_id, unit_id, eval_close_bucket(closed_at, reported_at), closed_at)
    include (reported_at)
    where closed_at is not null and filed_at is not null and voided_at is null and merged_into is null;

-- The stretches in force now (no end yet): what the S and X roll-ups leave to the facts.
create index eval_deadline_open on eval_deadline(jurisdiction_id, valid_from) where valid_to is null;
