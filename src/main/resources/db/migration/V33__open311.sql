-- Open311 GeoReport v2: API keys of the client systems, and what each request posted through Open311 carried.
create table open311_api_key (
    id                    bigserial    primary key,
    jurisdiction_id       bigint       not null references jurisdiction(id),
    name                  varchar(100) not null,               -- the client, e.g. 12345热线平台; events say open311:<name>
    key_hash              varchar(64)  not null unique,        -- SHA-256 (hex) of the key; the key itself is shown once
    key_prefix            varchar(8)   not null,               -- first characters, to recognise a key in lists
    rate_limit_per_minute int          not null default 600 check (rate_limit_per_minute between 1 and 100000),
    created_at            timestamptz  not null default now(),
    created_by            varchar(64)  not null,
    revoked_at            timestamptz,
    revoked_by            varchar(64),
    unique (jurisdiction_id, name)
);

-- One row per case created through POST requests: the client, the token, the extra attributes and media URL given.
create table open311_request (
    case_id         uuid         primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    key_id          bigint       not null references open311_api_key(id),
    token           uuid         not null unique,
    attributes      jsonb        not null default '{}'::jsonb,
    media_url       varchar(500),
    created_at      timestamptz  not null default now()
);
create index open311_request_jurisdiction on open311_request(jurisdiction_id, created_at);
