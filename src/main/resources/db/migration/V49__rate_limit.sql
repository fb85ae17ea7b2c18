-- Rate limits shared by every node of a cluster (Open311 keys, the public portal's clients): one row per bucket
-- (e.g. 'open311:42', 'portal-report:203.0.113.7') holding the count of the current window and of the one before
-- it. One upsert per request counts and decides (org.wanmi.shared.RateLimits); rows idle for a day are deleted.
create table rate_limit (
    bucket        varchar(200) primary key,
    window_start  timestamptz  not null,   -- start of the current window (database clock, so every node agrees)
    hits          integer      not null,   -- allowed requests counted in the current window
    prev_hits     integer      not null,   -- allowed requests of the window before (for the sliding estimate)
    allowed       boolean      not null    -- the decision of the latest request
);
create index rate_limit_window on rate_limit(window_start);
