#!/usr/bin/env bash
# Measures the query API under concurrent load next to the same queries sent straight to
# Elasticsearch (io.ordertrack.benchmarks.api.ApiBenchmark): indexes N simulated orders into a fresh
# index, keeps a writer re-indexing orders as the live job does, and prints p50 / p99 / max latency
# and throughput of search by AWB, the order list and the bucket counts.
#
# Usage: deploy/local/api-benchmark.sh [--orders N] [--threads C[,C...]] [--seconds S] [--live-writes W]
#        [--out FILE]
# Elasticsearch: see with-elasticsearch.sh. Build first (mvn -q -pl benchmarks -am package -DskipTests).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/with-elasticsearch.sh" io.ordertrack.benchmarks.api.ApiBenchmark "$@"
