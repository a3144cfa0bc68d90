#!/usr/bin/env bash
# Measures how well the RTO risk score ranks the orders that really went RTO: replays a simulated
# feed through the job's lifecycle and risk code (io.ordertrack.benchmarks.risk.RtoRiskReport) and
# prints ROC AUC, precision and recall at the alert threshold.
#
# Usage: deploy/local/rto-risk-report.sh [--orders N] [--seed S] [--out FILE]
# Build first (mvn -q -pl benchmarks -am package -DskipTests).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly TARGET="$REPO_ROOT/benchmarks/target"

if [[ ! -f "$TARGET/runtime.classpath" ]]; then
  echo "rto-risk-report: build first: (cd $REPO_ROOT && mvn -q -pl benchmarks -am package -DskipTests)" >&2
  exit 1
fi
exec java "${REPORT_HEAP:--Xmx4g}" -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ordertrack.avro \
  -cp "$TARGET/ordertrack-benchmarks-0.1.0-SNAPSHOT.jar:$(cat "$TARGET/runtime.classpath")" \
  io.ordertrack.benchmarks.risk.RtoRiskReport "$@"
