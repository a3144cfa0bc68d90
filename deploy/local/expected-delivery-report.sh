#!/usr/bin/env bash
# How well the expected delivery time predicts real deliveries and missed promised dates: replays a
# simulated feed through the job's lifecycle and delivery model
# (io.ordertrack.benchmarks.risk.ExpectedDeliveryReport) and judges it against the simulator's truth.
#
# Usage: deploy/local/expected-delivery-report.sh [--orders N] [--seed S] [--out FILE]
# Build first (mvn -q -pl benchmarks -am package -DskipTests).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly TARGET="$REPO_ROOT/benchmarks/target"

if [[ ! -f "$TARGET/runtime.classpath" ]]; then
  echo "expected-delivery-report: build first: (cd $REPO_ROOT && mvn -q -pl benchmarks -am package -DskipTests)" >&2
  exit 1
fi
exec java "${REPORT_HEAP:--Xmx4g}" -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ordertrack.avro \
  -cp "$TARGET/ordertrack-benchmarks-0.1.0-SNAPSHOT.jar:$(cat "$TARGET/runtime.classpath")" \
  io.ordertrack.benchmarks.risk.ExpectedDeliveryReport "$@"
