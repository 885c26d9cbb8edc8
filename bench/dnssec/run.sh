#!/usr/bin/env bash
# DNSSEC validation on loopback: Pint vs dnsmasq 2.90 --dnssec vs Unbound, the same local signed hierarchy and the
# same trust anchor. The hierarchy is built as tests/Pint.Engine.Tests/TestData/Dnssec/make-hierarchy.sh builds the
# test's (dnssec-keygen, dnssec-signzone): a root (RSASHA256), the TLD test. (ECDSAP256SHA256, NSEC) and the zone
# bench.test. (ECDSAP256SHA256, NSEC) holding 2 x NAMES names, all served by one authoritative named on 127.0.0.1
# (the upstream of all three validators: Pint and dnsmasq forward to it, Unbound has it as its forward-zone ".").
# Measures, server after server:
#  (a) cold: NAMES distinct names asked once each, one at a time (dnsperf -q 1: the mean latency of a miss: forward,
#      validate, answer), then NAMES other names with 20 outstanding (wall time per query = 1 / throughput);
#      CPU per query from /proc/PID/stat (utime + stime), and the upstream queries each server sent (named's query log);
#  (b) cached: dnsperf -Q at a fixed rate on the 2 x NAMES names already validated, CPU per query, 3 rounds A B C A B C.
# Checks before measuring that every server gives AD for a signed name and SERVFAIL for a bogus one.
# Needs: named, dnssec-keygen/-signzone/-dsfromkey (bind9, bind9-utils), dnsmasq, unbound, dnsperf, dig, dotnet.
# Usage: bench/dnssec/run.sh [names] [seconds] [fixed-qps]
# All traffic goes to 127.0.0.1; everything started here is stopped on exit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
names="${1:-2000}"
seconds="${2:-10}"
fixed_qps="${3:-5000}"
auth_addr=127.0.0.1 # named binds only addresses that an interface has: lo has 127.0.0.1
auth_port=25400
pint_port=25401
dnsmasq_port=25402
unbound_port=25403
work="$(mktemp -d /tmp/pint-dnssec-bench.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"; }
trap cleanup EXIT

echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
for tool in named dnssec-keygen dnssec-signzone dnssec-dsfromkey dnsmasq unbound dnsperf dig dotnet; do
    command -v "$tool" > /dev/null || { echo "missing: $tool (bind9 bind9-utils dnsmasq unbound dnsperf bind9-dnsutils)" >&2; exit 1; }
done
# A build beside another one can fail on a locked file: once more after a pause.
dotnet build -c Release "$repo/src/Pint.Service" > /dev/null || { sleep 10; dotnet build -c Release "$repo/src/Pint.Service" > /dev/null; }
pint_dll="$repo/src/Pint.Service/bin/Release/net10.0/pint.dll"

# --- The signed hierarchy (as make-hierarchy.sh: KSK + ZSK per zone, DS in the parent, dnssec-signzone -O full).
zones="$work/zones"; mkdir -p "$zones"
(
    cd "$zones"
    soa() { printf '$TTL 3600\n@ SOA ns.%s hostmaster.%s 1 3600 600 86400 3600\n' "${1#.}" "${1#.}"; }
    keys() { dnssec-keygen -q -a "$2" -f KSK -n ZONE "$1" > /dev/null; dnssec-keygen -q -a "$2" -n ZONE "$1" > /dev/null; }
    sign() { for k in K"${1%.}".+*.key; do echo "\$INCLUDE $k" >> "$2"; done; dnssec-signzone -q -O full -o "$1" -f "$2.signed" "$2" > /dev/null; }
    { soa bench.test.; echo '@ NS ns.bench.test.'; echo "ns A $auth_addr"
      awk -v n="$names" 'BEGIN { for (i = 0; i < 2 * n; i++) printf "n%05d A 10.%d.%d.%d\n", i, int(i / 65536), int(i / 256) % 256, i % 256 }'
      echo 'bogus A 192.0.2.66'; } > bench.test.zone
    keys bench.test ECDSAP256SHA256; sign bench.test. bench.test.zone
    # One corrupted RRSIG, so the check below sees each server turn a bogus answer into SERVFAIL.
    awk '$1 == "bogus.bench.test." && $4 == "RRSIG" && $5 == "A" { s = $NF; $NF = (substr(s,1,1) == "A" ? "B" : "A") substr(s,2) } { print }' \
        bench.test.zone.signed > x && mv x bench.test.zone.signed
    { soa test.; echo '@ NS ns.test.'; echo "ns A $auth_addr"; echo 'bench NS ns.bench'; echo "ns.bench A $auth_addr"; cat dsset-bench.test.; } > test.zone
    keys test ECDSAP256SHA256; sign test. test.zone
    { soa .; echo '@ NS a.root-servers.net.'; echo "a.root-servers.net. A $auth_addr"; echo 'test. NS ns.test.'; echo "ns.test. A $auth_addr"; cat dsset-test.; } > root.zone
    keys . RSASHA256; sign . root.zone
    dnssec-dsfromkey -2 "$(grep -l 'DNSKEY 257' K.+*.key)" > root.ds
)
read -r _ _ _ anchor_tag anchor_alg anchor_type anchor_digest < "$zones/root.ds"
cat > "$zones/named.conf" <<CONF
options {
  directory "$zones"; pid-file "$zones/named.pid"; port $auth_port;
  listen-on port $auth_port { $auth_addr; }; listen-on-v6 { none; }; recursion no;
  notify no; dnssec-validation no; minimal-responses no; querylog yes;
};
controls { };
logging { channel q { file "$zones/query.log"; }; channel d { file "$zones/named.log"; }; category queries { q; }; category default { d; }; };
zone "." { type primary; file "$zones/root.zone.signed"; };
zone "test" { type primary; file "$zones/test.zone.signed"; };
zone "bench.test" { type primary; file "$zones/bench.test.zone.signed"; };
CONF
# -f, not -g: -g sends every log to stderr and so no query log, which counts the upstream queries below.
named -f -4 -u root -c "$zones/named.conf" > "$work/named.log" 2>&1 & pids+=($!)

# --- The three validators: the same upstream, trust anchor and cache size.
cat > "$work/shared.conf" <<CONF
no-resolv
no-hosts
server=$auth_addr#$auth_port
dnssec
trust-anchor=.,$anchor_tag,$anchor_alg,$anchor_type,$anchor_digest
cache-size=10000
listen-address=127.0.0.1
bind-interfaces
CONF
printf 'conf-file=%s\nport=%s\n' "$work/shared.conf" "$pint_port" > "$work/pint.conf"
printf 'conf-file=%s\nport=%s\n' "$work/shared.conf" "$dnsmasq_port" > "$work/dnsmasq.conf"
# Unbound: one thread (dnsmasq has one), no prefetch, the root's DS as its only anchor, everything forwarded to named.
cat > "$work/unbound.conf" <<CONF
server:
  interface: 127.0.0.1@$unbound_port
  port: $unbound_port
  do-ip6: no
  do-not-query-localhost: no
  num-threads: 1
  chroot: ""
  username: ""
  directory: "$work"
  pidfile: ""
  use-syslog: no
  logfile: ""
  verbosity: 0
  module-config: "validator iterator"
  trust-anchor: ". DS $anchor_tag $anchor_alg $anchor_type $anchor_digest"
  prefetch: no
  qname-minimisation: no
  msg-cache-size: 64m
  rrset-cache-size: 128m
  access-control: 127.0.0.0/8 allow
  local-zone: "test." nodefault  # Unbound answers the RFC 6761 name test. itself unless told not to
forward-zone:
  name: "."
  forward-addr: $auth_addr@$auth_port
CONF
unbound-checkconf "$work/unbound.conf" > /dev/null

dotnet "$pint_dll" -C "$work/pint.conf" > "$work/pint.log" 2>&1 & pint_pid=$!; pids+=($!)
dnsmasq --no-daemon --conf-file="$work/dnsmasq.conf" --pid-file= --log-facility=- > "$work/dnsmasq.log" 2>&1 & dnsmasq_pid=$!; pids+=($!)
unbound -d -c "$work/unbound.conf" > "$work/unbound.log" 2>&1 & unbound_pid=$!; pids+=($!)

ready() { for _ in $(seq 150); do dig @"$1" -p "$2" +tries=1 +time=1 . SOA > /dev/null 2>&1 && return 0; sleep 0.2; done; echo "no answer on $1#$2" >&2; exit 1; }
ready "$auth_addr" "$auth_port"
for port in "$pint_port" "$dnsmasq_port" "$unbound_port"; do ready 127.0.0.1 "$port"; done

# Cold names (never asked before the measurement): one set asked one at a time, another with 20 outstanding.
awk -v n="$names" 'BEGIN { for (i = 0; i < n; i++) printf "n%05d.bench.test A\n", i }' > "$work/cold1"
awk -v n="$names" 'BEGIN { for (i = n; i < 2 * n; i++) printf "n%05d.bench.test A\n", i }' > "$work/cold2"
cat "$work/cold1" "$work/cold2" > "$work/all"

# Each server validates: AD for a signed name, SERVFAIL for the corrupted one (these prove the chain once; the
# cold names below are still unasked, so each of them costs a forward and one signature check on the zone's key).
flags() { dig @127.0.0.1 -p "$1" +tries=2 +time=3 "$2" A | awk '/^;; ->>HEADER<<-/ { s = $6 } /^;; flags:/ { ad = ($0 ~ / ad[ ;]/) ? " ad" : "" } END { sub(",", "", s); print s ad }'; }
for server in pint:$pint_port dnsmasq:$dnsmasq_port unbound:$unbound_port; do
    port=${server#*:}
    ok=$(flags "$port" ns.bench.test); bad=$(flags "$port" bogus.bench.test)
    [ "$ok" = "NOERROR ad" ] && [ "$bad" = "SERVFAIL" ] || { echo "${server%:*} does not validate: ns.bench.test $ok, bogus.bench.test $bad" >&2; exit 1; }
done

tick=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
log_lines() { wc -l < "$zones/query.log"; }
# cold PID PORT FILE OUTSTANDING -> "latency-us wall-us/query cpu-us/query upstream-queries/query completed". With one query
# outstanding the latency is dnsperf's mean (its run time / queries also holds dnsperf's own wake-ups between queries:
# 5-20 ms a query here); with 20 it is run time / queries, 1 / throughput.
cold() {
    local pid=$1 port=$2 file=$3 q=$4 before after log0 log1 out
    out="$work/cold.$port.$q"
    log0=$(log_lines); before=$(cpu_ticks "$pid")
    dnsperf -s 127.0.0.1 -p "$port" -d "$file" -n 1 -c 1 -q "$q" -t 5 > "$out" 2>&1
    after=$(cpu_ticks "$pid"); sleep 0.5; log1=$(log_lines)
    awk -v t="$((after - before))" -v hz="$tick" -v up="$((log1 - log0))" '
        /Queries completed:/ { n = $3 } /Run time \(s\):/ { s = $4 } /Average Latency/ { lat = $4 }
        END { printf "%.0f %.0f %.0f %.2f %d\n", lat * 1e6, (n ? s / n * 1e6 : 0), (n ? t / hz / n * 1e6 : 0), (n ? up / n : 0), n }' "$out"
}
# cached PID PORT -> "us/query(cpu) latency-us completed"
cached() {
    local pid=$1 port=$2 before after out
    out="$work/cached.$port"
    before=$(cpu_ticks "$pid")
    dnsperf -s 127.0.0.1 -p "$port" -d "$work/all" -l "$seconds" -Q "$fixed_qps" -c 4 -q 200 > "$out" 2>&1
    after=$(cpu_ticks "$pid")
    awk -v t="$((after - before))" -v hz="$tick" '
        /Queries completed:/ { n = $3 } /Average Latency/ { lat = $4 }
        END { printf "%.2f %.0f %d\n", (n ? t / hz / n * 1e6 : 0), lat * 1e6, n }' "$out"
}

declare -A c1 c2 fx
for server in pint dnsmasq unbound; do
    pid_var="${server}_pid"; port_var="${server}_port"
    c1[$server]=$(cold "${!pid_var}" "${!port_var}" "$work/cold1" 1)
    c2[$server]=$(cold "${!pid_var}" "${!port_var}" "$work/cold2" 20)
done
# Every cold name came back validated: AD for a sample from each server's cache.
for server in pint:$pint_port dnsmasq:$dnsmasq_port unbound:$unbound_port; do
    for i in 0 $((names / 2)) $((names - 1)) $((names * 2 - 1)); do
        got=$(flags "${server#*:}" "$(printf 'n%05d.bench.test' "$i")")
        [ "$got" = "NOERROR ad" ] || { echo "${server%:*}: n$i.bench.test gave $got after the cold run" >&2; exit 1; }
    done
done
for server in pint dnsmasq unbound; do : > "$work/fixed.$server"; done
for r in 1 2 3; do
    for server in pint dnsmasq unbound; do
        pid_var="${server}_pid"; port_var="${server}_port"
        cached "${!pid_var}" "${!port_var}" >> "$work/fixed.$server"
    done
done
mean3() { awk '{ c += $1; l += $2; n += $3 } END { printf "%.2f %.0f %d", c / NR, l / NR, n / NR }'; }
for server in pint dnsmasq unbound; do fx[$server]=$(mean3 < "$work/fixed.$server"); done
rss() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

field() { echo "$1" | awk -v f="$2" '{ print $f }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo
echo "signed zone bench.test. (ECDSAP256SHA256, NSEC) under a RSASHA256 root and an ECDSAP256SHA256 TLD; $names names per cold set; cached: ${fixed_qps}/s for ${seconds}s x 3 rounds on $((2 * names)) names"
printf '%-8s | %19s | %19s | %19s | %19s | %24s | %7s\n' server "cold q=1 latency us" "cold q=1 CPU us/q" "cold q=20 wall us/q" "cold q=20 CPU us/q" "cached CPU us/q" "RSS MiB"
for server in pint dnsmasq unbound; do
    pid_var="${server}_pid"
    printf '%-8s | %19s | %19s | %19s | %19s | %24s | %7s\n' "$server" \
        "$(field "${c1[$server]}" 1)" "$(field "${c1[$server]}" 3)" "$(field "${c2[$server]}" 2)" "$(field "${c2[$server]}" 3)" \
        "$(field "${fx[$server]}" 1) (lat $(field "${fx[$server]}" 2) us)" "$(rss "${!pid_var}")"
done
echo "upstream queries per cold name (named's query log): pint $(field "${c1[pint]}" 4)/$(field "${c2[pint]}" 4), dnsmasq $(field "${c1[dnsmasq]}" 4)/$(field "${c2[dnsmasq]}" 4), unbound $(field "${c1[unbound]}" 4)/$(field "${c2[unbound]}" 4) (q=1/q=20)"
echo "queries completed: cold $(field "${c1[pint]}" 5)+$(field "${c2[pint]}" 5) / $(field "${c1[dnsmasq]}" 5)+$(field "${c2[dnsmasq]}" 5) / $(field "${c1[unbound]}" 5)+$(field "${c2[unbound]}" 5), cached per round $(field "${fx[pint]}" 3) / $(field "${fx[dnsmasq]}" 3) / $(field "${fx[unbound]}" 3) (pint / dnsmasq / unbound)"
for other in dnsmasq unbound; do
    echo "Pint / $other: cold q=1 latency $(ratio "$(field "${c1[pint]}" 1)" "$(field "${c1[$other]}" 1)")x, CPU $(ratio "$(field "${c1[pint]}" 3)" "$(field "${c1[$other]}" 3)")x;" \
        "cold q=20 wall $(ratio "$(field "${c2[pint]}" 2)" "$(field "${c2[$other]}" 2)")x, CPU $(ratio "$(field "${c2[pint]}" 3)" "$(field "${c2[$other]}" 3)")x;" \
        "cached CPU $(ratio "$(field "${fx[pint]}" 1)" "$(field "${fx[$other]}" 1)")x"
done
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
# PAUSE=SECONDS keeps the servers up that long after the figures (to look at them by hand); they stop on exit as ever.
[ -n "${PAUSE:-}" ] && { echo "servers up for ${PAUSE}s: pint 127.0.0.1#$pint_port, dnsmasq #$dnsmasq_port, unbound #$unbound_port, named #$auth_port"; sleep "$PAUSE"; }
exit 0
