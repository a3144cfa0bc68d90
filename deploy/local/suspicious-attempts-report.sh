#!/usr/bin/env bash
# How well the suspicion of failed delivery attempts finds the ones that never happened: replays a
# simulated feed with fake attempts through the job's lifecycle
# (io.ordertrack.benchmarks.risk.SuspiciousAttemptsReport) and judges it against the simulator's
# truth: precision, recall and the courier × hub aggregate.
#
# Usage: deploy/local/suspicious-attempts-report.sh [--orders N] [--seed S] [--fakes P] [--out FILE]
# Build first (mvn -q -pl benchmarks -am package -DskipTests).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly TARGET="$REPO_ROOT/benchmarks/target"

if [[ ! -f "$TARGET/runtime.classpath" ]]; then
  echo "suspicious-attempts-report: build first: (cd $REPO_ROOT && mvn -q -pl benchmarks -am package -DskipTests)" >&2
  exit 1
fi
exec java "${REPORT_HEAP:--Xmx4g}" -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ordertrack.avro \
  -cp "$TARGET/ordertrack-benchmarks-0.1.0-SNAPSHOT.jar:$(cat "$TARGET/runtime.classpath")" \
  io.ordertrack.benchmarks.risk.SuspiciousAttemptsReport "$@"
