#!/usr/bin/env bash
# Runs the JMH benchmarks in bench/jmh. Usage: bench/run-jmh.sh [JMH regexp and options], e.g. bench/run-jmh.sh Locate
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
mkdir -p bench/results
exec java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" org.openjdk.jmh.Main \
  -rf json -rff "bench/results/jmh-$(date +%Y%m%d-%H%M%S).json" "$@"
