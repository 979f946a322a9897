#!/usr/bin/env bash
# Chaos run against the standalone server (docs/chaos.md): a swarm plays while the whole server is killed with
# SIGKILL and started again, KILLS times; then `ludus chaos check` reads the topics and tables and prints the
# invariants. Uses its own data directory and ports, so it never touches a server you run.
# Env: CHAOS_DIR (default /tmp/ludus-chaos, wiped), CHAOS_BOTS (200), CHAOS_DURATION (150s), CHAOS_KILLS (2),
#      CHAOS_PORT_BASE (18600: HTTP +0, Kafka +1, controller +2, registry +3, PostgreSQL +4).
# Exit code: the chaos check's (0 every invariant holds, 9 one is violated).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${CHAOS_DIR:-/tmp/ludus-chaos}"
bots="${CHAOS_BOTS:-200}"
duration="${CHAOS_DURATION:-150s}"
kills="${CHAOS_KILLS:-2}"
base="${CHAOS_PORT_BASE:-18600}"
http=$base kafka=$((base + 1)) controller=$((base + 2)) registry=$((base + 3)) postgres=$((base + 4))
server_pid=
swarm_pid=

cleanup() {
  [ -n "$swarm_pid" ] && kill "$swarm_pid" 2>/dev/null || true
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

log() { echo "chaos: $(date -u +%H:%M:%S) $*" >&2; }

# Starts the server in the background and waits for "Ludus is ready" (at most 10 minutes: the first start may build).
start_server() {
  local out="$dir/server-$1.out"
  "$root/ludus" start --data-dir "$dir/data" --http-port "$http" --kafka-port "$kafka" \
    --kafka-controller-port "$controller" --registry-port "$registry" --postgres-port "$postgres" >"$out" 2>&1 &
  server_pid=$!
  for _ in $(seq 1200); do
    grep -q "Ludus is ready" "$out" && { log "server $server_pid ready ($(grep -o 'ready in [0-9.]* s' "$out" | tail -1))"; return 0; }
    kill -0 "$server_pid" 2>/dev/null || { log "server exited; see $out"; cat "$out" >&2; exit 1; }
    sleep 0.5
  done
  log "server not ready after 10 minutes; see $out"; exit 1
}

rm -rf "$dir"; mkdir -p "$dir"
start_server 0
"$root/ludus" swarm --url "http://127.0.0.1:$http" --bots "$bots" --duration "$duration" --ramp-up 10s \
  --result-timeout 180s --output json >"$dir/swarm.json" 2>"$dir/swarm.err" &
swarm_pid=$!
seconds=${duration%s}
interval=$((seconds / (kills + 1)))
for k in $(seq "$kills"); do
  sleep "$interval"
  log "kill -9 $server_pid (kill $k of $kills)"
  kill -9 "$server_pid"; wait "$server_pid" 2>/dev/null || true
  start_server "$k"
done
log "waiting for the swarm to finish"
wait "$swarm_pid" || log "swarm exited with $? (9: a notification was missed, duplicated or out of order)"
swarm_pid=
tail -3 "$dir/swarm.err" >&2
set +e
"$root/ludus" chaos check --bootstrap "127.0.0.1:$kafka" --registry "http://127.0.0.1:$registry" \
  --jdbc-url "jdbc:postgresql://localhost:$postgres/ludus" --jdbc-password-file "$dir/data/secrets/postgres-app-password" \
  --swarm-report "$dir/swarm.json" --settle 120s
status=$?
log "swarm report: $dir/swarm.json"
exit $status
