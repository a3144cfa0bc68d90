#!/usr/bin/env bash
# The ingest gateway's sustained rate and p99 (io.ordertrack.benchmarks.api.IngestBenchmark): the
# API in process on the local Kafka broker, wrk pushing pre-signed Delhivery webhooks on many
# connections; every 202 must be one scan in the tracking topic.
#
# Usage: deploy/local/ingest-benchmark.sh [--seconds S] [--connections C] [--threads T]
#        [--pushes N] [--out FILE]
# Starts the local Kafka broker (deploy/local/kafka.sh) unless ORDERTRACK_KAFKA_BOOTSTRAP_SERVERS
# names one, and stops it after if it started it. Installs Debian's wrk package when missing (as
# root). Build first (mvn -q -pl benchmarks -am package -DskipTests).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly CLASSPATH_FILE="$REPO_ROOT/benchmarks/target/runtime.classpath"
if [[ ! -f "$CLASSPATH_FILE" ]]; then
  echo "ingest-benchmark: build first: (cd $REPO_ROOT && mvn -q -pl benchmarks -am package -DskipTests)" >&2
  exit 1
fi
if ! command -v wrk >/dev/null 2>&1; then
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "ingest-benchmark: wrk not found; install Debian's package first: apt-get install wrk" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends wrk >/dev/null ||
    { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends wrk >/dev/null; }
fi
started_here=""
if [[ -z "${ORDERTRACK_KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
  if ! "$REPO_ROOT/deploy/local/kafka.sh" status >/dev/null 2>&1; then
    "$REPO_ROOT/deploy/local/kafka.sh" start
    started_here=1
  fi
fi
stop_started() {
  if [[ -n "$started_here" ]]; then
    "$REPO_ROOT/deploy/local/kafka.sh" stop
  fi
}
trap stop_started EXIT
# Request logs at WARN: a console line per request would measure the console, not the gateway.
java "${BENCHMARK_HEAP:--Xmx1g}" -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ordertrack.avro \
  -Dordertrack.log.level=WARN \
  -cp "$REPO_ROOT/benchmarks/target/ordertrack-benchmarks-0.1.0-SNAPSHOT.jar:$(cat "$CLASSPATH_FILE")" \
  io.ordertrack.benchmarks.api.IngestBenchmark "$@"
