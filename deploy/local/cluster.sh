#!/usr/bin/env bash
# ./ludus cluster up|down|status [--instances N] [--data-dir DIR]
# ./ludus cluster restart NAME [--instance I] [--timeout S] [--data-dir DIR]
# ./ludus cluster url NAME [--instance I] [--data-dir DIR]
# Distributed mode on one machine: ./ludus infra, then N instances (default 2) of every service, each its own JVM
# started with ./ludus service. Logs under DIR/logs/, pids under DIR/pids/. HTTP ports are fixed from
# LUDUS_CLUSTER_PORT (default 18080): ingress instance i listens on PORT+i-1, so players connect to
# http://127.0.0.1:18080 and :18081. `up` records N, PORT and LUDUS_SIM_THREADS in DIR/cluster.conf; the other
# commands read them from there. `down` stops the services (SIGTERM, graceful) and then the infrastructure. `status`
# lists every instance: process alive, /health answer; exit 0 when all run and answer UP, 1 otherwise. `restart`
# stops one instance (SIGTERM) if it runs and starts it with the environment `up` gives it, waiting up to S s (default
# 180) for it to be ready; its previous log is kept as NAME-I.log.1, .2, ... `url` prints an instance's HTTP base URL.
# No proxy in front: each ingress passes replay downloads (/v1/replays/...) on to replay instance 1, so the relative
# replay URI a player is told works on the node they talk to.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
usage="usage: ./ludus cluster up|down|status [--instances N] [--data-dir DIR]
       ./ludus cluster restart NAME [--instance I] [--timeout S] [--data-dir DIR]
       ./ludus cluster url NAME [--instance I] [--data-dir DIR]"
cmd="${1:-}"; [ $# -gt 0 ] && shift
name=
if [ "$cmd" = restart ] || [ "$cmd" = url ]; then name="${1:-}"; [ $# -gt 0 ] && shift; fi
instances=
instance=1
timeout=180
data="./data-cluster"
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) instances="${2:-}"; shift 2 || shift ;;
    --instance) instance="${2:-}"; shift 2 || shift ;;
    --timeout) timeout="${2:-}"; shift 2 || shift ;;
    --data-dir) data="${2:-}"; shift 2 || shift ;;
    *) echo "cluster: unknown option $1" >&2; echo "$usage" >&2; exit 2 ;;
  esac
done
[ -n "$data" ] || { echo "cluster: --data-dir needs a directory" >&2; exit 2; }
# start order: what others call first; the outbox relay after ingress has migrated the outbox table
services=(ingress replay projections matchmaker notifier sim-workers outbox-relay admin)
conf="$data/cluster.conf"

# The layout of the cluster on DIR: `up` takes it from --instances, LUDUS_CLUSTER_PORT and LUDUS_SIM_THREADS and
# records it; every other command reads the record, so a restart gets the ports, worker list and threads the cluster
# was started with. Anything else an instance gets from the calling shell's environment, for `up` as for `restart`.
recorded() { [ -f "$conf" ] && sed -n "s/^$1=//p" "$conf" | head -1; }
if [ "$cmd" = up ] || [ ! -f "$conf" ]; then
  instances="${instances:-2}"
  base="${LUDUS_CLUSTER_PORT:-18080}"
  sim_threads="${LUDUS_SIM_THREADS:-1}"
else
  recorded_instances=$(recorded instances)
  base=$(recorded port)
  sim_threads=$(recorded sim_threads)
  if [ -n "$instances" ] && [ "$instances" != "$recorded_instances" ]; then
    echo "cluster: the cluster on $data runs $recorded_instances instances of each service (see $conf), not $instances" >&2; exit 2
  fi
  if [ -n "${LUDUS_CLUSTER_PORT:-}" ] && [ "$LUDUS_CLUSTER_PORT" != "$base" ] && [ "$cmd" != down ]; then
    echo "cluster: the cluster on $data uses LUDUS_CLUSTER_PORT=$base (see $conf), not $LUDUS_CLUSTER_PORT" >&2; exit 2
  fi
  instances="$recorded_instances"
fi
[[ "$instances" =~ ^[1-9]$ ]] || { echo "cluster: --instances must be 1 to 9" >&2; exit 2; }
[[ "$base" =~ ^[0-9]+$ ]] && [ "$base" -ge 1024 ] && [ "$base" -le 65000 ] \
  || { echo "cluster: LUDUS_CLUSTER_PORT must be a port from 1024 to 65000, was '$base'" >&2; exit 2; }
[[ "$sim_threads" =~ ^[1-9][0-9]*$ ]] || { echo "cluster: LUDUS_SIM_THREADS must be a number above 0, was '$sim_threads'" >&2; exit 2; }

offset() {
  case "$1" in
    ingress) echo 0 ;; replay) echo 10 ;; projections) echo 20 ;; matchmaker) echo 30 ;;
    notifier) echo 40 ;; sim-workers) echo 50 ;; outbox-relay) echo 60 ;; admin) echo 70 ;;
  esac
}
port() { echo $((base + $(offset "$1") + $2 - 1)); }
url() { echo "http://127.0.0.1:$(port "$1" "$2")"; }
# every instance of service $1, comma-separated: the callers take turns and pass over one that is down
urls() {
  local i list=""
  for ((i = 1; i <= instances; i++)); do list+="$(url "$1" "$i"),"; done
  echo "${list%,}"
}

# NAME and --instance name one instance of this cluster
check_instance() {
  local s
  for s in "${services[@]}"; do
    if [ "$s" = "$name" ]; then
      [[ "$instance" =~ ^[1-9]$ ]] && [ "$instance" -le "$instances" ] && return 0
      echo "cluster: --instance must be 1 to $instances (the cluster on $data runs $instances), was '$instance'" >&2; exit 2
    fi
  done
  echo "cluster: unknown service '$name'; one of: ${services[*]}" >&2; exit 2
}

# shellcheck source=pids.sh
. "$root/deploy/local/pids.sh"
alive() { [ -f "$1" ] && pid_alive "$(cat "$1")"; }

# waits for a line in a log, or for the process to die
await() {
  local log="$1" pattern="$2" pid="$3" seconds="$4" i
  for ((i = 0; i < seconds * 2; i++)); do
    grep -q "$pattern" "$log" 2>/dev/null && return 0
    pid_alive "$pid" || { echo "cluster: process $pid exited; see $log" >&2; tail -5 "$log" >&2; return 1; }
    sleep 0.5
  done
  echo "cluster: no '$pattern' in $log after ${seconds}s" >&2
  return 1
}

# Starts instance $2 of service $1 in the background, logging to $3, and records its pid. The one place that says
# which environment an instance gets: `up` and `restart` both start instances here.
start_instance() {
  local name="$1" i="$2" log="$3"
  (
    export MICRONAUT_SERVER_PORT; MICRONAUT_SERVER_PORT=$(port "$name" "$i")
    export LUDUS_INGRESS_QUERIES_REPLAY_API_URL; LUDUS_INGRESS_QUERIES_REPLAY_API_URL=$(urls replay)
    export LUDUS_INGRESS_QUERIES_PROJECTIONS_URL; LUDUS_INGRESS_QUERIES_PROJECTIONS_URL=$(urls projections)
    export LUDUS_MATCHMAKER_ADVERTISED_HTTP="127.0.0.1:$(port matchmaker "$i")"
    export LUDUS_ADMIN_MATCHMAKER_URL; LUDUS_ADMIN_MATCHMAKER_URL=$(urls matchmaker)
    export LUDUS_ADMIN_SIM_WORKER_URLS; LUDUS_ADMIN_SIM_WORKER_URLS=$(urls sim-workers)
    export LUDUS_SIM_INSTANCE_ID="sim-workers-$i"
    export LUDUS_SIM_THREADS="$sim_threads"
    exec "$root/ludus" service "$name" --instance "$i" --data-dir "$data"
  ) >"$log" 2>&1 &
  echo $! >"$data/pids/$name-$i.pid"
}

# UP, DOWN (HTTP n), refused or "no answer in 10 s" from an instance's /health (its dependency checks can take seconds
# on a loaded machine)
health() {
  command -v curl >/dev/null || { echo "unknown (no curl)"; return; }
  local code rc=0
  code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' "$(url "$1" "$2")/health" 2>/dev/null) || rc=$?
  case "$rc:$code" in
    0:200) echo UP ;;
    7:*) echo refused ;;
    28:*) echo "no answer in 10 s" ;;
    0:*) echo "DOWN (HTTP $code)" ;;
    *) echo "no answer (curl exit $rc)" ;;
  esac
}

up() {
  mkdir -p "$data/logs" "$data/pids"
  if alive "$data/pids/infra.pid"; then
    echo "cluster: already running on $data (./ludus cluster down --data-dir $data)" >&2; exit 5
  fi
  printf 'instances=%s\nport=%s\nsim_threads=%s\n' "$instances" "$base" "$sim_threads" >"$conf"
  # ./ludus infra builds first if the sources changed (once, before any service starts)
  "$root/ludus" infra --data-dir "$data" >"$data/logs/infra.log" 2>&1 &
  echo $! >"$data/pids/infra.pid"
  await "$data/logs/infra.log" "infrastructure is ready" "$!" 900
  echo "infrastructure ready (log $data/logs/infra.log)"
  local name i pid
  for name in "${services[@]}"; do
    for ((i = 1; i <= instances; i++)); do
      start_instance "$name" "$i" "$data/logs/$name-$i.log"
    done
    # one service type at a time: two cores cannot start sixteen JVMs at once in good time
    for ((i = 1; i <= instances; i++)); do
      pid=$(cat "$data/pids/$name-$i.pid")
      await "$data/logs/$name-$i.log" "ludus $name ready" "$pid" 180
      echo "$name $i ready on $(url "$name" "$i") (pid $pid, log $data/logs/$name-$i.log)"
    done
  done
  echo "cluster up: players connect to any ingress, e.g. $(url ingress 1) (ws://127.0.0.1:$(port ingress 1)/v1/ws)"
}

restart() {
  check_instance
  [[ "$timeout" =~ ^[1-9][0-9]*$ ]] || { echo "cluster: --timeout must be a number of seconds above 0, was '$timeout'" >&2; exit 2; }
  if ! alive "$data/pids/infra.pid"; then
    echo "cluster: not running on $data (./ludus cluster up --data-dir $data)" >&2; exit 7
  fi
  local pidfile="$data/pids/$name-$instance.pid" log="$data/logs/$name-$instance.log" n=1 pid
  if alive "$pidfile"; then
    echo "stopping $name $instance (pid $(cat "$pidfile"))"
    stop_pid "$pidfile"
  fi
  if [ -f "$log" ]; then
    while [ -e "$log.$n" ]; do n=$((n + 1)); done
    mv "$log" "$log.$n"
  fi
  start_instance "$name" "$instance" "$log"
  pid=$(cat "$pidfile")
  await "$log" "ludus $name ready" "$pid" "$timeout"
  echo "$name $instance ready on $(url "$name" "$instance") (pid $pid, log $log)"
}

stop_pid() {
  local file="$1" pid i
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if pid_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 120; i++)); do pid_alive "$pid" || break; sleep 0.5; done
    if pid_alive "$pid"; then echo "cluster: $pid did not stop in 60 s; killing it" >&2; kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$file"
}

down() {
  local name n file
  for ((n = ${#services[@]} - 1; n >= 0; n--)); do
    name=${services[$n]}
    for file in "$data/pids/$name"-*.pid; do [ -e "$file" ] && stop_pid "$file" & done
    wait
  done
  stop_pid "$data/pids/infra.pid"
  echo "cluster down"
}

status() {
  local name i file pid all=0 checks
  if ! compgen -G "$data/pids/*.pid" >/dev/null; then echo "cluster: nothing started on $data"; return 7; fi
  # every running instance's /health at once, so a slow answer does not hold up the others
  checks=$(mktemp -d)
  for name in "${services[@]}"; do
    for ((i = 1; i <= instances; i++)); do
      alive "$data/pids/$name-$i.pid" && health "$name" "$i" >"$checks/$name-$i" &
    done
  done
  wait
  file="$data/pids/infra.pid"
  if alive "$file"; then echo "infra running (pid $(cat "$file"))"; else echo "infra NOT running"; all=1; fi
  for name in "${services[@]}"; do
    for ((i = 1; i <= instances; i++)); do
      file="$data/pids/$name-$i.pid"
      if [ ! -f "$file" ]; then echo "$name $i not started"; all=1; continue; fi
      pid=$(cat "$file")
      if [ -f "$checks/$name-$i" ]; then
        echo "$name $i running (pid $pid) $(url "$name" "$i") health $(cat "$checks/$name-$i")"
        [ "$(cat "$checks/$name-$i")" = UP ] || all=1
      else
        echo "$name $i NOT running (pid $pid gone; log $data/logs/$name-$i.log)"; all=1
      fi
    done
  done
  rm -rf "$checks"
  return $all
}

case "$cmd" in
  up) up ;;
  down) down ;;
  status) status ;;
  restart) restart ;;
  url) check_instance; url "$name" "$instance" ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
