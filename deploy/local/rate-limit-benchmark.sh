#!/usr/bin/env bash
# Whether one API key flooding the query API can push another key's p99 latency up
# (io.ordertrack.benchmarks.api.RateLimitBenchmark): indexes N simulated orders into a fresh index,
# starts the API in process with tenant keys of two sellers and drives it with wrk: seller B paced
# well under its limit, seller A flooding; three runs (B alone, B under A's flood with the rate
# limits on, then off). Prints B's p50/p75/p90/p99, A's 2xx and 429 counts and a verdict: B's p99
# under the flood with the limits on at most twice its p99 alone.
#
# Usage: deploy/local/rate-limit-benchmark.sh [--orders N] [--seconds S] [--limits tenant=50:100]
#        [--flood-connections C] [--flood-threads T] [--paced-rate R] [--out FILE]
# Installs Debian's wrk package when missing (as root). Elasticsearch: see with-elasticsearch.sh.
# Build first (mvn -q -pl benchmarks -am package -DskipTests).
set -euo pipefail

if ! command -v wrk >/dev/null 2>&1; then
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "rate-limit-benchmark: wrk not found; install Debian's package first: apt-get install wrk" >&2
    exit 1
  fi
  echo "rate-limit-benchmark: wrk not found: installing Debian's wrk package" >&2
  export DEBIAN_FRONTEND=noninteractive
  # A machine whose package lists were never fetched finds nothing to install.
  apt-get install -y -q --no-install-recommends wrk >/dev/null ||
    { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends wrk >/dev/null; }
fi
exec "$(dirname "${BASH_SOURCE[0]}")/with-elasticsearch.sh" io.ordertrack.benchmarks.api.RateLimitBenchmark "$@"
