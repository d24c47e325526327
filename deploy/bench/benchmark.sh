#!/usr/bin/env bash
# Benchmark of one Dealstream service against a running platform (issue 2, section 6; issue 3): commands on many
# distinct aggregates over HTTP with concurrency C, then the same PostgreSQL's raw single-row INSERT commit rate
# (pgbench) at the same concurrency, and the ratio. One harness (Benchmark.java), one scenario per service.
# See docs/benchmarks.md.
#
# (forecast-service: benchmark.sh forecast rebuild|lag [options], see forecast-benchmark.sh)
# Usage: benchmark.sh [deal|customer] [--concurrency C] [--duration S] [--warmup S] [--open-factor F] [--no-raw]
#                     [--timeline] [scenario options]          (also: ./dealstream bench [deal|customer] [options])
#
#   deal (default)  stage changes on --deals N deals (deal-service :8082; needs customer-service :8081 for the
#                   set-up: a manager and one customer are registered there)
#   customer        reps log activities on, and edit, --customers N customers of their own (customer-service :8081);
#                   options --reps R, --edit-share F
#
# Defaults: C=16, N=2000, 30 s per phase, 10 s warm-up. Runs ~2 x duration + warm-up + setup + pgbench
# (about 2-3 minutes with the defaults). Each run leaves its N aggregates (and the staff it registered) in the
# database (events are immutable); the pgbench scratch table bench_raw_insert is dropped at the end.
# Exit: 0 if every command was answered as expected (whatever the targets say), 1 if the run failed, 2 on bad usage.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
source "$HERE/../local/lib.sh"

scenario=deal
if [[ $# -gt 0 && "$1" != -* ]]; then
  scenario="$1"
  shift
fi
# forecast-service is measured against Kafka, not PostgreSQL: its own script (rebuild | lag).
[[ "$scenario" == forecast ]] && exec "$HERE/forecast-benchmark.sh" "$@"
case "$scenario" in
  deal | customer) ;;
  *) die "unknown benchmark '$scenario' (deal, customer): ./dealstream bench --help" ;;
esac

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

for arg in "$@"; do
  case "$arg" in -h | --help)
    usage
    echo
    exec "$JAVA" "$HERE/Benchmark.java" "$scenario" --help
    ;;
  esac
done

# The PostgreSQL client binaries, from PATH or the server's own directory.
find_pg_binary() {
  local found="" candidate
  if found="$(command -v "$1")"; then
    echo "$found"
    return 0
  fi
  for candidate in /usr/lib/postgresql/*/bin/"$1"; do
    [[ -x "$candidate" ]] && found="$candidate"
  done
  [[ -n "$found" ]] || die "$1 not found: install the PostgreSQL client tools (apt-get install -y postgresql-client), or pass --no-raw"
  echo "$found"
}

command -v "$JAVA" >/dev/null || die "no java found: install a JDK 17 or set JAVA_HOME"
pg_args=()
if [[ " $* " != *" --no-raw "* ]]; then
  pg_args=(--pgbench "$(find_pg_binary pgbench)" --psql "$(find_pg_binary psql)")
fi

# The services' database role, as deploy/local/services.sh gives it to them.
export PGPASSWORD="${PGPASSWORD:-dealstream}"

# deal: a manager of this run, registered as staff in customer-service, owns the deals (gate override needs a
# manager), and one customer of theirs is the customer of every deal: deal-service opens deals only for known
# customers.
setup_deal() {
  local admin sub
  json_id() { sed -n 's/.*"id":"\([0-9a-f-]\{36\}\)".*/\1/p'; }
  admin="$("$HERE/../local/token.sh" --sub 00000000-0000-4000-8000-00000000be7c --roles admin)"
  sub="$(curl -sf -X POST http://127.0.0.1:8081/staff -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"name":"Benchmark Manager","email":"bench@dealstream.invalid","title":"Benchmark","capabilities":["SALES_MANAGER"]}' | json_id)" \
    || die "customer-service did not register the benchmark's staff member: is ./dealstream up running?"
  [[ -n "$sub" ]] || die "customer-service answered without a staff id"
  DEALSTREAM_BENCH_TOKEN="$("$HERE/../local/token.sh" --sub "$sub" --roles manager)"
  DEALSTREAM_BENCH_CUSTOMER="$(curl -sf -X POST http://127.0.0.1:8081/customers -H "Authorization: Bearer $DEALSTREAM_BENCH_TOKEN" \
    -H 'Content-Type: application/json' -d '{"name":"Benchmark customer","industry":"Benchmark","region":"Lab"}' | json_id)" \
    || die "customer-service did not register the benchmark's customer"
  export DEALSTREAM_BENCH_TOKEN DEALSTREAM_BENCH_CUSTOMER
}

scenario_args=()
case "$scenario" in
  deal)
    setup_deal
    service=deal-service port=8082 db=deals
    ;;
  customer)
    # The Java scenario registers a team, its reps and their customers itself, minting the tokens with token.sh.
    service=customer-service port=8081 db=customers
    scenario_args=(--token-script "$HERE/../local/token.sh")
    ;;
esac

# The service's pid (from the launcher's pid file) names its share in the CPU breakdown.
pid_args=()
if [[ -s "$RUN_DIR/$service.pid" ]]; then
  pid_args=(--service-pid "$(cat "$RUN_DIR/$service.pid")")
fi

# A small client heap and the serial collector: the client shares the machine with what it measures.
exec "$JAVA" -XX:+UseSerialGC -Xms128m -Xmx512m "$HERE/Benchmark.java" "$scenario" \
  --url "http://127.0.0.1:$port" --pg-host 127.0.0.1 --pg-port "$PG_PORT" --pg-user dealstream --pg-db "$db" \
  "${scenario_args[@]}" "${pg_args[@]}" "${pid_args[@]}" "$@"
