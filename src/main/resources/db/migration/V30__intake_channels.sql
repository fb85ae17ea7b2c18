-- Channel-specific intake (see docs/cases.md, "Intake channels").
-- 热线: who called, on which number, and whether they want to be called back.
alter table case_file add column caller_name     varchar(100);
alter table case_file add column caller_phone    varchar(20);
alter table case_file add column callback_wanted boolean;
-- 物联网 (and any report naming a component): the component's 17-digit 标识码 and the reporting device (sensor,
-- camera). Same-component duplicates look cases up by component.
alter table case_file add column component_id    varchar(17);
alter table case_file add column device_id       varchar(100);
create index case_file_component on case_file(jurisdiction_id, component_id) where component_id is not null;

-- 视频/AI detections wait here until a person accepts (→ a case through the normal intake) or dismisses them.
create table intake_review (
    id               uuid         primary key,
    jurisdiction_id  bigint       not null references jurisdiction(id),
    status           varchar(10)  not null default 'PENDING' check (status in ('PENDING','ACCEPTED','DISMISSED')),
    channel          varchar(20)  not null default 'VIDEO',
    confidence       double precision not null check (confidence >= 0 and confidence <= 1),
    snapshot_id      uuid         not null,                -- attachment
    camera_id        varchar(100),
    category_kind    varchar(10),
    category_code    varchar(5),
    description      text,
    lon              double precision not null,
    lat              double precision not null,
    address          varchar(300),
    grid_code        varchar(15)  not null,
    community_code   varchar(12),
    street_code      varchar(9),
    district_code    varchar(6),
    idem_key         varchar(100),                         -- Idempotency-Key: the same key twice, one item
    created_by       bigint,
    created_by_username varchar(64),
    created_at       timestamptz  not null default now(),
    decided_by       bigint,
    decided_by_username varchar(64),
    decided_at       timestamptz,
    decision_reason  varchar(50),                          -- dismissal reason code (FALSE_ALARM, …)
    decision_comment varchar(500),
    case_id          uuid         references case_file(id), -- the case an acceptance created
    unique (jurisdiction_id, idem_key)
);
create index intake_review_queue on intake_review(jurisdiction_id, status, confidence desc, created_at);
