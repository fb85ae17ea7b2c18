-- Gazetteer (地名地址库) per jurisdiction: roads (道路, lines), intersections (交叉口, computed from the roads after each
-- roads import), door numbers (门牌) and points of interest (兴趣点). Lon/lat in CGCS2000/WGS84. Search and reverse
-- geocoding run on an in-process index built from these tables; an import replaces a whole layer.
create table gazetteer_road (
    id              bigserial primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    seq             integer      not null,                 -- position of the feature in the imported file
    name            varchar(100) not null,
    alias           varchar(200),                          -- other names, separated by 、 , ; or /
    kind            varchar(10)  check (kind in ('主干路','次干路','支路')),
    geom            bytea        not null,                 -- WKB LineString or MultiLineString
    min_lon         double precision not null,
    min_lat         double precision not null,
    max_lon         double precision not null,
    max_lat         double precision not null
);
create index gazetteer_road_jurisdiction on gazetteer_road(jurisdiction_id, name);

create table gazetteer_intersection (
    id              bigserial primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    name            varchar(220) not null,                 -- A路与B路交叉口
    road_a          varchar(100) not null,
    road_b          varchar(100) not null,
    lon             double precision not null,
    lat             double precision not null
);
create index gazetteer_intersection_jurisdiction on gazetteer_intersection(jurisdiction_id);

create table gazetteer_door (
    id              bigserial primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    road            varchar(100) not null,
    number          varchar(20)  not null,                 -- 12, 12-1, 12a (no 号)
    lon             double precision not null,
    lat             double precision not null,
    unique (jurisdiction_id, road, number)
);

create table gazetteer_poi (
    id              bigserial primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    name            varchar(200) not null,
    category        varchar(60)  not null,
    address         varchar(300),
    lon             double precision not null,
    lat             double precision not null
);
create index gazetteer_poi_jurisdiction on gazetteer_poi(jurisdiction_id);
