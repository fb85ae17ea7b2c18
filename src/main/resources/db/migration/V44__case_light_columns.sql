-- Console lists (issue 5): the handling clock's light (红黄绿灯) and overdue flag kept in the row, so the list's light and
-- overdue filters are index ranges instead of a clock computed for every candidate row (4-7 s over 1,000,000 cases,
-- docs/benchmarks.md "Console (issue 5)"). Same meaning as CaseSearch's computed clock: the clock runs while the unit
-- holds the case, stands at the suspension, stops at the latest feedback; red past start + red x (due - start), yellow
-- from start + yellow x (due - start), overdue past the due time.
--
-- Kept by a trigger, so every writer (operations, timers, tests, imports) keeps them right:
--   light_yellow_at / light_red_at  when a running clock turns yellow / red; for a stopped clock the light is fixed,
--                                   written as -infinity (reached) or infinity (never): red = (-inf, -inf),
--                                   yellow = (-inf, inf), green = (inf, inf);
--   overdue_at                      the due time of a running clock; -infinity / infinity for a stopped one;
--   handle_clock_end                where a stopped clock stands (feedback or suspension); null while it runs.
-- So, with t = now(): red <=> light_red_at < t; yellow <=> light_yellow_at <= t <= light_red_at; green <=>
-- light_yellow_at > t; overdue <=> overdue_at < t; on time <=> overdue_at >= t; no clock: all null.
--
-- The thresholds are the calendar's (per jurisdiction); case_light_rule holds those the stored columns were computed
-- with. The cases module (CaseLights) fills it and recomputes a jurisdiction's rows when its calendar's thresholds
-- change; until then (no row, other thresholds, or not complete) the search computes the clock per row as before.
create table case_light_rule (
    jurisdiction_id bigint primary key references jurisdiction(id),
    yellow          double precision not null,
    red             double precision not null,
    complete        boolean not null default false -- every row of the jurisdiction computed with these
);

alter table case_file add column handle_clock_end timestamptz;
alter table case_file add column light_yellow_at timestamptz;
alter table case_file add column light_red_at timestamptz;
alter table case_file add column overdue_at timestamptz;

create function case_file_light() returns trigger language plpgsql as $$
declare
    r   record;
    e   timestamptz;
    y   timestamptz;
    rd  timestamptz;
begin
    new.handle_clock_end := null;
    new.light_yellow_at := null;
    new.light_red_at := null;
    new.overdue_at := null;
    if new.handle_started_at is null or new.handle_due_at is null then
        return new;
    end if;
    if new.state in ('DISPATCHED', 'RETURN_REQUESTED', 'EXTENSION_REQUESTED', 'SUSPENSION_REQUESTED') then
        e := null; -- running
    elsif new.state = 'SUSPENDED' then
        e := new.suspended_at; -- (without a suspension time it runs, as in the search)
    elsif new.state in ('HANDLED', 'CHECKING', 'CHECKED', 'CLOSED') then
        if tg_op = 'UPDATE' and old.state in ('HANDLED', 'CHECKING', 'CHECKED', 'CLOSED') and old.handle_clock_end is not null then
            e := old.handle_clock_end;
        elsif tg_op = 'UPDATE' and old.state in ('DISPATCHED', 'RETURN_REQUESTED', 'EXTENSION_REQUESTED',
                'SUSPENSION_REQUESTED', 'SUSPENDED') then
            e := now(); -- the feedback recorded in this transaction (its event's time is now() too)
        else
            select max(ev.at) into e from case_event ev where ev.case_id = new.id and ev.operation = 'feedback';
            if e is null then
                return new; -- no feedback: no clock
            end if;
        end if;
    else
        return new;
    end if;
    new.handle_clock_end := e;
    select lr.yellow, lr.red into r from case_light_rule lr where lr.jurisdiction_id = new.jurisdiction_id;
    if not found then
        return new;
    end if;
    y := new.handle_started_at + r.yellow * (new.handle_due_at - new.handle_started_at);
    rd := new.handle_started_at + r.red * (new.handle_due_at - new.handle_started_at);
    if e is null then
        new.light_yellow_at := y;
        new.light_red_at := rd;
        new.overdue_at := new.handle_due_at;
    else
        if e > rd then
            new.light_yellow_at := '-infinity';
            new.light_red_at := '-infinity';
        elsif e >= y then
            new.light_yellow_at := '-infinity';
            new.light_red_at := 'infinity';
        else
            new.light_yellow_at := 'infinity';
            new.light_red_at := 'infinity';
        end if;
        new.overdue_at := case when e > new.handle_due_at then '-infinity'::timestamptz else 'infinity'::timestamptz end;
    end if;
    return new;
end $$;

create trigger case_file_light before insert or update of state, handle_started_at, handle_due_at, suspended_at
    on case_file for each row execute function case_file_light();

-- the filters' ranges; partial: cases without a clock are not in them
create index case_file_light_red on case_file(jurisdiction_id, light_red_at) where light_red_at is not null;
create index case_file_light_yellow on case_file(jurisdiction_id, light_yellow_at, light_red_at) where light_yellow_at is not null;
create index case_file_overdue_at on case_file(jurisdiction_id, overdue_at) where overdue_at is not null;
