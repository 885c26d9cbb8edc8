#!/usr/bin/env bash
# TFTP throughput on loopback: dnsmasq 2.90 vs Pint (vs atftpd for windowed transfers).
# Pint runs as users run it: the service host (`pint -C pint.conf`, src/Pint.Service) with enable-tftp.
# Needs: dnsmasq, curl, atftp, atftpd (apt-get install -y dnsmasq-base curl atftp atftpd), dotnet, root
# (TFTP port 69: dnsmasq on 127.0.0.1, Pint on 127.0.0.2). Usage: bench/tftp/run.sh [size-MiB] [runs]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
size_mib="${1:-64}"
runs="${2:-3}"
dnsmasq_ip=127.0.0.1
pint_ip=127.0.0.2
atftpd_port=16970
work="$(mktemp -d /tmp/pint-tftp-bench.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/root"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/root/big.bin"
chmod 755 "$work" "$work/root"; chmod 644 "$work/root/big.bin"

dotnet build -c Release "$repo/src/Pint.Service" -o "$work/host" >/dev/null
cat > "$work/pint.conf" <<CONF
port=0
listen-address=$pint_ip
enable-tftp
tftp-root=$work/root
CONF
"$work/host/pint" -C "$work/pint.conf" > "$work/pint.log" 2>&1 & pids+=($!)
dnsmasq --no-daemon --port=0 --enable-tftp --tftp-root="$work/root" --listen-address="$dnsmasq_ip" \
    --bind-interfaces --user=root --log-facility="$work/dnsmasq.log" --pid-file="$work/dnsmasq.pid" > "$work/dnsmasq.out" 2>&1 & pids+=($!)
atftpd --daemon --no-fork --user root --group root --port "$atftpd_port" --bind-address 127.0.0.1 \
    --logfile "$work/atftpd.log" "$work/root" > "$work/atftpd.out" 2>&1 & pids+=($!)
sleep 2

# best of N runs, MiB/s
measure() {
    local best=0 t rate
    for _ in $(seq "$runs"); do
        rm -f "$work/out"
        local start end
        start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
        t=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
        cmp -s "$work/out" "$work/root/big.bin" || { echo "download differs: $*" >&2; cat "$work/pint.log" >&2; exit 1; }
        rate=$(awk -v s="$size_mib" -v t="$t" 'BEGIN { printf "%.1f", (t > 0 ? s / t : 0) }')
        best=$(awk -v a="$best" -v b="$rate" 'BEGIN { print (b > a ? b : a) }')
    done
    echo "$best"
}
curl_get() { measure curl -s --tftp-blksize 1468 "tftp://$1:${2:-69}/big.bin" -o "$work/out"; }
atftp_get() { measure atftp --get -r big.bin -l "$work/out" --option "blksize 1468" --option "windowsize 16" "$1" "${2:-69}"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
dns_lock=$(curl_get $dnsmasq_ip);  pint_lock=$(curl_get $pint_ip)
dns_win=$(atftp_get $dnsmasq_ip);  pint_win=$(atftp_get $pint_ip); atftpd_win=$(atftp_get 127.0.0.1 "$atftpd_port")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo "TFTP ${size_mib} MiB on loopback, best of $runs (MiB/s); load average before: $load_before, after: $load_after"
printf '%-40s %8s %8s %8s\n' "" dnsmasq pint atftpd
printf '%-40s %8s %8s %8s\n' "lock-step (curl, blksize 1468)" "$dns_lock" "$pint_lock" "-"
printf '%-40s %8s %8s %8s\n' "windowed (atftp, blksize 1468, ws 16)" "$dns_win" "$pint_win" "$atftpd_win"
echo "pint/dnsmasq lock-step: $(ratio "$pint_lock" "$dns_lock")x (target >= 1.2)"
echo "pint/dnsmasq windowed:  $(ratio "$pint_win" "$dns_win")x (target >= 4)"
echo "pint/atftpd windowed:   $(ratio "$pint_win" "$atftpd_win")x"
