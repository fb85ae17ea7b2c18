-- 城管通 (mobile app): the answer to a task (verify, check, feedback …) queued offline is sent with its client id as
-- Idempotency-Key. The first request with a key performs the operation and stores its answer here in the same
-- transaction; the same key again (a resend after a lost reply, or two sends racing) gets that answer back and
-- nothing is performed twice (org.wanmi.mobile.OperationReplays). Rows older than 30 days are deleted.
create table operation_idempotency (
    user_id         bigint       not null,
    idem_key        varchar(100) not null,
    jurisdiction_id bigint       not null references jurisdiction(id),
    request_path    varchar(300) not null,            -- the operation it was used for (another path is refused)
    status          integer,                          -- the answer: HTTP status, content type, body
    content_type    varchar(200),
    body            bytea,
    created_at      timestamptz  not null default now(),
    primary key (user_id, idem_key)
);
create index operation_idempotency_created on operation_idempotency(created_at);
