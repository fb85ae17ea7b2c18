#!/usr/bin/env bash
# Console (issue 5): the case list page (/cases, 50 rows) over 1,000,000 cases — server time of one page, for the
# default list, deep pages, filters, sorts and a handler's scope; on the PostgreSQL server at 127.0.0.1:5432.
#
#   bench/console-list.sh                  # generate 1,000,000 cases, measure, drop the database
#   SAMPLES=50 KEEP_DB=1 bench/console-list.sh
#   REUSE_DB=1 ONLY='state|handler' bench/console-list.sh   # again on the kept database, some pages only
#   BENCH_JVM_ARGS='-XX:StartFlightRecording=filename=target/bench-console/app.jfr' …  # JVM options (a profile)
#
# What it does:
#  1. builds the application jar if missing or older than src/;
#  2. creates a fresh database console_bench, starts Wanmi on it (demo city at the standard scale, timers pushed out
#     to 24 h) and waits until the demo users can log in;
#  3. generates CASES cases (default 1,000,000) with one INSERT … SELECT … generate_series: created over the last
#     365 days, states spread over the lifecycle (10 % reported, 10 % accepted, 10 % filed, 30 % dispatched of which
#     5 % overdue, 10 % handled, 30 % closed), random categories of the demo catalog, random unit grids of the demo
#     city (grid, community, street and district codes), half dispatched to the handler's unit; then ANALYZE;
#  4. logs in (form login, session cookie) as shiftlead and handler and requests each page SAMPLES times (after 3
#     warm-up requests); per page: the server's own time from its Server-Timing header (app: wall time in the server,
#     security filters excepted; cpu: the request thread's CPU time) and curl's time to the last byte on the same
#     machine — medians, p90, max — and the rows shown;
#     Alternating with each request, the page's plain SQL reference (REF): a hand-written statement for the same 50
#     rows straight from case_file (same filter, order, limit/offset; the light and overdue filters written on the
#     raw deadline columns of the running cases — a lower bound, it ignores stopped clocks), run on one kept psql
#     connection, its time as psql's \timing reports it; medians and the ratio server / SQL;
#  5. writes everything to bench/results/console-list-<date>.txt; stops the application; drops the database unless
#     KEEP_DB=1 (REUSE_DB=1 measures again on a kept database without generating).
set -euo pipefail
cd "$(dirname "$0")/.."

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-console_bench}
PORT=${BENCH_PORT:-8087}
HEAP=${BENCH_HEAP:-1g}
CASES=${CASES:-1000000}
SAMPLES=${SAMPLES:-30}
export PGHOST PGPORT PGUSER
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$DB")
BASE="http://127.0.0.1:$PORT"
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
mkdir -p bench/results target/bench-console
OUT="bench/results/console-list-$(date +%Y%m%d-%H%M%S).txt"
log() { echo "$*" | tee -a "$OUT"; }

JAR=${BENCH_JAR:-$(ls target/wanmi-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [[ -z "${BENCH_JAR:-}" && ( -z "$JAR" || -n "$(find src pom.xml -newer "$JAR" -type f 2>/dev/null | head -1)" ) ]]; then
	echo "building the application jar…"
	./mvnw -B -q -o package -DskipTests
	JAR=$(ls target/wanmi-*.jar | grep -v original | head -1)
fi

log "console list benchmark $(date -Is) on $(nproc) CPUs, $(uname -r), $(java -version 2>&1 | head -1)"
log "PostgreSQL: $(psql -X -At -d postgres -c 'select version()')"
log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ -z "${REUSE_DB:-}" ]]; then
	dropdb --if-exists --force "$DB"
	createdb "$DB"
fi
java -Xmx"$HEAP" ${BENCH_JVM_ARGS:-} -jar "$JAR" --server.port="$PORT" --wanmi.db.url="$JDBC" --wanmi.db.user="$PGUSER" ${BENCH_APP_ARGS:-} \
	--wanmi.demo.enabled=true --wanmi.cases.timer-interval=24h > target/bench-console/app.log 2>&1 &
APP=$!
cleanup() { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; }
trap cleanup EXIT
for i in $(seq 1 600); do
	if curl -fs -H 'Content-Type: application/json' -d '{"username":"shiftlead","password":"demo"}' \
			"$BASE/api/v1/auth/token" 2>/dev/null | grep -q access_token \
		&& [[ "$("${PSQL[@]}" -At -c "select count(*) from filing_condition" 2>/dev/null || echo 0)" -gt 0 ]]; then
		break
	fi
	if ! kill -0 "$APP" 2>/dev/null; then echo "Wanmi did not start; see target/bench-console/app.log"; exit 1; fi
	sleep 1
done
sleep 10 # let the demo seeding finish its last steps
if [[ -n "${REUSE_DB:-}" ]]; then
	# the stored lights (V44) are recomputed in the background after a start on a database that lacks them
	T0=$(date +%s)
	for i in $(seq 1 3600); do
		[[ "$("${PSQL[@]}" -At -c "select to_regclass('case_light_rule') is null")" == t ]] && break # before V44
		[[ "$("${PSQL[@]}" -At -c "select complete from case_light_rule r join jurisdiction j on j.id = r.jurisdiction_id where j.code = '450700'" 2>/dev/null)" == t ]] && break
		sleep 1
	done
	log "stored lights up to date after $(( $(date +%s) - T0 )) s: $(grep -o 'case lights of jurisdiction.*' target/bench-console/app.log | tail -1)"
fi

if [[ -z "${REUSE_DB:-}" ]]; then
log "generating $CASES cases, load average $(cut -d' ' -f1-3 /proc/loadavg)"
T0=$(date +%s.%N)
"${PSQL[@]}" <<SQL
create temporary table cats as
	select row_number() over (order by c.kind, c.code) as n, c.kind, substr(c.code, 1, 5) as code
	from catalog_category c join jurisdiction j on j.id = c.jurisdiction_id
	where j.code = '450700' and c.active and c.kind in ('COMPONENT', 'MATTER') and length(c.code) >= 5;
create temporary table grids as
	select row_number() over (order by d.code) as n, d.jurisdiction_id as jid, d.code, d.min_lon, d.max_lon, d.min_lat, d.max_lat
	from division d join jurisdiction j on j.id = d.jurisdiction_id where j.code = '450700' and d.level = 'GRID';
insert into case_file(id, jurisdiction_id, case_no, state, channel, category_kind, category_code, description, address, lon, lat,
		grid_code, community_code, street_code, district_code, reporter_name, condition_id, unit_id, signed,
		handle_started_at, handle_due_at, created_at, updated_at, closed_at, version, step, step_started_at, step_due_at)
select gen_random_uuid(), gr.jid, '2000-' || lpad(g::text, 7, '0'), s.state,
	(array['HOTLINE', 'INSPECTOR', 'PUBLIC', 'VIDEO'])[1 + g % 4], cats.kind, cats.code, '基准测试生成 ' || g,
	'基准路' || (g % 500) || '号', gr.min_lon + random() * (gr.max_lon - gr.min_lon), gr.min_lat + random() * (gr.max_lat - gr.min_lat),
	gr.code, substr(gr.code, 1, 12), substr(gr.code, 1, 9), substr(gr.code, 1, 6), '市民',
	case when s.filed then (select min(id) from filing_condition) end,
	case when s.dispatched then (case when g % 2 = 0 then (select unit_id from app_user where username = 'handler')
	                                  else (select min(id) from org_unit) end) end,
	s.dispatched and g % 3 = 0,
	case when s.dispatched then t.created + interval '3 hours' end, case when s.dispatched then t.due end,
	t.created, t.created + interval '3 hours', case when s.state = 'CLOSED' then t.created + interval '2 days' end, 4,
	s.step, t.created, case when s.step is not null then t.created + interval '1 day' end
from generate_series(1, $CASES) g
	join grids gr on gr.n = 1 + (hashint4(g) & 2147483647) % (select count(*) from grids)
	join cats on cats.n = 1 + (hashint4(g + 7) & 2147483647) % (select count(*) from cats)
	cross join lateral (select case g % 10 when 0 then 'REPORTED' when 1 then 'ACCEPTED' when 2 then 'FILED'
	                      when 3 then 'DISPATCHED' when 4 then 'DISPATCHED' when 5 then 'DISPATCHED' when 6 then 'HANDLED'
	                      else 'CLOSED' end as state) s0
	cross join lateral (select s0.state, s0.state not in ('REPORTED', 'ACCEPTED') as filed,
	                      s0.state not in ('REPORTED', 'ACCEPTED', 'FILED') as dispatched,
	                      case s0.state when 'REPORTED' then 'ACCEPT' when 'ACCEPTED' then 'FILE' when 'FILED' then 'DISPATCH'
	                        when 'DISPATCHED' then 'HANDLE' when 'HANDLED' then 'CHECK' else null end as step) s
	cross join lateral (select case when s.state = 'DISPATCHED' and g % 20 = 3 then now() - random() * interval '10 days'
	                                when s.state = 'DISPATCHED' then now() + random() * interval '5 days' end as due0) d0
	cross join lateral (select coalesce(d0.due0 - interval '2 days', now() - random() * interval '365 days') as created,
	                      coalesce(d0.due0, now() - random() * interval '300 days') as due) t;
analyze case_file;
SQL
# a light filter starts the recompute of the stored lights if they are not up to date (then wait for it)
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"shiftlead","password":"demo"}' "$BASE/api/v1/auth/token" \
	| sed 's/.*"access_token":"\([^"]*\)".*/\1/')
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/cases?light=RED&size=1"
for i in $(seq 1 3600); do
	[[ "$("${PSQL[@]}" -At -c "select complete from case_light_rule r join jurisdiction j on j.id = r.jurisdiction_id where j.code = '450700'" 2>/dev/null)" == t ]] && break
	sleep 1
done
T1=$(date +%s.%N)
log "generated in $(echo "$T1 - $T0" | bc -l | cut -c1-6) s: $("${PSQL[@]}" -At -c "select count(*) || ' cases, ' || count(*) filter (where closed_at is null) || ' open, ' || count(*) filter (where state = 'DISPATCHED' and handle_due_at < now()) || ' overdue' from case_file")"
fi

login() { # form login → a session cookie in $2
	rm -f "$2"
	local csrf
	csrf=$(curl -s -c "$2" -b "$2" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
	curl -s -c "$2" -b "$2" -o /dev/null -d "username=$1&password=demo&_csrf=$csrf" "$BASE/login"
}
login shiftlead target/bench-console/lead.cookies
login handler target/bench-console/handler.cookies
UNIT=$("${PSQL[@]}" -At -c "select unit_id from app_user where username = 'handler'")
JID=$("${PSQL[@]}" -At -c "select id from jurisdiction where code = '450700'")
"${PSQL[@]}" -c "vacuum analyze case_file" # the recompute of the stored lights leaves a dead version of each row
# one kept psql connection for the SQL references (\timing: the statement's time as the client sees it)
coproc REFSQL { psql -X -q -At -d "$DB" 2>&1; }
echo '\timing on' >&"${REFSQL[1]}"
refsql() { # sql → milliseconds
	local line
	echo "select count(*) from ($1) x;" >&"${REFSQL[1]}"
	while read -r -t 300 line <&"${REFSQL[0]}"; do
		if [[ "$line" == Time:* ]]; then sed 's/Time: \([0-9.]*\) ms.*/\1/' <<< "$line"; return; fi
		if [[ "$line" == ERROR* ]]; then echo "reference failed: $line" >&2; fi
	done
}
RUNNING="'DISPATCHED','RETURN_REQUESTED','EXTENSION_REQUESTED','SUSPENSION_REQUESTED'"

page() { # label cookie path [reference SQL]
	local label=$1 jar=$2 path=$3 ref=${4:-} times=() apps=() cpus=() refs=() rows h
	if [[ -n "${ONLY:-}" && ! "$label" =~ $ONLY ]]; then return 0; fi
	for i in 1 2 3; do
		curl -s -b "$jar" -o /dev/null "$BASE$path"
		if [[ -n "$ref" ]]; then refsql "$ref" > /dev/null; fi
	done
	for i in $(seq 1 "$SAMPLES"); do
		times+=("$(curl -s -b "$jar" -D target/bench-console/headers.txt -o target/bench-console/page.html -w '%{time_total}' "$BASE$path")")
		h=$(grep -i '^server-timing:' target/bench-console/headers.txt || true)
		apps+=("$(sed -n 's/.*app;dur=\([0-9.]*\).*/\1/p' <<< "$h")")
		cpus+=("$(sed -n 's/.*cpu;dur=\([0-9.]*\).*/\1/p' <<< "$h")")
		if [[ -n "$ref" ]]; then refs+=("$(refsql "$ref")"); fi
	done
	rows=$(grep -c 'class="case-row' target/bench-console/page.html || true)
	local client server cpu sqlref smed rmed ratio
	client=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 * 1000 } END { printf "client median %6.1f p90 %6.1f max %6.1f", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)], v[NR] }')
	server=$(printf '%s\n' "${apps[@]}" | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "server median %6.1f p90 %6.1f", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)]; else printf "server -" }')
	smed=$(printf '%s\n' "${apps[@]}" | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }')
	cpu=$(printf '%s\n' "${cpus[@]}" | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "cpu median %5.1f", v[int((NR + 1) / 2)]; else printf "cpu -" }')
	sqlref="sql -"
	if (( ${#refs[@]} )); then
		rmed=$(printf '%s\n' "${refs[@]}" | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }')
		sqlref=$(printf '%s\n' "${refs[@]}" | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "sql median %6.1f p90 %6.1f", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)] }')
		if [[ -n "$smed" && -n "$rmed" ]]; then sqlref="$sqlref ratio $(echo "$smed / $rmed" | bc -l | cut -c1-5)"; fi
	fi
	printf 'RESULT %-28s %-58s rows=%-3s %s | %s | %s | %s ms, load %s\n' "$label" "$path" "$rows" "$server" "$sqlref" "$cpu" "$client" \
		"$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT"
}
log "pages of 50 rows, $SAMPLES requests each, load average $(cut -d' ' -f1-3 /proc/loadavg)"
L=target/bench-console/lead.cookies
H=target/bench-console/handler.cookies
GRID=$("${PSQL[@]}" -At -c "select grid_code from case_file where grid_code is not null limit 1")
WEEK=$(date -d '7 days ago' +%F)
S="select * from case_file c where c.jurisdiction_id = $JID"
page "newest first" "$L" "/cases" "$S order by created_at desc, id desc limit 50"
page "page 2" "$L" "/cases?page=1" "$S order by created_at desc, id desc limit 50 offset 50"
page "page 101 (offset 5,000)" "$L" "/cases?page=100" "$S order by created_at desc, id desc limit 50 offset 5000"
page "page 200 (offset 9,950)" "$L" "/cases?page=199" "$S order by created_at desc, id desc limit 50 offset 9950"
page "oldest first" "$L" "/cases?sort=createdAt,asc" "$S order by created_at, id limit 50"
page "by case number" "$L" "/cases?sort=caseNo,asc" "$S order by case_no limit 50"
page "due first (all)" "$L" "/cases?sort=handleDueAt,asc" "$S order by handle_due_at nulls last, id limit 50"
page "state DISPATCHED, due first" "$L" "/cases?state=DISPATCHED&sort=handleDueAt,asc" "$S and state = 'DISPATCHED' order by handle_due_at nulls last, id limit 50"
page "state REPORTED" "$L" "/cases?state=REPORTED" "$S and state = 'REPORTED' order by created_at desc, id desc limit 50"
page "channel HOTLINE" "$L" "/cases?channel=HOTLINE" "$S and channel = 'HOTLINE' order by created_at desc, id desc limit 50"
page "district 450702" "$L" "/cases?area=450702" "$S and grid_code like '450702%' order by created_at desc, id desc limit 50"
page "one grid" "$L" "/cases?area=$GRID" "$S and grid_code like '$GRID%' order by created_at desc, id desc limit 50"
page "category 06010" "$L" "/cases?categoryKind=MATTER&categoryCode=06010" "$S and category_kind = 'MATTER' and category_code = '06010' order by created_at desc, id desc limit 50"
page "last 7 days" "$L" "/cases?from=$WEEK" "$S and created_at >= '$WEEK' order by created_at desc, id desc limit 50"
page "overdue" "$L" "/cases?overdue=true" "$S and state in ($RUNNING) and handle_due_at < now() order by created_at desc, id desc limit 50"
page "overdue, page 101" "$L" "/cases?overdue=true&page=100" "$S and state in ($RUNNING) and handle_due_at < now() order by created_at desc, id desc limit 50 offset 5000"
page "on time" "$L" "/cases?overdue=false" "$S and state in ($RUNNING) and handle_due_at >= now() order by created_at desc, id desc limit 50"
page "red" "$L" "/cases?light=RED" "$S and state in ($RUNNING) and handle_due_at < now() order by created_at desc, id desc limit 50"
page "yellow" "$L" "/cases?light=YELLOW" "$S and state in ($RUNNING) and now() between handle_started_at + 0.8 * (handle_due_at - handle_started_at) and handle_due_at order by created_at desc, id desc limit 50"
page "green" "$L" "/cases?light=GREEN" "$S and state in ($RUNNING) and now() < handle_started_at + 0.8 * (handle_due_at - handle_started_at) order by created_at desc, id desc limit 50"
page "red, due first" "$L" "/cases?light=RED&sort=handleDueAt,asc" "$S and state in ($RUNNING) and handle_due_at < now() order by handle_due_at, id limit 50"
page "red, DISPATCHED, district" "$L" "/cases?light=RED&state=DISPATCHED&area=450702" "$S and state = 'DISPATCHED' and grid_code like '450702%' and handle_due_at < now() order by created_at desc, id desc limit 50"
page "text: case number" "$L" "/cases?q=2000-0123456" "$S and case_no like '%2000-0123456%' order by created_at desc, id desc limit 50"
page "text: description" "$L" "/cases?q=%E5%9F%BA%E5%87%86%E8%B7%AF17%E5%8F%B7" "$S and c.id in (select t.case_id from case_text t where t.text ilike '%基准路17号%') order by created_at desc, id desc limit 50"
page "unit $UNIT" "$L" "/cases?unitId=$UNIT" "$S and unit_id = $UNIT order by created_at desc, id desc limit 50"
page "handler's scope" "$H" "/cases" "$S and unit_id = $UNIT order by created_at desc, id desc limit 50"
page "handler's scope, due first" "$H" "/cases?state=DISPATCHED&sort=handleDueAt,asc" "$S and unit_id = $UNIT and state = 'DISPATCHED' order by handle_due_at nulls last, id limit 50"
page "leader's queue: overdue (8)" "$L" "/workbench/cases?overdue=true&sort=handleDueAt,asc&size=8" "$S and state in ($RUNNING) and handle_due_at < now() order by handle_due_at, id limit 8"
page "workbench queue (8 rows)" "$L" "/workbench/cases?state=RETURN_REQUESTED&size=8" "$S and state = 'RETURN_REQUESTED' order by created_at desc, id desc limit 8"
page "big screen figures (JSON)" "$L" "/api/v1/cases/board"
log "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "results in $OUT"
if [[ -z "${KEEP_DB:-}" ]]; then
	cleanup
	trap - EXIT
	dropdb --if-exists --force "$DB"
fi
