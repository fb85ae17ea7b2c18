-- Evaluation (综合评价): facts derived from the case event log (case_event) and nothing else but a case's identity at
-- report time (number, grid, channel, reporting inspector). Every row here is a pure function of one case's events:
-- it is rewritten whenever the case gets an event (CaseChanged) and can be rebuilt from scratch (truncate + replay).
-- Indicators are aggregates over these tables by period; see docs/evaluation.md.

-- One row per case: when it was reported, filed, closed, and the judgements that apply to it as a whole
-- (voided, merged into another case, an approved timeout appeal).
create table eval_case (
    case_id              uuid        primary key,
    jurisdiction_id      bigint      not null,
    case_no              varchar(20) not null,
    grid_code            varchar(15),                -- district 6, street 9, community 12, grid 15 digits (prefixes)
    channel              varchar(20) not null,
    reporter_user_id     bigint,                     -- the reporting inspector (inspector channel)
    state                varchar(30) not null,       -- state after the last event
    last_seq             int         not null,       -- last event folded in
    reported_at          timestamptz not null,
    self_disposed        boolean     not null default false,
    self_closed_at       timestamptz,                -- 自处置 approved: closed without dispatch
    filed_at             timestamptz,                -- 立案
    filed_by             bigint,
    voided_at            timestamptz,                -- 作废 approved
    merged_into          uuid,                       -- the master while merged (a duplicate is not a case)
    dispatch_count       int         not null default 0, -- dispatch + redispatch events
    first_dispatched_at  timestamptz,
    unit_id              bigint,                     -- unit holding it now / that held it when it was closed
    fed_back_at          timestamptz,                -- last feedback (处置反馈)
    fed_back_due_at      timestamptz,                -- the handling deadline in force at that feedback
    fed_back_on_time     boolean,
    rework_count         int         not null default 0,
    first_rework_at      timestamptz,                -- first failed check (返工)
    extension_count      int         not null default 0,
    first_extension_at   timestamptz,                -- first approved extension (延期)
    return_count         int         not null default 0, -- approved returns held against the unit
    dispatch_error_count int         not null default 0, -- approved returns ruled a dispatch error
    closed_at            timestamptz,                -- 结案 (close operation)
    closed_by            bigint,
    appeal_reason        varchar(100),               -- reason code of the timeout appeal
    appeal_approved_at   timestamptz,                -- approved: out of every on-time statistic
    satisfaction         smallint,                   -- 回访 1–5
    callback_at          timestamptz
);
create index eval_case_closed on eval_case(jurisdiction_id, closed_at) where closed_at is not null;
create index eval_case_filed on eval_case(jurisdiction_id, filed_at) where filed_at is not null;
create index eval_case_reported on eval_case(jurisdiction_id, reported_at);
create index eval_case_callback on eval_case(jurisdiction_id, callback_at) where callback_at is not null;

-- One row per timed step a case went through (受理, 核实, 立案, 派遣, 处置, 核查, 结案): its clock as the events'
-- deadline snapshots show it, and the event that ended it (who, when, how). Posts are evaluated on these.
create table eval_step (
    case_id          uuid        not null,
    seq              int         not null,           -- the event that started the step
    jurisdiction_id  bigint      not null,
    step             varchar(10) not null,
    started_at       timestamptz not null,
    due_at           timestamptz,                    -- the step's due time in force when it ended (or now)
    ended_at         timestamptz,
    end_op           varchar(30),
    actor_user_id    bigint,                         -- who ended it
    actor_role       varchar(32),
    assignee_user_id bigint,                         -- inspector of a verification / check task
    sent_at          timestamptz,                    -- check task sent (send-check) within the 核查 step
    sent_by          bigint,
    dispatch_error   boolean     not null default false, -- a dispatch later returned as a dispatch error
    primary key (case_id, seq)
);
create index eval_step_ended on eval_step(jurisdiction_id, ended_at) where ended_at is not null;
create index eval_step_task_due on eval_step(jurisdiction_id, due_at) where assignee_user_id is not null;
create index eval_step_sent on eval_step(jurisdiction_id, sent_at) where sent_at is not null;

-- The handling deadline of a case over time: one row per stretch during which one deadline was in force for one
-- unit. Phase H: the unit holds the case (from dispatch until feedback, return or suspension); phase C: it has
-- reported back and the case waits for check and closing (until closed or reworked). "Due in the period and still
-- open at its end" is a lookup of the rows in force at the period's end. The case-level facts the handling figures
-- need are repeated on every row (the whole case is rewritten on each of its events, so they never disagree), which
-- keeps the period queries on this one narrow table.
create table eval_deadline (
    case_id              uuid        not null,
    seq                  int         not null,       -- the event that opened the stretch
    jurisdiction_id      bigint      not null,
    unit_id              bigint,
    phase                char(1)     not null check (phase in ('H', 'C')),
    due_at               timestamptz not null,
    valid_from           timestamptz not null,
    valid_to             timestamptz,                -- null: still in force
    open_op              varchar(30) not null,
    end_op               varchar(30),
    -- receipts (opened by dispatch / redispatch): the unit's previous receipt of this case; given back by the unit
    -- (an approved return not ruled a dispatch error)
    prev_receipt_at      timestamptz,
    returned             boolean     not null default false,
    -- feedbacks (phase H ended by feedback): the next feedback of this case by the same unit, and by any unit
    next_unit_feedback_at timestamptz,
    next_case_feedback_at timestamptz,
    -- the case's facts (as in eval_case)
    grid_code            varchar(15),
    by_public            boolean     not null,       -- reported by the public (PUBLIC, HOTLINE, MEDIA)
    excluded             boolean     not null,       -- voided or merged: not a case
    exempt               boolean     not null,       -- approved timeout appeal
    appeal_reason        varchar(100),
    first_extension_at   timestamptz,
    first_rework_at      timestamptz,
    primary key (case_id, seq)
);
create index eval_deadline_due on eval_deadline(jurisdiction_id, due_at);
create index eval_deadline_fed_back on eval_deadline(jurisdiction_id, valid_to) where end_op = 'feedback';
create index eval_deadline_received on eval_deadline(jurisdiction_id, valid_from) where open_op in ('dispatch', 'redispatch');
create index eval_deadline_in_force on eval_deadline using gist (tstzrange(valid_from, valid_to, '[)'));

-- Which version of the fold produced the facts; a newer version (or none) rebuilds them at start-up.
create table eval_projection (
    id          int         primary key check (id = 1),
    fold_version int        not null,
    rebuilt_at  timestamptz not null,
    cases       bigint      not null,
    events      bigint      not null
);

-- Cases whose facts could not be refreshed with their last event (logged; refreshed again at start-up).
create table eval_stale (
    case_id   uuid        primary key,
    failed_at timestamptz not null default now(),
    error     text
);
