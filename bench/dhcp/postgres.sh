#!/usr/bin/env bash
# DHCPv4 on a shared PostgreSQL lease store (issue #18): perfdhcp against one Pint on PostgreSQL, two Pints on one
# PostgreSQL (both serving the whole pool, one perfdhcp each, figures added), and ISC Kea with its PostgreSQL lease
# backend, each on a fresh database of one throwaway cluster (initdb in a temporary folder, unix socket only, fsync
# and synchronous_commit on as shipped). Servers in network namespaces on one bridge; perfdhcp relays (giaddr).
# Needs root, iproute2, postgresql, perfdhcp (kea-admin), kea-dhcp4 and a Release build of src/Pint.Service.
# Usage: bench/dhcp/postgres.sh [seconds per run, default 15] [offered rate, default 3000] [clients, default 30000]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-15}
RATE=${2:-3000}
CLIENTS=${3:-30000}
ID=$$
SNS=pint-ps$ID TNS=pint-pt$ID CNS=pint-pc$ID
WORK=$(mktemp -d /tmp/pint-pg-bench.XXXXXX); chmod 755 "$WORK"
PIDS=()
PG=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PORT=$((40000 + RANDOM % 20000))

cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  runuser -u postgres -- "$PG/pg_ctl" stop -D "$WORK/pg/data" -m immediate -w >/dev/null 2>&1 || true
  for ns in "$CNS" "$SNS" "$TNS"; do ip netns del "$ns" 2>/dev/null || true; done
  [ -n "${KEEP_DIR:-}" ] && mkdir -p "$KEEP_DIR" && cp "$WORK"/*.perfdhcp "$WORK"/*.log "$WORK"/pg/postgres.log "$KEEP_DIR"/ 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in ip perfdhcp kea-dhcp4 dotnet ss psql; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y postgresql kea-admin kea-dhcp4-server iproute2)" >&2; exit 1; }
done
[ -x "$PG/initdb" ] || { echo "missing initdb (apt-get install -y postgresql)" >&2; exit 1; }
PINT=src/Pint.Service/bin/Release/net10.0/pint.dll
[ -f "$PINT" ] || dotnet build src/Pint.Service -c Release --nologo -v quiet >/dev/null

# The cluster: the servers reach it over its unix socket, so their namespaces need no route to it.
mkdir -p "$WORK/pg/socket"; chown -R postgres:postgres "$WORK/pg"
runuser -u postgres -- "$PG/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 >/dev/null
runuser -u postgres -- "$PG/pg_ctl" start -D "$WORK/pg/data" -w -l "$WORK/pg/postgres.log" \
  -o "-p $PORT -k $WORK/pg/socket -c listen_addresses='' -c max_connections=300" >/dev/null
SQL() { psql -h "$WORK/pg/socket" -p "$PORT" -U postgres -q -v ON_ERROR_STOP=1 "$@"; }

# One bridge in the client namespace, a veth to each server namespace.
ip netns add "$SNS"; ip netns add "$TNS"; ip netns add "$CNS"
ip -n "$CNS" link add br$ID type bridge
for side in s:"$SNS":10.78.0.1 t:"$TNS":10.78.0.3; do
  IFS=: read -r tag ns address <<<"$side"
  ip link add "p$tag$ID" type veth peer name "q$tag$ID"
  ip link set "p$tag$ID" netns "$ns"; ip link set "q$tag$ID" netns "$CNS"
  ip -n "$ns" addr add "$address/16" dev "p$tag$ID"; ip -n "$ns" link set "p$tag$ID" up; ip -n "$ns" link set lo up
  ip -n "$CNS" link set "q$tag$ID" master br$ID; ip -n "$CNS" link set "q$tag$ID" up
done
ip -n "$CNS" link set br$ID up; ip -n "$CNS" link set lo up
ip -n "$CNS" addr add 10.78.0.2/16 dev br$ID; ip -n "$CNS" addr add 10.78.0.4/16 dev br$ID

wait_listen() { # namespace
  for _ in $(seq 1 300); do
    ip netns exec "$1" ss -H -uln "sport = :67" | grep -q ":67" && return 0
    sleep 0.05
  done
  echo "server did not start listening in $1" >&2; exit 1
}
fresh_db() { SQL -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

pint_conf() { # name database
  cat > "$WORK/$1.conf" <<CONF
port=0
no-ping
dhcp-authoritative
dhcp-range=10.78.1.0,10.78.255.254,255.255.0.0,12h
dhcp-lease-max=200000
dhcp-leasefile=$WORK/$1.leases
conf-file=$WORK/$1-pint.conf
CONF
  printf 'pint-lease-store=postgresql,Host=%s;Port=%s;Username=postgres;Database=%s;Maximum Pool Size=64\npint-server-id=%s\n' \
    "$WORK/pg/socket" "$PORT" "$2" "$1" > "$WORK/$1-pint.conf"
}

perf() { # relay server clients mac-base out
  ip netns exec "$CNS" perfdhcp -4 -l "$1" -r "$RATE" -R "$3" -n "$3" -p "$SECONDS_PER_RUN" -b "mac=$4" "$2" >"$5" 2>&1 || true
  grep -Eo '^Rate: [0-9.]+' "$5" | tail -1 | awk '{print $2}'
}
rows() { SQL -d "$1" -At -c "$2"; }

# 1. One Pint.
fresh_db pint1; pint_conf pint-a pint1
ip netns exec "$SNS" dotnet "$PINT" -C "$WORK/pint-a.conf" 2>"$WORK/pint-a.log" & PIDS+=($!); A=$!
wait_listen "$SNS"; sleep 1
before=$(cpu_ticks $A)
ONE=$(perf 10.78.0.2 10.78.0.1 "$CLIENTS" 00:0c:01:00:00:00 "$WORK/one.perfdhcp")
ONE_CPU=$(( $(cpu_ticks $A) - before ))
kill $A; wait $A 2>/dev/null || true
ONE_ROWS=$(rows pint1 "SELECT count(*) FROM pint_leases WHERE state = 'active'")

# 2. Two Pints, one database, each answering everyone, one perfdhcp each with its own clients.
fresh_db pint2; pint_conf pint-a pint2; pint_conf pint-b pint2
ip netns exec "$SNS" dotnet "$PINT" -C "$WORK/pint-a.conf" 2>"$WORK/pint-a2.log" & PIDS+=($!); A=$!
ip netns exec "$TNS" dotnet "$PINT" -C "$WORK/pint-b.conf" 2>"$WORK/pint-b2.log" & PIDS+=($!); B=$!
wait_listen "$SNS"; wait_listen "$TNS"; sleep 1
perf 10.78.0.2 10.78.0.1 $((CLIENTS / 2)) 00:0c:02:00:00:00 "$WORK/two-a.perfdhcp" >"$WORK/two-a.rate" &
p1=$!
perf 10.78.0.4 10.78.0.3 $((CLIENTS / 2)) 00:0c:03:00:00:00 "$WORK/two-b.perfdhcp" >"$WORK/two-b.rate" &
p2=$!
wait $p1 $p2
TWO_A=$(cat "$WORK/two-a.rate"); TWO_B=$(cat "$WORK/two-b.rate")
kill $A $B; wait $A $B 2>/dev/null || true
TWO_ROWS=$(rows pint2 "SELECT count(*) FROM pint_leases WHERE state = 'active'")
TWO_DUP=$(rows pint2 "SELECT count(*) - count(DISTINCT address) FROM pint_leases")

# 3. Kea with its PostgreSQL lease backend (schema from Kea's own script).
fresh_db kea
SQL -d kea -f /usr/share/kea/scripts/pgsql/dhcpdb_create.pgsql >/dev/null
cat > "$WORK/kea.json" <<CONF
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "ps$ID" ], "dhcp-socket-type": "udp" },
  "lease-database": { "type": "postgresql", "name": "kea", "host": "$WORK/pg/socket", "port": $PORT, "user": "postgres" },
  "valid-lifetime": 43200,
  "authoritative": true,
  "subnet4": [ { "id": 1, "subnet": "10.78.0.0/16", "pools": [ { "pool": "10.78.1.0 - 10.78.255.254" } ] } ],
  "loggers": [ { "name": "kea-dhcp4", "severity": "ERROR", "output_options": [ { "output": "stderr" } ] } ]
} }
CONF
mkdir -p /run/kea /var/run/kea
ip netns exec "$SNS" kea-dhcp4 -c "$WORK/kea.json" 2>"$WORK/kea.log" & PIDS+=($!); K=$!
wait_listen "$SNS"; sleep 1
before=$(cpu_ticks $K)
KEA=$(perf 10.78.0.2 10.78.0.1 "$CLIENTS" 00:0c:04:00:00:00 "$WORK/kea.perfdhcp")
KEA_CPU=$(( $(cpu_ticks $K) - before ))
kill $K; wait $K 2>/dev/null || true
KEA_ROWS=$(rows kea "SELECT count(*) FROM lease4")

us() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v r="$2" -v s="$SECONDS_PER_RUN" 'BEGIN { if (r > 0) printf "%.0f", t * 1e6 / hz / (r * s); else print "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
TWO=$(awk -v a="$TWO_A" -v b="$TWO_B" 'BEGIN { printf "%.2f", a + b }')
echo "DHCPv4 DORA exchanges/s on PostgreSQL $("$PG/postgres" --version | awk '{print $3}') (perfdhcp -r $RATE, $CLIENTS clients, ${SECONDS_PER_RUN}s, relayed, no-ping, /16)"
printf '  %-34s %9.0f   %s us CPU/exchange   %s lease rows\n' "Pint, one server" "$ONE" "$(us "$ONE_CPU" "$ONE")" "$ONE_ROWS"
printf '  %-34s %9.0f   (%.0f + %.0f)   %s lease rows, %s addresses twice\n' "Pint, two servers, one database" "$TWO" "$TWO_A" "$TWO_B" "$TWO_ROWS" "$TWO_DUP"
printf '  %-34s %9.0f   %s us CPU/exchange   %s lease rows\n' "Kea $(kea-dhcp4 -v), postgresql backend" "$KEA" "$(us "$KEA_CPU" "$KEA")" "$KEA_ROWS"
echo "  one Pint / Kea = $(ratio "$ONE" "$KEA")x   two Pints / Kea = $(ratio "$TWO" "$KEA")x"
