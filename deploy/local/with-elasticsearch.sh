#!/usr/bin/env bash
# Runs a main class of the benchmarks module against Elasticsearch: the one at
# ORDERTRACK_ES_URL, else the local node (deploy/local/elasticsearch.sh, ES_HEAP 2g by default
# here), started for the run and stopped after it if it was not running already.
#
# Usage: deploy/local/with-elasticsearch.sh MAIN_CLASS [ARGS...]   (BENCHMARK_HEAP [-Xmx4g])
# Build first (mvn -q -pl benchmarks -am package -DskipTests).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly TARGET="$REPO_ROOT/benchmarks/target"

if [[ ! -f "$TARGET/runtime.classpath" ]]; then
  echo "with-elasticsearch: build first: (cd $REPO_ROOT && mvn -q -pl benchmarks -am package -DskipTests)" >&2
  exit 1
fi
main_class=$1
shift

started_here=""
if [[ -z "${ORDERTRACK_ES_URL:-}" ]]; then
  export ES_HEAP="${ES_HEAP:-2g}"
  if ! "$REPO_ROOT/deploy/local/elasticsearch.sh" status >/dev/null 2>&1; then
    "$REPO_ROOT/deploy/local/elasticsearch.sh" start
    started_here=1
  fi
  export ORDERTRACK_ES_URL="http${ES_TLS_KEYSTORE:+s}://127.0.0.1:${ES_HTTP_PORT:-9200}"
fi
stop_started() {
  if [[ -n "$started_here" ]]; then "$REPO_ROOT/deploy/local/elasticsearch.sh" stop; fi
}
trap stop_started EXIT

# Request logs at WARN: a console line per request would measure the console, not the API.
java "${BENCHMARK_HEAP:--Xmx4g}" -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ordertrack.avro \
  -Dordertrack.log.level=WARN \
  -cp "$TARGET/ordertrack-benchmarks-0.1.0-SNAPSHOT.jar:$(cat "$TARGET/runtime.classpath")" \
  "$main_class" "$@"
