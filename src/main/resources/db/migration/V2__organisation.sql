-- Organisation tree per jurisdiction (组织机构): supervision center, command center, district platforms,
-- departments and their sub-units, external units (utilities, companies).
create table org_unit (
    id              bigserial primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    parent_id       bigint       references org_unit(id),
    code            varchar(32)  not null,
    name            varchar(100) not null,
    kind            varchar(32)  not null check (kind in ('SUPERVISION_CENTER','COMMAND_CENTER','DISTRICT_PLATFORM',
                                                         'DEPARTMENT','SUB_UNIT','EXTERNAL')),
    region_code     varchar(15),              -- division the unit serves, if any
    phone           varchar(40),
    active          boolean      not null default true,
    created_at      timestamptz  not null default now(),
    unique (jurisdiction_id, code)
);
create index org_unit_parent on org_unit(parent_id);
