-- Public portal (市民随手拍): follow links and double-submit protection.

-- A citizen follows a case through an unguessable token; only its SHA-256 is kept. A case may have several tokens
-- (a double submit answers with a fresh link to the same case).
create table portal_follow (
    token_hash      bytea primary key,
    case_id         uuid not null references case_file(id),
    jurisdiction_id bigint not null references jurisdiction(id),
    created_at      timestamptz not null default now()
);
create index portal_follow_case on portal_follow(case_id);

-- One row per submitted report form (its hidden token): a second submit of the same form waits for the first and
-- gets its case, before any photo is stored again.
create table portal_submission (
    form_key     varchar(64) primary key,
    case_id      uuid references case_file(id),
    created_at   timestamptz not null default now()
);
