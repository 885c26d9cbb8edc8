#!/usr/bin/env bash
# DHCPv6 throughput: perfdhcp -6 (kea-admin) against dnsmasq, Pint and ISC Kea (kea-dhcp6) in turn, each in a network
# namespace of this script's making joined to perfdhcp's by a veth pair, same setup: one IPv6 range on the server's /64,
# no RA, many distinct clients (-R), full 4-way exchanges (SARR: Solicit, Advertise, Request, Reply).
# Prints SARR exchanges per second (perfdhcp's "Rate:") for each, the server's CPU per exchange (utime+stime from
# /proc/PID/stat) and Pint's ratios; each server is measured RUNS times (default 2) and the load average is printed
# before each run. Needs root, iproute2, dnsmasq, perfdhcp (kea-admin), kea-dhcp6 (kea-dhcp6-server) and a Release
# build of src/Pint.Service (built when missing).
# Usage: sudo bench/dhcp6/run.sh [seconds per run, default 15] [offered rate, default 2000]
# MODE=relay (default) sends relayed traffic (perfdhcp -6 -A1: one simulated relay, RELAY-FORW to the server's
# unicast address; its link-address lies in the /64, which is how each server picks the range); MODE=direct sends on the link to ff02::1:2 (perfdhcp -l <if>).
# RUNS=n measures each server n times (fresh server and lease file each time). CLIENTS=n sets -R (default 100000).
# SERVERS="pint kea" measures only those (default: dnsmasq pint kea). LEASE_DIR=/dev/shm puts the lease files in a
# directory of their own there (a tmpfs takes the cost of fsync out of the figure); default: the work directory.
# KEEP_DIR=/some/dir keeps perfdhcp's full reports, the servers' logs and lease files there.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-15}
RATE=${2:-2000}
CLIENTS=${CLIENTS:-100000}
RUNS=${RUNS:-2}
MODE=${MODE:-relay}
ID=$$
SNS=pint-6s$ID CNS=pint-6c$ID SIF=p6s$ID CIF=p6c$ID
SADDR=fd00:78::1 CADDR=fd00:78::2
# A range far larger than the clients perfdhcp simulates, so the pool never caps the figure.
FIRST=fd00:78::1:0 LAST=fd00:78::ff:ffff
WORK=$(mktemp -d /tmp/pint-dhcp6-bench.XXXXXX)
LEASES=$WORK
[ -n "${LEASE_DIR:-}" ] && LEASES=$(mktemp -d "$LEASE_DIR/pint-dhcp6-leases.XXXXXX")
SERVER_PID=

cleanup() {
  [ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null || true
  ip netns del "$CNS" 2>/dev/null || true
  ip netns del "$SNS" 2>/dev/null || true
  [ -n "${KEEP_DIR:-}" ] && mkdir -p "$KEEP_DIR" && cp "$WORK"/* "$KEEP_DIR"/ 2>/dev/null
  rm -rf "$WORK"
  [ "$LEASES" != "$WORK" ] && rm -rf "$LEASES"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in ip dnsmasq perfdhcp kea-dhcp6 dotnet ss; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y dnsmasq-base kea-admin kea-dhcp6-server iproute2)" >&2; exit 1; }
done
PINT=${PINT_DLL:-src/Pint.Service/bin/Release/net10.0/pint.dll}  # PINT_DLL=/path/pint.dll measures another build
[ -f "$PINT" ] || dotnet build src/Pint.Service -c Release --nologo -v quiet >/dev/null
PINT_BUILD="$PINT, Pint.Engine.dll of $(date -u -r "$(dirname "$PINT")/Pint.Engine.dll" '+%F %T UTC')"

ip netns add "$SNS"; ip netns add "$CNS"
for ns in "$SNS" "$CNS"; do  # no duplicate address detection: the addresses are usable at once, not "tentative"
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
    net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0
done
ip link add "$SIF" type veth peer name "$CIF"
ip link set "$SIF" netns "$SNS"; ip link set "$CIF" netns "$CNS"
ip -n "$SNS" addr add $SADDR/64 dev "$SIF" nodad; ip -n "$SNS" link set "$SIF" up; ip -n "$SNS" link set lo up
ip -n "$CNS" addr add $CADDR/64 dev "$CIF" nodad; ip -n "$CNS" link set "$CIF" up; ip -n "$CNS" link set lo up
for _ in $(seq 1 100); do  # both link-local addresses present and not tentative
  ip -n "$SNS" -6 addr show dev "$SIF" scope link | grep -q 'inet6' && ! ip -n "$SNS" -6 addr show dev "$SIF" | grep -q tentative &&
  ip -n "$CNS" -6 addr show dev "$CIF" scope link | grep -q 'inet6' && ! ip -n "$CNS" -6 addr show dev "$CIF" | grep -q tentative && break
  sleep 0.05
done

cat > "$WORK/dnsmasq.conf" <<CONF
port=0
dhcp-range=$FIRST,$LAST,64,12h
dhcp-lease-max=1000000
dhcp-authoritative
CONF

kea_conf() { # lease-file
  cat <<CONF
{ "Dhcp6": {
  "interfaces-config": { "interfaces": [ "$SIF/$SADDR" ] },
  "lease-database": { "type": "memfile", "persist": true, "name": "$1", "lfc-interval": 0 },
  "server-id": { "type": "LLT", "persist": false },
  "preferred-lifetime": 43200, "valid-lifetime": 43200, "renew-timer": 21600, "rebind-timer": 34560,
  "subnet6": [ { "id": 1, "subnet": "fd00:78::/64", "interface": "$SIF", "pools": [ { "pool": "$FIRST - $LAST" } ] } ],
  "loggers": [ { "name": "kea-dhcp6", "severity": "ERROR", "output_options": [ { "output": "stderr" } ] } ]
} }
CONF
}

wait_listen() { # port
  for _ in $(seq 1 200); do
    ip netns exec "$SNS" ss -H -uln "sport = :$1" | grep -q ":$1" && return 0
    sleep 0.05
  done
  echo "server did not start listening on $1" >&2; exit 1
}

# CPU time (utime+stime, clock ticks) the server process has used so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

if [ "$MODE" = relay ]; then
  PERF_MODE=(-A1 -l "$CIF") TARGET=$SADDR  # perfdhcp binds [$CADDR]:547 and plays the relay
else
  PERF_MODE=(-l "$CIF") TARGET=all          # ff02::1:2 on the link, from the client's link-local address, port 546
fi

# Runs perfdhcp against whatever listens in the server namespace; leaves perfdhcp's report in $WORK/<tag>.perfdhcp,
# the SARR rate in $WORK/<tag>.rate and the server's CPU microseconds per completed exchange in $WORK/<tag>.cpu.
measure() { # tag
  local out="$WORK/$1.perfdhcp" before after rate
  before=$(cpu_ticks)
  ip netns exec "$CNS" timeout $((SECONDS_PER_RUN + 60)) perfdhcp -6 "${PERF_MODE[@]}" -r "$RATE" -R "$CLIENTS" \
    -p "$SECONDS_PER_RUN" "$TARGET" >"$out" 2>&1 || true
  after=$(cpu_ticks)
  rate=$(grep -Eo '^Rate: [0-9.]+' "$out" | tail -1 | awk '{print $2}')
  [ -n "$rate" ] || { echo "$1: perfdhcp gave no rate:" >&2; cat "$out" >&2; rate=0; }
  echo "$rate" >"$WORK/$1.rate"
  awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v r="$rate" -v s="$SECONDS_PER_RUN" \
    'BEGIN { if (r > 0) printf "%.0f\n", t * 1e6 / hz / (r * s); else print "n/a" }' >"$WORK/$1.cpu"
}

stop_server() { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

# Starts one server with an empty lease file; sets SERVER_PID.
start_server() { # name run
  local tag=$1.$2
  rm -f "$LEASES/$1.leases"*
  case $1 in
    dnsmasq)
      { cat "$WORK/dnsmasq.conf"; echo "dhcp-leasefile=$LEASES/$1.leases"; } >"$WORK/$tag.conf"
      ip netns exec "$SNS" dnsmasq -C "$WORK/$tag.conf" -k --log-facility="$WORK/$tag.log" --pid-file= -u root & SERVER_PID=$! ;;
    pint)
      { cat "$WORK/dnsmasq.conf"; echo "dhcp-leasefile=$LEASES/$1.leases"; } >"$WORK/$tag.conf"
      ip netns exec "$SNS" dotnet "$PINT" -C "$WORK/$tag.conf" --control-socket "$WORK/pint.sock" >"$WORK/$tag.log" 2>&1 & SERVER_PID=$! ;;
    kea)
      mkdir -p /run/kea /var/run/kea  # Kea's pid and logger lock files
      kea_conf "$LEASES/$1.leases" >"$WORK/$tag.json"
      ip netns exec "$SNS" kea-dhcp6 -c "$WORK/$tag.json" >"$WORK/$tag.log" 2>&1 & SERVER_PID=$! ;;
  esac
  wait_listen 547
  sleep 1  # Pint joins ff02::1:2 and reads its links after it binds
}

read -r -a SERVERS <<<"${SERVERS:-dnsmasq pint kea}"
declare -A LABEL=([dnsmasq]="dnsmasq $(dnsmasq --version | head -1 | awk '{print $3}')" [pint]="Pint (Release)"
  [kea]="Kea $(kea-dhcp6 -v) memfile")
echo "DHCPv6 SARR exchanges/s: perfdhcp -6 $MODE -r $RATE -R $CLIENTS, ${SECONDS_PER_RUN}s a run, $RUNS runs each, veth," \
  "range $FIRST-$LAST on $SADDR/64, lease files in $(df --output=fstype "$LEASES" | tail -1)"
echo "  Pint build: $PINT_BUILD"
printf '  %-24s %3s  %-16s %10s  %14s  %s\n' server run "load (1/5/15)" "SARR/s" "us CPU/exch." "leases in file"
for run in $(seq 1 "$RUNS"); do
  for s in "${SERVERS[@]}"; do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    start_server "$s" "$run"
    measure "$s.$run"
    stop_server
    case $s in
      kea) leases=$(awk -F, 'NR > 1 && $1 != "" { n[$1] = 1 } END { print length(n) }' "$LEASES/$s.leases" 2>/dev/null || echo 0) ;;
      *) leases=$(awk 'NF == 5 && $1 ~ /^[0-9]+$/ && $3 ~ /:/ { n++ } END { print n + 0 }' "$LEASES/$s.leases" 2>/dev/null || echo 0) ;;
    esac
    echo "$load" >"$WORK/$s.$run.load"
    [ -n "${KEEP_DIR:-}" ] && cp "$LEASES/$s.leases" "$WORK/$s.$run.leases" 2>/dev/null || true
    printf '  %-24s %3s  %-16s %10.0f  %14s  %s\n' "${LABEL[$s]}" "$run" "$load" "$(cat "$WORK/$s.$run.rate")" \
      "$(cat "$WORK/$s.$run.cpu")" "$leases"
  done
done

mean() { # name file-suffix
  cat "$WORK/$1".*."$2" | awk '$1 != "n/a" { t += $1; n++ } END { if (n) printf "%.0f", t / n; else print "n/a" }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "n/a") printf "%.2f", a / b; else print "n/a" }'; }
echo "Mean of $RUNS runs:"
for s in "${SERVERS[@]}"; do
  printf '  %-24s %10s SARR/s  %6s us CPU/exchange\n' "${LABEL[$s]}" "$(mean "$s" rate)" "$(mean "$s" cpu)"
done
[ "${#SERVERS[@]}" = 3 ] || exit 0
P=$(mean pint rate) D=$(mean dnsmasq rate) K=$(mean kea rate)
echo "  Pint / dnsmasq = $(ratio "$P" "$D")x   Pint / Kea = $(ratio "$P" "$K")x" \
  "  (CPU per exchange: Pint / dnsmasq = $(ratio "$(mean pint cpu)" "$(mean dnsmasq cpu)")x," \
  "Pint / Kea = $(ratio "$(mean pint cpu)" "$(mean kea cpu)")x)"
