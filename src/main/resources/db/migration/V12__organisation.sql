-- Organisation tree additions (组织机构): audit columns, display order, a guard against self-parenting and an index
-- for subtree walks. The base table org_unit is created in V2.
alter table org_unit add column sort_order int not null default 0;
alter table org_unit add column updated_at timestamptz not null default now();
alter table org_unit add column updated_by varchar(64);
alter table org_unit add constraint org_unit_not_own_parent check (parent_id is null or parent_id <> id);
create index org_unit_jurisdiction_parent on org_unit(jurisdiction_id, parent_id);
