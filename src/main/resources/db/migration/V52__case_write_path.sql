-- Lighter writes of a case operation (issue 3, docs/benchmarks.md "session 6"). Every operation updates its case_file
-- row and changes indexed columns (state, step, due times), so every update writes a new entry into every index of
-- the table; what only a few operations need should not be paid by all of them.

-- 1. Text search (q) reads a side table written when a case is reported (and when one of the searched fields
--    changes, which no operation does today), instead of a trigram index on case_file that every update of the case
--    wrote anew: case number, description, address and reporter name never change along the workflow, so the GIN
--    index was rewritten with the same trigrams at every accept, file, dispatch, feedback, check and close. The text
--    is the same expression as before (chr(1) keeps a match from spanning two fields); CaseSearch searches
--    case_text.text. Written by triggers, so every way a case row is written (the application, imports, tests and
--    benchmarks inserting rows directly) keeps it in step.
create table case_text (
    case_id uuid primary key references case_file(id) on delete cascade,
    jurisdiction_id bigint not null,
    text text not null
);

create function case_text_insert() returns trigger language plpgsql as $$
begin
    insert into case_text(case_id, jurisdiction_id, text)
    select id, jurisdiction_id, coalesce(case_no, '') || chr(1) || coalesce(description, '') || chr(1)
            || coalesce(address, '') || chr(1) || coalesce(reporter_name, '')
    from inserted;
    return null;
end $$;
create trigger case_text_insert after insert on case_file referencing new table as inserted
    for each statement execute function case_text_insert();

create function case_text_update() returns trigger language plpgsql as $$
begin
    update case_text set jurisdiction_id = new.jurisdiction_id,
        text = coalesce(new.case_no, '') || chr(1) || coalesce(new.description, '') || chr(1)
            || coalesce(new.address, '') || chr(1) || coalesce(new.reporter_name, '')
    where case_id = new.id;
    return null;
end $$;
-- fires only for an update that names one of the searched columns (no workflow operation does) and changes it
create trigger case_text_update after update of case_no, description, address, reporter_name, jurisdiction_id
    on case_file for each row
    when (old.case_no is distinct from new.case_no or old.description is distinct from new.description
        or old.address is distinct from new.address or old.reporter_name is distinct from new.reporter_name
        or old.jurisdiction_id is distinct from new.jurisdiction_id)
    execute function case_text_update();

insert into case_text(case_id, jurisdiction_id, text)
select id, jurisdiction_id, coalesce(case_no, '') || chr(1) || coalesce(description, '') || chr(1)
        || coalesce(address, '') || chr(1) || coalesce(reporter_name, '')
from case_file;

drop index if exists case_file_text;
do $$
begin
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        begin
            execute 'create index case_text_trgm on case_text using gin (text gin_trgm_ops)';
        exception when others then
            raise notice 'no trigram index on case_text (%): case text search runs without it', sqlerrm;
        end;
    end if;
end
$$;

-- 2. Indexes that are the leading columns of another index with the same condition: the longer one serves their
--    queries (case_file_state_created / case_file_state_due for (jurisdiction, state); case_file_unit_state_due for
--    (jurisdiction, unit)).
drop index if exists case_file_state;
drop index if exists case_file_unit;

-- 3. The big screen's open-cases tally (V51): the trigger fires only when the state, the closing time, the grid or
--    the jurisdiction really changes (an update naming them without changing them costs nothing), and a move between
--    two open states appends its −1 and +1 in one statement. The deltas are folded away at every board read and every
--    minute, so they are few and are read whole: no index to maintain on them.
create or replace function case_state_tally() returns trigger language plpgsql as $$
declare
    was boolean := tg_op <> 'INSERT' and old.closed_at is null and old.state not in ('CLOSED', 'REJECTED', 'VOIDED', 'MERGED');
    now_open boolean := tg_op <> 'DELETE' and new.closed_at is null and new.state not in ('CLOSED', 'REJECTED', 'VOIDED', 'MERGED');
begin
    if was and now_open then
        if old.jurisdiction_id = new.jurisdiction_id and old.state = new.state
                and coalesce(old.grid_code, '') = coalesce(new.grid_code, '') then
            return null;
        end if;
        insert into case_state_delta values (old.jurisdiction_id, coalesce(old.grid_code, ''), old.state, -1),
            (new.jurisdiction_id, coalesce(new.grid_code, ''), new.state, 1);
    elsif was then
        insert into case_state_delta values (old.jurisdiction_id, coalesce(old.grid_code, ''), old.state, -1);
    elsif now_open then
        insert into case_state_delta values (new.jurisdiction_id, coalesce(new.grid_code, ''), new.state, 1);
    end if;
    return null;
end $$;

drop trigger if exists case_state_tally on case_file;
create trigger case_state_tally after insert or delete on case_file
    for each row execute function case_state_tally();
create trigger case_state_tally_update after update of state, closed_at, grid_code, jurisdiction_id on case_file
    for each row
    when (old.state is distinct from new.state or old.closed_at is distinct from new.closed_at
        or old.grid_code is distinct from new.grid_code or old.jurisdiction_id is distinct from new.jurisdiction_id)
    execute function case_state_tally();
drop index if exists case_state_delta_jurisdiction;
