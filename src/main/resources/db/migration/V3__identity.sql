-- Users, roles, API tokens and the append-only security audit (安全审计).
create table app_user (
    id              bigserial primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    username        varchar(64)  not null unique,
    display_name    varchar(100) not null,
    password_hash   varchar(200) not null,
    enabled         boolean      not null default true,
    failed_attempts int          not null default 0,
    locked_until    timestamptz,
    unit_id         bigint       references org_unit(id),
    region_code     varchar(15),               -- data scope: a division subtree, null = whole jurisdiction
    phone           varchar(40),
    created_at      timestamptz  not null default now()
);

create table user_role (
    user_id bigint      not null references app_user(id) on delete cascade,
    role    varchar(32) not null,
    primary key (user_id, role)
);

create table api_token (
    id           bigserial primary key,
    user_id      bigint      not null references app_user(id) on delete cascade,
    token_hash   char(64)    not null unique,     -- SHA-256 of the bearer token; the token itself is never stored
    client       varchar(100),
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
create index api_token_user on api_token(user_id);

create table security_audit (
    id              bigserial primary key,
    at              timestamptz  not null default now(),
    jurisdiction_id bigint,
    username        varchar(64),
    event           varchar(40)  not null,
    detail          text,
    remote_addr     varchar(64)
);
create index security_audit_at on security_audit(at);
create trigger security_audit_append_only before update or delete on security_audit
    for each row execute function forbid_change();
create trigger security_audit_no_truncate before truncate on security_audit
    for each statement execute function forbid_change();
