#!/usr/bin/env bash
# Memory footprint, dnsmasq vs the Pint service, with the same config: 20,000 hosts entries (addn-hosts) and a
# 10,000-entry cache filled with 10,000 distinct forwarded names, then some local names asked. Prints VmRSS and
# VmHWM of both servers from /proc/PID/status, and where Pint's resident memory is (smaps_rollup, the largest mappings).
# Needs (as root or not): dnsmasq, dnsperf, dig, dotnet. All traffic goes to 127.0.0.77 (loopback); every server
# started here is stopped on exit.
# Usage: bench/footprint/run.sh [settle-seconds]
#   PINT_PUBLISHED=DIR  use an already published service in DIR instead of `dotnet publish -c Release` into a temp dir.
#   Any DOTNET_* variable in the environment reaches the Pint process (e.g. DOTNET_GCgen0size to try a setting).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
settle="${1:-15}"
address=127.0.0.77
upstream_port=5398
dnsmasq_port=5399
pint_port=5400
work="$(mktemp -d /tmp/pint-footprint.XXXXXX)"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

for tool in dnsmasq dnsperf dig dotnet; do
    command -v "$tool" > /dev/null || { echo "footprint: needs $tool" >&2; exit 1; }
done

published="${PINT_PUBLISHED:-}"
if [ -z "$published" ]; then
    published="$work/pint"
    dotnet publish "$repo/src/Pint.Service" -c Release -o "$published" > "$work/publish.log" 2>&1 \
        || { cat "$work/publish.log" >&2; exit 1; }
fi
if [ -x "$published/pint" ]; then pint=("$published/pint"); else pint=(dotnet "$published/pint.dll"); fi

# 20,000 local names; 10,000 upstream names served by a second dnsmasq acting as the upstream.
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "10.%d.%d.%d host%05d.bench.test\n", 1 + int(i / 65536), int(i / 256) % 256, i % 256, i }' > "$work/hosts"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "172.16.%d.%d up%05d.remote.test\n", int(i / 256), i % 256, i }' > "$work/upstream-hosts"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "up%05d.remote.test A\n", i }' > "$work/forwarded"
awk 'BEGIN { for (i = 0; i < 20000; i += 4) printf "host%05d.bench.test A\n", i }' > "$work/local"

cat > "$work/upstream.conf" <<CONF
no-hosts
no-resolv
addn-hosts=$work/upstream-hosts
local-ttl=3600
listen-address=$address
bind-interfaces
port=$upstream_port
CONF
cat > "$work/shared.conf" <<CONF
no-hosts
no-resolv
addn-hosts=$work/hosts
server=$address#$upstream_port
cache-size=10000
listen-address=$address
bind-interfaces
CONF
printf 'conf-file=%s\nport=%s\n' "$work/shared.conf" "$dnsmasq_port" > "$work/dnsmasq.conf"
printf 'conf-file=%s\nport=%s\n' "$work/shared.conf" "$pint_port" > "$work/pint.conf"

dnsmasq --no-daemon --conf-file="$work/upstream.conf" --pid-file= --log-facility=- > "$work/upstream.log" 2>&1 & pids+=($!)
dnsmasq --no-daemon --conf-file="$work/dnsmasq.conf" --pid-file= --log-facility=- > "$work/dnsmasq.log" 2>&1 & dnsmasq_pid=$!; pids+=($!)
"${pint[@]}" -k -C "$work/pint.conf" --control-socket "$work/pint.sock" > "$work/pint.log" 2>&1 & pint_pid=$!; pids+=($!)

# Waits until the server answers a name (the upstream one, a local one for the others); gives up after 30 s.
ready() {
    local port=$1 name=$2 pid=$3
    for _ in $(seq 150); do
        kill -0 "$pid" 2>/dev/null || { echo "footprint: the server on port $port exited:" >&2; cat "$work"/*.log >&2; exit 1; }
        # dig +short prints its errors on stdout too: only an address counts.
        dig @"$address" -p "$port" +short +tries=1 +time=1 "$name" 2>/dev/null | grep -Eq '^[0-9]+\.' && return 0
        sleep 0.2
    done
    echo "footprint: no answer on $address#$port" >&2; exit 1
}
ready "$upstream_port" up00001.remote.test "${pids[0]}"
ready "$dnsmasq_port" host00001.bench.test "$dnsmasq_pid"
ready "$pint_port" host00001.bench.test "$pint_pid"
for name in host12345.bench.test up04321.remote.test; do
    [ "$(dig @"$address" -p "$pint_port" +short "$name")" = "$(dig @"$address" -p "$dnsmasq_port" +short "$name")" ] \
        || { echo "footprint: pint and dnsmasq disagree on $name: $(dig @"$address" -p "$pint_port" +short "$name") vs $(dig @"$address" -p "$dnsmasq_port" +short "$name")" >&2; exit 1; }
done

# Fill each cache with the 10,000 forwarded names, then ask local names and the cached names again.
for port in "$dnsmasq_port" "$pint_port"; do
    dnsperf -s "$address" -p "$port" -d "$work/forwarded" -n 1 -q 20 > "$work/fill.$port" 2>&1
    dnsperf -s "$address" -p "$port" -d "$work/local" -n 2 -q 50 > "$work/local.$port" 2>&1
    dnsperf -s "$address" -p "$port" -d "$work/forwarded" -n 1 -q 50 > "$work/hits.$port" 2>&1
done
lost() { awk '/Queries lost:/ { print $3 }' "$1"; }
echo "queries lost (fill/local/hits): dnsmasq $(lost "$work/fill.$dnsmasq_port")/$(lost "$work/local.$dnsmasq_port")/$(lost "$work/hits.$dnsmasq_port")," \
    "pint $(lost "$work/fill.$pint_port")/$(lost "$work/local.$pint_port")/$(lost "$work/hits.$pint_port")"
# An idle server after the burst, as a service spends most of its life.
sleep "$settle"

kib() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }

echo "Footprint, $(nproc) cores, $(date -u '+%F %H:%M UTC'), $(dnsmasq --version | head -1 | cut -d' ' -f1-3), .NET $(dotnet --version)"
echo "config: 20,000 addn-hosts names, cache-size=10000 filled with 10,000 forwarded names; $settle s idle before reading"
printf '%-12s %10s %10s %8s\n' "MiB" dnsmasq pint "ratio"
for key in VmRSS VmHWM RssAnon RssFile RssShmem; do
    d=$(kib "$dnsmasq_pid" "$key"); p=$(kib "$pint_pid" "$key")
    printf '%-12s %10s %10s %8s\n' "$key" "$(mib "$d")" "$(mib "$p")" "$(ratio "$p" "$d")"
done
echo "pint threads: $(awk '/^Threads:/ { print $2 }' "/proc/$pint_pid/status")"
echo "pint's largest mappings (Rss KiB, anonymous ones summed):"
awk '/^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6 ? $6 : "[anonymous]") } /^Rss:/ { rss[name] += $2 }
     END { for (n in rss) if (rss[n] >= 256) printf "  %8d  %s\n", rss[n], n }' "/proc/$pint_pid/smaps" | sort -rn | head -12
# The managed heap (after the figures above: the dump itself forces a collection): its live total, and the types with
# the most objects. The report's sizes leave out array elements and string characters, so only counts are shown.
if command -v dotnet-gcdump > /dev/null && dotnet-gcdump collect -p "$pint_pid" -o "$work/pint.gcdump" > /dev/null 2>&1; then
    dotnet-gcdump report "$work/pint.gcdump" > "$work/gcdump.txt" 2> /dev/null
    echo "pint's managed heap (dotnet-gcdump): $(awk '/GC Heap bytes/ { gsub(",", "", $1); printf "%.1f", $1 / 1048576 }' "$work/gcdump.txt") MiB live; objects by type:"
    awk '$2 ~ /^[0-9,]+$/ && $1 ~ /^[0-9,]+$/ { count = $2; gsub(",", "", count)
            type = $0; sub(/^ *[0-9,]+ +[0-9,]+ +/, "", type); sub(/ +\[.*$/, "", type); sub(/ \(Bytes > .*\)/, "", type)
            n[type] += count }
         END { for (t in n) if (n[t] >= 1000) printf "  %8d  %s\n", n[t], t }' "$work/gcdump.txt" | sort -k1,1nr | head -14
fi
