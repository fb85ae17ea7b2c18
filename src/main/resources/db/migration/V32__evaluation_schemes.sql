-- Evaluation schemes (考评方案): indicators, weights, scoring (linear or bands) and grade thresholds per jurisdiction,
-- scheme code and object type (region, department, inspector, operator, shift_leader, dispatcher). Versioned and
-- append-only: a period is evaluated with the version in force on its first day (latest effective_from on or
-- before it; among equal dates the latest saved). Without a saved "default" the built-in default applies.
create table eval_scheme (
    jurisdiction_id bigint       not null references jurisdiction(id),
    code            varchar(32)  not null,
    object_type     varchar(20)  not null,
    version         int          not null,
    effective_from  date         not null,
    name            varchar(100) not null,
    definition      jsonb        not null,
    saved_by        varchar(64)  not null,
    saved_at        timestamptz  not null default now(),
    primary key (jurisdiction_id, code, object_type, version)
);
create index eval_scheme_effective on eval_scheme(jurisdiction_id, code, object_type, effective_from);
create trigger eval_scheme_append_only before update or delete on eval_scheme
    for each row execute function forbid_change();
