-- Cases (案件): the current state of each case is a projection of its events; the events are the record.
create table case_file (
    id               uuid         primary key,
    jurisdiction_id  bigint       not null references jurisdiction(id),
    case_no          varchar(20)  not null,                 -- per jurisdiction and year, e.g. 2026-000123
    state            varchar(30)  not null,
    channel          varchar(20)  not null,                 -- 案件来源
    category_kind    varchar(10),
    category_code    varchar(5),
    description      text,
    lon              double precision not null,
    lat              double precision not null,
    address          varchar(300),
    grid_code        varchar(15),
    community_code   varchar(12),
    street_code      varchar(9),
    district_code    varchar(6),
    area_class       varchar(10),
    reporter_name    varchar(100),
    reporter_contact varchar(100),
    reporter_user_id bigint,
    condition_id     bigint,                                -- 立案条件 chosen at filing
    unit_id          bigint,                                -- unit the case is dispatched to
    assignee_user_id bigint,                                -- inspector of an open verification / check task
    signed           boolean      not null default false,
    handle_started_at timestamptz,                          -- the handling clock starts at dispatch
    handle_due_at    timestamptz,
    resume_state     varchar(30),                           -- state to go back to when a request is refused
    rework_count     int          not null default 0,
    return_count     int          not null default 0,
    urge_count       int          not null default 0,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    closed_at        timestamptz,
    version          int          not null default 0,       -- optimistic lock: one of two concurrent operations wins
    unique (jurisdiction_id, case_no)
);
create index case_file_state on case_file(jurisdiction_id, state);
create index case_file_unit on case_file(jurisdiction_id, unit_id) where unit_id is not null;
create index case_file_assignee on case_file(assignee_user_id) where assignee_user_id is not null;

-- Every operation on a case, immutable: who (user, role, unit), when, from which state to which, with what.
create table case_event (
    id                bigserial    primary key,
    case_id           uuid         not null references case_file(id),
    jurisdiction_id   bigint       not null,
    seq               int          not null,
    operation         varchar(30)  not null,
    from_state        varchar(30),
    to_state          varchar(30)  not null,
    actor_user_id     bigint,
    actor_username    varchar(64),
    actor_role        varchar(32),
    actor_unit_id     bigint,
    at                timestamptz  not null default now(),
    payload           jsonb        not null default '{}'::jsonb,
    deadline_snapshot jsonb,
    unique (case_id, seq)
);
create index case_event_jurisdiction_at on case_event(jurisdiction_id, at);
create trigger case_event_append_only before update or delete on case_event
    for each row execute function forbid_change();
create trigger case_event_no_truncate before truncate on case_event
    for each statement execute function forbid_change();

create table case_number (
    jurisdiction_id bigint not null,
    year            int    not null,
    last            int    not null,
    primary key (jurisdiction_id, year)
);

-- Idempotency-Key of report intake: the same key twice yields the same case.
create table report_idempotency (
    jurisdiction_id bigint       not null,
    idem_key        varchar(100) not null,
    case_id         uuid         not null,
    created_at      timestamptz  not null default now(),
    primary key (jurisdiction_id, idem_key)
);
