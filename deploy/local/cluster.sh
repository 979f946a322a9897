#!/usr/bin/env bash
# ./ludus cluster up|down|status [--instances N] [--data-dir DIR]
# Distributed mode on one machine: ./ludus infra, then N instances (default 2) of every service, each its own JVM
# started with ./ludus service. Logs under DIR/logs/, pids under DIR/pids/. HTTP ports are fixed from
# LUDUS_CLUSTER_PORT (default 18080): ingress instance i listens on PORT+i-1, so players connect to
# http://127.0.0.1:18080 and :18081. `down` stops the services (SIGTERM, graceful) and then the infrastructure.
# No proxy in front: each ingress passes replay downloads (/v1/replays/...) on to replay instance 1, so the relative
# replay URI a player is told works on the node they talk to.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cmd="${1:-}"; [ $# -gt 0 ] && shift
instances=2
data="./data-cluster"
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) instances="$2"; shift 2 ;;
    --data-dir) data="$2"; shift 2 ;;
    *) echo "cluster: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ "$instances" =~ ^[1-9]$ ]] || { echo "cluster: --instances must be 1 to 9" >&2; exit 2; }
base="${LUDUS_CLUSTER_PORT:-18080}"
# start order: what others call first; the outbox relay after ingress has migrated the outbox table
services=(ingress replay projections matchmaker notifier sim-workers outbox-relay admin)
offset() {
  case "$1" in
    ingress) echo 0 ;; replay) echo 10 ;; projections) echo 20 ;; matchmaker) echo 30 ;;
    notifier) echo 40 ;; sim-workers) echo 50 ;; outbox-relay) echo 60 ;; admin) echo 70 ;;
  esac
}
port() { echo $((base + $(offset "$1") + $2 - 1)); }

# waits for a line in a log, or for the process to die
await() {
  local log="$1" pattern="$2" pid="$3" seconds="$4" i
  for ((i = 0; i < seconds * 2; i++)); do
    grep -q "$pattern" "$log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "cluster: process $pid exited; see $log" >&2; tail -5 "$log" >&2; return 1; }
    sleep 0.5
  done
  echo "cluster: no '$pattern' in $log after ${seconds}s" >&2
  return 1
}

up() {
  mkdir -p "$data/logs" "$data/pids"
  if [ -f "$data/pids/infra.pid" ] && kill -0 "$(cat "$data/pids/infra.pid")" 2>/dev/null; then
    echo "cluster: already running on $data (./ludus cluster down --data-dir $data)" >&2; exit 5
  fi
  # ./ludus infra builds first if the sources changed (once, before any service starts)
  "$root/ludus" infra --data-dir "$data" >"$data/logs/infra.log" 2>&1 &
  echo $! >"$data/pids/infra.pid"
  await "$data/logs/infra.log" "infrastructure is ready" "$!" 900
  echo "infrastructure ready (log $data/logs/infra.log)"
  local name i pid
  for name in "${services[@]}"; do
    for ((i = 1; i <= instances; i++)); do
      (
        export MICRONAUT_SERVER_PORT; MICRONAUT_SERVER_PORT=$(port "$name" "$i")
        export LUDUS_INGRESS_QUERIES_REPLAY_API_URL="http://127.0.0.1:$(port replay 1)"
        export LUDUS_INGRESS_QUERIES_PROJECTIONS_URL="http://127.0.0.1:$(port projections 1)"
        export LUDUS_MATCHMAKER_ADVERTISED_HTTP="127.0.0.1:$(port matchmaker "$i")"
        export LUDUS_ADMIN_MATCHMAKER_URL="http://127.0.0.1:$(port matchmaker 1)"
        export LUDUS_ADMIN_SIM_WORKER_URLS; LUDUS_ADMIN_SIM_WORKER_URLS=$(for ((w = 1; w <= instances; w++)); do printf 'http://127.0.0.1:%s,' "$(port sim-workers "$w")"; done)
        LUDUS_ADMIN_SIM_WORKER_URLS=${LUDUS_ADMIN_SIM_WORKER_URLS%,}
        export LUDUS_SIM_INSTANCE_ID="sim-workers-$i"
        export LUDUS_SIM_THREADS="${LUDUS_SIM_THREADS:-1}"
        exec "$root/ludus" service "$name" --instance "$i" --data-dir "$data"
      ) >"$data/logs/$name-$i.log" 2>&1 &
      echo $! >"$data/pids/$name-$i.pid"
    done
    # one service type at a time: two cores cannot start sixteen JVMs at once in good time
    for ((i = 1; i <= instances; i++)); do
      pid=$(cat "$data/pids/$name-$i.pid")
      await "$data/logs/$name-$i.log" "ludus $name ready" "$pid" 180
      echo "$name $i ready on http://127.0.0.1:$(port "$name" "$i") (pid $pid, log $data/logs/$name-$i.log)"
    done
  done
  echo "cluster up: players connect to any ingress, e.g. http://127.0.0.1:$(port ingress 1) (ws://127.0.0.1:$(port ingress 1)/v1/ws)"
}

stop_pid() {
  local file="$1" pid i
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 120; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then echo "cluster: $pid did not stop in 60 s; killing it" >&2; kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$file"
}

down() {
  local name i
  for ((n = ${#services[@]} - 1; n >= 0; n--)); do
    name=${services[$n]}
    for file in "$data/pids/$name"-*.pid; do [ -e "$file" ] && stop_pid "$file" & done
    wait
  done
  stop_pid "$data/pids/infra.pid"
  echo "cluster down"
}

status() {
  local file pid
  for file in "$data"/pids/*.pid; do
    [ -e "$file" ] || { echo "cluster: nothing started on $data"; return 7; }
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then echo "$(basename "$file" .pid) running (pid $pid)"; else echo "$(basename "$file" .pid) NOT running"; fi
  done
}

case "$cmd" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: ./ludus cluster up|down|status [--instances N] [--data-dir DIR]" >&2; exit 2 ;;
esac
