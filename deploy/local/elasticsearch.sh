#!/usr/bin/env bash
# A real single-node Elasticsearch, started from the distribution that `mvn generate-resources`
# unpacks into .local/dist (deploy/pom.xml).
#
# Usage: deploy/local/elasticsearch.sh start|stop|status
#
# Environment (defaults in brackets):
#   ES_STATE_DIR       data/, logs/, tmp/, config/, pid file, console log [<repo>/.local/elasticsearch]
#   ES_HTTP_PORT       HTTP port on 127.0.0.1 [9200]
#   ES_TRANSPORT_PORT  transport port on 127.0.0.1 [9300]
#   ES_HEAP            JVM heap [512m]
#   ES_DIST_DIR        unpacked distribution [<repo>/.local/dist/elasticsearch-8.19.7]
#   ES_JAVA_HOME       Java 17+ home [home of the java on PATH]
#   ES_START_TIMEOUT   seconds to wait for a yellow cluster [120]
#   ES_STOP_TIMEOUT    seconds to wait after SIGTERM before SIGKILL [30]
#   ES_USER            unprivileged user that runs Elasticsearch when started as root [ordertrack]
#   ES_OWNER_PID       optional: stop the instance once this process has exited (test JVMs)
#   ES_USERNAME        with ES_PASSWORD: security on, and this one user (file realm, superuser)
#   ES_PASSWORD        must log in to every request; letters, digits and - _ . ~ only. Clients
#                      then need ORDERTRACK_ES_USERNAME and ORDERTRACK_ES_PASSWORD (see
#                      docs/configuration.md). [unset: security off]
#   ES_TLS_KEYSTORE    with ES_TLS_KEYSTORE_PASSWORD and ES_TLS_CA_FILE, and security on: HTTP
#   ES_TLS_KEYSTORE_PASSWORD  speaks TLS only (https://), with the key and certificate of this
#   ES_TLS_CA_FILE     PKCS12 file (copied into the node's config; its password goes to the node's
#                      secure settings, never to its command line). ES_TLS_CA_FILE is the PEM of
#                      the CA that signed it, which the script's own health checks trust (needs
#                      curl); clients trust the node with it as ORDERTRACK_ES_CA_FILE.
#                      [unset: plain HTTP]
#
# Elasticsearch refuses to run as root. As root this script creates ES_USER once and runs the
# server as that user; when that user cannot reach the distribution or the state dir (a repo
# under /root, mode 700), it works from a copy under /var/tmp/ordertrack and records where in
# ES_STATE_DIR/run-dir. Each instance gets its own config/ copy, so several instances (tests and
# a local run) can share one read-only distribution.
set -euo pipefail

readonly ES_VERSION=8.19.7
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly SHARED_DIR=/var/tmp/ordertrack

ES_STATE_DIR="$(realpath -m "${ES_STATE_DIR:-$REPO_ROOT/.local/elasticsearch}")"
ES_DIST_DIR="$(realpath -m "${ES_DIST_DIR:-$REPO_ROOT/.local/dist/elasticsearch-$ES_VERSION}")"
ES_HTTP_PORT="${ES_HTTP_PORT:-9200}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-9300}"
ES_HEAP="${ES_HEAP:-512m}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-120}"
ES_STOP_TIMEOUT="${ES_STOP_TIMEOUT:-30}"
ES_USER="${ES_USER:-ordertrack}"
ES_USERNAME="${ES_USERNAME:-}"
ES_PASSWORD="${ES_PASSWORD:-}"
ES_TLS_KEYSTORE="${ES_TLS_KEYSTORE:-}"
ES_TLS_KEYSTORE_PASSWORD="${ES_TLS_KEYSTORE_PASSWORD:-}"
ES_TLS_CA_FILE="${ES_TLS_CA_FILE:-}"

log() { echo "elasticsearch: $*"; }
# shellcheck source=processes.sh
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh"
die() {
  echo "elasticsearch: $*" >&2
  exit 1
}

url() {
  if tls; then echo "https://127.0.0.1:$ES_HTTP_PORT"; else echo "http://127.0.0.1:$ES_HTTP_PORT"; fi
}

secured() { [[ -n "$ES_USERNAME" ]]; }

tls() { [[ -n "$ES_TLS_KEYSTORE" ]]; }

check_security_settings() {
  if [[ -z "$ES_USERNAME$ES_PASSWORD" ]]; then return 0; fi
  [[ -n "$ES_USERNAME" && -n "$ES_PASSWORD" ]] || die "set both ES_USERNAME and ES_PASSWORD, or neither"
  local value
  for value in "$ES_USERNAME" "$ES_PASSWORD"; do
    [[ "$value" =~ ^[A-Za-z0-9._~-]+$ ]] || die "ES_USERNAME and ES_PASSWORD may hold letters, digits and - _ . ~ only"
  done
  [[ ${#ES_PASSWORD} -ge 6 ]] || die "ES_PASSWORD must have at least 6 characters"
}

check_tls_settings() {
  if [[ -z "$ES_TLS_KEYSTORE$ES_TLS_KEYSTORE_PASSWORD$ES_TLS_CA_FILE" ]]; then return 0; fi
  [[ -n "$ES_TLS_KEYSTORE" && -n "$ES_TLS_KEYSTORE_PASSWORD" && -n "$ES_TLS_CA_FILE" ]] ||
    die "set ES_TLS_KEYSTORE, ES_TLS_KEYSTORE_PASSWORD and ES_TLS_CA_FILE together, or none"
  # Elasticsearch's TLS settings belong to its security feature, which is off without a user.
  secured || die "ES_TLS_KEYSTORE needs ES_USERNAME and ES_PASSWORD (security on)"
  [[ -r "$ES_TLS_KEYSTORE" ]] || die "ES_TLS_KEYSTORE names a file that cannot be read: $ES_TLS_KEYSTORE"
  [[ -r "$ES_TLS_CA_FILE" ]] || die "ES_TLS_CA_FILE names a file that cannot be read: $ES_TLS_CA_FILE"
  command -v curl >/dev/null || die "ES_TLS_KEYSTORE needs curl, which checks the node's health over https"
}

# The node's one user, (re)written into the file realm of the run dir's config before each start.
add_user() {
  local run=$1 java_home=$2
  local tool=(env -u JAVA_HOME ES_JAVA_HOME="$java_home" ES_PATH_CONF="$run/config"
    "$ES_DIST_DIR/bin/elasticsearch-users")
  "${tool[@]}" userdel "$ES_USERNAME" >/dev/null 2>&1 || true
  "${tool[@]}" useradd "$ES_USERNAME" -p "$ES_PASSWORD" -r superuser >/dev/null ||
    die "could not add the user $ES_USERNAME"
  if is_root; then chown -R "$ES_USER:" "$run/config"; fi
}

# The key store goes into the run dir's config, where the node may read files, and its password
# into the node's keystore (elasticsearch.keystore) through standard input, never an argument. The
# tool runs as the node's user: it will not rewrite a keystore that another user owns.
configure_tls() {
  local run=$1 java_home=$2
  local tool=(env -u JAVA_HOME ES_JAVA_HOME="$java_home" ES_PATH_CONF="$run/config"
    "$ES_DIST_DIR/bin/elasticsearch-keystore" add --force --stdin
    xpack.security.http.ssl.keystore.secure_password)
  install -m 600 "$ES_TLS_KEYSTORE" "$run/config/http.p12"
  if is_root; then
    chown -R "$ES_USER:" "$run/config"
    tool=(runuser -u "$ES_USER" -- "${tool[@]}")
  fi
  printf '%s' "$ES_TLS_KEYSTORE_PASSWORD" | "${tool[@]}" >/dev/null ||
    die "could not store the key store password in the node's keystore"
}

is_root() { [[ "$(id -u)" == 0 ]]; }

# A running instance answers on the port it was started with, whatever ES_HTTP_PORT says now.
use_recorded_port() {
  local run=$1
  if [[ -f "$run/http-port" ]]; then ES_HTTP_PORT="$(cat "$run/http-port")"; fi
}

# The folder the instance really lives in: the state dir itself or its relocated twin.
run_dir() {
  if [[ -f "$ES_STATE_DIR/run-dir" ]]; then
    cat "$ES_STATE_DIR/run-dir"
  else
    echo "$ES_STATE_DIR"
  fi
}

# Prints the server pid when the pid file names a live Elasticsearch of this run dir; a pid
# alone could have been reused by another process since.
instance_pid() {
  local run=$1 pid
  pid="$(cat "$run/elasticsearch.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  runs_in "$run" "$pid" || return 1
  echo "$pid"
}

# Every process of an instance (launcher and server) names the run dir's tmp in its arguments.
runs_in() {
  local run=$1 pid=$2
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-Djava.io.tmpdir=$run/tmp "
}

http_status() {
  local path=$1
  local authorization=""
  if secured; then
    authorization="Authorization: Basic $(printf '%s:%s' "$ES_USERNAME" "$ES_PASSWORD" | base64 -w0)"
  fi
  local trust=()
  if tls; then trust=(--cacert "$ES_TLS_CA_FILE"); fi
  if command -v curl >/dev/null; then
    # The header comes from standard input, not the command line other users can read.
    if [[ -n "$authorization" ]]; then printf 'header = "%s"\n' "$authorization"; fi |
      curl -s -K - "${trust[@]}" -o /dev/null -m 5 -w '%{http_code}' "$(url)$path" || true
  else
    if [[ -n "$authorization" ]]; then authorization+=$'\r\n'; fi
    # shellcheck disable=SC2016 # expanded by the inner bash
    timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "GET %s HTTP/1.0\r\n%s\r\n" "$2" "$3" >&3 &&
      read -r _ code _ <&3 && echo "$code"' _ "$ES_HTTP_PORT" "$path" "$authorization" 2>/dev/null || true
  fi
}

is_healthy() {
  [[ "$(http_status "/_cluster/health?wait_for_status=yellow&timeout=1s")" == 200 ]]
}

default_java_home() {
  local java
  java="$(command -v java)" || die "no java on PATH: set ES_JAVA_HOME to a Java 17+ home"
  dirname "$(dirname "$(readlink -f "$java")")"
}

require_dist() {
  [[ -x "$ES_DIST_DIR/bin/elasticsearch" ]] && return 0
  die "no Elasticsearch distribution at $ES_DIST_DIR.
Unpack it from Maven Central first:  (cd $REPO_ROOT && mvn -q -pl deploy generate-resources)"
}

# Root only: the unprivileged user, a distribution it can read, and no orphaned state copies.
prepare_root() {
  mkdir -p "$SHARED_DIR"
  chmod 755 "$SHARED_DIR"
  (
    flock 9
    id -u "$ES_USER" >/dev/null 2>&1 ||
      useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
    if ! runuser -u "$ES_USER" -- test -r "$ES_DIST_DIR/lib/elasticsearch-$ES_VERSION.jar"; then
      copy_dist_for_es_user
    fi
    prune_orphaned_state
  ) 9>"$SHARED_DIR/.lock"
  if ! runuser -u "$ES_USER" -- test -r "$ES_DIST_DIR/lib/elasticsearch-$ES_VERSION.jar"; then
    ES_DIST_DIR="$SHARED_DIR/elasticsearch-$ES_VERSION"
  fi
}

copy_dist_for_es_user() {
  local copy="$SHARED_DIR/elasticsearch-$ES_VERSION"
  [[ -f "$copy/.copied" ]] && return 0
  log "copying the distribution to $copy, where $ES_USER can read it"
  rm -rf "$copy" "$copy.partial"
  cp -a "$ES_DIST_DIR" "$copy.partial"
  chown -R "$ES_USER:" "$copy.partial"
  touch "$copy.partial/.copied"
  mv "$copy.partial" "$copy"
}

# Relocated state whose requested state dir is gone (e.g. a test's target/ after `mvn clean`).
prune_orphaned_state() {
  local dir requested
  for dir in "$SHARED_DIR"/state/*/; do
    [[ -f "$dir/requested-dir" ]] || continue
    requested="$(cat "$dir/requested-dir")"
    [[ -d "$requested" ]] && continue
    instance_pid "${dir%/}" >/dev/null && continue
    rm -rf "$dir"
  done
}

# Decides the run dir, creates it owned by the user that runs Elasticsearch, prints it.
prepare_run_dir() {
  mkdir -p "$ES_STATE_DIR"
  local run="$ES_STATE_DIR"
  if is_root; then
    if runuser -u "$ES_USER" -- test -x "$(dirname "$ES_STATE_DIR")"; then
      chown "$ES_USER:" "$ES_STATE_DIR"
      rm -f "$ES_STATE_DIR/run-dir"
    else
      run="$SHARED_DIR/state/$(echo -n "$ES_STATE_DIR" | sha256sum | cut -c1-16)"
      install -d -o "$ES_USER" -m 755 "$SHARED_DIR/state" "$run"
      echo "$ES_STATE_DIR" >"$run/requested-dir"
      echo "$run" >"$ES_STATE_DIR/run-dir"
    fi
  fi
  mkdir -p "$run/data" "$run/logs" "$run/tmp"
  if [[ ! -f "$run/config/jvm.options" ]]; then
    rm -rf "$run/config"
    cp -r "$ES_DIST_DIR/config" "$run/config"
  fi
  if is_root; then
    chown -R "$ES_USER:" "$run/config" "$run/data" "$run/logs" "$run/tmp"
  fi
  echo "$run"
}

# Runs the CLI: with -d it detaches the server once the node has started, and exits. exec keeps
# the launcher's pid the one the caller holds, so a start that times out can still stop it.
launch() {
  local run=$1 java_home=$2
  local security=(-E xpack.security.enabled=false)
  if secured; then
    security=(-E xpack.security.enabled=true -E xpack.security.transport.ssl.enabled=false)
    if tls; then
      security+=(-E xpack.security.http.ssl.enabled=true -E xpack.security.http.ssl.keystore.path=http.p12)
    else
      security+=(-E xpack.security.http.ssl.enabled=false)
    fi
  fi
  local cli=(env -u JAVA_HOME
    ES_JAVA_HOME="$java_home"
    ES_PATH_CONF="$run/config"
    ES_TMPDIR="$run/tmp"
    ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP"
    CLI_JAVA_OPTS="-Djava.io.tmpdir=$run/tmp"
    "$ES_DIST_DIR/bin/elasticsearch" -d -p "$run/elasticsearch.pid"
    -E discovery.type=single-node
    "${security[@]}"
    -E network.host=127.0.0.1
    -E http.port="$ES_HTTP_PORT"
    -E transport.port="$ES_TRANSPORT_PORT"
    -E cluster.routing.allocation.disk.threshold_enabled=false
    -E path.data="$run/data"
    -E path.logs="$run/logs")
  cd "$run"
  exec </dev/null >>"$run/console.log" 2>&1
  # A session of its own: a Ctrl-C typed at a terminal that runs this script (deploy/local/run.sh)
  # must not reach the node, which the caller stops in its turn, after what still writes to it.
  if is_root; then
    exec setsid -w runuser -u "$ES_USER" -- "${cli[@]}"
  fi
  exec setsid -w "${cli[@]}"
}

print_log_tail() {
  local run=$1 file
  for file in "$run/console.log" "$run/logs/elasticsearch.log"; do
    [[ -f "$file" ]] || continue
    echo "---- last lines of $file" >&2
    tail -n 40 "$file" >&2
  done
}

fail_start() {
  local run=$1 reason=$2
  echo "elasticsearch: $reason" >&2
  print_log_tail "$run"
  stop_instance "$run" >/dev/null
  kill_leftovers "$run"
  exit 1
}

# A launcher stopped mid-start may leave a server that has not written its pid file yet.
kill_leftovers() {
  local run=$1 cmdline pid
  for cmdline in /proc/[0-9]*/cmdline; do
    pid="${cmdline#/proc/}"
    pid="${pid%/cmdline}"
    if runs_in "$run" "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  done
}

# Polls until the cluster is yellow. cli_pid is the launcher still running, if any; once it is
# gone, the server must be alive.
await_health() {
  local run=$1 cli_pid=${2:-} status=0
  local deadline=$((SECONDS + ES_START_TIMEOUT))
  until is_healthy; do
    if [[ -n "$cli_pid" ]] && ! kill -0 "$cli_pid" 2>/dev/null; then
      wait "$cli_pid" || status=$?
      cli_pid=""
      ((status == 0)) || fail_start "$run" "the launcher exited with status $status"
    fi
    if [[ -z "$cli_pid" ]] && ! instance_pid "$run" >/dev/null; then
      fail_start "$run" "the server process is gone"
    fi
    ((SECONDS < deadline)) || fail_start "$run" "not healthy after ${ES_START_TIMEOUT}s"
    sleep 1
  done
  if [[ -n "$cli_pid" ]]; then wait "$cli_pid" || true; fi
}

# A test JVM killed outright never runs its shutdown hook; this watch stops its server anyway.
# The owner is looked up in /proc: kill -0 fails for a live owner of another user (EPERM).
stop_when_owner_exits() {
  local run=$1 pid=$2
  (
    while [[ -d "/proc/$ES_OWNER_PID" ]] && kill -0 "$pid" 2>/dev/null; do sleep 2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "owner process $ES_OWNER_PID has exited"
      stop_instance "$run"
    fi
  ) </dev/null >>"$run/console.log" 2>&1 &
}

start() {
  local run pid cli_pid java_home began=$SECONDS
  run="$(run_dir)"
  if pid="$(instance_pid "$run")"; then
    use_recorded_port "$run"
    await_health "$run"
    log "already running at $(url) (pid $pid)"
    return 0
  fi
  require_dist
  check_security_settings
  check_tls_settings
  port_in_use "$ES_HTTP_PORT" && die "port $ES_HTTP_PORT is taken by another process: set ES_HTTP_PORT"
  port_in_use "$ES_TRANSPORT_PORT" &&
    die "port $ES_TRANSPORT_PORT is taken by another process: set ES_TRANSPORT_PORT"
  java_home="${ES_JAVA_HOME:-$(default_java_home)}"
  if is_root; then prepare_root; fi
  run="$(prepare_run_dir)"
  if secured; then add_user "$run" "$java_home"; fi
  if tls; then configure_tls "$run" "$java_home"; fi
  rm -f "$run/elasticsearch.pid"
  echo "$ES_HTTP_PORT" >"$run/http-port"
  log "starting from $ES_DIST_DIR, state in $run"
  (launch "$run" "$java_home") &
  cli_pid=$!
  await_health "$run" "$cli_pid"
  pid="$(instance_pid "$run")" || fail_start "$run" "the server process is gone"
  if [[ -n "${ES_OWNER_PID:-}" ]]; then stop_when_owner_exits "$run" "$pid"; fi
  log "ready at $(url) (pid $pid, $((SECONDS - began))s)"
}

stop_instance() {
  local run=$1 pid
  if ! pid="$(instance_pid "$run")"; then
    rm -f "$run/elasticsearch.pid"
    log "not running"
    return 0
  fi
  terminate "$pid" "$ES_STOP_TIMEOUT"
  rm -f "$run/elasticsearch.pid"
  log "stopped (pid $pid)"
}

status() {
  local run pid
  run="$(run_dir)"
  if ! pid="$(instance_pid "$run")"; then
    log "not running"
    return 1
  fi
  use_recorded_port "$run"
  if ! is_healthy; then
    log "running (pid $pid) but not healthy at $(url)"
    return 1
  fi
  log "running at $(url) (pid $pid)"
}

case "${1:-}" in
  start) start ;;
  stop) stop_instance "$(run_dir)" ;;
  status) status ;;
  *) die "usage: $0 start|stop|status" ;;
esac
