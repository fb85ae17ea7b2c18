-- Evaluation daily roll-ups: the facts of eval_case / eval_deadline counted per jurisdiction day × unit × the
-- attributes the department indicators test, so that a ranking over a period sums days instead of reading cases.
-- Every row is derived from the facts tables (never from anything else) and is maintained with them: each refresh
-- of a case appends the difference its new facts make (insert only — no row is updated by two transactions, so case
-- operations never wait on each other here), a compaction folds those differences into one row per key, and a
-- rebuild recomputes the table from the facts. Exactness, including the conditions that depend on where a period
-- ends ("the next feedback is after the period", "received before the period"), is explained in docs/evaluation.md.
create table eval_day (
    jurisdiction_id bigint      not null,
    fact            char(1)     not null check (fact in ('C', 'F', 'R', 'B')), -- closed, feedback, received, callback
    day             date        not null,       -- the jurisdiction's day of the event that establishes the fact
    unit_id         bigint,
    on_time         boolean     not null default false,
    exempt          boolean     not null default false,
    reason          varchar(100),               -- appeal reason of an exempt fact
    flag            boolean     not null default false, -- C: dispatched more than once; R: reported by the public
    flag2           boolean     not null default false, -- R: given back by the unit (not a dispatch error)
    later_day       date,                       -- C: first rework; F: the unit's next feedback; R: its previous receipt
    ext_day         date,                       -- F: first approved extension
    val             smallint,                   -- B: satisfaction
    n               bigint      not null,       -- how many facts (a difference until compacted)
    micros          bigint      not null default 0, -- C: Σ time from report to close, microseconds
    fresh           boolean     not null default true -- a difference appended since the last compaction
);
create index eval_day_period on eval_day(jurisdiction_id, fact, day);
create index eval_day_fresh on eval_day(jurisdiction_id, day) where fresh;

-- The time zone the days of eval_day are in, per jurisdiction (its calendar's when they were computed). A ranking
-- reads the roll-ups only while the calendar still has this zone; otherwise it counts the facts.
create table eval_day_zone (
    jurisdiction_id bigint      primary key,
    zone            varchar(64) not null
);

-- The median time to close is not additive: it is counted from the closed cases, through this index alone.
create index eval_case_closed_hours on eval_case(jurisdiction_id, closed_at)
    include (unit_id, reported_at, filed_at, voided_at, merged_into)
    where closed_at is not null;
