-- component becomes LIST-partitioned by jurisdiction_id, so that the first big load of a jurisdiction (the usual
-- 1,000,000-row 部件普查 import) can COPY into a fresh table WITHOUT indexes, build the key afterwards in one sorted
-- pass and attach the table as that jurisdiction's partition, all in the import's transaction (see BulkWriter and
-- docs/components.md). Maintaining the primary-key B-tree row by row during COPY cost about as much as the COPY.
--
-- Rows written any other way (single create, later imports into a jurisdiction that already has components) go through
-- the parent: to the jurisdiction's own partition when it has one, else to the DEFAULT partition. The existing table
-- becomes the default partition as it is (no rows move). Keys and the partial legacy index live on the parent; each
-- partition carries its own copy of them.
alter table component rename to component_default;
alter table component_default rename constraint component_pkey to component_default_pkey;
alter index component_legacy rename to component_default_legacy;
-- ids are digits: the "C" collation sorts them the same way as any other, and building or maintaining the key with it
-- is about twice as fast as with the database's default collation (C.UTF-8 here, compared with strcoll)
alter table component_default alter column code type varchar(17) collate "C",
    alter column legacy_id type varchar(16) collate "C";

create table component (
    jurisdiction_id bigint       not null,
    code            varchar(17)  collate "C" not null,
    legacy_id       varchar(16)  collate "C",
    category_code   varchar(5)   not null,        -- 小类 code (kind COMPONENT)
    name            varchar(200),
    department      varchar(200),                 -- 主管部门
    owner           varchar(200),                 -- 权属单位
    maintainer      varchar(200),                 -- 养护单位
    grid_code       varchar(15),                  -- 万米单元网格
    status          varchar(10)  not null default 'INTACT'
                    constraint component_status_check check (status in ('INTACT','DAMAGED','LOST','SCRAPPED','REMOVED')), -- 完好/破损/丢失/废弃/移除
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
) partition by list (jurisdiction_id);
create unique index component_legacy on component(jurisdiction_id, legacy_id) where legacy_id is not null;

alter table component attach partition component_default default;
