#!/usr/bin/env bash
# Runs the whole system on this machine: builds it, starts a real Kafka broker and a real
# Elasticsearch (deploy/local/stack.sh), then the order tracking job on an embedded Flink
# MiniCluster, the query API and the simulator's live feed, all in one JVM. Ctrl-C stops everything.
#
# Usage: deploy/local/run.sh
#
# Environment: ORDERTRACK_API_PORT [8080], and the variables of kafka.sh, elasticsearch.sh and
# the job (ORDERTRACK_KAFKA_BOOTSTRAP_SERVERS, ORDERTRACK_ELASTICSEARCH_URL, ...). Set
# ORDERTRACK_SKIP_BUILD=1 to reuse the last build. The job, the API and the feed log in with the
# ORDERTRACK_KAFKA_* and ORDERTRACK_ES_* credentials of docs/configuration.md, read from
# this environment (start kafka.sh with KAFKA_SCRAM_USERNAME/PASSWORD for a broker that needs them).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
cd "$REPO_ROOT"

KAFKA_PORT="${KAFKA_PORT:-9092}"
ES_HTTP_PORT="${ES_HTTP_PORT:-9200}"
export KAFKA_PORT ES_HTTP_PORT
export ORDERTRACK_KAFKA_BOOTSTRAP_SERVERS="${ORDERTRACK_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}"
# elasticsearch.sh serves https with ES_TLS_KEYSTORE; the clients then need ORDERTRACK_ES_CA_FILE.
export ORDERTRACK_ELASTICSEARCH_URL="${ORDERTRACK_ELASTICSEARCH_URL:-http${ES_TLS_KEYSTORE:+s}://127.0.0.1:$ES_HTTP_PORT}"

if [[ "${ORDERTRACK_SKIP_BUILD:-0}" != 1 ]]; then
  echo "ordertrack: building (mvn install -DskipTests)..."
  mvn -q -B install -DskipTests
fi

app_pid=""
stop_all() {
  trap - INT TERM EXIT
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  "$REPO_ROOT/deploy/local/stack.sh" down || true
  echo "ordertrack: stopped"
}
trap stop_all INT TERM EXIT

"$REPO_ROOT/deploy/local/stack.sh" up

classpath="$REPO_ROOT/local/target/ordertrack-local-0.1.0-SNAPSHOT.jar:$(cat "$REPO_ROOT/local/target/runtime.classpath")"
java -Xmx1g -cp "$classpath" io.ordertrack.local.LocalOrdertrack &
app_pid=$!
wait "$app_pid" || true
