#!/usr/bin/env bash
# Open311 (issue 6, performance): POST requests.json throughput and p99, and GET requests.json returning 1,000
# requests, against the application jar on a fresh database of the PostgreSQL server at 127.0.0.1:5432.
#
#   bench/open311.sh                                   # 3 rounds, POST at 16 connections, GET at 8
#   ROUNDS=1 DURATION=20 POST_CONNS="8 32" bench/open311.sh
#
# What it does:
#  1. builds the application jar if missing or older than src/;
#  2. creates a fresh database open311_bench; starts Wanmi on it (demo city, scale $SCALE, timers pushed out to 24 h)
#     at normal priority and waits until the demo users can log in;
#  3. creates a bench client key through the admin API (rate limit 100,000/min, so the limiter does not answer 429)
#     and writes the positions of the demo cases to target/bench-open311/points.txt (each POST reports at one of
#     them: inside a unit grid, so the full intake runs: grid look-up, gazetteer description, catalog check, step
#     clock, case number, event);
#  4. ROUNDS times: `wrk -t2 -c C -d DURATION` POST /open311/v2/requests.json (bench/open311-post.lua: form body
#     with contact fields) for each C in POST_CONNS, after WARMUP s of warm-up; then GET /open311/v2/requests.json
#     (default window: the newest 1,000 requests of the last 90 days, checked to be exactly 1,000) with GET_CONNS
#     connections;
#  5. prints the medians over the rounds and the load average before and after each run, writes them to
#     bench/results/open311-<date>.txt; stops the application; drops the database unless KEEP_DB=1.
# wrk measures the closed model (a connection sends its next request when the previous one is answered); the p99 is
# that of the answered requests.
set -euo pipefail
cd "$(dirname "$0")/.."

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-o311_bench}
PORT=${BENCH_PORT:-18261}
HEAP=${BENCH_HEAP:-1g}
SCALE=${BENCH_SCALE:-standard}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-30}
POST_CONNS=${POST_CONNS-16}   # "" = GET rounds only
REF=${REF:-1}                  # 1 = pgbench reference (the same 1,000 rows as JSON by one SQL statement) each round
GET_CONNS=${GET_CONNS:-8}
export PGHOST PGPORT PGUSER
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$DB")
BASE="http://127.0.0.1:$PORT"
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
mkdir -p bench/results target/bench-open311
OUT="bench/results/open311-$(date +%Y%m%d-%H%M%S).txt"
log() { echo "$*" | tee -a "$OUT"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
field() { awk -v k="$1" '$1 == k { print $2 }' <<< "$2"; }

JAR=$(ls target/wanmi-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ -z "$JAR" || -n "$(find src/main pom.xml -newer "$JAR" -type f 2>/dev/null | head -1)" ]]; then
	echo "building the application jar…"
	nice -n 10 ./mvnw -B -q -o package -DskipTests
	JAR=$(ls target/wanmi-*.jar | grep -v original | head -1)
fi

log "Open311 benchmark $(date -Is) on $(nproc) CPUs, $(uname -r), $(java -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1)"
log "PostgreSQL: $(psql -X -At -d postgres -c 'select version()')"
log "load average at start: $(load)"

echo "fresh database $DB"
dropdb --if-exists --force "$DB"
createdb "$DB"

echo "starting Wanmi ($JAR, -Xmx$HEAP, demo scale $SCALE) on port $PORT…"
java -Xmx"$HEAP" ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
	--wanmi.db.url="$JDBC" --wanmi.db.user="$PGUSER" \
	--wanmi.demo.enabled=true --wanmi.demo.scale="$SCALE" --wanmi.cases.timer-interval=24h > target/bench-open311/app.log 2>&1 &
APP=$!
cleanup() {
	kill "$APP" 2>/dev/null || true
	wait "$APP" 2>/dev/null || true
	if [[ -z "${KEEP_DB:-}" ]]; then dropdb --if-exists --force "$DB" || true; fi
}
trap cleanup EXIT
TOKEN=""
for i in $(seq 1 600); do
	TOKEN=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"admin","password":"demo"}' \
		"$BASE/api/v1/auth/token" 2>/dev/null | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' || true)
	if [[ -n "$TOKEN" && "$("${PSQL[@]}" -At -c "select count(*) from open311_api_key" 2>/dev/null || echo 0)" -gt 0 ]]; then
		break
	fi
	if ! kill -0 "$APP" 2>/dev/null; then echo "Wanmi did not start; see target/bench-open311/app.log"; exit 1; fi
	sleep 1
done
sleep 5
# the demo cases (standard scale) are seeded after the key: wait for them (the GET copies them, the POSTs use their
# positions)
for i in $(seq 1 300); do
	[[ "$("${PSQL[@]}" -At -c "select count(*) from case_file")" -ge 100 ]] && break
	sleep 1
done

export OPEN311_KEY
OPEN311_KEY=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
	-d "{\"name\":\"bench $(date +%s)\",\"rateLimitPerMinute\":100000}" "$BASE/api/v1/open311/keys" \
	| sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
"${PSQL[@]}" -At -F ' ' -c "select lon, lat from case_file order by case_no" > target/bench-open311/points.txt
log "demo cases (positions used by the POSTs): $(wc -l < target/bench-open311/points.txt)"
curl -fs -o /dev/null -w 'one POST: HTTP %{http_code}\n' -d "api_key=$OPEN311_KEY&service_code=M-06010&lat=$(head -1 target/bench-open311/points.txt | cut -d' ' -f2)&long=$(head -1 target/bench-open311/points.txt | cut -d' ' -f1)&description=probe" "$BASE/open311/v2/requests.json" | tee -a "$OUT"

# GET needs at least 1,000 requests in the default 90-day window whatever the POST rounds produced: copies of the demo
# cases (new ids and numbers, same positions and categories) are added by SQL first
"${PSQL[@]}" -c "
	insert into case_file(id, jurisdiction_id, case_no, state, channel, category_kind, category_code, description, lon, lat,
	  address, grid_code, community_code, street_code, district_code, area_class, unit_id, handle_due_at, created_at, updated_at)
	select gen_random_uuid(), c.jurisdiction_id, '2025-' || lpad(g::text, 6, '0'), c.state, c.channel, c.category_kind,
	       c.category_code, c.description, c.lon, c.lat, c.address, c.grid_code, c.community_code, c.street_code,
	       c.district_code, c.area_class, c.unit_id, c.handle_due_at, now() - (g || ' minutes')::interval, now()
	from generate_series(1, 1200) g
	join lateral (select * from case_file order by case_no offset (g % 150) limit 1) c on true"
GET_URL="$BASE/open311/v2/requests.json?jurisdiction_id=450700"
declare -A POST_RPS POST_P99 POST_P50
GET_RPS=()
GET_P99=()
GZ_RPS=()
REF_TPS=()
JID=$("${PSQL[@]}" -At -c "select id from jurisdiction where code = '450700'")
# the reference: PostgreSQL alone producing the same answer (the 1,000 newest requests of 90 days with every field and
# the per-row look-ups the full read does: master case, latest external note, report photo) as one JSON document
cat > target/bench-open311/reference.sql <<SQL
select json_agg(r)::text from (
  select c.case_no as service_request_id,
         case when c.state in ('REJECTED','VOIDED','CLOSED','MERGED') then 'closed' else 'open' end as status,
         coalesce((select e.payload ->> 'description' from case_event e where e.case_id = c.id
                   and e.operation = 'external-update' order by e.seq desc limit 1), c.state) as status_notes,
         c.category_kind || '-' || c.category_code as service_code, c.description, c.unit_id as agency_responsible,
         null as service_notice, c.created_at as requested_datetime, c.updated_at as updated_datetime,
         c.handle_due_at as expected_datetime, c.address, null as address_id, null as zipcode, c.lat, c.lon as long,
         (select e.payload -> 'photos' ->> 0 from case_event e where e.case_id = c.id and e.operation = 'report'
          order by e.seq limit 1) as media_url,
         (select m.case_no from case_file m where m.id = c.master_id) as duplicate_of
  from case_file c where c.jurisdiction_id = $JID and c.created_at >= now() - interval '90 days'
  order by c.created_at desc, c.id desc limit 1000) r;
SQL
for round in $(seq 1 "$ROUNDS"); do
	for c in $POST_CONNS; do
		"${PSQL[@]}" -c "checkpoint"
		wrk -t2 --timeout 10s -c"$c" -d"${WARMUP}s" -s bench/open311-post.lua "$BASE/open311/v2/requests.json" > /dev/null
		before=$(load)
		R=$(wrk -t2 --timeout 10s -c"$c" -d"${DURATION}s" -s bench/open311-post.lua "$BASE/open311/v2/requests.json")
		echo "$R" >> target/bench-open311/wrk.log
		log "round $round POST c=$c: rps $(field rps "$R"), p50 $(field p50_ms "$R") ms, p90 $(field p90_ms "$R") ms, p99 $(field p99_ms "$R") ms, max $(field max_ms "$R") ms, errors $(field errors "$R"); load $before -> $(load)"
		POST_RPS[$c]="${POST_RPS[$c]:-} $(field rps "$R")"
		POST_P50[$c]="${POST_P50[$c]:-} $(field p50_ms "$R")"
		POST_P99[$c]="${POST_P99[$c]:-} $(field p99_ms "$R")"
	done
	N=$(curl -fs "$GET_URL" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
	BYTES=$(curl -fs "$GET_URL" | wc -c)
	wrk -t2 --timeout 10s -c"$GET_CONNS" -d"${WARMUP}s" -s bench/open311-get.lua "$GET_URL" > /dev/null
	before=$(load)
	R=$(wrk -t2 --timeout 10s -c"$GET_CONNS" -d"${DURATION}s" -s bench/open311-get.lua "$GET_URL")
	echo "$R" >> target/bench-open311/wrk.log
	log "round $round GET c=$GET_CONNS ($N requests, $BYTES bytes per response): rps $(field rps "$R"), p50 $(field p50_ms "$R") ms, p99 $(field p99_ms "$R") ms, errors $(field errors "$R"); load $before -> $(load)"
	GET_RPS+=("$(field rps "$R")")
	GET_P99+=("$(field p99_ms "$R")")
	if [[ "$REF" == 1 ]]; then
		before=$(load)
		T=$(pgbench -n -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -c "$GET_CONNS" -j 2 -T "$DURATION" -f target/bench-open311/reference.sql "$DB" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | tail -1)
		log "round $round reference (pgbench, same rows as JSON, c=$GET_CONNS): tps $T; load $before -> $(load)"
		REF_TPS+=("$T")
	fi
	GZ_BYTES=$(curl -fs -H 'Accept-Encoding: gzip' "$GET_URL" | wc -c)
	before=$(load)
	R=$(wrk -t2 --timeout 10s -c"$GET_CONNS" -d"${DURATION}s" -H 'Accept-Encoding: gzip' -s bench/open311-get.lua "$GET_URL")
	log "round $round GET gzip c=$GET_CONNS ($GZ_BYTES bytes per response): rps $(field rps "$R"), p50 $(field p50_ms "$R") ms, p99 $(field p99_ms "$R") ms, errors $(field errors "$R"); load $before -> $(load)"
	GZ_RPS+=("$(field rps "$R")")
done
log ""
for c in $POST_CONNS; do
	# shellcheck disable=SC2086
	log "SUMMARY POST requests.json c=$c: median rps $(median ${POST_RPS[$c]}) (rounds:${POST_RPS[$c]}), median p50 $(median ${POST_P50[$c]}) ms, median p99 $(median ${POST_P99[$c]}) ms (target ≥ 300 rps, p99 < 100 ms)"
done
log "SUMMARY GET requests.json (1,000 requests) c=$GET_CONNS: median rps $(median "${GET_RPS[@]}") (rounds: ${GET_RPS[*]}), median p99 $(median "${GET_P99[@]}") ms (target ≥ 50 rps)"
log "SUMMARY GET requests.json gzip: median rps $(median "${GZ_RPS[@]}") (rounds: ${GZ_RPS[*]})"
if [[ "$REF" == 1 ]]; then
	log "SUMMARY reference pgbench (same 1,000 rows as JSON): median tps $(median "${REF_TPS[@]}") (rounds: ${REF_TPS[*]}); ratio GET/reference $(awk -v a="$(median "${GET_RPS[@]}")" -v b="$(median "${REF_TPS[@]}")" 'BEGIN { printf "%.2f", a / b }')"
fi
log "cases in the database at the end: $("${PSQL[@]}" -At -c 'select count(*) from case_file')"
log "load average at the end: $(load)"
echo "written to $OUT"
