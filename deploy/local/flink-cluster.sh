#!/usr/bin/env bash
# A real standalone Flink session cluster on this machine: one JobManager and N TaskManagers, each
# its own JVM, run from the jars listed in .local/dist/flink-cluster.classpath by
# `mvn generate-resources` (deploy/flink-cluster/pom.xml), with RocksDB state and checkpoints and
# savepoints on a local directory that outlives the processes. No flink-dist needed.
#
# Usage:
#   deploy/local/flink-cluster.sh start [TASKMANAGERS]     JobManager + TASKMANAGERS [2] TaskManagers
#   deploy/local/flink-cluster.sh stop                     every process of this cluster
#   deploy/local/flink-cluster.sh status                   the cluster overview (JSON), 1 if down
#   deploy/local/flink-cluster.sh add-taskmanager          one more TaskManager
#   deploy/local/flink-cluster.sh kill-taskmanager [N]     kill -9 TaskManager N [the oldest alive]
#                                                          (its REST id is taskmanager-N)
#   deploy/local/flink-cluster.sh submit JAR [ARGS...]     runs the jar's job detached, prints its id;
#                                                          FLINK_RESTORE=<savepoint or checkpoint
#                                                          dir> starts it from that state
#   deploy/local/flink-cluster.sh stop-job JOB_ID          stops the job with a savepoint (tried again
#                                                          when Flink declines it), prints
#                                                          the savepoint's path
#   deploy/local/flink-cluster.sh list                     running and scheduled jobs
#
# The order tracking job:
#   deploy/local/flink-cluster.sh submit jobs/target/ordertrack-jobs-0.1.0-SNAPSHOT-job.jar \
#     --kafka.bootstrap.servers 127.0.0.1:9092 --elasticsearch.url http://127.0.0.1:9200
#   Credentials (ORDERTRACK_KAFKA_*, ORDERTRACK_ES_*; docs/configuration.md) go in the environment
#   of `submit`, never in the arguments, which the web UI shows: the job's main reads them there.
#
# Environment (defaults in brackets):
#   FLINK_STATE_DIR        conf/, logs/, checkpoints/, savepoints/, pid files [<repo>/.local/flink]
#   FLINK_REST_PORT        REST API and web UI on 127.0.0.1 [8081]
#   FLINK_RPC_PORT         JobManager RPC port [6123]
#   FLINK_SLOTS            task slots per TaskManager [2]
#   FLINK_PARALLELISM      parallelism of the jobs submitted [2]
#   FLINK_TM_MEMORY        process size of a TaskManager [1600m]
#   FLINK_JM_MEMORY        process size of the JobManager [768m]
#   FLINK_START_TIMEOUT    seconds to wait for the JobManager and TaskManagers [90]
#   FLINK_PROMETHEUS_PORTS ports of the processes' Prometheus metrics, one each [9250-9259]
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly CLASSPATH_FILE="$REPO_ROOT/.local/dist/flink-cluster.classpath"

FLINK_STATE_DIR="$(realpath -m "${FLINK_STATE_DIR:-$REPO_ROOT/.local/flink}")"
FLINK_REST_PORT="${FLINK_REST_PORT:-8081}"
FLINK_RPC_PORT="${FLINK_RPC_PORT:-6123}"
FLINK_PROMETHEUS_PORTS="${FLINK_PROMETHEUS_PORTS:-9250-9259}"
FLINK_SLOTS="${FLINK_SLOTS:-2}"
FLINK_PARALLELISM="${FLINK_PARALLELISM:-2}"
FLINK_TM_MEMORY="${FLINK_TM_MEMORY:-1600m}"
FLINK_JM_MEMORY="${FLINK_JM_MEMORY:-768m}"
FLINK_START_TIMEOUT="${FLINK_START_TIMEOUT:-90}"
readonly CONF_DIR="$FLINK_STATE_DIR/conf"
readonly LOG_DIR="$FLINK_STATE_DIR/logs"

# What flink-dist's config passes to every Flink JVM on Java 17, and the trusted package of the
# job's Avro classes (Avro 1.12.2 refuses to decode any other).
readonly JAVA_OPTS=(
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
  -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ordertrack.avro
)

log() { echo "flink-cluster: $*" >&2; }
# shellcheck source=processes.sh
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh"
die() {
  echo "flink-cluster: $*" >&2
  exit 1
}

cluster_classpath() {
  [[ -f "$CLASSPATH_FILE" ]] || die "no Flink classpath at $CLASSPATH_FILE.
Resolve the Flink jars from Maven Central first:  (cd $REPO_ROOT && mvn -q -pl deploy/flink-cluster generate-resources)"
  cat "$CLASSPATH_FILE"
}

rest() { curl -fsS --max-time 10 "http://127.0.0.1:$FLINK_REST_PORT$1"; }

# A running cluster answers on the port it was started with, whatever FLINK_REST_PORT says now.
use_recorded_port() {
  if [[ -f "$FLINK_STATE_DIR/rest-port" ]]; then FLINK_REST_PORT="$(cat "$FLINK_STATE_DIR/rest-port")"; fi
}

# Prints the pid of a pid file when it names a live process of this cluster's config dir.
live_pid() {
  local pid
  pid="$(cat "$1" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "--configDir $CONF_DIR" || return 1
  echo "$pid"
}

write_config() {
  mkdir -p "$CONF_DIR" "$LOG_DIR" "$FLINK_STATE_DIR/checkpoints" "$FLINK_STATE_DIR/savepoints"
  cat >"$CONF_DIR/config.yaml" <<EOF
# Written by deploy/local/flink-cluster.sh on every start; edit the script, not this file.
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $FLINK_RPC_PORT
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: $FLINK_JM_MEMORY
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.memory.process.size: $FLINK_TM_MEMORY
taskmanager.memory.managed.fraction: 0.25
taskmanager.numberOfTaskSlots: $FLINK_SLOTS
cluster.evenly-spread-out-slots: true
parallelism.default: $FLINK_PARALLELISM
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $FLINK_REST_PORT
web.upload.dir: $FLINK_STATE_DIR/uploads
# A lost TaskManager is noticed within seconds, not the default 50.
heartbeat.interval: 2000
heartbeat.timeout: 10000
state.backend.type: rocksdb
execution.checkpointing.incremental: true
execution.checkpointing.dir: file://$FLINK_STATE_DIR/checkpoints
execution.checkpointing.savepoint-dir: file://$FLINK_STATE_DIR/savepoints
execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
execution.checkpointing.num-retained: 3
restart-strategy.type: exponential-delay
restart-strategy.exponential-delay.initial-backoff: 1 s
restart-strategy.exponential-delay.max-backoff: 30 s
restart-strategy.exponential-delay.attempts-before-reset-backoff: 1000000
# Prometheus: each process serves /metrics on the first free port of the range (JobManager and
# TaskManagers alike, so the range must hold one port per process).
metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
metrics.reporter.prom.port: $FLINK_PROMETHEUS_PORTS
EOF
  cat >"$CONF_DIR/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
EOF
  echo "$FLINK_REST_PORT" >"$FLINK_STATE_DIR/rest-port"
}

# The JVM flags (first line) and -D properties (second line) Flink derives from its memory
# configuration; flink-dist's scripts get them the same way.
resource_params() {
  java -cp "$(cluster_classpath)" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" \
    --configDir "$CONF_DIR" 2>/dev/null | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

# Starts one Flink process in the background; $1 names its pid and log files, $2 is its main class,
# $3 what BashJavaUtils derives its memory from, the rest are more -D properties.
launch() {
  local name=$1 main_class=$2 params_kind=$3 params jvm_flags dynamic
  shift 3
  params="$(resource_params "$params_kind")"
  jvm_flags="$(sed -n 1p <<<"$params")"
  dynamic="$(sed -n 2p <<<"$params")"
  [[ -n "$jvm_flags" ]] || die "could not derive the memory settings of $name (see $CONF_DIR/config.yaml)"
  # shellcheck disable=SC2086 # the derived flags are space-separated words
  nohup java $jvm_flags "${JAVA_OPTS[@]}" \
    -Dlog.file="$LOG_DIR/$name.log" -Dlog4j.configurationFile="file:$CONF_DIR/log4j.properties" \
    -cp "$(cluster_classpath)" "$main_class" --configDir "$CONF_DIR" $dynamic "$@" \
    >"$LOG_DIR/$name.out" 2>&1 </dev/null &
  echo $! >"$FLINK_STATE_DIR/$name.pid"
}

taskmanager_pid_files() {
  find "$FLINK_STATE_DIR" -maxdepth 1 -name 'taskmanager-*.pid' 2>/dev/null | sort -t- -k2 -n
}

registered_taskmanagers() {
  local body
  body="$(rest /taskmanagers 2>/dev/null)" || body=""
  grep -o '"slotsNumber":' <<<"$body" | wc -l
}

await_taskmanagers() {
  local wanted=$1 deadline=$((SECONDS + FLINK_START_TIMEOUT))
  until [[ "$(registered_taskmanagers)" -ge "$wanted" ]]; do
    ((SECONDS < deadline)) || die "fewer than $wanted TaskManagers registered after ${FLINK_START_TIMEOUT}s (logs: $LOG_DIR)"
    sleep 1
  done
}

alive_taskmanagers() {
  local count=0 file
  for file in $(taskmanager_pid_files); do
    if live_pid "$file" >/dev/null; then count=$((count + 1)); fi
  done
  echo "$count"
}

# TaskManagers are numbered in the order they start, never reusing the number of a dead one.
add_taskmanager() {
  local counter="$FLINK_STATE_DIR/taskmanagers-started" next
  next=$(($(cat "$counter" 2>/dev/null || echo 0) + 1))
  echo "$next" >"$counter"
  # The resource id names the TaskManager in the REST API and web UI as its pid file does here.
  launch "taskmanager-$next" org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS \
    -D "taskmanager.resource-id=taskmanager-$next"
  log "TaskManager $next started (pid $(cat "$FLINK_STATE_DIR/taskmanager-$next.pid"))"
}

start() {
  local taskmanagers=${1:-2} i
  if live_pid "$FLINK_STATE_DIR/jobmanager.pid" >/dev/null; then
    use_recorded_port
    log "already running (REST on 127.0.0.1:$FLINK_REST_PORT)"
    return 0
  fi
  if port_in_use "$FLINK_REST_PORT"; then die "port $FLINK_REST_PORT is taken by another process"; fi
  rm -f "$FLINK_STATE_DIR"/*.pid "$FLINK_STATE_DIR/taskmanagers-started"
  write_config
  launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS
  local deadline=$((SECONDS + FLINK_START_TIMEOUT))
  until rest /overview >/dev/null 2>&1; do
    live_pid "$FLINK_STATE_DIR/jobmanager.pid" >/dev/null || die "the JobManager exited (see $LOG_DIR/jobmanager.log)"
    ((SECONDS < deadline)) || die "the JobManager did not answer within ${FLINK_START_TIMEOUT}s"
    sleep 1
  done
  for ((i = 0; i < taskmanagers; i++)); do add_taskmanager; done
  await_taskmanagers "$taskmanagers"
  log "up: REST and web UI on http://127.0.0.1:$FLINK_REST_PORT, $taskmanagers TaskManagers, state in $FLINK_STATE_DIR"
}

stop() {
  local file pid
  for file in $(taskmanager_pid_files) "$FLINK_STATE_DIR/jobmanager.pid"; do
    if pid="$(live_pid "$file")"; then terminate "$pid" 30; fi
    rm -f "$file"
  done
  log "stopped"
}

kill_taskmanager() {
  local wanted=${1:-} file pid
  for file in $(taskmanager_pid_files); do
    if [[ -n "$wanted" && "$file" != "$FLINK_STATE_DIR/taskmanager-$wanted.pid" ]]; then continue; fi
    if pid="$(live_pid "$file")"; then
      kill -KILL "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
      rm -f "$file"
      log "killed $(basename "$file" .pid) (pid $pid) with SIGKILL"
      return 0
    fi
  done
  die "no live TaskManager ${wanted:+number $wanted }to kill"
}

# Flink's command-line client, pointed at this cluster.
client() {
  FLINK_CONF_DIR="$CONF_DIR" java "${JAVA_OPTS[@]}" -Dlog4j.configurationFile="file:$CONF_DIR/log4j.properties" \
    -Dlog.file="$LOG_DIR/client.log" -cp "$(cluster_classpath)" org.apache.flink.client.cli.CliFrontend "$@"
}

submit() {
  [[ $# -ge 1 && -f "$1" ]] || die "submit needs the job jar (build it: mvn -q -pl jobs -am package -DskipTests)"
  local jar=$1 output
  shift
  local restore=()
  if [[ -n "${FLINK_RESTORE:-}" ]]; then restore=(--fromSavepoint "$FLINK_RESTORE"); fi
  output="$(client run --detached "${restore[@]}" "$jar" "$@" 2>&1)" || die "submission failed: $output"
  grep -o 'JobID [0-9a-f]\{32\}' <<<"$output" | awk '{print $2}'
}

# Flink can decline a stop's savepoint (a task closing while it is taken); the job then restarts
# from its latest checkpoint and keeps running, so the stop is tried again once it runs.
stop_job() {
  [[ $# -eq 1 ]] || die "stop-job needs a job id"
  local job=$1 attempt output
  for attempt in 1 2 3; do
    if output="$(client stop --savepointPath "file://$FLINK_STATE_DIR/savepoints" "$job" 2>&1)"; then
      grep -o 'Savepoint completed\. Path: [^ ]*' <<<"$output" | sed 's/.*Path: //'
      return 0
    fi
    log "stop with savepoint failed (attempt $attempt): $(grep -m1 -o 'Caused by: .*' <<<"$output" || true)"
    await_job_running "$job" || break
  done
  die "stop with savepoint failed: $output"
}

# Waits up to two minutes until every task of the job runs again; fails if the job ended. The
# failover of a declined stop may not have begun when the stop returns: a few seconds first.
await_job_running() {
  local deadline=$((SECONDS + 120)) state
  sleep 5
  while ((SECONDS < deadline)); do
    state="$(rest "/jobs/$1" 2>/dev/null)" || return 1
    if grep -q '"state":"RUNNING"' <<<"$state" &&
      ! grep -Eq '"status":"(CREATED|SCHEDULED|DEPLOYING|INITIALIZING|CANCELING|FAILED)"' <<<"$state"; then
      return 0
    fi
    grep -Eq '"state":"(FAILED|CANCELED|FINISHED)"' <<<"$state" && return 1
    sleep 1
  done
  return 1
}

command="${1:-}"
shift || true
case "$command" in
  start) start "$@" ;;
  stop) stop ;;
  status)
    use_recorded_port
    rest /overview && echo || { log "not running"; exit 1; }
    ;;
  add-taskmanager)
    use_recorded_port
    before="$(alive_taskmanagers)"
    add_taskmanager
    await_taskmanagers $((before + 1))
    ;;
  kill-taskmanager) kill_taskmanager "$@" ;;
  submit) use_recorded_port; submit "$@" ;;
  stop-job) use_recorded_port; stop_job "$@" ;;
  list) use_recorded_port; client list ;;
  *)
    echo "usage: $0 start [TASKMANAGERS]|stop|status|add-taskmanager|kill-taskmanager [N]|submit JAR [ARGS...]|stop-job JOB_ID|list" >&2
    exit 2
    ;;
esac
