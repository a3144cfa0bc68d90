#!/usr/bin/env bash
# Runs the simulator (simulator/, io.ordertrack.simulator.SimulatorCli) against a Kafka broker:
# a deterministic, realistic and messy event stream, and the oracle of its true outcome.
#
# Usage: deploy/local/simulate.sh [--orders N] [--seed S] [--rate E] [--oracle FILE] ... (--help)
# A secured broker: ORDERTRACK_KAFKA_SECURITY_PROTOCOL, ORDERTRACK_KAFKA_USERNAME,
# ORDERTRACK_KAFKA_PASSWORD(_FILE), ... in the environment (docs/configuration.md), never
# arguments.
# Build first (mvn install -DskipTests, or deploy/local/run.sh does it).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly TARGET="$REPO_ROOT/simulator/target"

if [[ ! -f "$TARGET/runtime.classpath" ]]; then
  echo "simulate: build the simulator first: (cd $REPO_ROOT && mvn -q install -DskipTests)" >&2
  exit 1
fi
exec java "${SIMULATOR_HEAP:--Xmx2g}" -cp "$TARGET/ordertrack-simulator-0.1.0-SNAPSHOT.jar:$(cat "$TARGET/runtime.classpath")" \
  io.ordertrack.simulator.SimulatorCli "$@"
