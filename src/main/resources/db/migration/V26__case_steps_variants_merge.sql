-- Every timed step of a case (受理, 核实, 立案, 派遣, 处置, 核查, 结案) has a start and a due time; the scheduled job
-- marks an overdue step once (an 'overdue' event) and raises automatic 督办 levels at next_urge_at.
alter table case_file add column step varchar(10);
alter table case_file add column step_started_at timestamptz;
alter table case_file add column step_due_at timestamptz;
alter table case_file add column step_overdue boolean not null default false;
alter table case_file add column urgent boolean not null default false;
alter table case_file add column next_urge_at timestamptz;
-- 合并: a duplicate points at its master; unmerge restores it (resume_state keeps where it was).
alter table case_file add column master_id uuid references case_file(id);
-- 自处置: an inspector fixed it on the spot; a review closes it without dispatch.
alter table case_file add column self_disposed boolean not null default false;
-- 二级派遣: a district platform passed the case on to its street or department.
alter table case_file add column redispatch_count int not null default 0;
-- a public report confirmed on site by an inspector
alter table case_file add column verified boolean not null default false;

create index case_file_step_due on case_file(step_due_at) where step_due_at is not null and not step_overdue;
create index case_file_next_urge on case_file(next_urge_at) where next_urge_at is not null;
create index case_file_master on case_file(master_id) where master_id is not null;
drop index if exists case_file_due;

-- Workflow variants and step limits per jurisdiction, versioned and append-only: the newest row is in force,
-- earlier rows say what was in force when.
create table workflow_settings (
    jurisdiction_id bigint      not null references jurisdiction(id),
    version         int         not null,
    settings        jsonb       not null,
    changed_by      varchar(64) not null,
    changed_at      timestamptz not null default now(),
    primary key (jurisdiction_id, version)
);
create trigger workflow_settings_append_only before update or delete on workflow_settings
    for each row execute function forbid_change();
