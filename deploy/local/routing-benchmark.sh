#!/usr/bin/env bash
# Measures fulfilment routing (GET /api/routing) under concurrent load
# (io.ordertrack.benchmarks.api.RoutingBenchmark): indexes the stock of S SKUs, each at K of W
# warehouses at random real PIN codes, into a fresh index, and prints p50 / p99 / max answer time
# and throughput of questions of one to five SKUs to random PIN codes.
#
# Usage: deploy/local/routing-benchmark.sh [--warehouses W] [--skus S] [--stocked-at K]
#        [--threads C] [--seconds T] [--out FILE]
# Elasticsearch: see with-elasticsearch.sh. Build first (mvn -q -pl benchmarks -am package -DskipTests).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/with-elasticsearch.sh" io.ordertrack.benchmarks.api.RoutingBenchmark "$@"
