#!/usr/bin/env bash
# Lists the job's dead letters by reason and time, with a masked preview of each record, and sends
# chosen ones back to their source topic once the cause is fixed, recording each re-send in the
# <dead-letters topic>-resent topic (io.ordertrack.jobs.deadletters.DeadLettersCommand).
#
# Usage: deploy/local/dead-letters.sh list   [--reason TEXT] [--from INSTANT] [--to INSTANT] [--limit N]
#        deploy/local/dead-letters.sh resend --letters P:O[,P:O...]
#        deploy/local/dead-letters.sh resend [--reason TEXT] [--from INSTANT] [--to INSTANT]
#
# Environment: the job's ORDERTRACK_KAFKA_BOOTSTRAP_SERVERS [127.0.0.1:9092] and
# ORDERTRACK_TOPIC_DEAD_LETTERS [dead-letters] (or --kafka.bootstrap.servers, --topic.dead-letters).
# Build first (mvn install -DskipTests, or deploy/local/run.sh does it).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly TARGET="$REPO_ROOT/local/target"

if [[ ! -f "$TARGET/runtime.classpath" ]]; then
  echo "dead-letters: build first: (cd $REPO_ROOT && mvn -q install -DskipTests)" >&2
  exit 2
fi
exec java -Xmx512m -Dordertrack.log.level=WARN \
  -cp "$TARGET/ordertrack-local-0.1.0-SNAPSHOT.jar:$(cat "$TARGET/runtime.classpath")" \
  io.ordertrack.jobs.deadletters.DeadLettersCommand "$@"
