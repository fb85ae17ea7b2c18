-- Catalog (部件事件分类) and filing standard (立案/结案标准), per jurisdiction.
-- The standard catalogs (GB/T 47678.5-2026, CJ/T 214-2007) ship as CSV files in the jar (classpath:standards/) and
-- are copied into a jurisdiction on first use; administrators then rename, annotate and extend them. A category is
-- identified by (kind, code): components and matters share the code space. GB/T codes have 5 digits (2 大类 + 3 小类),
-- CJ/T codes 4 (2 + 2), so codes of the two standards never collide inside one jurisdiction.

-- Which standard a jurisdiction uses for its pickers and lists (the others stay readable for old cases).
create table catalog_setting (
    jurisdiction_id bigint       primary key references jurisdiction(id),
    standard        varchar(32)  not null,
    updated_at      timestamptz  not null default now(),
    updated_by      varchar(64)
);

create table catalog_category (
    id              bigserial primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    standard        varchar(32)  not null,             -- the standard whose code space the row belongs to
    kind            varchar(12)  not null check (kind in ('COMPONENT','MATTER','EVENT')),
    major_code      varchar(2)   not null,             -- 大类
    major_name      varchar(100) not null,
    code            varchar(8)   not null,             -- 大类 + 小类
    name            varchar(100) not null,
    standard_name   varchar(100),                      -- the name as published; null for local categories
    local           boolean      not null default false,
    active          boolean      not null default true,
    keywords        text[]       not null default '{}',
    default_unit_id bigint       references org_unit(id) on delete set null,
    sort_order      int          not null default 0,
    updated_at      timestamptz  not null default now(),
    updated_by      varchar(64),
    unique (jurisdiction_id, kind, code)
);
create index catalog_category_list on catalog_category(jurisdiction_id, standard, kind, code);

-- Extra attributes collected for a 小类 (e.g. 井盖材质), typed.
create table catalog_attribute (
    id              bigserial primary key,
    category_id     bigint       not null references catalog_category(id) on delete cascade,
    key             varchar(40)  not null,
    label           varchar(100) not null,
    type            varchar(16)  not null check (type in ('TEXT','NUMBER','SINGLE_CHOICE','MULTI_CHOICE')),
    options         text[]       not null default '{}',
    required        boolean      not null default false,
    sort_order      int          not null default 0,
    unique (category_id, key)
);

-- Example photo of a 小类 (shown in the category picker), stored in the database.
create table catalog_photo (
    category_id     bigint       primary key references catalog_category(id) on delete cascade,
    content_type    varchar(40)  not null,
    bytes           bytea        not null,
    sha256          char(64)     not null,
    uploaded_at     timestamptz  not null default now(),
    uploaded_by     varchar(64)
);

-- 立案条件 of a 小类, each with its 处置时限 and 结案条件. Rows are never deleted (cases refer to them): removing a
-- condition retires it (active = false) and a re-import of the same text brings it back.
create table filing_condition (
    id              bigserial primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    category_id     bigint       not null references catalog_category(id),
    condition       text         not null,
    time_limit      varchar(200) not null,             -- canonical form, e.g. 4工作时 or 核心区2工作时;一般区4工作时
    time_limit_text varchar(200) not null,             -- as published / typed, e.g. ４工作时
    close_condition text         not null,
    origin          varchar(200),
    active          boolean      not null default true,
    sort_order      int          not null default 0,
    updated_at      timestamptz  not null default now(),
    updated_by      varchar(64),
    unique (category_id, condition)
);
create index filing_condition_jurisdiction on filing_condition(jurisdiction_id, category_id);
