#!/usr/bin/env bash
# Runs the JMH microbenchmarks of the hot paths (benchmarks/, io.ordertrack.benchmarks.jmh): Avro
# decoding of feed records, the order state machine, order documents and their JSON, on simulated
# feeds. About 2 minutes with the benchmarks' own settings (5 benchmarks, one fork each, 3 x 2 s
# warmup, 5 x 3 s measured); scores are records, events or documents per second.
#
# Usage: deploy/local/jmh.sh [JMH options] [benchmark regexp]
#   e.g. deploy/local/jmh.sh -rf json -rff results.json
#        deploy/local/jmh.sh OrderLifecycle        (one class)
#        deploy/local/jmh.sh -h                    (JMH's options)
# Build first: (mvn -q -pl benchmarks -am package -DskipTests). JMH forks its measuring JVMs with
# this JVM's options, so BENCHMARK_HEAP applies to them too.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly JAR="$REPO_ROOT/benchmarks/target/ordertrack-benchmarks-0.1.0-SNAPSHOT-jmh.jar"

if [[ ! -f "$JAR" ]]; then
  echo "jmh: build the benchmarks first: (cd $REPO_ROOT && mvn -q -pl benchmarks -am package -DskipTests)" >&2
  exit 1
fi
exec java "${BENCHMARK_HEAP:--Xmx1g}" -jar "$JAR" "$@"
