-- 巡查轨迹: inspectors' GPS points, uploaded in batches by the field app (device time kept apart from receipt time),
-- and each inspector's latest position (on duty = a position within the last minutes).
create table patrol_point (
    user_id         bigint           not null,
    at              timestamptz      not null,           -- when the device took the fix
    jurisdiction_id bigint           not null references jurisdiction(id),
    lon             double precision not null,
    lat             double precision not null,
    accuracy_m      real,
    grid_code       varchar(15),
    received_at     timestamptz      not null default now(),
    primary key (user_id, at)
);
create index patrol_point_jurisdiction_at on patrol_point(jurisdiction_id, at);

create table inspector_position (
    user_id         bigint           primary key,
    jurisdiction_id bigint           not null references jurisdiction(id),
    at              timestamptz      not null,
    lon             double precision not null,
    lat             double precision not null,
    grid_code       varchar(15)
);
create index inspector_position_jurisdiction on inspector_position(jurisdiction_id, at);
