#!/usr/bin/env bash
# A real single PostgreSQL server from Debian's packages, for the peer benchmark
# (deploy/local/postgres-peer.sh): the way most order systems keep their orders.
#
# Usage: deploy/local/postgres.sh start|stop|status
#
# Environment (defaults in brackets):
#   POSTGRES_STATE_DIR       cluster (data/), server log, Unix socket [<repo>/.local/postgres]
#   POSTGRES_PORT            TCP port on 127.0.0.1 [5433]
#   POSTGRES_BIN_DIR         server binaries [the newest /usr/lib/postgresql/*/bin]
#   POSTGRES_SHARED_BUFFERS  shared_buffers [256MB]
#   POSTGRES_START_TIMEOUT   seconds to wait for the server to accept connections [60]
#   POSTGRES_STOP_TIMEOUT    seconds to wait for a fast shutdown before an immediate one [30]
#   POSTGRES_OS_USER         unprivileged user that runs the server when started as root
#                            [$ES_USER, else ordertrack: the user of elasticsearch.sh]
#
# When no server binaries are found, root installs Debian's `postgresql` package with apt-get
# (without the cluster "main" on port 5432 that Debian would otherwise create and start); any
# other user is told to. The cluster is created once with initdb. Clients reach the database
# `ordertrack` as role ordertrack, password ordertrack:
#   jdbc:postgresql://127.0.0.1:5433/ordertrack?user=ordertrack&password=ordertrack
# The superuser `postgres` answers only on the Unix socket in the state dir (trust), e.g.
#   psql -h <state dir> -p 5433 -U postgres ordertrack
#
# PostgreSQL refuses to run as root. As root this script runs initdb, pg_ctl and psql as
# POSTGRES_OS_USER, creating it once as elasticsearch.sh does; when that user cannot reach the
# state dir (a repo under /root, mode 700), the cluster lives under /var/tmp/ordertrack/postgres
# instead and POSTGRES_STATE_DIR/run-dir says where.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly REPO_ROOT
readonly SHARED_DIR=/var/tmp/ordertrack
readonly DATABASE=ordertrack
readonly DB_USER=ordertrack
readonly DB_PASSWORD=ordertrack
# A Unix socket path is at most 107 bytes: "<dir>/.s.PGSQL.<port>" must fit.
readonly MAX_SOCKET_DIR_LENGTH=90

POSTGRES_STATE_DIR="$(realpath -m "${POSTGRES_STATE_DIR:-$REPO_ROOT/.local/postgres}")"
POSTGRES_PORT="${POSTGRES_PORT:-5433}"
POSTGRES_SHARED_BUFFERS="${POSTGRES_SHARED_BUFFERS:-256MB}"
POSTGRES_START_TIMEOUT="${POSTGRES_START_TIMEOUT:-60}"
POSTGRES_STOP_TIMEOUT="${POSTGRES_STOP_TIMEOUT:-30}"
POSTGRES_OS_USER="${POSTGRES_OS_USER:-${ES_USER:-ordertrack}}"

log() { echo "postgres: $*"; }
# shellcheck source=processes.sh
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh"
die() {
  echo "postgres: $*" >&2
  exit 1
}

is_root() { [[ "$(id -u)" == 0 ]]; }

# The newest server of Debian's layout (/usr/lib/postgresql/<major>/bin), or nothing.
find_bin_dir() {
  if [[ -n "${POSTGRES_BIN_DIR:-}" ]]; then
    echo "$POSTGRES_BIN_DIR"
    return 0
  fi
  local server
  server="$(printf '%s\n' /usr/lib/postgresql/*/bin/postgres | sort -V | tail -n 1)"
  [[ -x "$server" ]] && dirname "$server"
}

apt_install() {
  local quiet=(-y -q --no-install-recommends -o Dpkg::Options::=--force-confdef
    -o Dpkg::Options::=--force-confold)
  # A machine whose package lists were never fetched finds nothing to install.
  apt-get install "${quiet[@]}" "$@" || { apt-get update -q && apt-get install "${quiet[@]}" "$@"; }
}

# Debian's server package creates a cluster "main" on port 5432 and starts it, unless
# createcluster.conf (written by postgresql-common) says not to: this stack runs its own cluster.
install_server() {
  is_root || die "no PostgreSQL server found (looked for /usr/lib/postgresql/*/bin/postgres).
Install Debian's package as root first:  apt-get install postgresql
or point POSTGRES_BIN_DIR at the bin folder of a PostgreSQL server."
  log "no PostgreSQL server found: installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt_install postgresql-common >"$POSTGRES_STATE_DIR/apt-get.log" 2>&1 ||
    die "apt-get install postgresql-common failed: see $POSTGRES_STATE_DIR/apt-get.log"
  local conf=/etc/postgresql-common/createcluster.conf
  if grep -qE '^\s*#?\s*create_main_cluster' "$conf" 2>/dev/null; then
    sed -i -E 's/^\s*#?\s*create_main_cluster.*/create_main_cluster = false/' "$conf"
  else
    echo "create_main_cluster = false" >>"$conf"
  fi
  apt_install postgresql >>"$POSTGRES_STATE_DIR/apt-get.log" 2>&1 ||
    die "apt-get install postgresql failed: see $POSTGRES_STATE_DIR/apt-get.log"
  find_bin_dir >/dev/null || die "postgresql is installed but no /usr/lib/postgresql/*/bin/postgres"
}

# The folder the cluster really lives in: the state dir itself or its relocated twin.
run_dir() {
  if [[ -f "$POSTGRES_STATE_DIR/run-dir" ]]; then
    cat "$POSTGRES_STATE_DIR/run-dir"
  else
    echo "$POSTGRES_STATE_DIR"
  fi
}

# Runs a command in the run dir as the user that owns the cluster.
as_owner() {
  local run=$1
  shift
  if is_root; then
    (cd "$run" && runuser -u "$POSTGRES_OS_USER" -- "$@")
  else
    (cd "$run" && "$@")
  fi
}

# Prints the server pid when postmaster.pid names a live postgres of this cluster; a pid alone
# could have been reused by another process since.
instance_pid() {
  local run=$1 pid
  pid="$(head -n 1 "$run/data/postmaster.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$run/data" || return 1
  echo "$pid"
}

# A running server listens on the port it was started with (line 4 of postmaster.pid).
use_running_port() {
  local run=$1 port
  port="$(sed -n 4p "$run/data/postmaster.pid" 2>/dev/null)" || return 0
  if [[ "$port" =~ ^[0-9]+$ ]]; then POSTGRES_PORT=$port; fi
}

jdbc_url() {
  echo "jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/$DATABASE?user=$DB_USER&password=$DB_PASSWORD"
}

# Root only: the unprivileged user, created once (the same user as elasticsearch.sh's).
prepare_root() {
  mkdir -p "$SHARED_DIR"
  chmod 755 "$SHARED_DIR"
  (
    flock 9
    id -u "$POSTGRES_OS_USER" >/dev/null 2>&1 ||
      useradd --system --no-create-home --shell /usr/sbin/nologin "$POSTGRES_OS_USER"
  ) 9>"$SHARED_DIR/.lock"
}

# Decides the run dir, creates it owned by the user that runs the server, prints it.
prepare_run_dir() {
  local run="$POSTGRES_STATE_DIR"
  if is_root; then
    if runuser -u "$POSTGRES_OS_USER" -- test -x "$(dirname "$POSTGRES_STATE_DIR")"; then
      rm -f "$POSTGRES_STATE_DIR/run-dir"
    else
      run="$SHARED_DIR/postgres/$(echo -n "$POSTGRES_STATE_DIR" | sha256sum | cut -c1-16)"
      install -d -m 755 "$SHARED_DIR/postgres"
      echo "$run" >"$POSTGRES_STATE_DIR/run-dir"
    fi
    install -d -o "$POSTGRES_OS_USER" -m 700 "$run"
  else
    install -d -m 700 "$run"
  fi
  ((${#run} <= MAX_SOCKET_DIR_LENGTH)) ||
    die "state dir $run is too long for a Unix socket path: set POSTGRES_STATE_DIR"
  echo "$run"
}

# The cluster is created once; a cluster of another major version cannot be started.
init_cluster_once() {
  local run=$1 bin=$2 major
  major="$(basename "$(dirname "$bin")")"
  if [[ -f "$run/data/PG_VERSION" ]]; then
    [[ "$(cat "$run/data/PG_VERSION")" == "$major" ]] ||
      die "$run/data holds a PostgreSQL $(cat "$run/data/PG_VERSION") cluster, the server is $major: delete the folder"
    return 0
  fi
  rm -rf "$run/data"
  log "creating the cluster in $run/data"
  as_owner "$run" "$bin/initdb" -D "$run/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C >"$run/initdb.log" 2>&1 ||
    die "initdb failed: $(tail -n 20 "$run/initdb.log")"
}

launch() {
  local run=$1 bin=$2
  # pg_ctl hands the options to /bin/sh: one line.
  local options="-c listen_addresses=127.0.0.1 -c port=$POSTGRES_PORT"
  options+=" -c unix_socket_directories='$run' -c shared_buffers=$POSTGRES_SHARED_BUFFERS"
  as_owner "$run" "$bin/pg_ctl" -D "$run/data" -l "$run/postgres.log" -w \
    -t "$POSTGRES_START_TIMEOUT" -o "$options" start >"$run/pg_ctl.log" 2>&1
}

fail_start() {
  local run=$1 reason=$2 file
  echo "postgres: $reason" >&2
  for file in "$run/pg_ctl.log" "$run/postgres.log"; do
    [[ -s "$file" ]] || continue
    echo "---- last lines of $file" >&2
    tail -n 40 "$file" >&2
  done
  stop_instance "$run" >/dev/null 2>&1 || true
  exit 1
}

await_ready() {
  local run=$1 bin=$2 deadline=$((SECONDS + POSTGRES_START_TIMEOUT))
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$POSTGRES_PORT"; do
    instance_pid "$run" >/dev/null || fail_start "$run" "the server process is gone"
    ((SECONDS < deadline)) || fail_start "$run" "not ready after ${POSTGRES_START_TIMEOUT}s"
    sleep 0.5
  done
}

superuser_sql() {
  local run=$1 bin=$2 sql=$3
  as_owner "$run" "$bin/psql" -h "$run" -p "$POSTGRES_PORT" -U postgres -d postgres -X -q -t -A \
    -v ON_ERROR_STOP=1 -c "$sql"
}

# The role and the database clients use, created when missing.
ensure_database() {
  local run=$1 bin=$2
  if [[ -z "$(superuser_sql "$run" "$bin" "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" ]]; then
    superuser_sql "$run" "$bin" "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'"
  fi
  if [[ -z "$(superuser_sql "$run" "$bin" "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" ]]; then
    superuser_sql "$run" "$bin" "CREATE DATABASE $DATABASE OWNER $DB_USER"
  fi
}

start() {
  local run bin pid began=$SECONDS
  mkdir -p "$POSTGRES_STATE_DIR"
  if [[ -n "${POSTGRES_BIN_DIR:-}" && ! -x "${POSTGRES_BIN_DIR:-}/postgres" ]]; then
    die "no postgres binary in POSTGRES_BIN_DIR=$POSTGRES_BIN_DIR"
  fi
  bin="$(find_bin_dir)" || {
    install_server
    bin="$(find_bin_dir)"
  }
  run="$(run_dir)"
  if pid="$(instance_pid "$run")"; then
    use_running_port "$run"
    await_ready "$run" "$bin"
    log "already running at $(jdbc_url) (pid $pid)"
    return 0
  fi
  port_in_use "$POSTGRES_PORT" && die "port $POSTGRES_PORT is taken by another process: set POSTGRES_PORT"
  if is_root; then prepare_root; fi
  run="$(prepare_run_dir)"
  init_cluster_once "$run" "$bin"
  log "starting $("$bin/postgres" --version), cluster in $run/data"
  launch "$run" "$bin" || fail_start "$run" "pg_ctl start failed"
  await_ready "$run" "$bin"
  ensure_database "$run" "$bin"
  log "ready at $(jdbc_url) (pid $(instance_pid "$run"), $((SECONDS - began))s)"
}

# pg_ctl stop reads the pid from postmaster.pid; a fast shutdown that hangs becomes immediate.
stop_instance() {
  local run=$1 bin pid
  if ! pid="$(instance_pid "$run")"; then
    log "not running"
    return 0
  fi
  bin="$(find_bin_dir)" || die "no PostgreSQL server binaries to stop pid $pid with"
  if ! as_owner "$run" "$bin/pg_ctl" -D "$run/data" -m fast -w -t "$POSTGRES_STOP_TIMEOUT" \
    stop >>"$run/pg_ctl.log" 2>&1; then
    log "no fast shutdown after ${POSTGRES_STOP_TIMEOUT}s: stopping pid $pid immediately"
    as_owner "$run" "$bin/pg_ctl" -D "$run/data" -m immediate -w stop >>"$run/pg_ctl.log" 2>&1 ||
      terminate "$pid" "$POSTGRES_STOP_TIMEOUT"
  fi
  log "stopped (pid $pid)"
}

status() {
  local run bin pid
  run="$(run_dir)"
  if ! pid="$(instance_pid "$run")"; then
    log "not running"
    return 1
  fi
  use_running_port "$run"
  bin="$(find_bin_dir)" || die "no PostgreSQL server binaries"
  if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$POSTGRES_PORT"; then
    log "running (pid $pid) but not accepting connections on 127.0.0.1:$POSTGRES_PORT"
    return 1
  fi
  log "running at $(jdbc_url) (pid $pid)"
}

case "${1:-}" in
  start) start ;;
  stop) stop_instance "$(run_dir)" ;;
  status) status ;;
  *) die "usage: $0 start|stop|status" ;;
esac
