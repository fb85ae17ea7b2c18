#!/usr/bin/env bash
# Import of 1,000,000 components (issue 2, section 10): Wanmi's import API against a plain PostgreSQL COPY of the same
# rows, side by side in one run, on the PostgreSQL server at 127.0.0.1:5432 (trust auth, user postgres).
#
#   bench/component-import.sh            # 1,000,000 rows
#   ROWS=100000 bench/component-import.sh
#
# What it does: builds the application jar if needed; creates a fresh database; starts Wanmi on it (demo mode, test
# scale); adds a benchmark jurisdiction 450799 with an administrator and 10,000 unit grids of 0.001° (about
# 103 m × 111 m); generates ROWS components as CSV with ids, categories, departments, dates and positions inside the
# grids but no grid codes (so every row is also located in its grid); times `\copy` of that file into a plain table
# with psql; times the same file through POST /api/v1/components/imports?wait=true (upload, validation of every row,
# grid lookup, COPY — on the first load of a jurisdiction into a fresh partition whose key is built afterwards —
# commit), once uploaded as multipart/form-data and once as the raw request body (Content-Type: text/csv), emptying
# the jurisdiction before each; prints the figures and ratios; stops the application.
#   RUNS=3 bench/component-import.sh     # three rounds, medians reported
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-wanmi_bench}
PORT=${BENCH_PORT:-18080}
HEAP=${BENCH_HEAP:-1g}
WORK=${BENCH_WORK:-target/bench-components}
export PGHOST PGPORT PGUSER
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$DB")
mkdir -p "$WORK"

JAR=$(ls target/wanmi-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ -z "$JAR" ]]; then
	echo "building the application jar…"
	./mvnw -B -o -q package -DskipTests
	JAR=$(ls target/wanmi-*.jar | grep -v original | head -1)
fi

echo "fresh database $DB on $PGHOST:$PGPORT"
dropdb --if-exists "$DB"
createdb "$DB"

echo "starting Wanmi ($JAR, -Xmx$HEAP) on port $PORT…"
java -Xmx"$HEAP" ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
	--wanmi.db.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --wanmi.db.user="$PGUSER" \
	--wanmi.demo.enabled=true --wanmi.demo.scale=test > "$WORK/app.log" 2>&1 &
APP=$!
cleanup() { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; }
trap cleanup EXIT
for i in $(seq 1 240); do
	if curl -fs "http://127.0.0.1:$PORT/actuator/health" | grep -q '"UP"'; then break; fi
	if ! kill -0 "$APP" 2>/dev/null; then echo "Wanmi did not start; see $WORK/app.log"; exit 1; fi
	sleep 1
done

echo "benchmark jurisdiction 450799, its administrator and 10,000 unit grids"
"${PSQL[@]}" <<'SQL'
insert into jurisdiction(code, name, center_lon, center_lat) values ('450799', '基准测试县', 108.55, 21.95);
insert into app_user(jurisdiction_id, username, display_name, password_hash)
	select id, 'benchadmin', '基准测试管理员', '{noop}bench' from jurisdiction where code = '450799';
insert into user_role(user_id, role) select id, 'ADMIN' from app_user where username = 'benchadmin';
-- 100 × 100 squares of 0.001°, WKB polygons built in SQL (big-endian: byte order 0, type 3, 1 ring, 5 points)
insert into division(jurisdiction_id, level, code, name, geom, min_lon, min_lat, max_lon, max_lat, area_m2)
select j.id, 'GRID',
	'450799' || lpad((k / 1000 + 1)::text, 3, '0') || lpad((k / 100 % 10 + 1)::text, 3, '0') || lpad((k % 100 + 1)::text, 3, '0'),
	'网格' || k,
	'\x00'::bytea || int4send(3) || int4send(1) || int4send(5)
		|| float8send(x0) || float8send(y0) || float8send(x1) || float8send(y0) || float8send(x1) || float8send(y1)
		|| float8send(x0) || float8send(y1) || float8send(x0) || float8send(y0),
	x0, y0, x1, y1, 11400
from jurisdiction j,
	lateral (select g as k, 108.5 + (g % 100) * 0.001 as x0, 21.9 + (g / 100) * 0.001 as y0,
	                108.5 + (g % 100 + 1) * 0.001 as x1, 21.9 + (g / 100 + 1) * 0.001 as y1
	         from generate_series(0, 9999) g) cells
where j.code = '450799';
SQL

CSV="$WORK/components-$ROWS.csv"
if [[ ! -s "$CSV" ]]; then
	echo "generating $ROWS rows into $CSV"
	python3 - "$ROWS" "$CSV" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(450799)
kinds = [("01001", "钦州市水利局", "钦州市供水有限公司"), ("01002", "钦州市住房和城乡建设局", "钦州市排水管理处"),
	("01003", "钦州市住房和城乡建设局", "钦州市排水管理处"), ("01004", "钦州市住房和城乡建设局", "钦州市排水管理处"),
	("01005", "钦州市发展和改革委员会", "广西电网钦州供电局"), ("01007", "钦州市工业和信息化局", "中国电信钦州分公司"),
	("01011", "钦州市住房和城乡建设局", "钦州市燃气有限公司"), ("01013", "钦州市消防救援支队", "钦州市供水有限公司"),
	("01037", "钦州市城市管理局", "钦州市路灯管理所"), ("01039", "钦州市城市管理局", "钦州市路灯管理所"),
	("02004", "钦州市交通运输局", "钦州市公共交通有限公司"), ("02012", "钦州市民政局", "钦州市地名管理所"),
	("02014", "钦州市公安局交通警察支队", "钦州市交通设施维护中心"), ("02017", "钦州市公安局交通警察支队", "钦州市交通设施维护中心"),
	("03001", "钦州市城市管理局", "钦州市市容环境卫生管理处"), ("03005", "钦州市城市管理局", "钦州市市容环境卫生管理处"),
	("04002", "钦州市林业局", "钦州市园林绿化管理处"), ("04003", "钦州市林业局", "钦州市园林绿化管理处"),
	("04007", "钦州市林业局", "钦州市园林绿化管理处"), ("04011", "钦州市林业局", "钦州市园林绿化管理处")]
seq = {k[0]: 0 for k in kinds}
statuses = ["完好"] * 92 + ["破损"] * 4 + ["丢失", "废弃", "移除", "破损"]
with open(path, "w", encoding="utf-8", newline="") as f:
	f.write("id,legacy_id,category,name,department,owner,maintainer,grid,status,initial_date,change_date,data_source,remarks,photo,lon,lat,geometry\n")
	for i in range(rows):
		cat, dept, owner = kinds[rnd.randrange(len(kinds))]
		seq[cat] += 1
		y, m, d = rnd.randint(2010, 2025), rnd.randint(1, 12), rnd.randint(1, 28)
		st = statuses[rnd.randrange(len(statuses))]
		changed = "" if st == "完好" else "2026-%02d-%02d" % (rnd.randint(1, 10), rnd.randint(1, 28))
		lon = 108.5 + 0.0000005 + rnd.random() * 0.099999
		lat = 21.9 + 0.0000005 + rnd.random() * 0.099999
		f.write("450799%s%06d,,%s,,%s,%s,%s,,%s,%04d-%02d-%02d,%s,2024年部件普查,,,%.7f,%.7f,\n"
			% (cat, seq[cat], cat, dept, owner, owner, st, y, m, d, changed, lon, lat))
PY
fi
SIZE=$(du -h "$CSV" | cut -f1)

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

"${PSQL[@]}" -c "create table bench_plain (id text, legacy_id text, category text, name text, department text, owner text,
	maintainer text, grid text, status text, initial_date date, change_date date, data_source text, remarks text,
	photo text, lon float8, lat float8, geometry text)"
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"benchadmin","password":"bench"}' \
	"http://127.0.0.1:$PORT/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
# empties the benchmark jurisdiction between runs (its partition when the import made one, else its rows)
reset() {
	sleep 3 # the job queue builds the nearest index after an import; let it finish
	"${PSQL[@]}" -c "do \$\$ declare j bigint := (select id from jurisdiction where code = '450799'); begin
		if to_regclass('component_j' || j) is not null then execute 'truncate component_j' || j;
		else delete from component where jurisdiction_id = j; end if; end \$\$" -c "checkpoint"
}
# one import through the API; sets IMPORT_S (wall clock, upload included) and JOB_S (the job itself)
import_once() { # $1 = multipart | body
	reset
	local T0 T1
	T0=$(now)
	if [[ $1 == multipart ]]; then
		curl -fsS -H "Authorization: Bearer $TOKEN" -F "file=@$CSV;type=text/csv" \
			"http://127.0.0.1:$PORT/api/v1/components/imports?wait=true" > "$WORK/import-job.json"
	else
		curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary "@$CSV" \
			"http://127.0.0.1:$PORT/api/v1/components/imports?wait=true&fileName=components.csv" > "$WORK/import-job.json"
	fi
	T1=$(now)
	IMPORT_S=$(echo "$T1 - $T0" | bc -l)
	JOB_S=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["state"]=="SUCCEEDED", j; print(j["elapsedMs"] / 1000)' "$WORK/import-job.json")
}

RUNS=${RUNS:-1}
COPY_ALL=(); JOB_ALL=(); MP_ALL=(); BODY_ALL=(); BODYJOB_ALL=()
for run in $(seq 1 "$RUNS"); do
	echo "run $run of $RUNS: plain COPY (psql \\copy into a table without indexes)…"
	"${PSQL[@]}" -c "truncate bench_plain" -c "checkpoint"
	T0=$(now)
	"${PSQL[@]}" -c "\\copy bench_plain from '$CSV' with (format csv, header true)"
	T1=$(now)
	COPY_ALL+=("$(echo "$T1 - $T0" | bc -l)")
	COPIED=$("${PSQL[@]}" -At -c "select count(*) from bench_plain")
	echo "run $run of $RUNS: Wanmi import API, multipart upload (curl -F file=@…)…"
	import_once multipart
	MP_ALL+=("$IMPORT_S"); JOB_ALL+=("$JOB_S")
	echo "run $run of $RUNS: Wanmi import API, raw request body (Content-Type: text/csv)…"
	import_once body
	BODY_ALL+=("$IMPORT_S"); BODYJOB_ALL+=("$JOB_S")
	printf '  COPY %.2f s | multipart: end to end %.2f s, job %.2f s | raw body: end to end %.2f s, job %.2f s\n' \
		"${COPY_ALL[-1]}" "${MP_ALL[-1]}" "${JOB_ALL[-1]}" "${BODY_ALL[-1]}" "${BODYJOB_ALL[-1]}"
done
IMPORTED=$("${PSQL[@]}" -At -c "select count(*) from component c join jurisdiction j on j.id = c.jurisdiction_id where j.code = '450799'")
GRIDDED=$("${PSQL[@]}" -At -c "select count(*) from component c join jurisdiction j on j.id = c.jurisdiction_id where j.code = '450799' and grid_code is not null")
COPY_S=$(median "${COPY_ALL[@]}")
MP_S=$(median "${MP_ALL[@]}")
BODY_S=$(median "${BODY_ALL[@]}")
JOB_MED=$(median "${JOB_ALL[@]}" "${BODYJOB_ALL[@]}")

printf '\n%-52s %s (median of %s run(s))\n' "rows in file ($SIZE)" "$ROWS" "$RUNS"
printf '%-52s %8.2f s  (%s rows)\n' "plain COPY (psql \\copy, no indexes)" "$COPY_S" "$COPIED"
printf '%-52s %8.2f s  (%s rows, %s with their grid)\n' "Wanmi import job (validate+COPY+key+commit)" "$JOB_MED" "$IMPORTED" "$GRIDDED"
printf '%-52s %8.2f s\n' "Wanmi import, end to end, multipart upload" "$MP_S"
printf '%-52s %8.2f s\n' "Wanmi import, end to end, raw body (text/csv)" "$BODY_S"
printf '%-52s %8.2f ×  (target ≤ 2)\n' "ratio import job / COPY" "$(echo "$JOB_MED / $COPY_S" | bc -l)"
printf '%-52s %8.2f ×\n' "ratio end to end multipart / COPY" "$(echo "$MP_S / $COPY_S" | bc -l)"
printf '%-52s %8.2f ×\n' "ratio end to end raw body / COPY" "$(echo "$BODY_S / $COPY_S" | bc -l)"
if [[ -z "${KEEP_DB:-}" ]]; then
	cleanup
	trap - EXIT
	dropdb --if-exists "$DB"
fi
