-- 城管通 (mobile app): what the device recorded at the moment a photo was taken — its clock and its position — kept
-- apart from the attachment's EXIF (attachment.captured_at / gps_*) and from the upload time (attachment.uploaded_at).
-- A photo queued offline is uploaded later; these columns keep the moment of capture, never the moment of sync.
-- (user_id, client_id) makes the upload idempotent: a photo resent after a lost answer gets its first attachment back.
create table mobile_photo (
    attachment_id   uuid             primary key references attachment(id),
    jurisdiction_id bigint           not null references jurisdiction(id),
    user_id         bigint           not null,
    client_id       varchar(64)      not null,
    captured_at     timestamptz,                        -- the device's clock at capture
    lon             double precision,                   -- the device's position at capture (WGS-84)
    lat             double precision,
    accuracy_m      real,
    received_at     timestamptz      not null default now(),
    unique (user_id, client_id)
);
