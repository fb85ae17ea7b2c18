-- Responsibility list (权责清单 / 指挥手册 as data): category × area → responsible unit, with priority, and the
-- named spatial layers (roads, rivers, zones with a buffer) that rules may use as areas.

-- Named spatial layers per jurisdiction. Geometry is WKB (lon/lat, CGCS2000/WGS84) with its bounding box;
-- the area a layer covers is the geometry buffered by buffer_m metres. Spatial queries run on an in-process index.
create table spatial_layer (
    id              bigserial primary key,
    jurisdiction_id bigint           not null references jurisdiction(id),
    code            varchar(32)      not null,
    name            varchar(100)     not null,
    kind            varchar(10)      not null check (kind in ('ROAD','RIVER','ZONE','OTHER')),
    geom            bytea            not null,
    min_lon         double precision not null,
    min_lat         double precision not null,
    max_lon         double precision not null,
    max_lat         double precision not null,
    buffer_m        double precision not null default 0 check (buffer_m >= 0),
    attributes      jsonb            not null default '{}'::jsonb,
    created_at      timestamptz      not null default now(),
    updated_at      timestamptz      not null default now(),
    updated_by      varchar(64),
    unique (jurisdiction_id, code)
);

-- One rule: category pattern × area → unit. category is '*' (any), 'KIND:*', 'KIND:MM' (a whole 大类),
-- 'KIND:MMNNN' (one 小类), with KIND one of COMPONENT/MATTER/EVENT or '*'. area_code is '' for ALL, a division code
-- for DISTRICT/STREET/COMMUNITY/GRID, a spatial_layer code for LAYER. Higher priority wins; at equal priority the
-- more specific area, then the more specific category.
create table responsibility_rule (
    id              bigserial primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    category        varchar(24)  not null,
    area_type       varchar(12)  not null check (area_type in ('ALL','DISTRICT','STREET','COMMUNITY','GRID','LAYER')),
    area_code       varchar(32)  not null default '',
    unit_id         bigint       not null references org_unit(id),
    priority        int          not null default 100 check (priority between 0 and 1000),
    note            varchar(500),
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now(),
    updated_by      varchar(64),
    unique (jurisdiction_id, category, area_type, area_code, unit_id)
);
create index responsibility_rule_area on responsibility_rule(jurisdiction_id, area_type, area_code);
create index responsibility_rule_unit on responsibility_rule(unit_id);
