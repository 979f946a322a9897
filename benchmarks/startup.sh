#!/usr/bin/env bash
# Measures standalone start time: cold (empty data directory: initdb, Kafka format, topic and
# schema provisioning) against warm (restart on that data directory), in one run.
# Usage: benchmarks/startup.sh [runs]   (default 3 warm runs). Needs ./ludus build done first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
ports=(--http-port 0 --kafka-port 0 --kafka-controller-port 0 --registry-port 0 --postgres-port 0)

one_start() {
  local log="$data/run.log" start end pid
  start=$(date +%s.%N)
  "$root/ludus" start --data-dir "$data/d" "${ports[@]}" >"$log" 2>&1 &
  pid=$!
  until grep -q "Ludus is ready" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s.%N)
  kill -TERM "$pid"; wait "$pid" || true
  # wall time from process launch to "ready", including JVM start
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

cold=$(one_start)
total=0
for _ in $(seq "$runs"); do
  w=$(one_start); total=$(awk -v a="$total" -v b="$w" 'BEGIN { print a + b }')
done
warm=$(awk -v a="$total" -v n="$runs" 'BEGIN { print a / n }')
printf 'cold start: %.2f s\nwarm start: %.2f s (mean of %d)\ncold/warm ratio: %.2f\n' "$cold" "$warm" "$runs" "$(awk -v a="$cold" -v b="$warm" 'BEGIN { print a / b }')"
