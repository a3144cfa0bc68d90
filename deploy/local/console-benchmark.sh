#!/usr/bin/env bash
# Measures the seller console in headless Chromium (io.ordertrack.benchmarks.api.ConsoleBenchmark):
# indexes N simulated orders into a fresh index, starts the API over it, and prints p50 / p95 / max
# of sign-in to the orders view interactive, a search answered on screen and a page of 100 rows on
# screen, and the bytes of script and style the console ships before any chart. Chromium is
# Debian's (installed with apt-get when missing, as root).
#
# Usage: deploy/local/console-benchmark.sh [--orders N] [--runs R] [--out FILE]
# Elasticsearch: see with-elasticsearch.sh. Build first (mvn -q -pl benchmarks -am package -DskipTests).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/with-elasticsearch.sh" io.ordertrack.benchmarks.api.ConsoleBenchmark "$@"
