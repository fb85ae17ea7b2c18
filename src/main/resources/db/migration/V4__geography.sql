-- Divisions (区划): city → district/county → street/town → community/village → unit grid (万米单元网格).
-- Geometry is WKB (lon/lat, CGCS2000/WGS84) with its bounding box; spatial queries run on in-process JTS indexes.
-- A re-import of an existing code closes the current row (effective_to) and inserts the new one: history is kept.
create table division (
    id              bigserial primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    level           varchar(12)  not null check (level in ('CITY','DISTRICT','STREET','COMMUNITY','GRID')),
    code            varchar(15)  not null,
    name            varchar(100) not null,
    parent_code     varchar(15),
    geom            bytea        not null,
    min_lon         double precision not null,
    min_lat         double precision not null,
    max_lon         double precision not null,
    max_lat         double precision not null,
    area_m2         double precision,
    land_use        varchar(60),                -- 用地类别
    mgmt_level      varchar(30),                -- 管理等级
    area_class      varchar(10)  not null default 'GENERAL' check (area_class in ('CORE','GENERAL')), -- 核心区/一般区
    attributes      jsonb        not null default '{}'::jsonb,
    effective_from  timestamptz  not null default now(),
    effective_to    timestamptz
);
create unique index division_current_code on division(jurisdiction_id, code) where effective_to is null;
create index division_current_level on division(jurisdiction_id, level) where effective_to is null;
create index division_history on division(jurisdiction_id, code, effective_from);

-- 责任网格: named sets of unit grids patrolled by inspectors.
create table responsibility_grid (
    id              bigserial primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    code            varchar(32)  not null,
    name            varchar(100) not null,
    created_at      timestamptz  not null default now(),
    unique (jurisdiction_id, code)
);
create table responsibility_grid_cell (
    responsibility_grid_id bigint      not null references responsibility_grid(id) on delete cascade,
    grid_code              varchar(15) not null,
    primary key (responsibility_grid_id, grid_code)
);
create table responsibility_grid_inspector (
    responsibility_grid_id bigint not null references responsibility_grid(id) on delete cascade,
    user_id                bigint not null references app_user(id) on delete cascade,
    primary key (responsibility_grid_id, user_id)
);
