#!/usr/bin/env bash
# The PostgreSQL peer of the pipeline benchmark (io.ordertrack.benchmarks.pipeline.PostgresPeer): N
# simulated orders applied the way most order systems do it, an upsert of the order row per event in
# its own transaction, then batched (B events per transaction); prints events/s of each, the latency
# of the dashboard's bucket-count query, and whether the bucket counts equal the oracle's.
#
# Usage: deploy/local/postgres-peer.sh [--orders N] [--batch B]
# Uses the database at ORDERTRACK_JDBC_URL, or starts the local PostgreSQL
# (deploy/local/postgres.sh, which installs Debian's package when missing) for the run and stops
# it afterwards. Build first (mvn -q -pl benchmarks -am package -DskipTests).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly TARGET="$REPO_ROOT/benchmarks/target"
readonly JAR="$TARGET/ordertrack-benchmarks-0.1.0-SNAPSHOT.jar"

# A classpath without the JDBC driver was built before the peer existed.
if [[ ! -f "$TARGET/runtime.classpath" ]] || ! grep -q '/postgresql-[0-9.]*\.jar' "$TARGET/runtime.classpath"; then
  echo "postgres-peer: build first: (cd $REPO_ROOT && mvn -q -pl benchmarks -am package -DskipTests)" >&2
  exit 1
fi

started_here=""
if [[ -z "${ORDERTRACK_JDBC_URL:-}" ]]; then
  if ! "$REPO_ROOT/deploy/local/postgres.sh" status >/dev/null 2>&1; then
    "$REPO_ROOT/deploy/local/postgres.sh" start
    started_here=1
  fi
  # A server already running answers on the port it was started with.
  ORDERTRACK_JDBC_URL="$("$REPO_ROOT/deploy/local/postgres.sh" status | grep -o 'jdbc:[^ ]*')"
fi
stop_started() {
  if [[ -n "$started_here" ]]; then "$REPO_ROOT/deploy/local/postgres.sh" stop; fi
}
trap stop_started EXIT

# Defaults here rather than in the class, which wants every option said.
args=(--orders 20000)
args+=("$@")
java "${BENCHMARK_HEAP:--Xmx4g}" -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ordertrack.avro \
  -cp "$JAR:$(cat "$TARGET/runtime.classpath")" \
  io.ordertrack.benchmarks.pipeline.PostgresPeer "${args[@]}" --jdbc "$ORDERTRACK_JDBC_URL"
