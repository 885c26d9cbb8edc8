#!/usr/bin/env bash
# DNS on loopback: dnsmasq 2.90 vs Pint with the same config (20,000 hosts entries + cached upstream answers).
# Measures: queries/s (dnsperf, A B A B rounds), CPU time per query at a fixed offered load, Pint's resident memory
# with a full 10,000-entry cache next to the .NET runtime baseline, and the kernel floor: what a server that does no
# DNS work at all (floor.c, same recvmmsg/sendmmsg calls) costs per query at the same load.
# Needs: dnsmasq, dnsperf, dig, dotnet; cc for the floor (skipped without it).
# Usage: bench/dns/run.sh [rounds] [seconds] [fixed-qps]
# All traffic goes to 127.0.0.1; everything started here is stopped on exit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
rounds="${1:-4}"
seconds="${2:-10}"
fixed_qps="${3:-50000}"
upstream_port=25353
dnsmasq_port=25354
pint_port=25355
baseline_port=25356
floor_port=25357
work="$(mktemp -d /tmp/pint-dns-bench.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release "$repo/src/Pint.Service" >/dev/null
pint="$repo/src/Pint.Service/bin/Release/net10.0/pint"

# 20,000 local names and 10,000 upstream names (served by a second dnsmasq acting as the upstream).
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "10.%d.%d.%d host%05d.bench.test\n", 1 + int(i / 65536), int(i / 256) % 256, i % 256, i }' > "$work/hosts"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "172.16.%d.%d up%05d.remote.test\n", int(i / 256), i % 256, i }' > "$work/upstream-hosts"
awk 'BEGIN { for (i = 0; i < 20000; i += 7) printf "host%05d.bench.test A\n", i; for (i = 0; i < 10000; i += 3) printf "up%05d.remote.test A\n", i }' > "$work/queries"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "up%05d.remote.test A\n", i }' > "$work/warm"

cat > "$work/upstream.conf" <<CONF
no-hosts
no-resolv
addn-hosts=$work/upstream-hosts
local-ttl=3600
listen-address=127.0.0.1
bind-interfaces
port=$upstream_port
CONF
cat > "$work/shared.conf" <<CONF
no-hosts
no-resolv
addn-hosts=$work/hosts
server=127.0.0.1#$upstream_port
cache-size=10000
listen-address=127.0.0.1
bind-interfaces
CONF
printf 'conf-file=%s\nport=%s\n' "$work/shared.conf" "$dnsmasq_port" > "$work/dnsmasq.conf"
printf 'conf-file=%s\nport=%s\n' "$work/shared.conf" "$pint_port" > "$work/pint.conf"
printf 'no-hosts\nno-resolv\nlisten-address=127.0.0.1\nbind-interfaces\nport=%s\n' "$baseline_port" > "$work/baseline.conf"

dnsmasq --no-daemon --conf-file="$work/upstream.conf" --pid-file= --log-facility=- > "$work/upstream.log" 2>&1 & pids+=($!)
dnsmasq --no-daemon --conf-file="$work/dnsmasq.conf" --pid-file= --log-facility=- > "$work/dnsmasq.log" 2>&1 & dnsmasq_pid=$!; pids+=($!)
"$pint" -C "$work/pint.conf" > "$work/pint.log" 2>&1 & pint_pid=$!; pids+=($!)
"$pint" -C "$work/baseline.conf" > "$work/baseline.log" 2>&1 & baseline_pid=$!; pids+=($!)

floor_pid=""
if command -v cc > /dev/null && cc -O2 -o "$work/floor" "$here/floor.c"; then
    "$work/floor" "$floor_port" & floor_pid=$!; pids+=($!)
fi

ready() { for _ in $(seq 100); do dig @127.0.0.1 -p "$1" +tries=1 +time=1 host00001.bench.test >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "no answer on port $1" >&2; exit 1; }
ready "$upstream_port"; ready "$dnsmasq_port"; ready "$pint_port"; ready "$baseline_port"
[ -n "$floor_pid" ] && ready "$floor_port"
[ "$(dig @127.0.0.1 -p "$pint_port" +short host12345.bench.test)" = "$(dig @127.0.0.1 -p "$dnsmasq_port" +short host12345.bench.test)" ] \
    || { echo "pint and dnsmasq disagree on host12345.bench.test" >&2; exit 1; }

# Fill both caches with all 10,000 upstream names (twice: the second pass must be all hits).
for port in "$dnsmasq_port" "$pint_port"; do
    dnsperf -s 127.0.0.1 -p "$port" -d "$work/warm" -n 2 -q 50 > /dev/null
done

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
qps() { awk '/Queries per second:/ { print $4 }'; }
completed() { awk '/Queries completed:/ { print $3 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
mean() { awk '{ s += $1; n++ } END { printf "%.0f", (n ? s / n : 0) }'; }

: > "$work/qps.dnsmasq"; : > "$work/qps.pint"; : > "$work/qps.floor"
for r in $(seq "$rounds"); do
    dnsperf -s 127.0.0.1 -p "$dnsmasq_port" -d "$work/queries" -l "$seconds" -c 4 -q 200 2>/dev/null | qps >> "$work/qps.dnsmasq"
    dnsperf -s 127.0.0.1 -p "$pint_port" -d "$work/queries" -l "$seconds" -c 4 -q 200 2>/dev/null | qps >> "$work/qps.pint"
    if [ -n "$floor_pid" ]; then
        dnsperf -s 127.0.0.1 -p "$floor_port" -d "$work/queries" -l "$seconds" -c 4 -q 200 2>/dev/null | qps >> "$work/qps.floor"
    fi
done
dnsmasq_qps=$(mean < "$work/qps.dnsmasq"); pint_qps=$(mean < "$work/qps.pint")

# CPU seconds per query at the same offered load (CLK_TCK ticks from /proc/PID/stat, utime + stime).
tick=$(getconf CLK_TCK)
cpu_per_query() {
    local pid=$1 port=$2 before after out
    out="$work/fixed.$port"
    before=$(cpu_ticks "$pid")
    dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries" -l "$seconds" -Q "$fixed_qps" -c 4 -q 200 > "$out" 2>/dev/null
    after=$(cpu_ticks "$pid")
    # "us/query latency-us": CPU per completed query and dnsperf's mean latency at that load.
    awk -v t="$((after - before))" -v hz="$tick" '
        /Queries completed:/ { n = $3 }
        /Average Latency/ { lat = $4 }
        END { printf "%.2f %.0f\n", (n > 0 ? t / hz / n * 1e6 : 0), lat * 1e6 }' "$out"
}
mean2() { awk '{ c += $1; l += $2 } END { printf "%.2f %.0f", c / NR, l / NR }'; }
# Three rounds, the servers in turn (A B A B), so a change in the machine's load hits both alike.
: > "$work/fixed.dnsmasq"; : > "$work/fixed.pint"; : > "$work/fixed.floor"
for r in 1 2 3; do
    cpu_per_query "$dnsmasq_pid" "$dnsmasq_port" >> "$work/fixed.dnsmasq"
    cpu_per_query "$pint_pid" "$pint_port" >> "$work/fixed.pint"
    [ -n "$floor_pid" ] && cpu_per_query "$floor_pid" "$floor_port" >> "$work/fixed.floor"
done
dnsmasq_fixed=$(mean2 < "$work/fixed.dnsmasq"); pint_fixed=$(mean2 < "$work/fixed.pint")
dnsmasq_cpu=${dnsmasq_fixed% *}; dnsmasq_latency=${dnsmasq_fixed#* }
pint_cpu=${pint_fixed% *}; pint_latency=${pint_fixed#* }

rss() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
pint_rss=$(rss "$pint_pid"); baseline_rss=$(rss "$baseline_pid"); dnsmasq_rss=$(rss "$dnsmasq_pid")

echo "DNS on loopback, $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%F)"
echo "config: 20,000 hosts entries, cache-size=10000 filled from an upstream dnsmasq; query mix 2/3 local, 1/3 cached"
printf '%-34s %10s %10s %8s\n' "" dnsmasq pint ratio
printf '%-34s %10s %10s %8s\n' "queries/s ($rounds x ${seconds}s, A B A B)" "$dnsmasq_qps" "$pint_qps" "$(ratio "$pint_qps" "$dnsmasq_qps")"
printf '%-34s %10s %10s %8s\n' "CPU us/query at ${fixed_qps} qps" "$dnsmasq_cpu" "$pint_cpu" "$(ratio "$pint_cpu" "$dnsmasq_cpu")"
printf '%-34s %10s %10s %8s\n' "mean latency us at ${fixed_qps} qps" "$dnsmasq_latency" "$pint_latency" "$(ratio "$pint_latency" "$dnsmasq_latency")"
if [ -n "$floor_pid" ]; then
    floor_cpu=$(mean2 < "$work/fixed.floor"); floor_cpu=${floor_cpu% *}
    above() { awk -v a="$1" -v f="$floor_cpu" 'BEGIN { printf "%.2f", a - f }'; }
    printf '%-34s %10s %10s %8s\n' "  of which above the kernel floor" "$(above "$dnsmasq_cpu")" "$(above "$pint_cpu")" "$(ratio "$(above "$pint_cpu")" "$(above "$dnsmasq_cpu")")"
    echo "kernel floor (floor.c, no DNS work) at ${fixed_qps} qps: $floor_cpu us/query; per-round us/query:" \
        "dnsmasq $(cut -d' ' -f1 "$work/fixed.dnsmasq" | tr '\n' ' ')/ pint $(cut -d' ' -f1 "$work/fixed.pint" | tr '\n' ' ')/ floor $(cut -d' ' -f1 "$work/fixed.floor" | tr '\n' ' ')"
fi
printf '%-34s %10s %10s\n' "VmRSS MiB" "$dnsmasq_rss" "$pint_rss"
echo "pint .NET baseline (no hosts, empty cache): $baseline_rss MiB; added by 20,000 hosts + 10,000 cached: $(awk -v a="$pint_rss" -v b="$baseline_rss" 'BEGIN { printf "%.1f", a - b }') MiB (target < 30)"
echo "per-round qps dnsmasq: $(tr '\n' ' ' < "$work/qps.dnsmasq")"
echo "per-round qps pint:    $(tr '\n' ' ' < "$work/qps.pint")"
[ -n "$floor_pid" ] && echo "per-round qps floor:   $(tr '\n' ' ' < "$work/qps.floor")(mean $(mean < "$work/qps.floor"): what dnsperf reaches against a server doing no DNS work)"
echo "target: pint CPU/query <= dnsmasq / 1.5 (ratio <= 0.67)"
