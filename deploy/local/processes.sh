# shellcheck shell=bash
# Process helpers shared by kafka.sh and elasticsearch.sh (sourced, not run).
# Both define log() before sourcing this file.

# Whether something listens on a local TCP port.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Stops a server: SIGTERM, up to $2 seconds for a clean exit, then SIGKILL.
terminate() {
  local pid=$1 timeout=$2
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running after ${timeout}s: killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
}
