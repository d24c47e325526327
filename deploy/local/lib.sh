# shellcheck shell=bash disable=SC2034 # sourced: variables are used by the scripts that source it
# Shared helpers for the local launcher scripts (sourced, not executed).
#
# Conventions kept by every script under deploy/local/:
#   - all state lives under $DEALSTREAM_HOME (default: <repo>/.dealstream, git-ignored) and
#     survives down/up; deleting that directory resets everything;
#   - a process we start gets a pid file in $DEALSTREAM_HOME/run/NAME.pid; we stop only processes
#     that have a pid file AND whose command line still looks like ours (pids get reused);
#   - each step prints exactly one line: name, status, seconds.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEALSTREAM_HOME="${DEALSTREAM_HOME:-$REPO_ROOT/.dealstream}"
RUN_DIR="$DEALSTREAM_HOME/run"
LOG_DIR="$DEALSTREAM_HOME/logs"
LIB_DIR="$DEALSTREAM_HOME/lib"

# The servers' ports. Fixed by default (the services' defaults point at them); overridable so that
# a second checkout can run its Kafka and MongoDB beside the first (PostgreSQL is shared anyway).
KAFKA_PORT="${DEALSTREAM_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${DEALSTREAM_KAFKA_CONTROLLER_PORT:-9093}"
PG_PORT="${DEALSTREAM_PG_PORT:-5432}"
MONGO_PORT="${DEALSTREAM_MONGO_PORT:-27017}"

# JAVA_HOME wins over PATH, as with Maven itself.
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="java"
fi

mkdir -p "$RUN_DIR" "$LOG_DIR" "$LIB_DIR"

die() {
  echo "error: $*" >&2
  exit 1
}

# --- one line per step -------------------------------------------------------------------------
#
# `step NAME FUNCTION [ARGS...]` runs FUNCTION in a subshell with errexit really on (a function
# called from `if` or `||` silently loses `set -e`, which would hide failures), captures its
# chatter, and prints "NAME  STATUS  SECONDS". The function sets the status with `step_status`
# (default "ok"); a non-zero exit prints FAILED followed by the last 40 lines of that output.

STEP_STATUS_FILE=""

step_status() {
  printf '%s' "$1" >"$STEP_STATUS_FILE"
}

step() {
  local name="$1"
  shift
  local out status rc start end
  out="$(mktemp)"
  STEP_STATUS_FILE="$(mktemp)"
  start="${EPOCHREALTIME/./}"
  printf '%-38s ' "$name"
  set +e
  # 9>&-: fd 9 holds servers.sh's lock; a daemon started inside a step (Kafka, or PostgreSQL via
  # pg_ctlcluster or apt-get) would otherwise inherit it and keep the lock for its whole life.
  (
    set -e
    "$@"
  ) >"$out" 2>&1 9>&-
  rc=$?
  set -e
  end="${EPOCHREALTIME/./}"
  status="$(cat "$STEP_STATUS_FILE")"
  [[ $rc -eq 0 ]] || status="FAILED"
  printf '%-16s %6s s\n' "${status:-ok}" "$(elapsed "$start" "$end")"
  if [[ $rc -ne 0 && -s "$out" ]]; then
    tail -n 40 "$out" | sed 's/^/    | /' >&2
  fi
  rm -f "$out" "$STEP_STATUS_FILE"
  return "$rc"
}

# Microsecond timestamps -> "12.3"
elapsed() {
  local tenths=$((($2 - $1) / 100000))
  printf '%d.%d' $((tenths / 10)) $((tenths % 10))
}

# --- processes ---------------------------------------------------------------------------------

# A service's JVM options: DEALSTREAM_JAVA_OPTS when set (for every service), else a small heap (four services, Kafka
# and MongoDB share a developer machine), but for forecast-service, whose projection rebuild holds the documents it
# folds in memory (about 1.4 KB a deal): 1 GB and the throughput collector; in 256 MB with G1 a rebuild of a million
# events ran at 0.36-0.41 of the raw Kafka consumer's rate, in 1 GB with G1 at 0.43-0.54, with ParallelGC at 0.56-0.73
# (docs/benchmarks.md, issue 4). The compose file and the Kubernetes manifests give the same.
service_java_opts() {
  if [[ -n "${DEALSTREAM_JAVA_OPTS:-}" ]]; then
    echo "$DEALSTREAM_JAVA_OPTS"
  elif [[ "$1" == forecast-service ]]; then
    echo "-Xmx1g -XX:+UseParallelGC"
  else
    echo "-Xmx256m -XX:+UseG1GC"
  fi
}

pid_file() {
  echo "$RUN_DIR/$1.pid"
}

# Prints the pid if NAME's pid file points at a live process whose command line contains MARKER.
running_pid() {
  local name="$1" marker="$2" file pid
  file="$(pid_file "$name")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker" || return 1
  echo "$pid"
}

# Starts a long-running process in the background, detached from our terminal and from our
# stdout/stderr (a caller such as a Maven test waits for those pipes to close), and without the
# lock file descriptor 9 (otherwise the server would hold the start lock for its whole life;
# `step` closes it too, this is for callers outside a step).
launch() {
  local name="$1"
  shift
  local log="$LOG_DIR/$name.log"
  echo "---- $(date '+%F %T') starting: $*" >>"$log"
  nohup setsid "$@" </dev/null >>"$log" 2>&1 9>&- &
  echo $! >"$(pid_file "$name")"
}

# True while PID exists and is not a zombie (a child that died while we still run is a zombie,
# and kill -0 succeeds on zombies).
alive() {
  local state
  # /proc/PID/stat is "pid (comm) state ...": take the first field after the closing parenthesis.
  state="$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || return 1
  [[ -n "$state" && "$state" != "Z" ]]
}

# SIGTERM, wait up to TIMEOUT seconds, then SIGKILL. Removes the pid file.
stop_pid() {
  local name="$1" pid="$2" timeout="${3:-30}" i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    echo "$name did not stop within ${timeout}s after SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    step_status "killed"
  fi
  rm -f "$(pid_file "$name")"
}

# --- ports -------------------------------------------------------------------------------------

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Who listens on PORT (from ss), for error messages.
port_owner() {
  local owner=""
  if command -v ss >/dev/null; then
    owner="$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(.*)' | head -n 1)"
  fi
  echo "${owner:-unknown process (install iproute2 for ss to name it)}"
}

# Fails with a message naming the process if PORT is already taken.
require_free_port() {
  local port="$1" what="$2"
  if port_open "$port"; then
    echo "port $port (needed by $what) is already in use by: $(port_owner "$port")"
    echo "stop that process, or stop the other Dealstream checkout using it, then retry"
    return 1
  fi
}

# Waits until PORT accepts connections; fails early if PID dies, or after TIMEOUT seconds.
wait_for_port() {
  local port="$1" pid="$2" timeout="$3" log="$4" i
  for ((i = 0; i < timeout * 5; i++)); do
    port_open "$port" && return 0
    if ! alive "$pid"; then
      echo "the process exited before listening on port $port; last lines of $log:"
      tail -n 30 "$log"
      return 1
    fi
    sleep 0.2
  done
  echo "port $port not open after ${timeout}s; last lines of $log:"
  tail -n 30 "$log"
  return 1
}
