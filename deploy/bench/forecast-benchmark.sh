#!/usr/bin/env bash
# Benchmark of forecast-service (issue 4; figures in docs/benchmarks.md).
#
# Usage: forecast-benchmark.sh rebuild [--events N] [--events-per-deal K] [--rebuilds R] [--live-events L] [--keep]
#        forecast-benchmark.sh lag [--rate R] [--duration S] [--warmup S] [--deals D] [--background-deals B]
#                                  [--probe-every N]
#        (also: ./dealstream bench forecast rebuild|lag [options])
#
# rebuild: needs only Kafka and MongoDB running (./dealstream up, or the servers alone). Fills fresh topics
#   bench-<run>-{deal,customer,staff,process}-events with N synthetic, valid deal events (default 1,000,000; 20 per
#   deal), measures the raw Kafka consumer rate on them, starts its own forecast-service (port 18083, database
#   forecast_bench_<run>, reading those topics, its live read model marked as caught up so that its live consumer
#   idles at the end; with --live-events L, marked about L events (whole deals) short of the ends: its live consumer
#   folds them first, as a service that has been running has, and the first rebuild waits for it to catch up) and
#   times POST /admin/projections/rebuild
#   R times in a row (default 2: the first on a freshly started JVM, the others on the same, warm service, as a
#   rebuild in production runs in a long-running one), with the CPU time the service, MongoDB and Kafka used for each;
#   then the raw rate again. The raw rate is the best of three passes, each on a quiet machine (less than 20 % busy;
#   each rebuild waits for that too). Prints the ratio rebuild / raw of each rebuild against the best raw rate of the
#   run (target >= 0.5) and the warm rebuilds' min/median/max. Stops its service by pid; drops the topics and the
#   database unless --keep. Its service runs with the JVM options ./dealstream up gives forecast-service (lib.sh:
#   service_java_opts; DEALSTREAM_JAVA_OPTS replaces them, e.g. "-Xmx256m -XX:+UseG1GC"); FORECAST_BENCH_JAVA_OPTS
#   adds to them (e.g. a flight recording: -XX:StartFlightRecording=filename=/tmp/rebuild.jfr,settings=profile).
# lag: needs the whole platform (./dealstream up). Registers a manager (with a customer) and a rep in no team (with a
#   customer) in customer-service; the manager opens D probe deals (default 64) closing in 2099, the rep B background
#   deals (default 2,000). Then amount changes at R commands/s in all (default 200) for S seconds (default 60, after
#   10 s warm-up): every Nth command (default 10th) on a probe deal, the others on background deals, while polling the
#   manager's GET /forecasts?period=2099 (which only the probe deals make up). Prints p50/p99 of probe command
#   accepted -> forecast updated (target p99 < 500 ms) and forecast-service's own projection delay. --background-deals
#   0 --probe-every 1 puts every command on the probe deals (few deals, each changed many times a second).
#   Marks its deals lost at the end (reason OTHER): open, they would stay in every forecast, risk list and follow-up
#   run of the machine.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
source "$HERE/../local/lib.sh"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

mode="${1:-}"
shift || true
command -v "$JAVA" >/dev/null || die "no java found: install a JDK 17 or set JAVA_HOME"
APP="$REPO_ROOT/forecast-service/target/quarkus-app"

bench_rebuild() {
  local events=1000000 per_deal=20 rebuilds=2 keep="" live=0
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --events) events="$2"; shift 2 ;;
      --events-per-deal) per_deal="$2"; shift 2 ;;
      --rebuilds) rebuilds="$2"; shift 2 ;;
      --keep) keep=1; shift ;;
      --live-events) live="$2"; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ "$rebuilds" =~ ^[1-9][0-9]*$ ]] || die "--rebuilds must be at least 1: $rebuilds"
  [[ "$live" =~ ^[0-9]+$ ]] || die "--live-events must be a number of events: $live"
  if [[ ! -f "$APP/quarkus-run.jar" ]]; then
    (cd "$REPO_ROOT" && ./mvnw -B -q -pl forecast-service -am package -DskipTests) || die "cannot build forecast-service"
  fi
  local cp="$APP/lib/main/*" run prefix port=18083
  run="$(date +%s)"
  prefix="bench-$run"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), $(uname -sr), $("$JAVA" -version 2>&1 | head -1)"
  "$JAVA" -cp "$cp" "$HERE/ForecastBenchmark.java" fill --prefix "$prefix" --events "$events" --events-per-deal "$per_deal"
  local raw_before rebuilt raw_after
  # the raw rate: the best of three passes on a quiet machine, before the rebuilds and again after them
  raw_rate() {
    local out
    out="$("$JAVA" -cp "$cp" "$HERE/ForecastBenchmark.java" raw --prefix "$prefix" 2>/dev/null | grep -E '^(raw|WARNING)')"
    sed 's/^/   /' <<<"$(grep -v '^raw:' <<<"$out")" >&2
    grep '^raw:' <<<"$out" | sed 's/.*= \([0-9]*\) records.*/\1/'
  }
  echo "raw rate before the rebuilds:"
  raw_before="$(raw_rate)" || die "the raw consumer failed: run deploy/bench/ForecastBenchmark.java raw --prefix $prefix by hand to see why"
  echo "   best: $raw_before records/s"

  "$REPO_ROOT/deploy/local/token.sh" keys >/dev/null
  ! curl -s -o /dev/null "http://127.0.0.1:$port/" || die "port $port is taken: is an earlier benchmark's service still running?"
  local props=(-Dquarkus.http.port=$port -Dquarkus.mongodb.database="forecast_bench_$run"
    -Dmp.jwt.verify.publickey.location="$DEALSTREAM_HOME/jwt/public.pem")
  local channel
  for channel in deal-events customer-events staff-events process-events; do
    props+=(-Dmp.messaging.incoming.$channel.topic="$prefix-$channel"
      -Dmp.messaging.incoming.$channel.group.id=forecast-bench
      -Dmp.messaging.incoming.$channel.dead-letter-queue.topic="$prefix-$channel.dlq.forecast-bench")
  done
  # The live consumer resumes where its read model says it stands, from offset 0 in a new database: say it has read
  # everything, so that it idles at the end and each rebuild is measured alone.
  "$JAVA" -cp "$cp" "$HERE/ForecastBenchmark.java" caught-up --prefix "$prefix" --database "forecast_bench_$run" \
    --behind "$live" --events-per-deal "$per_deal" 2>/dev/null \
    | grep '^caught-up:' || die "cannot store the live consumer's positions in forecast_bench_$run"
  # The service's JVM options as the launcher gives them (lib.sh), then FORECAST_BENCH_JAVA_OPTS: extra options,
  # word-split (e.g. a flight recording)
  # shellcheck disable=SC2046,SC2086
  "$JAVA" $(service_java_opts forecast-service) ${FORECAST_BENCH_JAVA_OPTS:-} "${props[@]}" -jar "$APP/quarkus-run.jar" \
    >"$LOG_DIR/forecast-bench-$run.log" 2>&1 &
  BENCH_PID=$!
  trap 'kill "$BENCH_PID" 2>/dev/null || true' EXIT
  local i
  for i in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$BENCH_PID" 2>/dev/null || die "forecast-service did not start: see $LOG_DIR/forecast-bench-$run.log"
    sleep 1
  done
  local admin
  admin="$("$REPO_ROOT/deploy/local/token.sh" --sub 00000000-0000-4000-8000-00000000be7c --roles admin)"
  if ((live > 0)); then
    # the live consumer folds the events left behind its positions first (GET /admin/projections/status: no lag)
    local waited=0 started=$SECONDS
    until curl -sf -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/admin/projections/status" | grep -q '"totalLag":0[,}]'; do
      ((waited++ < 600)) || die "the live consumer did not catch up in 5 minutes: see $LOG_DIR/forecast-bench-$run.log"
      sleep 0.5
    done
    echo "live consumer: caught up in $((SECONDS - started)) s"
  fi
  local pids="forecast-service=$BENCH_PID" server
  for server in mongo kafka; do
    [[ -f "$DEALSTREAM_HOME/run/$server.pid" ]] && pids+=",$server=$(cat "$DEALSTREAM_HOME/run/$server.pid")"
  done
  local out n all=()
  for n in $(seq 1 "$rebuilds"); do
    out="$("$JAVA" -cp "$cp" "$HERE/ForecastBenchmark.java" rebuild --url "http://127.0.0.1:$port" --token "$admin" --pids "$pids" 2>/dev/null)"
    rebuilt="$(grep '^rebuild:' <<<"$out")" || die "rebuild $n did not finish: see $LOG_DIR/forecast-bench-$run.log"
    echo "$n. $rebuilt"
    grep -E '^(cpu|WARNING)' <<<"$out" | sed 's/^/   /' || true
    all+=("$rebuilt")
  done
  echo "raw rate after the rebuilds:"
  raw_after="$(raw_rate)" || { echo "   WARNING: the raw consumer failed after the rebuilds: ratios against the rate before"; raw_after=0; }
  echo "   best: $raw_after records/s"
  # Each rebuild against the best raw rate of the run (the stricter baseline); the warm ones (2..R) summed up too.
  printf '%s\n' "${all[@]}" | awk -v b="$raw_before" -v a="$raw_after" -v live="$live" '
    { split($0, x, ", "); split(x[3], y, " "); rate[NR] = y[1]; failed[NR] = ($0 ~ /state FAILED/) }
    END {
      raw = (b > a ? b : a)
      if (raw <= 0) { print "no raw rate: no ratio"; exit }
      printf "raw rate of the run (the best pass): %d records/s\n", raw
      for (n = 1; n <= NR; n++) {
        if (failed[n]) { printf "%d. FAILED: no ratio (see the service log)\n", n; continue }
        printf "%d. ratio rebuild / raw: %.3f%s; target >= 0.5: %s\n", n, rate[n] / raw,
          (n == 1 ? (live > 0 ? " (first of this JVM, after " live " live events)" : " (fresh JVM)") : ""), (rate[n] / raw >= 0.5 ? "PASS" : "FAIL")
        if (n > 1) warm[++w] = rate[n] / raw
      }
      if (w > 0) {
        for (i = 1; i <= w; i++) for (j = i + 1; j <= w; j++) if (warm[j] < warm[i]) { t = warm[i]; warm[i] = warm[j]; warm[j] = t }
        printf "warm rebuilds (%d): ratio min %.3f, median %.3f, max %.3f\n", w, warm[1],
          (w % 2 ? warm[(w + 1) / 2] : (warm[w / 2] + warm[w / 2 + 1]) / 2), warm[w]
      }
    }'
  kill "$BENCH_PID"
  wait "$BENCH_PID" 2>/dev/null || true
  trap - EXIT
  if [[ -z "$keep" ]]; then
    "$JAVA" -cp "$cp" "$HERE/ForecastBenchmark.java" drop --prefix "$prefix" --database "forecast_bench_$run"
  else
    echo "kept: topics $prefix-*, database forecast_bench_$run"
  fi
  echo "service log: $LOG_DIR/forecast-bench-$run.log"
}

bench_lag() {
  json_id() { sed -n 's/.*"id":"\([0-9a-f-]\{36\}\)".*/\1/p'; }
  local admin
  admin="$("$REPO_ROOT/deploy/local/token.sh" --sub 00000000-0000-4000-8000-00000000be7c --roles admin)"
  # A staff member (no team) with ROLE and CAPABILITY and a customer of theirs: prints "token customer".
  owner_with_customer() {
    local name="$1" capability="$2" role="$3" sub token customer
    sub="$(curl -sf -X POST http://127.0.0.1:8081/staff -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      -d "{\"name\":\"Forecast Benchmark $name\",\"email\":\"forecast-bench-$role@dealstream.invalid\",\"title\":\"Benchmark\",\"capabilities\":[\"$capability\"]}" | json_id)" \
      || die "customer-service did not register the benchmark's $name: is ./dealstream up running?"
    token="$("$REPO_ROOT/deploy/local/token.sh" --sub "$sub" --roles "$role")"
    customer="$(curl -sf -X POST http://127.0.0.1:8081/customers -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d "{\"name\":\"Forecast benchmark customer of the $name\",\"industry\":\"Benchmark\",\"region\":\"Lab\"}" | json_id)" \
      || die "customer-service did not register the $name's customer"
    echo "$token $customer"
  }
  local probe background
  probe="$(owner_with_customer Manager SALES_MANAGER manager)" || exit 1
  # the owner of the background deals: a rep in no team, so the manager's forecast does not include them
  background="$(owner_with_customer Rep SALES_REP rep)" || exit 1
  [[ -f "$APP/quarkus-run.jar" ]] || (cd "$REPO_ROOT" && ./mvnw -B -q -pl forecast-service -am package -DskipTests)
  exec "$JAVA" -XX:+UseSerialGC -Xmx256m -cp "$APP/lib/main/*" "$HERE/ForecastBenchmark.java" lag \
    --token "${probe% *}" --customer "${probe#* }" \
    --background-token "${background% *}" --background-customer "${background#* }" "$@"
}

case "$mode" in
  rebuild) bench_rebuild "$@" ;;
  lag) bench_lag "$@" ;;
  -h | --help | "") usage ;;
  *) usage >&2; exit 2 ;;
esac
