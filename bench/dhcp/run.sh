#!/usr/bin/env bash
# DHCPv4 throughput: perfdhcp (kea-admin) against dnsmasq, Pint and ISC Kea in turn, each in a network namespace of
# its own making, same setup: no ping, a /16 range, 100,000 distinct clients, relayed (perfdhcp -l = giaddr).
# Prints full 4-way exchanges (DORA) per second for each and Pint's ratios. Needs root, iproute2, dnsmasq,
# perfdhcp (kea-admin), kea-dhcp4 (kea-dhcp4-server) and a Release build of src/Pint.Service.
# Usage: bench/dhcp/run.sh [seconds per server, default 20] [offered rate, default 60000]
# KEEP_DIR=/some/dir keeps perfdhcp's full reports and the servers' logs there.
# WIDE=1 serves a /15 (131,070 addresses) instead of the /16 (65,278): then the pool holds all 100,000 clients and
# the figure is the servers' speed, not "the pool divided by the sending time", which caps both at ~6,527/s.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-20}
RATE=${2:-60000}
CLIENTS=100000
ID=$$
SNS=pint-bs$ID CNS=pint-bc$ID SIF=pbs$ID CIF=pbc$ID
WORK=$(mktemp -d /tmp/pint-dhcp-bench.XXXXXX)
SERVER_PID=
if [ "${WIDE:-0}" = 1 ]; then
  PLEN=15 MASK=255.254.0.0 LAST=10.79.255.254
else
  PLEN=16 MASK=255.255.0.0 LAST=10.78.255.254
fi

cleanup() {
  [ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null || true
  ip netns del "$CNS" 2>/dev/null || true
  ip netns del "$SNS" 2>/dev/null || true
  [ -n "${KEEP_DIR:-}" ] && mkdir -p "$KEEP_DIR" && cp "$WORK"/*.perfdhcp "$WORK"/*.log "$KEEP_DIR"/ 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in ip dnsmasq perfdhcp kea-dhcp4 dotnet ss; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y dnsmasq-base kea-admin kea-dhcp4-server iproute2)" >&2; exit 1; }
done
PINT=src/Pint.Service/bin/Release/net10.0/pint.dll
[ -f "$PINT" ] || dotnet build src/Pint.Service -c Release --nologo -v quiet >/dev/null

ip netns add "$SNS"; ip netns add "$CNS"
ip link add "$SIF" type veth peer name "$CIF"
ip link set "$SIF" netns "$SNS"; ip link set "$CIF" netns "$CNS"
ip -n "$SNS" addr add 10.78.0.1/$PLEN dev "$SIF"; ip -n "$SNS" link set "$SIF" up; ip -n "$SNS" link set lo up
ip -n "$CNS" addr add 10.78.0.2/$PLEN dev "$CIF"; ip -n "$CNS" link set "$CIF" up; ip -n "$CNS" link set lo up

cat > "$WORK/dnsmasq.conf" <<CONF
port=0
no-ping
dhcp-range=10.78.1.0,$LAST,$MASK,12h
dhcp-lease-max=200000
dhcp-authoritative
CONF
cat > "$WORK/kea.json" <<CONF
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "$SIF" ], "dhcp-socket-type": "udp" },
  "lease-database": { "type": "memfile", "persist": true, "name": "$WORK/kea.leases", "lfc-interval": 0 },
  "valid-lifetime": 43200,
  "authoritative": true,
  "subnet4": [ { "id": 1, "subnet": "10.78.0.0/$PLEN", "pools": [ { "pool": "10.78.1.0 - $LAST" } ] } ],
  "loggers": [ { "name": "kea-dhcp4", "severity": "ERROR", "output_options": [ { "output": "stderr" } ] } ]
} }
CONF

wait_listen() { # port
  for _ in $(seq 1 200); do
    ip netns exec "$SNS" ss -H -uln "sport = :$1" | grep -q ":$1" && return 0
    sleep 0.05
  done
  echo "server did not start listening on $1" >&2; exit 1
}

# CPU time (utime+stime, clock ticks) the server process has used so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

# UDP RcvbufErrors (datagrams dropped for a full receive buffer) in perfdhcp's namespace so far.
rcvbuf_errors() { ip netns exec "$CNS" awk '/^Udp:/ { if (h) { print $(c); exit } for (i = 1; i <= NF; i++) if ($i == "RcvbufErrors") c = i; h = 1 }' /proc/net/snmp; }

# Runs perfdhcp against whatever listens in the server namespace; prints the 4-way exchange rate and leaves the
# server's CPU microseconds per completed exchange in $WORK/<name>.cpu and the
# replies perfdhcp's socket dropped for a full receive buffer in $WORK/<name>.rcvbuf.
measure() { # name
  local out="$WORK/$1.perfdhcp" before after drops
  before=$(cpu_ticks)
  drops=$(rcvbuf_errors)
  ip netns exec "$CNS" perfdhcp -4 -l 10.78.0.2 -r "$RATE" -R "$CLIENTS" -n "$CLIENTS" -p "$SECONDS_PER_RUN" 10.78.0.1 >"$out" 2>&1 || true
  local rate
  rate=$(grep -Eo '^Rate: [0-9.]+' "$out" | tail -1 | awk '{print $2}')
  [ -n "$rate" ] || { echo "$1: perfdhcp gave no rate:" >&2; cat "$out" >&2; rate=0; }
  after=$(cpu_ticks)
  echo $(( $(rcvbuf_errors) - drops )) >"$WORK/$1.rcvbuf"
  awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v r="$rate" -v s="$SECONDS_PER_RUN" \
    'BEGIN { if (r > 0) printf "%.0f", t * 1e6 / hz / (r * s); else print "n/a" }' >"$WORK/$1.cpu"
  echo "$rate"
}

stop_server() { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

cp "$WORK/dnsmasq.conf" "$WORK/d.conf"; echo "dhcp-leasefile=$WORK/dnsmasq.leases" >>"$WORK/d.conf"
ip netns exec "$SNS" dnsmasq -C "$WORK/d.conf" -k --log-facility="$WORK/dnsmasq.log" --pid-file= -u root & SERVER_PID=$!
wait_listen 67; DNSMASQ=$(measure dnsmasq); stop_server

cp "$WORK/dnsmasq.conf" "$WORK/p.conf"; echo "dhcp-leasefile=$WORK/pint.leases" >>"$WORK/p.conf"
ip netns exec "$SNS" dotnet "$PINT" -C "$WORK/p.conf" 2>"$WORK/pint.log" & SERVER_PID=$!
wait_listen 67; PINT_RATE=$(measure pint); stop_server
FSYNCS=$(grep -c . "$WORK/pint.leases" || true)

mkdir -p /run/kea /var/run/kea  # Kea's pid and logger lock files
ip netns exec "$SNS" kea-dhcp4 -c "$WORK/kea.json" 2>"$WORK/kea.log" & SERVER_PID=$!
wait_listen 67; KEA=$(measure kea); stop_server

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
echo "DHCPv4 DORA exchanges/s (perfdhcp -r $RATE -R $CLIENTS, ${SECONDS_PER_RUN}s each, relayed over veth, no-ping, /$PLEN range)"
printf '  %-28s %10.0f   %s us CPU/exchange   %s client RcvbufErrors\n' "dnsmasq $(dnsmasq --version | head -1 | awk '{print $3}')" "$DNSMASQ" "$(cat "$WORK/dnsmasq.cpu")" "$(cat "$WORK/dnsmasq.rcvbuf")"
printf '  %-28s %10.0f   %s us CPU/exchange   %s client RcvbufErrors\n' "Pint (fsync, group commit)" "$PINT_RATE" "$(cat "$WORK/pint.cpu")" "$(cat "$WORK/pint.rcvbuf")"
printf '  %-28s %10.0f   %s us CPU/exchange   %s client RcvbufErrors\n' "Kea $(kea-dhcp4 -v) memfile" "$KEA" "$(cat "$WORK/kea.cpu")" "$(cat "$WORK/kea.rcvbuf")"
echo "  Pint / dnsmasq = $(ratio "$PINT_RATE" "$DNSMASQ")x   Pint / Kea = $(ratio "$PINT_RATE" "$KEA")x"
echo "  Pint lease file lines after the run: $FSYNCS"
