-- Notifications (通知): one row per recipient of a case operation: the in-app inbox. The title is stored as a message
-- code with its arguments and rendered in the reader's language. Written in the transaction of the operation, so a
-- notification exists exactly when the operation committed.
create table notification (
    id               bigserial    primary key,
    jurisdiction_id  bigint       not null references jurisdiction(id),
    user_id          bigint       not null,                 -- recipient (identity's app_user.id)
    kind             varchar(20)  not null,                 -- NEW_TASK, APPROVAL_NEEDED, URGE, OVERDUE
    case_id          uuid         not null,
    case_no          varchar(20)  not null,
    operation        varchar(30)  not null,                 -- the operation that caused it
    message_code     varchar(100) not null,
    message_args     jsonb        not null default '[]'::jsonb,
    created_at       timestamptz  not null default now(),
    read_at          timestamptz
);
create index notification_inbox on notification(user_id, created_at desc, id desc);
create index notification_unread on notification(user_id) where read_at is null;
create index notification_case on notification(case_id, operation);
