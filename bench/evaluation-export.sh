#!/usr/bin/env bash
# Evaluation (issue 4 §8): the Excel export of the cases behind a figure with 1,000,000 rows, in bounded memory.
#
#   bench/evaluation-export.sh                  # 1,000,000 rows, the application at -Xmx256m
#   ROWS=100000 HEAP=128m bench/evaluation-export.sh
#
# What it does:
#  1. builds the application jar if missing or older than src/;
#  2. creates a fresh database evalpub_bench on the PostgreSQL server at 127.0.0.1:5432 (trust auth, user postgres);
#  3. starts Wanmi on it at -Xmx$HEAP with GC logging (demo city at the test scale) and waits for the demo users;
#  4. generates ROWS filed cases in May 2024 straight into the evaluation facts (eval_case, grids of the demo city);
#  5. for the small reference (10,000 rows of the same figure, a one-day period) and then the full month, exports
#     GET /api/v1/evaluation/cases?object=region:*&indicator=filed&term=numerator&…&format=xlsx with curl, sampling
#     the JVM's used heap (jcmd GC.heap_info) every 0.5 s while it streams, and counts the rows in the file;
#  6. writes bench/results/evaluation-export-<date>.txt; stops the application; drops the database unless KEEP_DB=1.
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-evalpub_bench}
PORT=${BENCH_PORT:-8084}
HEAP=${HEAP:-256m}
ROWS=${ROWS:-1000000}
BASE="http://127.0.0.1:$PORT"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$DB")
mkdir -p bench/results target/bench-eval
OUT="bench/results/evaluation-export-$(date +%Y%m%d-%H%M%S).txt"
log() { echo "$*" | tee -a "$OUT"; }

JAR=$(ls target/wanmi-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ -z "$JAR" || -n "$(find src pom.xml -newer "$JAR" -type f 2>/dev/null | head -1)" ]]; then
	echo "building the application jar…"
	./mvnw -B -q -o package -DskipTests
	JAR=$(ls target/wanmi-*.jar | grep -v original | head -1)
fi

log "evaluation export benchmark $(date -Is) on $(nproc) CPUs, $(java -version 2>&1 | head -1), heap -Xmx$HEAP"
log "PostgreSQL: $(psql -X -At -d postgres -c 'select version()')"
log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

dropdb --if-exists --force "$DB"
createdb "$DB"
java -Xmx"$HEAP" -XX:+UseG1GC -Xlog:gc:file=target/bench-eval/gc.log -jar "$JAR" --server.port="$PORT" \
	--wanmi.db.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --wanmi.db.user="$PGUSER" \
	--wanmi.demo.enabled=true --wanmi.demo.scale=test --wanmi.cases.timer-interval=24h \
	--wanmi.evaluation.report-cron=- > target/bench-eval/app.log 2>&1 &
APP=$!
cleanup() { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; [[ -n "${KEEP_DB:-}" ]] || dropdb --if-exists --force "$DB"; }
trap cleanup EXIT
TOKEN=""
for i in $(seq 1 300); do
	TOKEN=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"leader","password":"demo"}' \
		"$BASE/api/v1/auth/token" 2>/dev/null | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' || true)
	[[ -n "$TOKEN" ]] && break
	if ! kill -0 "$APP" 2>/dev/null; then echo "Wanmi did not start; see target/bench-eval/app.log"; exit 1; fi
	sleep 1
done
# the facts are rebuilt once at the first start: wait for it, so it cannot truncate the generated rows
for i in $(seq 1 300); do
	[[ "$("${PSQL[@]}" -At -c "select count(*) from eval_projection" 2>/dev/null || echo 0)" -ge 1 ]] && break
	sleep 1
done
sleep 5
JID=$("${PSQL[@]}" -At -c "select jurisdiction_id from app_user where username = 'leader'")
log "generating $ROWS filed cases in May 2024 (jurisdiction $JID)…"
"${PSQL[@]}" <<SQL
with grids as (select array_agg(code) as codes from division where jurisdiction_id = $JID and level = 'GRID')
insert into eval_case(case_id, jurisdiction_id, case_no, grid_code, channel, state, last_seq, reported_at, filed_at)
select gen_random_uuid(), $JID, 'BE' || lpad(n::text, 10, '0'),
       g.codes[1 + (n % cardinality(g.codes))],
       (array['INSPECTOR','HOTLINE','PUBLIC','VIDEO'])[1 + n % 4], 'FILED', 3,
       timestamptz '2024-04-30 16:00:00+00' + (n % 2678400) * interval '1 second',
       timestamptz '2024-04-30 16:10:00+00' + (n % 2677800) * interval '1 second'
from generate_series(1, $ROWS) n, grids g;
analyze eval_case;
SQL
log "eval_case rows: $("${PSQL[@]}" -At -c "select count(*) from eval_case where jurisdiction_id = $JID")"

export_once() { # label, query
	local label=$1 query=$2 file="target/bench-eval/$1.xlsx" max=0 start end
	start=$(date +%s.%N)
	curl -fs -H "Authorization: Bearer $TOKEN" -o "$file" "$BASE/api/v1/evaluation/cases?$query&format=xlsx" &
	local CURL=$!
	while kill -0 "$CURL" 2>/dev/null; do
		local used
		used=$(jcmd "$APP" GC.heap_info 2>/dev/null | awk '/garbage-first heap|total/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); print v; exit } }')
		[[ -n "$used" && "$used" -gt "$max" ]] && max=$used
		sleep 0.5
	done
	wait "$CURL"
	end=$(date +%s.%N)
	local rows
	rows=$(unzip -p "$file" 'xl/worksheets/sheet*.xml' | grep -o '<row ' | wc -l)
	log "$label: $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }') s, $(stat -c %s "$file") bytes, $rows rows (header included), max used heap sampled $((max / 1024)) MB"
}
jcmd "$APP" GC.run >/dev/null
export_once reference-day "object=region:*&indicator=filed&term=numerator&period=2024-05-01"
jcmd "$APP" GC.run >/dev/null
export_once million-month "object=region:*&indicator=filed&term=numerator&period=2024-05"
log "GC log: max heap after GC $(grep -o '[0-9]*M->[0-9]*M' target/bench-eval/gc.log | sed 's/.*->//; s/M//' | sort -n | tail -1) MB; heap limit $HEAP; pauses $(grep -c Pause target/bench-eval/gc.log)"
log "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
