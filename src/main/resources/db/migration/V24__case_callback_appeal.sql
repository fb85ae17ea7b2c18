-- 回访 (satisfaction of public-source cases) and 超时申诉 (a late case may be excluded from on-time statistics; the
-- fact that it was late stays in the events).
alter table case_file add column satisfaction smallint check (satisfaction between 1 and 5);
alter table case_file add column appeal_state varchar(10) check (appeal_state in ('PENDING','APPROVED','REJECTED'));
