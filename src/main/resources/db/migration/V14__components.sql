-- Component inventory (部件普查): one row per managed public facility, with the attributes of GB/T 47678.5 table 2.
-- code is the 17-digit 标识码 (6 区划 + 2 大类 + 3 小类 + 6 sequence); legacy_id keeps a 16-digit CJ/T 214 id.
-- Geometry: lon/lat is the component's point (for lines and polygons a representative point inside them);
-- geom holds the WKB of a line or polygon and is null for a plain point. Spatial queries use an in-process index.
-- Indexes are kept to the key on purpose: every index costs about as much as the COPY itself on a million-row import
-- (see docs/benchmarks.md); spatial and category look-ups go through the in-process index, list filters scan.
create table component (
    jurisdiction_id bigint       not null references jurisdiction(id),
    code            varchar(17)  not null,
    legacy_id       varchar(16),
    category_code   varchar(5)   not null,        -- 小类 code (kind COMPONENT)
    name            varchar(200),
    department      varchar(200),                 -- 主管部门
    owner           varchar(200),                 -- 权属单位
    maintainer      varchar(200),                 -- 养护单位
    grid_code       varchar(15),                  -- 万米单元网格
    status          varchar(10)  not null default 'INTACT'
                    check (status in ('INTACT','DAMAGED','LOST','SCRAPPED','REMOVED')), -- 完好/破损/丢失/废弃/移除
    initial_date    date,                         -- 初始日期
    change_date     date,                         -- 变更日期
    data_source     varchar(200),                 -- 数据来源
    remarks         text,
    photo           varchar(500),                 -- path or URL
    lon             double precision not null,
    lat             double precision not null,
    geom            bytea,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now(),
    primary key (jurisdiction_id, code)
);
create unique index component_legacy on component(jurisdiction_id, legacy_id) where legacy_id is not null;

-- Background imports with their progress and per-row errors (first few hundred kept), polled by the console.
create table import_job (
    id              bigserial primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    kind            varchar(32)  not null,        -- e.g. COMPONENTS
    format          varchar(10)  not null,        -- CSV, GEOJSON
    mode            varchar(10)  not null,        -- INSERT, UPDATE
    file_name       varchar(300),
    state           varchar(12)  not null default 'QUEUED'
                    check (state in ('QUEUED','VALIDATING','WRITING','SUCCEEDED','FAILED')),
    bytes_total     bigint       not null default 0,
    bytes_read      bigint       not null default 0,
    rows_read       bigint       not null default 0,
    rows_valid      bigint       not null default 0,
    rows_written    bigint       not null default 0,
    error_count     bigint       not null default 0,
    errors          jsonb        not null default '[]'::jsonb,  -- [{row, index, id, field, code, args}]
    message_code    varchar(100),                 -- why the whole file failed, if it did
    message_args    jsonb        not null default '[]'::jsonb,
    created_by      varchar(64),
    created_at      timestamptz  not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz
);
create index import_job_recent on import_job(jurisdiction_id, kind, created_at desc);
