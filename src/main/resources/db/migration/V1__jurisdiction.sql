-- Jurisdictions (辖区) hosted by one deployment; every jurisdiction-owned row references one.
create table jurisdiction (
    id          bigserial primary key,
    code        varchar(6)   not null unique,   -- GB/T 2260 code of the city or county
    name        varchar(100) not null,
    center_lon  double precision,
    center_lat  double precision,
    created_at  timestamptz  not null default now()
);

-- ShedLock: one node runs each scheduled job.
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);

-- Append-only guard used by audit and event tables: rows can be inserted, never changed or removed.
create function forbid_change() returns trigger language plpgsql as $$
begin
    raise exception 'append-only table %: % is not allowed', tg_table_name, tg_op using errcode = '42501';
end $$;
