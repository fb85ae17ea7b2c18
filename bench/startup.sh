#!/usr/bin/env bash
# Seconds from `./mvnw spring-boot:run` to the login page answering 200, and memory at idle (proportional set size,
# so the embedded PostgreSQL's shared buffers are counted once across its processes).
# Usage: bench/startup.sh [runs]   (first run with a fresh data folder = first start incl. initdb and demo seeding;
#                                   later runs reuse it = an ordinary restart). Maven cache must be warm.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
port=18080
data=$(mktemp -d)/pg
./mvnw -q -B -o compile >/dev/null
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  ./mvnw -q -B -o spring-boot:run -Dspring-boot.run.arguments="--server.port=$port --wanmi.embedded.data-dir=$data" \
    > "target/startup-$i.log" 2>&1 &
  mvn_pid=$!
  until curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/login" 2>/dev/null | grep -q 200; do sleep 0.1; done
  ready=$(date +%s.%N)
  until grep -q 'Demo city .* ready' "target/startup-$i.log" 2>/dev/null; do sleep 0.2; done
  seeded=$(date +%s.%N)
  sleep 20   # idle
  java_pid=$(pgrep -f "WanmiApplication.*--server.port=$port" | head -1)
  pss() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
  java_rss=$(pss "$java_pid")
  pm=$(pgrep -f -- "-D $data" | head -1 || true)
  pg_rss=0
  if [ -n "$pm" ]; then
    pg_rss=0
    for p in "$pm" $(pgrep -P "$pm"); do pg_rss=$((pg_rss + $(pss "$p"))); done
  fi
  awk -v i="$i" -v a="$start" -v b="$ready" -v c="$seeded" -v j="$java_rss" -v p="$pg_rss" 'BEGIN {
    printf "run %d: login page after %.1f s, demo ready after %.1f s, idle memory (PSS) java %d MiB + embedded postgres %d MiB\n", i, b - a, c - a, j / 1024, p / 1024 }'
  kill "$java_pid" 2>/dev/null || true
  wait "$mvn_pid" 2>/dev/null || true
  sleep 3
done
