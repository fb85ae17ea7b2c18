#!/usr/bin/env bash
# Evaluation (issue 4, §8): department rankings over a year of 10,000,000+ events, beside a hand-written SQL
# aggregate over the raw event log, on the PostgreSQL server at 127.0.0.1:5432 (trust auth, user postgres).
#
#   bench/evaluation.sh                        # everything: fresh database, generate, rebuild, measure
#   SKIP_GENERATE=1 bench/evaluation.sh        # keep the database (KEEP_DB=1 before), rebuild and measure
#   SKIP_GENERATE=1 SKIP_REBUILD=1 bench/evaluation.sh   # measure only
#   SKIP_MEASURE=1 bench/evaluation.sh         # generate and rebuild, keep the database, measure later
#
# What it does:
#  1. builds the application jar if missing or older than src/, and compiles the drivers in bench/jmh (-Pbench);
#  2. unless SKIP_GENERATE: creates a fresh database evalperf_bench, starts Wanmi on it once so Flyway creates the
#     schema and the demo city (org units, grids, people) is seeded, stops it; then org.wanmi.evaluation.EvalGenerate
#     writes CASES cases over YEAR (≈ 8.5 events each, the life-cycle mix of IncrementalIT) with COPY — timed;
#  3. unless SKIP_REBUILD: org.wanmi.evaluation.EvalMeasure -Dbench.mode=rebuild boots the application on it and runs
#     the evaluation module's rebuild (truncate, replay every event through the fold, write the facts) — timed;
#  4. org.wanmi.evaluation.EvalMeasure: boots the application (Flyway; at start-up the evaluation rolls up facts
#     that have no roll-ups yet), recomputes the daily roll-ups from the facts — timed — and runs VACUUM ANALYZE on the
#     facts tables (what autovacuum does after a rebuild); then for PERIODS (a month and the year), RUNS rounds of the department ranking
#     through the service and through HTTP, and the SQL reference over case_event; medians and ratios; EXPLAIN
#     (ANALYZE, BUFFERS) of every aggregate of the ranking and of the reference;
#  5. writes everything to bench/results/evaluation-<date>.txt (with the load average before and after); drops the
#     database unless KEEP_DB=1.
set -euo pipefail
cd "$(dirname "$0")/.."

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-evalperf_bench}
PORT=${BENCH_PORT:-18431}
CASES=${CASES:-1500000}
YEAR=${YEAR:-2024}
RUNS=${RUNS:-7}
PERIODS=${PERIODS:-$YEAR-06,$YEAR}
export PGHOST PGPORT PGUSER
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$DB")
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
mkdir -p bench/results target/bench-evaluation
OUT="bench/results/evaluation-$(date +%Y%m%d-%H%M%S).txt"
log() { echo "$*" | tee -a "$OUT"; }

JAR=$(ls target/wanmi-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ -z "${SKIP_GENERATE:-}" ]] && [[ -z "$JAR" || -n "$(find src pom.xml -newer "$JAR" -type f 2>/dev/null | head -1)" ]]; then
	echo "building the application jar…"
	./mvnw -B -q package -DskipTests
	JAR=$(ls target/wanmi-*.jar | grep -v original | head -1)
fi
if [[ ! -s target/bench.cp || ! -f target/test-classes/org/wanmi/evaluation/EvalMeasure.class \
		|| bench/jmh/org/wanmi/evaluation/EvalMeasure.java -nt target/test-classes/org/wanmi/evaluation/EvalMeasure.class \
		|| bench/jmh/org/wanmi/evaluation/EvalGenerate.java -nt target/test-classes/org/wanmi/evaluation/EvalGenerate.class ]]; then
	echo "compiling the drivers (bench profile)…"
	./mvnw -q -B -Pbench -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
fi
CP="target/test-classes:target/classes:$(cat target/bench.cp)"

log "evaluation benchmark $(date -Is) on $(nproc) CPUs, $(uname -r), $(java -version 2>&1 | head -1)"
log "PostgreSQL: $(psql -X -At -d postgres -c 'select version()')"
log "settings: $(psql -X -At -d postgres -c "select string_agg(name || '=' || setting || coalesce(unit, ''), ' ') from pg_settings where name in ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'effective_cache_size', 'jit')")"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ -z "${SKIP_GENERATE:-}" ]]; then
	dropdb --if-exists --force "$DB"
	createdb "$DB"
	echo "starting Wanmi once on $DB (schema and demo city)…"
	java -Xmx1g -jar "$JAR" --server.port="$PORT" --wanmi.db.url="$JDBC" --wanmi.db.user="$PGUSER" \
		--wanmi.demo.enabled=true --wanmi.cases.timer-interval=24h > target/bench-evaluation/app.log 2>&1 &
	APP=$!
	cleanup() { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; }
	trap cleanup EXIT
	for i in $(seq 1 600); do
		if curl -fs -H 'Content-Type: application/json' -d '{"username":"leader","password":"demo"}' \
				"http://127.0.0.1:$PORT/api/v1/auth/token" 2>/dev/null | grep -q access_token \
			&& [[ "$("${PSQL[@]}" -At -c "select count(*) from filing_condition" 2>/dev/null || echo 0)" -gt 0 ]]; then
			break
		fi
		if ! kill -0 "$APP" 2>/dev/null; then echo "Wanmi did not start; see target/bench-evaluation/app.log"; exit 1; fi
		sleep 1
	done
	sleep 5
	cleanup
	trap - EXIT
	log "generating $CASES cases over $YEAR…"
	java -Xmx3g -cp "$CP" org.wanmi.evaluation.EvalGenerate "$JDBC" "$PGUSER" "$CASES" "$YEAR" | tee -a "$OUT"
	"${PSQL[@]}" -At -c "select 'events by operation: ' || string_agg(operation || ' ' || n, ', ' order by n desc) from (select operation, count(*) n from case_event group by 1) x" | tee -a "$OUT"
fi

if [[ -z "${SKIP_REBUILD:-}" ]]; then
	log "rebuilding the evaluation facts…"
	java -Xmx2g -Dbench.mode=rebuild -cp "$CP" org.wanmi.evaluation.EvalMeasure --wanmi.db.url="$JDBC" \
		--wanmi.db.user="$PGUSER" --server.port="$PORT" 2>>target/bench-evaluation/rebuild.err | grep -v '^\s*$' | tee -a "$OUT"
fi

if [[ -n "${SKIP_MEASURE:-}" ]]; then
	log "SKIP_MEASURE: stopping after the rebuild; database $DB kept"
	exit 0
fi
log "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -Dbench.mode=measure -Dbench.runs="$RUNS" -Dbench.periods="$PERIODS" -cp "$CP" \
	org.wanmi.evaluation.EvalMeasure --wanmi.db.url="$JDBC" --wanmi.db.user="$PGUSER" --server.port="$PORT" \
	2>>target/bench-evaluation/measure.err | tee -a "$OUT"
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
log "database: $("${PSQL[@]}" -At -c "select pg_size_pretty(pg_database_size(current_database()))")"

if [[ -z "${KEEP_DB:-}" ]]; then
	dropdb --if-exists --force "$DB"
fi
echo "results in $OUT"
