-- Working-time calendar (工作日历) per jurisdiction: settings, seeded statutory holidays / 调休 make-up workdays,
-- administrators' overrides, and the append-only calendar audit.

create table calendar_settings (
    jurisdiction_id   bigint        primary key references jurisdiction(id),
    time_zone         varchar(64)   not null default 'Asia/Shanghai',
    work_periods      varchar(200)  not null default '08:30-12:00,14:00-17:30',  -- HH:mm-HH:mm, comma separated
    weekend_days      varchar(20)   not null default '6,7',                      -- ISO day numbers, 1 = Monday
    work_day_minutes  int           not null default 480 check (work_day_minutes > 0),  -- 1 工作日 = 8 工作时
    yellow_percent    numeric(6,2)  not null default 80,
    red_percent       numeric(6,2)  not null default 100,
    version           bigint        not null default 1,                          -- bumped by every edit
    updated_at        timestamptz   not null default now(),
    updated_by        varchar(64)
);

-- Statutory holidays and make-up workdays as seeded from tyme4j (kept per jurisdiction so deadlines stay
-- reproducible when the library changes; new years are added, seeded years never rewritten).
create table calendar_seed_day (
    jurisdiction_id bigint      not null references jurisdiction(id),
    day             date        not null,
    type            varchar(10) not null check (type in ('WORKDAY', 'HOLIDAY')),
    name            varchar(50),
    primary key (jurisdiction_id, day)
);

-- Administrators' overrides; the effective type of a date is override, else seed, else the weekly pattern.
create table calendar_override (
    jurisdiction_id bigint      not null references jurisdiction(id),
    day             date        not null,
    type            varchar(10) not null check (type in ('WORKDAY', 'HOLIDAY', 'NORMAL')),
    name            varchar(50),
    updated_at      timestamptz not null default now(),
    updated_by      varchar(64),
    primary key (jurisdiction_id, day)
);

create table calendar_audit (
    id              bigserial    primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    at              timestamptz  not null default now(),
    username        varchar(64),
    action          varchar(20)  not null,      -- SEED, SETTINGS, OVERRIDE, REVERT, IMPORT
    day             date,
    before_value    text,
    after_value     text
);
create index calendar_audit_jurisdiction on calendar_audit(jurisdiction_id, id);
create trigger calendar_audit_append_only before update or delete on calendar_audit
    for each row execute function forbid_change();
create trigger calendar_audit_no_truncate before truncate on calendar_audit
    for each statement execute function forbid_change();
