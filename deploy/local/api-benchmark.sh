#!/usr/bin/env bash
# Measures the query API under concurrent load next to the same queries sent straight to
# Elasticsearch (io.ordertrack.local.ApiBenchmark): indexes N simulated orders into a fresh index,
# keeps a writer re-indexing orders as the live job does, and prints p50 / p99 / max latency and
# throughput of search by AWB, the order list and the bucket counts.
#
# Usage: deploy/local/api-benchmark.sh [--orders N] [--threads C] [--seconds S] [--live-writes W]
#        [--out FILE]
# Uses the Elasticsearch at ORDERTRACK_ES_URL, or starts the local one (deploy/local/elasticsearch.sh,
# ES_HEAP defaults to 2g here) for the run. Build first (mvn install -DskipTests).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly TARGET="$REPO_ROOT/local/target"

if [[ ! -f "$TARGET/runtime.classpath" ]]; then
  echo "api-benchmark: build first: (cd $REPO_ROOT && mvn -q install -DskipTests)" >&2
  exit 1
fi

started_here=""
if [[ -z "${ORDERTRACK_ES_URL:-}" ]]; then
  export ES_HEAP="${ES_HEAP:-2g}"
  if ! "$REPO_ROOT/deploy/local/elasticsearch.sh" status >/dev/null 2>&1; then
    "$REPO_ROOT/deploy/local/elasticsearch.sh" start
    started_here=1
  fi
  export ORDERTRACK_ES_URL="http://127.0.0.1:${ES_HTTP_PORT:-9200}"
fi
stop_started() {
  if [[ -n "$started_here" ]]; then "$REPO_ROOT/deploy/local/elasticsearch.sh" stop; fi
}
trap stop_started EXIT

# Request logs at WARN: a console line per request would measure the console, not the API.
java "${BENCHMARK_HEAP:--Xmx4g}" -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ordertrack.avro \
  -Dordertrack.log.level=WARN \
  -cp "$TARGET/ordertrack-local-0.1.0-SNAPSHOT.jar:$(cat "$TARGET/runtime.classpath")" \
  io.ordertrack.local.ApiBenchmark "$@"
