#!/usr/bin/env bash
# Fuzzes every parser (or the ones named) for COUNT inputs each, at most MINUTES per parser.
# Usage: bench/fuzz/run.sh [count] [minutes] [seed] [target ...]    e.g. bench/fuzz/run.sh 1000000 10 1
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
count="${1:-1000000}"; minutes="${2:-10}"; seed="${3:-1}"
shift $(( $# < 3 ? $# : 3 ))
dotnet build "$here/Pint.Fuzz" -c Release -v quiet -nologo >/dev/null
echo "date $(date -u +%F) · $(nproc) cores · $(lscpu | grep 'Model name' | sed 's/ \+/ /g')"
exec dotnet "$here/Pint.Fuzz/bin/Release/net10.0/Pint.Fuzz.dll" --count "$count" --minutes "$minutes" --seed "$seed" \
    --testdata "$here/../../tests/Pint.Engine.Tests/TestData" "$@"
