#!/usr/bin/env bash
# Soaks one Pint service host with DNS, DHCP and TFTP load at once (all on loopback) for MINUTES; needs root (port 67).
# Usage: bench/soak/run.sh [minutes] [sample-seconds]    e.g. bench/soak/run.sh 5 10
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
minutes="${1:-5}"; sample="${2:-10}"
dotnet build "$here/../../src/Pint.Service" -c Release -v quiet -nologo >/dev/null
dotnet build "$here/Pint.Soak" -c Release -v quiet -nologo >/dev/null
echo "date $(date -u +%F) · $(nproc) cores · $(lscpu | grep 'Model name' | sed 's/ \+/ /g')"
exec dotnet "$here/Pint.Soak/bin/Release/net10.0/Pint.Soak.dll" --minutes "$minutes" --sample-seconds "$sample" \
    --pint "$here/../../src/Pint.Service/bin/Release/net10.0/pint.dll"
