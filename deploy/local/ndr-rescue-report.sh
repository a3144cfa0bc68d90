#!/usr/bin/env bash
# The NDR rescue rate (delivered after a failed attempt) per reason of the first failed attempt and
# per courier: replays a simulated feed through the job's lifecycle and cohort metrics
# (io.ordertrack.benchmarks.risk.NdrRescueReport) and prints them next to the simulator's truth.
#
# Usage: deploy/local/ndr-rescue-report.sh [--orders N] [--seed S] [--out FILE]
# Build first (mvn -q -pl benchmarks -am package -DskipTests).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly TARGET="$REPO_ROOT/benchmarks/target"

if [[ ! -f "$TARGET/runtime.classpath" ]]; then
  echo "ndr-rescue-report: build first: (cd $REPO_ROOT && mvn -q -pl benchmarks -am package -DskipTests)" >&2
  exit 1
fi
exec java "${REPORT_HEAP:--Xmx4g}" -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ordertrack.avro \
  -cp "$TARGET/ordertrack-benchmarks-0.1.0-SNAPSHOT.jar:$(cat "$TARGET/runtime.classpath")" \
  io.ordertrack.benchmarks.risk.NdrRescueReport "$@"
