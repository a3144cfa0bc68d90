#!/usr/bin/env bash
# The local stack's servers: a Kafka broker and an Elasticsearch node, both real, both from
# Maven Central artifacts. Configure them with the variables of kafka.sh and elasticsearch.sh.
#
# Usage: deploy/local/stack.sh up|down|status
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly HERE

# Each script prints the address it serves on once ready.
up() {
  "$HERE/kafka.sh" start
  "$HERE/elasticsearch.sh" start
}

# Elasticsearch first: the reverse of up. Both are tried even if the first one fails to stop.
down() {
  local failed=0
  "$HERE/elasticsearch.sh" stop || failed=1
  "$HERE/kafka.sh" stop || failed=1
  return "$failed"
}

status() {
  local failed=0
  "$HERE/kafka.sh" status || failed=1
  "$HERE/elasticsearch.sh" status || failed=1
  return "$failed"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 1
    ;;
esac
