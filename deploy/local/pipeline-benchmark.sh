#!/usr/bin/env bash
# The pipeline benchmark (io.ordertrack.benchmarks.pipeline.PipelineBenchmark): N simulated orders
# preloaded in Kafka, replayed through the whole pipeline (Kafka → Flink → Elasticsearch) with heap
# and with RocksDB state, next to the limits measured in the same run (a plain consumer, a plain
# bulk loader, the pipeline with discarding sinks); freshness through the API at steady live rates;
# state bytes per order and resident memory. Prints a Markdown table, writes a JSON file.
#
# Usage: deploy/local/pipeline-benchmark.sh [--orders N] [--states heap,rocksdb]
#        [--live-rates 5000,half] [--live-seconds S] [--peer-orders N] [--out FILE]
#        [--phases consumer,discarding,pipeline,bulk,freshness,peer]
# Not run unless named: --phases cluster, the parallelism sweep, the whole pipeline on the real
# standalone cluster of deploy/local/flink-cluster.sh (RocksDB state) for each
# --cluster taskmanagers:parallelism [1:1,1:2,2:2,2:4], each on a fresh cluster (needs the job jar
# and `mvn -q -pl deploy generate-resources`).
# The PostgreSQL peer applies the events of the first --peer-orders orders (20,000 at most by
# default) as upserts, one transaction per event, then batched.
# Starts the local Kafka, Elasticsearch (ES_HEAP defaults to 2g here) and PostgreSQL (installed
# from Debian packages when missing) unless they run, and stops what it started.
# Job settings not named above come from ORDERTRACK_* variables, as on a cluster (for example
# ORDERTRACK_HOLD_MIN_WAIT=1s). Build first
# (mvn -q -pl benchmarks -am package -DskipTests).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly TARGET="$REPO_ROOT/benchmarks/target"
readonly LOCAL="$REPO_ROOT/deploy/local"

if [[ ! -f "$TARGET/runtime.classpath" ]]; then
  echo "pipeline-benchmark: build first: (cd $REPO_ROOT && mvn -q -pl benchmarks -am package -DskipTests)" >&2
  exit 1
fi

export ES_HEAP="${ES_HEAP:-2g}"
started=()
for server in kafka elasticsearch postgres; do
  if ! "$LOCAL/$server.sh" status >/dev/null 2>&1; then
    "$LOCAL/$server.sh" start
    started+=("$server")
  fi
done
stop_started() {
  local server
  for server in "${started[@]}"; do "$LOCAL/$server.sh" stop || true; done
}
trap stop_started EXIT

pid_of() { "$LOCAL/$1.sh" status 2>/dev/null | grep -o 'pid [0-9]*' | grep -o '[0-9]*' | head -1; }

cd "$REPO_ROOT"
# BENCHMARK_JFR=file.jfr records a Java Flight Recording (profile settings) of the whole run.
jfr=()
if [[ -n "${BENCHMARK_JFR:-}" ]]; then jfr=("-XX:StartFlightRecording=filename=$BENCHMARK_JFR,settings=profile,dumponexit=true"); fi
# BENCHMARK_JAVA_OPTS adds options to the benchmark's JVM (e.g. another garbage collector).
# BENCHMARK_MANAGED_MEMORY sets the MiniCluster's managed memory (RocksDB's block cache and write
# buffers; 512m unless set).
# BENCHMARK_FLINK_CONFIG sets Flink options of the MiniCluster, key=value pairs separated by commas
# (e.g. pipeline.auto-watermark-interval=50ms,execution.buffer-timeout.interval=10ms).
# shellcheck disable=SC2086
java "${BENCHMARK_HEAP:--Xmx6g}" ${BENCHMARK_JAVA_OPTS:-} "${jfr[@]}" -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ordertrack.avro \
  -Dordertrack.log.level=WARN \
  -cp "$TARGET/ordertrack-benchmarks-0.1.0-SNAPSHOT.jar:$(cat "$TARGET/runtime.classpath")" \
  io.ordertrack.benchmarks.pipeline.PipelineBenchmark --elasticsearch-pid "$(pid_of elasticsearch)" \
  --kafka-pid "$(pid_of kafka)" --postgres-pid "$(pid_of postgres)" \
  --jdbc "$("$LOCAL/postgres.sh" status | grep -o 'jdbc:[^ ]*')" "$@"
