#!/usr/bin/env bash
# Measures how well the RTO risk score ranks the orders that really went RTO: replays a simulated
# feed through the job's lifecycle and risk code (io.ordertrack.local.RtoRiskReport) and prints ROC
# AUC, precision and recall at the alert threshold.
#
# Usage: deploy/local/rto-risk-report.sh [--orders N] [--seed S] [--out FILE]
# Build first (mvn install -DskipTests, or deploy/local/run.sh does it).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly TARGET="$REPO_ROOT/local/target"

if [[ ! -f "$TARGET/runtime.classpath" ]]; then
  echo "rto-risk-report: build first: (cd $REPO_ROOT && mvn -q install -DskipTests)" >&2
  exit 1
fi
exec java "${REPORT_HEAP:--Xmx4g}" -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ordertrack.avro \
  -cp "$TARGET/ordertrack-local-0.1.0-SNAPSHOT.jar:$(cat "$TARGET/runtime.classpath")" \
  io.ordertrack.local.RtoRiskReport "$@"
