#!/usr/bin/env bash
# Cost of one case lifecycle operation against an application that is ALREADY RUNNING (e.g. started by
# bench/case-lifecycle.sh with KEEP_DB=1, or by hand on wanmi_bench): drives the closed model (CaseLoad) and reports,
# per HTTP operation, the application JVM's CPU, the CPU of the database's backends, committed transactions, table
# reads (sequential + index scans) per table and rows written. These counts do not depend on how loaded the machine
# is (the CPU figures somewhat do), so they compare runs on a shared machine better than operations per second.
#
#   APP_PID=12345 bench/case-cost.sh [concurrency] [warm-up s] [duration s]
#   COUNT=1 APP_PID=12345 bench/case-cost.sh 1 0 60     # exact counts per operation (idle snapshots, one at a time)
set -euo pipefail
cd "$(dirname "$0")/.."
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
DB=${BENCH_DB:-wanmi_bench}
PORT=${BENCH_PORT:-18081}
C=${1:-16}
WARMUP=${2:-20}
DURATION=${3:-30}
: "${APP_PID:?APP_PID: the process id of the running application}"
BASE="http://127.0.0.1:$PORT"
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
CP="target/test-classes:target/classes:$(cat target/bench.cp)"
mkdir -p target/bench-cases

snap() { # $1: file
	local db=0 pid
	for pid in $(psql -X -At -d postgres -c "select pid from pg_stat_activity where datname = '$DB'"); do
		db=$((db + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
	done
	{
		echo "_app_cpu $(awk '{ print $14 + $15 }' "/proc/$APP_PID/stat") 0"
		echo "_db_cpu $db 0"
		psql -X -At -F ' ' -d "$DB" -c "select relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0), n_tup_ins + n_tup_upd + n_tup_del
			from pg_stat_user_tables union all
			select '_xact', xact_commit, 0 from pg_stat_database where datname = current_database()"
	} | sort > "$1"
}

if [[ -n "${COUNT:-}" ]]; then
	# exact counts: snapshots while the application is idle (PostgreSQL flushes a backend's counters after at most
	# ~10 s of idleness), operations without warm-up; CPU then includes the driver's set-up requests
	sleep 12
	snap target/bench-cases/cost0
	LINE=$(java -Xmx512m -cp "$CP" org.wanmi.cases.CaseLoad closed "$BASE" "$JDBC" "$C" 0 "$DURATION" 2>>target/bench-cases/driver.err \
		| tee /dev/stderr | grep '^RESULT')
	sleep 12
	snap target/bench-cases/cost1
else
	( sleep "$WARMUP"; snap target/bench-cases/cost0; sleep "$DURATION"; snap target/bench-cases/cost1 ) &
	SNAPPER=$!
	LINE=$(java -Xmx512m -cp "$CP" org.wanmi.cases.CaseLoad closed "$BASE" "$JDBC" "$C" "$WARMUP" "$DURATION" 2>>target/bench-cases/driver.err \
		| tee /dev/stderr | grep '^RESULT')
	wait "$SNAPPER"
fi
N=$(sed -n 's/.*ops=\([0-9]*\) .*/\1/p' <<< "$LINE")
TK=$(getconf CLK_TCK)
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
join target/bench-cases/cost0 target/bench-cases/cost1 | awk -v n="$N" -v tk="$TK" '
	$1 == "_app_cpu" { printf "COST app CPU %.2f ms per operation\n", 1000 * ($4 - $2) / tk / n; next }
	$1 == "_db_cpu" { printf "COST db backends CPU %.2f ms per operation\n", 1000 * ($4 - $2) / tk / n; next }
	$1 == "_xact" { printf "COST transactions %.2f per operation\n", ($4 - $2) / n; next }
	{ r = ($4 - $2) / n; w = ($5 - $3) / n; tr += r; tw += w; if (r >= 0.05 || w >= 0.05) printf "  %-24s reads %5.2f  rows written %5.2f\n", $1, r, w }
	END { printf "COST table reads %.2f, rows written %.2f per operation (%d operations)\n", tr, tw, n }'
