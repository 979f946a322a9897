#!/usr/bin/env bash
# Chaos run against distributed mode on this machine (docs/chaos.md): `./ludus cluster up` (two instances of every
# service), a swarm over both ingress nodes, then for each service type in turn: kill -9 its instance 1, wait, start
# it again as the cluster script does; then `ludus chaos check`. Kills only PIDs from the cluster's pid files.
# Env: CHAOS_DIR (default /tmp/ludus-chaos-dist, wiped), CHAOS_BOTS (200), CHAOS_DURATION (240s),
#      LUDUS_CLUSTER_PORT (18080: ingress i on PORT+i-1, see deploy/local/cluster.sh).
# Exit code: the chaos check's (0 every invariant holds, 9 one is violated).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${CHAOS_DIR:-/tmp/ludus-chaos-dist}"
bots="${CHAOS_BOTS:-200}"
duration="${CHAOS_DURATION:-240s}"
base="${LUDUS_CLUSTER_PORT:-18080}"
services=(ingress replay projections matchmaker notifier sim-workers outbox-relay admin)
data="$dir/cluster"
swarm_pid=

log() { echo "chaos: $(date -u +%H:%M:%S) $*" >&2; }
cleanup() {
  [ -n "$swarm_pid" ] && kill "$swarm_pid" 2>/dev/null || true
  "$root/ludus" cluster down --data-dir "$data" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# The port scheme of deploy/local/cluster.sh.
port() {
  local offset
  case "$1" in
    ingress) offset=0 ;; replay) offset=10 ;; projections) offset=20 ;; matchmaker) offset=30 ;;
    notifier) offset=40 ;; sim-workers) offset=50 ;; outbox-relay) offset=60 ;; admin) offset=70 ;;
  esac
  echo $((base + offset + $2 - 1))
}

# Starts instance $2 of service $1 with the environment deploy/local/cluster.sh gives it.
restart() {
  local name="$1" i="$2" log="$data/logs/$1-$2.restart.log"
  (
    export MICRONAUT_SERVER_PORT; MICRONAUT_SERVER_PORT=$(port "$name" "$i")
    export LUDUS_INGRESS_QUERIES_REPLAY_API_URL="http://127.0.0.1:$(port replay 1)"
    export LUDUS_INGRESS_QUERIES_PROJECTIONS_URL="http://127.0.0.1:$(port projections 1)"
    export LUDUS_MATCHMAKER_ADVERTISED_HTTP="127.0.0.1:$(port matchmaker "$i")"
    export LUDUS_SIM_INSTANCE_ID="sim-workers-$i"
    export LUDUS_SIM_THREADS="${LUDUS_SIM_THREADS:-1}"
    exec "$root/ludus" service "$name" --instance "$i" --data-dir "$data"
  ) >"$log" 2>&1 &
  echo $! >"$data/pids/$name-$i.pid"
  local pid=$! n
  for ((n = 0; n < 360; n++)); do
    grep -q "ludus $name ready" "$log" && { log "$name $i back (pid $pid)"; return 0; }
    kill -0 "$pid" 2>/dev/null || { log "$name $i exited; see $log"; return 1; }
    sleep 0.5
  done
  log "$name $i not ready after 180 s; see $log"; return 1
}

rm -rf "$dir"; mkdir -p "$dir"
"$root/ludus" cluster up --instances 2 --data-dir "$data" >&2
"$root/ludus" swarm --url "http://127.0.0.1:$(port ingress 1),http://127.0.0.1:$(port ingress 2)" --bots "$bots" \
  --duration "$duration" --ramp-up 10s --result-timeout 180s --output json >"$dir/swarm.json" 2>"$dir/swarm.err" &
swarm_pid=$!
seconds=${duration%s}
interval=$((seconds / (${#services[@]} + 1)))
for name in "${services[@]}"; do
  sleep "$interval"
  pid=$(cat "$data/pids/$name-1.pid")
  log "kill -9 $name 1 (pid $pid)"
  kill -9 "$pid"
  sleep 3
  restart "$name" 1
done
log "waiting for the swarm to finish"
wait "$swarm_pid" || log "swarm exited with $? (9: a notification was missed, duplicated or out of order)"
swarm_pid=
tail -3 "$dir/swarm.err" >&2
env_value() { sed -n "s/^$1=//p" "$data/infra.env" | head -1; }
password_file="$dir/jdbc-password"
env_value DATASOURCES_PROJECTIONS_PASSWORD >"$password_file"
set +e
"$root/ludus" chaos check --bootstrap "$(env_value LUDUS_KAFKA_BOOTSTRAP_SERVERS)" --registry "$(env_value LUDUS_REGISTRY_URL)" \
  --jdbc-url "$(env_value DATASOURCES_PROJECTIONS_URL)" --jdbc-user "$(env_value DATASOURCES_PROJECTIONS_USERNAME)" \
  --jdbc-password-file "$password_file" --swarm-report "$dir/swarm.json" --settle 120s
status=$?
log "swarm report: $dir/swarm.json"
exit $status
