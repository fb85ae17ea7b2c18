-- Automatic 督办: the level reached by the timer job, so it acts once per level even across restarts and nodes.
alter table case_file add column auto_urge_level int not null default 0;
create index case_file_due on case_file(handle_due_at) where handle_due_at is not null and closed_at is null;
create index case_file_resume on case_file(resume_at) where resume_at is not null;
