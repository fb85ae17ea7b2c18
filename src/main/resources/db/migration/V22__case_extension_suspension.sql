-- 延期 and 挂账: the handling deadline is always recomputed from the start of the clock, the original limit times
-- (1 + approved extensions), and the pauses (suspensions) on the working calendar — so it is derivable from events.
alter table case_file add column extension_count int not null default 0;
alter table case_file add column suspended_at timestamptz;
alter table case_file add column resume_at timestamptz;

create table case_pause (
    case_id   uuid        not null references case_file(id),
    paused_at timestamptz not null,
    resumed_at timestamptz,
    primary key (case_id, paused_at)
);
