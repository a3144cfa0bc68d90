#!/usr/bin/env bash
# A real single-node Kafka broker (KRaft, broker and controller in one process), run from the
# jars listed in .local/dist/kafka-broker.classpath by `mvn generate-resources` (deploy/pom.xml).
#
# Usage: deploy/local/kafka.sh start|stop|status
#
# Environment (defaults in brackets):
#   KAFKA_STATE_DIR        server.properties, log4j2 config, data/, logs/, pid file [<repo>/.local/kafka]
#   KAFKA_PORT             client port on 127.0.0.1 [9092]
#   KAFKA_CONTROLLER_PORT  KRaft controller port on 127.0.0.1 [9093]
#   KAFKA_HEAP             JVM heap [512m]
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to answer [60]
#   KAFKA_STOP_TIMEOUT     seconds to wait after SIGTERM before SIGKILL [30]
#   KAFKA_CLASSPATH_FILE   the broker's jars, colon-separated [<repo>/.local/dist/kafka-broker.classpath]
#   KAFKA_SCRAM_USERNAME   with KAFKA_SCRAM_PASSWORD: the client port asks for a SASL/SCRAM login
#   KAFKA_SCRAM_PASSWORD   (SCRAM-SHA-256 or -512, SASL_PLAINTEXT) as this user, whose credentials
#                          are stored when the storage is formatted; the broker logs in to itself as
#                          the same user. Letters, digits and - _ . ~ only. Clients then need
#                          ORDERTRACK_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT, ORDERTRACK_KAFKA_USERNAME
#                          and ORDERTRACK_KAFKA_PASSWORD (see docs/configuration.md). [unset:
#                          PLAINTEXT]
#   KAFKA_SSL_PORT         with KAFKA_SSL_KEYSTORE (PKCS12: the broker's key and certificate) and
#   KAFKA_SSL_KEYSTORE     KAFKA_SSL_KEYSTORE_PASSWORD: a second client listener on 127.0.0.1 that
#   KAFKA_SSL_KEYSTORE_PASSWORD  speaks TLS (SSL, or SASL_SSL with SCRAM); clients trust it with
#                          ORDERTRACK_KAFKA_CA_FILE. [unset: no TLS listener]
#
# The same classpath holds Kafka's command-line tools, e.g.
#   java -cp "$(cat .local/dist/kafka-broker.classpath)" org.apache.kafka.tools.TopicCommand \
#     --bootstrap-server 127.0.0.1:9092 --list
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly CLASSPATH_FILE="${KAFKA_CLASSPATH_FILE:-$REPO_ROOT/.local/dist/kafka-broker.classpath}"

KAFKA_STATE_DIR="$(realpath -m "${KAFKA_STATE_DIR:-$REPO_ROOT/.local/kafka}")"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
readonly PID_FILE="$KAFKA_STATE_DIR/kafka.pid"
readonly SERVER_PROPERTIES="$KAFKA_STATE_DIR/server.properties"
KAFKA_SCRAM_USERNAME="${KAFKA_SCRAM_USERNAME:-}"
KAFKA_SCRAM_PASSWORD="${KAFKA_SCRAM_PASSWORD:-}"
KAFKA_SSL_PORT="${KAFKA_SSL_PORT:-}"
KAFKA_SSL_KEYSTORE="${KAFKA_SSL_KEYSTORE:-}"
KAFKA_SSL_KEYSTORE_PASSWORD="${KAFKA_SSL_KEYSTORE_PASSWORD:-}"

log() { echo "kafka: $*"; }
# shellcheck source=processes.sh
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh"
die() {
  echo "kafka: $*" >&2
  exit 1
}

bootstrap() { echo "127.0.0.1:$KAFKA_PORT"; }

# A running broker listens on the port it was started with, whatever KAFKA_PORT says now.
use_recorded_port() {
  if [[ -f "$KAFKA_STATE_DIR/port" ]]; then KAFKA_PORT="$(cat "$KAFKA_STATE_DIR/port")"; fi
}

broker_classpath() {
  [[ -f "$CLASSPATH_FILE" ]] || die "no broker classpath at $CLASSPATH_FILE.
Resolve the Kafka jars from Maven Central first:  (cd $REPO_ROOT && mvn -q -pl deploy generate-resources)"
  cat "$CLASSPATH_FILE"
}

# Prints the broker pid when the pid file names a live broker of this state dir; a pid alone
# could have been reused by another process since.
broker_pid() {
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- " $SERVER_PROPERTIES " || return 1
  echo "$pid"
}

scram() { [[ -n "$KAFKA_SCRAM_USERNAME" ]]; }

# The SCRAM settings are written into server.properties and a --add-scram argument: both would
# need their own quoting for anything beyond these characters.
check_scram_settings() {
  if [[ -z "$KAFKA_SCRAM_USERNAME" && -z "$KAFKA_SCRAM_PASSWORD" ]]; then return 0; fi
  [[ -n "$KAFKA_SCRAM_USERNAME" && -n "$KAFKA_SCRAM_PASSWORD" ]] ||
    die "set both KAFKA_SCRAM_USERNAME and KAFKA_SCRAM_PASSWORD, or neither"
  local value
  for value in "$KAFKA_SCRAM_USERNAME" "$KAFKA_SCRAM_PASSWORD"; do
    [[ "$value" =~ ^[A-Za-z0-9._~-]+$ ]] ||
      die "KAFKA_SCRAM_USERNAME and KAFKA_SCRAM_PASSWORD may hold letters, digits and - _ . ~ only"
  done
}

# The JAAS line of a SCRAM login as the broker's user.
scram_login() {
  echo "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$KAFKA_SCRAM_USERNAME\" password=\"$KAFKA_SCRAM_PASSWORD\";"
}

tls_listener() { [[ -n "$KAFKA_SSL_PORT" ]]; }

check_tls_settings() {
  if [[ -z "$KAFKA_SSL_PORT$KAFKA_SSL_KEYSTORE$KAFKA_SSL_KEYSTORE_PASSWORD" ]]; then return 0; fi
  [[ -n "$KAFKA_SSL_PORT" && -n "$KAFKA_SSL_KEYSTORE" && -n "$KAFKA_SSL_KEYSTORE_PASSWORD" ]] ||
    die "set KAFKA_SSL_PORT, KAFKA_SSL_KEYSTORE and KAFKA_SSL_KEYSTORE_PASSWORD together, or none"
  [[ -r "$KAFKA_SSL_KEYSTORE" ]] || die "KAFKA_SSL_KEYSTORE names a file that cannot be read: $KAFKA_SSL_KEYSTORE"
  [[ "$KAFKA_SSL_KEYSTORE_PASSWORD" =~ ^[A-Za-z0-9._~-]+$ ]] ||
    die "KAFKA_SSL_KEYSTORE_PASSWORD may hold letters, digits and - _ . ~ only"
  port_in_use "$KAFKA_SSL_PORT" && die "port $KAFKA_SSL_PORT is taken by another process: set KAFKA_SSL_PORT"
  return 0
}

# The client listeners: PLAINTEXT on KAFKA_PORT (SASL_PLAINTEXT with SCRAM) and, with a key store,
# SSL on KAFKA_SSL_PORT (SASL_SSL with SCRAM). The broker talks to itself on the first; the
# controller listener stays on loopback in PLAINTEXT.
client_listener_properties() {
  local plain=PLAINTEXT tls=SSL listener mechanism
  if scram; then
    plain=SASL_PLAINTEXT
    tls=SASL_SSL
  fi
  local listeners="$plain://127.0.0.1:$KAFKA_PORT" map="$plain:$plain,CONTROLLER:PLAINTEXT"
  local sasl_listeners=(sasl_plaintext)
  if tls_listener; then
    listeners+=",$tls://127.0.0.1:$KAFKA_SSL_PORT"
    map+=",$tls:$tls"
    sasl_listeners+=(sasl_ssl)
  fi
  cat <<EOF
listeners=$listeners,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=$listeners,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
inter.broker.listener.name=$plain
listener.security.protocol.map=$map
EOF
  if tls_listener; then
    cat <<EOF
ssl.keystore.type=PKCS12
ssl.keystore.location=$KAFKA_SSL_KEYSTORE
ssl.keystore.password=$KAFKA_SSL_KEYSTORE_PASSWORD
EOF
  fi
  if scram; then
    echo "sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512"
    echo "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512"
    for listener in "${sasl_listeners[@]}"; do
      for mechanism in scram-sha-256 scram-sha-512; do
        echo "listener.name.$listener.$mechanism.sasl.jaas.config=$(scram_login)"
      done
    done
  fi
}

write_server_properties() {
  (umask 077 && : >"$SERVER_PROPERTIES")
  cat >"$SERVER_PROPERTIES" <<EOF
# Written by deploy/local/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
$(client_listener_properties)
log.dirs=$KAFKA_STATE_DIR/data
num.partitions=2
auto.create.topics.enable=true
# One broker: internal topics cannot have more than one replica.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Consumers of a new group start at once instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0
EOF
}

write_log4j_configs() {
  cat >"$KAFKA_STATE_DIR/log4j2.properties" <<EOF
# The broker's log: logs/server.log, rolled at 50 MB, three files kept.
status = warn
appender.server.type = RollingFile
appender.server.name = server
appender.server.fileName = $KAFKA_STATE_DIR/logs/server.log
appender.server.filePattern = $KAFKA_STATE_DIR/logs/server.log.%i
appender.server.layout.type = PatternLayout
appender.server.layout.pattern = [%d] %p %m (%c)%n
appender.server.policies.type = Policies
appender.server.policies.size.type = SizeBasedTriggeringPolicy
appender.server.policies.size.size = 50MB
appender.server.strategy.type = DefaultRolloverStrategy
appender.server.strategy.max = 3
rootLogger.level = INFO
rootLogger.appenderRef.server.ref = server
logger.request.name = kafka.request.logger
logger.request.level = WARN
EOF
  cat >"$KAFKA_STATE_DIR/tools-log4j2.properties" <<'EOF'
# Command-line tools run by this script: warnings and errors only, on stderr.
status = warn
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stderr.ref = stderr
EOF
  (umask 077 && : >"$KAFKA_STATE_DIR/readiness-client.properties")
  cat >"$KAFKA_STATE_DIR/readiness-client.properties" <<'EOF'
# The readiness check retries on its own schedule: each attempt gives up quickly.
request.timeout.ms=5000
default.api.timeout.ms=10000
EOF
  if scram; then
    cat >>"$KAFKA_STATE_DIR/readiness-client.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$(scram_login)
EOF
  fi
}

run_tool() {
  local classpath=$1
  shift
  java -Xmx256m -Dlog4j2.configurationFile="$KAFKA_STATE_DIR/tools-log4j2.properties" \
    -cp "$classpath" "$@"
}

# KRaft storage is formatted once; the controller's address is part of the formatted quorum,
# so a later start on another controller port would not find its own quorum.
format_storage_once() {
  local classpath=$1 cluster_id formatted_port
  if [[ -f "$KAFKA_STATE_DIR/data/meta.properties" ]]; then
    formatted_port="$(cat "$KAFKA_STATE_DIR/controller-port" 2>/dev/null || echo "$KAFKA_CONTROLLER_PORT")"
    [[ "$formatted_port" == "$KAFKA_CONTROLLER_PORT" ]] ||
      die "$KAFKA_STATE_DIR was formatted for controller port $formatted_port: use that port or delete the folder"
    [[ "$(cat "$KAFKA_STATE_DIR/scram-user" 2>/dev/null)" == "$KAFKA_SCRAM_USERNAME" ]] ||
      die "$KAFKA_STATE_DIR was formatted with other SCRAM settings (KAFKA_SCRAM_USERNAME): use those or delete the folder"
    return 0
  fi
  # SCRAM credentials live in the cluster metadata: in KRaft they are stored at format time.
  local scram_arguments=()
  if scram; then
    local mechanism
    for mechanism in SCRAM-SHA-256 SCRAM-SHA-512; do
      scram_arguments+=(--add-scram "$mechanism=[name=$KAFKA_SCRAM_USERNAME,password=$KAFKA_SCRAM_PASSWORD]")
    done
  fi
  cluster_id="$(run_tool "$classpath" kafka.tools.StorageTool random-uuid)"
  run_tool "$classpath" kafka.tools.StorageTool format --standalone -t "$cluster_id" \
    -c "$SERVER_PROPERTIES" "${scram_arguments[@]}" >"$KAFKA_STATE_DIR/format.log" 2>&1 ||
    die "formatting the storage failed: $(cat "$KAFKA_STATE_DIR/format.log")"
  echo "$KAFKA_CONTROLLER_PORT" >"$KAFKA_STATE_DIR/controller-port"
  echo "$KAFKA_SCRAM_USERNAME" >"$KAFKA_STATE_DIR/scram-user"
}

launch() {
  local classpath=$1
  # A session of its own, like the Elasticsearch node: a Ctrl-C at the terminal is the caller's.
  nohup setsid java -Xms"$KAFKA_HEAP" -Xmx"$KAFKA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_STATE_DIR/log4j2.properties" \
    -cp "$classpath" kafka.Kafka "$SERVER_PROPERTIES" \
    </dev/null >>"$KAFKA_STATE_DIR/console.log" 2>&1 &
  echo $! >"$PID_FILE"
}

print_log_tail() {
  local file
  for file in "$KAFKA_STATE_DIR/console.log" "$KAFKA_STATE_DIR/readiness.log" \
    "$KAFKA_STATE_DIR/logs/server.log"; do
    [[ -s "$file" ]] || continue
    echo "---- last lines of $file" >&2
    tail -n 40 "$file" >&2
  done
}

fail_start() {
  echo "kafka: $1" >&2
  print_log_tail
  stop >/dev/null
  exit 1
}

# Ready means a client gets an answer: the port opens before the broker has joined its own
# quorum. pid is the broker being waited for; right after the fork it is not java yet, so only
# its liveness is checked here.
await_ready() {
  local classpath=$1 pid=$2 deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  until port_in_use "$KAFKA_PORT"; do
    kill -0 "$pid" 2>/dev/null || fail_start "the broker exited during start-up"
    ((SECONDS < deadline)) || fail_start "port $KAFKA_PORT not open after ${KAFKA_START_TIMEOUT}s"
    sleep 0.5
  done
  until run_tool "$classpath" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$(bootstrap)" --command-config "$KAFKA_STATE_DIR/readiness-client.properties" \
    --list >/dev/null 2>"$KAFKA_STATE_DIR/readiness.log"; do
    kill -0 "$pid" 2>/dev/null || fail_start "the broker exited during start-up"
    ((SECONDS < deadline)) || fail_start "no answer to a topic list after ${KAFKA_START_TIMEOUT}s"
    sleep 1
  done
}

start() {
  local pid classpath began=$SECONDS
  classpath="$(broker_classpath)"
  if pid="$(broker_pid)"; then
    use_recorded_port
    await_ready "$classpath" "$pid"
    log "already running at $(bootstrap) (pid $pid)"
    return 0
  fi
  check_scram_settings
  check_tls_settings
  port_in_use "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by another process: set KAFKA_PORT"
  port_in_use "$KAFKA_CONTROLLER_PORT" &&
    die "port $KAFKA_CONTROLLER_PORT is taken by another process: set KAFKA_CONTROLLER_PORT"
  mkdir -p "$KAFKA_STATE_DIR/data" "$KAFKA_STATE_DIR/logs"
  write_server_properties
  write_log4j_configs
  format_storage_once "$classpath"
  echo "$KAFKA_PORT" >"$KAFKA_STATE_DIR/port"
  log "starting, state in $KAFKA_STATE_DIR"
  launch "$classpath"
  await_ready "$classpath" "$(cat "$PID_FILE")"
  log "ready at $(bootstrap) (pid $(broker_pid), $((SECONDS - began))s)"
}

stop() {
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  terminate "$pid" "$KAFKA_STOP_TIMEOUT"
  rm -f "$PID_FILE"
  log "stopped (pid $pid)"
}

status() {
  local pid
  if ! pid="$(broker_pid)"; then
    log "not running"
    return 1
  fi
  use_recorded_port
  if ! port_in_use "$KAFKA_PORT"; then
    log "running (pid $pid) but not listening on $(bootstrap)"
    return 1
  fi
  log "running at $(bootstrap) (pid $pid)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: $0 start|stop|status" ;;
esac
