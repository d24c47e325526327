#!/usr/bin/env bash
# Builds, starts and stops the four Dealstream services as plain JVM processes (Quarkus fast-jar).
#
# Usage: services.sh build              (./mvnw -q -DskipTests package, only if a jar is missing or stale)
#        services.sh start [SERVICE...]  (default: all, in order; each only if not already running)
#        services.sh stop  [SERVICE...]  (only what this script started: pid files)
#        services.sh status
#        services.sh logs SERVICE [-f]
#
# Services: customer-service 8081, deal-service 8082, forecast-service 8083, notification-service 8084.
# They expect the servers of servers.sh and the JWT key pair of token.sh; ./dealstream up does it all.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# name:port:database (empty database: the service keeps its data in MongoDB)
SERVICES=(
  customer-service:8081:customers
  deal-service:8082:deals
  forecast-service:8083:
  notification-service:8084:
)
READY_TIMEOUT=90
BUILD_STAMP="$RUN_DIR/build.stamp"

service_jar() {
  echo "$REPO_ROOT/$1/target/quarkus-app/quarkus-run.jar"
}

service_field() { # SERVICE FIELD(2=port, 3=database)
  local entry
  for entry in "${SERVICES[@]}"; do
    if [[ "${entry%%:*}" == "$1" ]]; then
      cut -d: -f"$2" <<<"$entry"
      return 0
    fi
  done
  die "unknown service '$1' (known: $(service_names | paste -sd' '))"
}

service_names() {
  local entry
  for entry in "${SERVICES[@]}"; do echo "${entry%%:*}"; done
}

service_pid() {
  running_pid "$1" "$(service_jar "$1")"
}

ready_url() {
  echo "http://127.0.0.1:$1/q/health/ready"
}

http_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1" || true
}

# --- build -------------------------------------------------------------------------------------

# True if a service jar is missing, or a pom or main source changed since the last build.
# (Tests do not go into the jar, so src/test does not count.)
needs_build() {
  local svc jar reference=""
  for svc in $(service_names); do
    jar="$(service_jar "$svc")"
    [[ -f "$jar" ]] || return 0
    [[ -z "$reference" || "$jar" -ot "$reference" ]] && reference="$jar"
  done
  # Quarkus may leave an unchanged jar untouched; the stamp of our last successful build counts too.
  [[ -f "$BUILD_STAMP" && "$BUILD_STAMP" -nt "$reference" ]] && reference="$BUILD_STAMP"
  find "$REPO_ROOT" \( -name .dealstream -o -name target -o -name .git -o -name node_modules \
    -o -path "$REPO_ROOT/deploy" \) -prune -o -type f \( -name pom.xml -o -path '*/src/main/*' \) \
    -newer "$reference" -print -quit | grep -q .
}

build() {
  if ! needs_build; then
    step_status "up to date"
    return 0
  fi
  local log="$LOG_DIR/build.log"
  if ! (cd "$REPO_ROOT" && ./mvnw -q -B -DskipTests package) >"$log" 2>&1; then
    echo "the build failed; last lines of $log:"
    tail -n 40 "$log"
    echo "fix the error, or run './mvnw -DskipTests package' to see the whole build"
    return 1
  fi
  touch "$BUILD_STAMP"
}

# --- start / stop ------------------------------------------------------------------------------

# Polls the readiness endpoint until 200; gives up early if the process dies.
wait_ready() {
  local svc="$1" port="$2" pid="$3" log="$LOG_DIR/$1.log" i code=""
  for ((i = 0; i < READY_TIMEOUT * 2; i++)); do
    code="$(http_status "$(ready_url "$port")")"
    [[ "$code" == 200 ]] && return 0
    alive "$pid" || break
    sleep 0.5
  done
  if alive "$pid"; then
    echo "$svc is not ready after ${READY_TIMEOUT}s ($(ready_url "$port") answers ${code:-nothing})."
  else
    echo "$svc exited during start-up."
  fi
  echo "Last lines of $log:"
  tail -n 30 "$log"
  echo "What to do: read the whole log (./dealstream logs $svc); check the servers (./dealstream status);"
  echo "the readiness checks tell which dependency is missing: curl $(ready_url "$port")"
  return 1
}

start_service() {
  local svc="$1" port db jar
  port="$(service_field "$svc" 2)"
  db="$(service_field "$svc" 3)"
  jar="$(service_jar "$svc")"
  if service_pid "$svc" >/dev/null; then
    step_status "already running"
    return 0
  fi
  [[ -f "$jar" ]] || { echo "$jar is missing: run ./dealstream up (it builds), or ./mvnw -DskipTests package"; return 1; }
  require_free_port "$port" "$svc"

  # The configuration the services read (see each application.properties; deploy/check-manifests.sh holds compose
  # and Kubernetes to the same names).
  local env=(
    "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT"
    "JWT_PUBLIC_KEY_LOCATION=$DEALSTREAM_HOME/jwt/public.pem"
    "HTTP_PORT=$port"
    # Like the servers, reachable from this machine only: the tokens are development tokens.
    "QUARKUS_HTTP_HOST=127.0.0.1"
  )
  if [[ -n "$db" ]]; then # an event-sourced service: its PostgreSQL database
    env+=("DB_URL=postgresql://127.0.0.1:$PG_PORT/$db" "DB_USER=dealstream" "DB_PASSWORD=dealstream")
  else # a read-model service: MongoDB
    env+=("MONGODB_CONNECTION_STRING=mongodb://127.0.0.1:$MONGO_PORT")
  fi
  if [[ "$svc" == notification-service ]]; then
    # E-mail: to the SMTP server in SMTP_HOST (and SMTP_PORT, default 25) if given; without one, mail waits in the
    # service's outbox (MongoDB) and the inbox and live stream work as usual.
    if [[ -n "${SMTP_HOST:-}" ]]; then
      env+=("SMTP_HOST=$SMTP_HOST" "SMTP_PORT=${SMTP_PORT:-25}")
    else
      env+=("MAIL_SEND=false")
    fi
  fi
  # Run from the checkout's root, where the services' defaults (.dealstream/...) also point.
  (
    cd "$REPO_ROOT"
    # A service out of memory exits instead of staying up unable to answer: status shows it stopped, and up starts it.
    # shellcheck disable=SC2046 # service_java_opts prints a list of JVM options
    launch "$svc" env "${env[@]}" "$JAVA" -XX:+ExitOnOutOfMemoryError $(service_java_opts "$svc") -jar "$jar"
  )
  wait_ready "$svc" "$port" "$(cat "$(pid_file "$svc")")"
}

stop_service() {
  local pid
  if ! pid="$(service_pid "$1")"; then
    rm -f "$(pid_file "$1")"
    step_status "not running"
    return 0
  fi
  stop_pid "$1" "$pid" 30
}

selected_services() {
  local s
  # shellcheck disable=SC2046 # service names have no spaces
  [[ $# -gt 0 ]] || set -- $(service_names)
  for s in "$@"; do
    service_field "$s" 2 >/dev/null # dies on an unknown name
    echo "$s"
  done
}

cmd_status() {
  local svc port pid code
  for svc in $(service_names); do
    port="$(service_field "$svc" 2)"
    if pid="$(service_pid "$svc")"; then
      code="$(http_status "$(ready_url "$port")")"
      if [[ "$code" == 200 ]]; then
        printf '%-22s %-16s pid %s, http://127.0.0.1:%s\n' "$svc" "healthy" "$pid" "$port"
      else
        printf '%-22s %-16s pid %s, %s answers %s\n' "$svc" "not ready" "$pid" "$(ready_url "$port")" "${code:-nothing}"
      fi
    elif port_open "$port"; then
      printf '%-22s %-16s port %s held by %s\n' "$svc" "not ours" "$port" "$(port_owner "$port")"
    else
      printf '%-22s %s\n' "$svc" "stopped"
    fi
  done
}

# Logs of a service, or of a server (kafka, mongo) or the build, which live in the same directory.
cmd_logs() {
  local name="${1:-}" follow="${2:-}"
  [[ -n "$name" ]] || die "usage: logs SERVICE [-f]   (services: $(service_names | paste -sd' '); also kafka, mongo, build)"
  [[ "$name" == -f ]] && { name="${2:-}"; follow=-f; }
  local log="$LOG_DIR/$name.log"
  [[ -f "$log" ]] || die "no log $log (services: $(service_names | paste -sd' '); also kafka, mongo, build)"
  if [[ "$follow" == -f || "$follow" == --follow ]]; then
    exec tail -n 200 -f "$log"
  fi
  tail -n 200 "$log"
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

main() {
  local cmd="${1:-help}" svc list
  shift || true
  case "$cmd" in
    build) step "build (mvnw package)" build ;;
    start)
      list="$(selected_services "$@")"
      for svc in $list; do step "$svc: start :$(service_field "$svc" 2)" start_service "$svc"; done
      ;;
    stop)
      list="$(selected_services "$@")"
      # Reverse order of start.
      for svc in $(tac <<<"$list"); do step "$svc: stop" stop_service "$svc"; done
      ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    urls)
      for svc in $(service_names); do
        printf '  %-22s http://127.0.0.1:%s/q/swagger-ui\n' "$svc" "$(service_field "$svc" 2)"
      done
      ;;
    help | -h | --help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
