#!/usr/bin/env bash
# Benchmark of deal-service against a running `./dealstream up` (issue 2, section 6): stage changes on many
# distinct deals over HTTP with concurrency C, then the same PostgreSQL's raw single-row INSERT commit rate
# (pgbench) at the same concurrency, and the ratio. See docs/benchmarks.md.
#
# Usage: deal-benchmark.sh [--concurrency C] [--deals N] [--duration S] [--warmup S] [--open-factor F] [--no-raw]
#                          (also: ./dealstream bench [options])
#
# Defaults: C=16, N=2000, 30 s per phase, 10 s warm-up. Runs ~2 x duration + warm-up + setup + pgbench
# (about 2 minutes with the defaults). Each run leaves N benchmark deals in the database (events are immutable);
# the pgbench scratch table bench_raw_insert is dropped at the end. Exit: 0 if every command answered 200
# (whatever the targets say), 1 if the run failed, 2 on bad usage.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
source "$HERE/../local/lib.sh"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

for arg in "$@"; do
  case "$arg" in -h | --help)
    usage
    echo
    exec "$JAVA" "$HERE/DealBenchmark.java" --help
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

# The deal-service's database and role, as deploy/local/services.sh gives them to the service.
export PGPASSWORD="${PGPASSWORD:-dealstream}"

# A manager of this run, registered as staff in customer-service, owns the deals (gate override needs a manager),
# and one customer of theirs is the customer of every deal: deal-service opens deals only for known customers.
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

# The service's pid (from the launcher's pid file) names its share in the CPU breakdown.
pid_args=()
if [[ -s "$RUN_DIR/deal-service.pid" ]]; then
  pid_args=(--service-pid "$(cat "$RUN_DIR/deal-service.pid")")
fi

# A small client heap and the serial collector: the client shares the machine with what it measures.
exec "$JAVA" -XX:+UseSerialGC -Xms128m -Xmx512m "$HERE/DealBenchmark.java" \
  --url "http://127.0.0.1:8082" --pg-host 127.0.0.1 --pg-port "$PG_PORT" --pg-user dealstream --pg-db deals \
  "${pg_args[@]}" "${pid_args[@]}" "$@"
