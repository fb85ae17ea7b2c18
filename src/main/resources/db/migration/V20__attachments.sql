-- Attachments (附件): one row per upload; the bytes live on disk once per content hash (wanmi.attachments.dir).
create table attachment (
    id              uuid         primary key,
    jurisdiction_id bigint       not null references jurisdiction(id),
    uploader        varchar(100) not null,              -- username, or a channel such as 'public'
    original_name   varchar(255),                       -- as the client named it; informational only
    sha256          char(64)     not null,              -- hex; also the file's name on disk
    content_type    varchar(64)  not null,              -- sniffed from the bytes
    extension       varchar(8)   not null,
    size_bytes      bigint       not null check (size_bytes > 0),
    width           integer,                            -- display size (after EXIF orientation)
    height          integer,
    captured_at     timestamptz,                        -- device clock (EXIF DateTimeOriginal / video creation time)
    gps_lon         double precision,                   -- EXIF GPS, WGS-84
    gps_lat         double precision,
    has_thumbnail   boolean      not null default false,
    uploaded_at     timestamptz  not null default now() -- server clock
);

create index attachment_jurisdiction_sha on attachment (jurisdiction_id, sha256);
create index attachment_sha on attachment (sha256);
