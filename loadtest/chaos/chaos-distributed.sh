#!/usr/bin/env bash
# Chaos run against distributed mode on this machine (docs/chaos.md): `./ludus cluster up` (two instances of every
# service), a swarm over both ingress nodes, then for each service type in turn: kill -9 its instance 1, start it
# again with `./ludus cluster restart` (the environment `cluster up` gives it), wait until it answers /health, pause,
# and only then the next kill; then `ludus chaos check`. Ingress goes first: its bots must fail over to ingress 2.
# Kills only PIDs from the cluster's pid files.
# Env: CHAOS_DIR (default /tmp/ludus-chaos-dist, wiped), CHAOS_BOTS (200),
#      CHAOS_RESTART_EXPECTED (60: seconds from a kill until the instance answers /health; 6-56 s seen on 2 cores),
#      CHAOS_SETTLE (15: seconds of play after ramp-up and after each instance is back, before the next kill),
#      CHAOS_RESTART_TIMEOUT (180: an instance not healthy this long after its kill ends the kills),
#      CHAOS_DURATION (how long the swarm joins; default and minimum: 10 s ramp-up + settle + services x (expected
#      restart + settle), 625s with the defaults, so every kill and its restart fall while the swarm still joins),
#      LUDUS_CLUSTER_PORT (18080: ingress i on PORT+i-1, see deploy/local/cluster.sh).
# Writes DIR/report.txt: the settings, the timeline (kill at, healthy again at, per service), the swarm's summary and
# the check's table.
# Exit code: the chaos check's (0 every invariant holds, 9 one is violated); else 1 when a kill was not made in the
# swarm's joining time or an instance did not come back (the check runs all the same); 2 for a bad setting.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${CHAOS_DIR:-/tmp/ludus-chaos-dist}"
bots="${CHAOS_BOTS:-200}"
expected="${CHAOS_RESTART_EXPECTED:-60}"
settle="${CHAOS_SETTLE:-15}"
restart_timeout="${CHAOS_RESTART_TIMEOUT:-180}"
ramp_up=10
# kill order; ingress first, so most of the run tests bots that failed over
services=(ingress replay projections matchmaker notifier sim-workers outbox-relay admin)
data="$dir/cluster"
report="$dir/report.txt"
swarm_pid=

log() { echo "chaos: $(date -u +%H:%M:%S) $*" >&2; }
bad_setting() { echo "chaos: $*" >&2; exit 2; }
seconds_setting() {
  [[ "$2" =~ ^[0-9]+$ ]] || bad_setting "$1 must be a whole number of seconds, was '$2'"
}
seconds_setting CHAOS_RESTART_EXPECTED "$expected"
seconds_setting CHAOS_SETTLE "$settle"
seconds_setting CHAOS_RESTART_TIMEOUT "$restart_timeout"
[[ "$bots" =~ ^[1-9][0-9]*$ ]] || bad_setting "CHAOS_BOTS must be a number of bots, was '$bots'"
[ "$restart_timeout" -ge "$expected" ] \
  || bad_setting "CHAOS_RESTART_TIMEOUT=$restart_timeout is below CHAOS_RESTART_EXPECTED=$expected"
needed=$((ramp_up + settle + ${#services[@]} * (expected + settle)))
if [ -n "${CHAOS_DURATION:-}" ]; then
  [[ "$CHAOS_DURATION" =~ ^([0-9]+)(s?|m)$ ]] || bad_setting "CHAOS_DURATION must be seconds or minutes (600s, 10m), was '$CHAOS_DURATION'"
  duration=${BASH_REMATCH[1]}
  [ "${BASH_REMATCH[2]}" != m ] || duration=$((duration * 60))
  [ "$duration" -ge "$needed" ] || bad_setting "CHAOS_DURATION=$CHAOS_DURATION is too short for ${#services[@]} kills:" \
    "each needs up to CHAOS_RESTART_EXPECTED=${expected}s to come back plus CHAOS_SETTLE=${settle}s, after a ${ramp_up}s" \
    "ramp-up and a ${settle}s settle, so at least ${needed}s for every kill to land while the swarm still joins" \
    "(leave CHAOS_DURATION unset to get that)"
else
  duration=$needed
fi
[ "$duration" -le 1800 ] || bad_setting "the swarm joins at most 30 min; CHAOS_DURATION (or the one derived, ${duration}s) is longer"
command -v curl >/dev/null || bad_setting "curl is needed to ask the restarted instances' /health"

cleanup() {
  [ -n "$swarm_pid" ] && kill "$swarm_pid" 2>/dev/null || true
  "$root/ludus" cluster down --data-dir "$data" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cluster() { "$root/ludus" cluster "$@" --data-dir "$data"; }
# shellcheck source=../../deploy/local/pids.sh
. "$root/deploy/local/pids.sh"
clock() { date -u -d "@$1" +%H:%M:%S; }
row() { printf '%-16s %-8s %-10s %-12s %-12s %s\n' "$@" | tee -a "$report" >&2; }
skip() { printf '%-16s %s\n' "$1" "not killed (see 'kills stopped' below)" | tee -a "$report" >&2; }

rm -rf "$dir"; mkdir -p "$dir"
cluster up --instances 2 >&2
ingress_urls="$(cluster url ingress --instance 1),$(cluster url ingress --instance 2)"
"$root/ludus" swarm --url "$ingress_urls" --bots "$bots" --duration "${duration}s" --ramp-up "${ramp_up}s" \
  --result-timeout 180s --output json >"$dir/swarm.json" 2>"$dir/swarm.err" &
swarm_pid=$!
# the swarm's clock starts when it prints its first line: after its JVM has started (or the load test was built)
for ((n = 0; ; n++)); do
  grep -q "^swarm: .* bots against" "$dir/swarm.err" && break
  pid_alive "$swarm_pid" || { log "the swarm exited before it started; see $dir/swarm.err"; exit 1; }
  [ "$n" -lt 1200 ] || { log "the swarm did not start in 10 min; see $dir/swarm.err"; exit 1; }
  sleep 0.5
done
swarm_start=$(date +%s)
joining_until=$((swarm_start + duration))
{
  echo "chaos-distributed $(date -u +%Y-%m-%dT%H:%M:%SZ): $bots bots over $ingress_urls"
  echo "swarm joins ${duration}s, $(clock "$swarm_start")-$(clock "$joining_until") UTC (ramp-up ${ramp_up}s); per kill: up to" \
    "CHAOS_RESTART_EXPECTED=${expected}s until /health UP, then CHAOS_SETTLE=${settle}s; CHAOS_RESTART_TIMEOUT=${restart_timeout}s"
  echo
} >>"$report"
row instance "pid" "killed at" "swarm time" "healthy at" "down for"
sleep $((ramp_up + settle))

# Why the remaining kills are not made: a restarted instance that never came back, or joining time that ran out.
stopped=
for name in "${services[@]}"; do
  if [ -n "$stopped" ]; then skip "$name 1"; continue; fi
  left=$((joining_until - $(date +%s)))
  if [ "$left" -lt "$expected" ]; then
    stopped="the swarm stops joining in ${left}s, less than CHAOS_RESTART_EXPECTED=${expected}s; restarts took longer than expected (raise CHAOS_RESTART_EXPECTED or CHAOS_DURATION)"
    skip "$name 1"; continue
  fi
  if ! pid_alive "$swarm_pid"; then
    stopped="the swarm exited early; see $dir/swarm.err"; skip "$name 1"; continue
  fi
  pid=$(cat "$data/pids/$name-1.pid")
  if ! pid_alive "$pid"; then
    stopped="$name 1 (pid $pid from $data/pids/$name-1.pid) was not running"; skip "$name 1"; continue
  fi
  health_url="$(cluster url "$name" --instance 1)/health"
  killed_at=$(date +%s)
  kill -9 "$pid"
  log "kill -9 $name 1 (pid $pid)"
  # gone before the restart, so its port is free and the restart does not stop it a second time
  while pid_alive "$pid" && [ "$(date +%s)" -lt $((killed_at + 10)) ]; do sleep 0.2; done
  deadline=$((killed_at + restart_timeout))
  healthy_at=
  wait_for=$((deadline - $(date +%s))); [ "$wait_for" -ge 1 ] || wait_for=1
  if cluster restart "$name" --instance 1 --timeout "$wait_for" >&2; then
    while [ "$(date +%s)" -lt "$deadline" ]; do
      curl -fs -o /dev/null -m 10 "$health_url" && { healthy_at=$(date +%s); break; }
      sleep 1
    done
  fi
  if [ -z "$healthy_at" ]; then
    row "$name 1" "$pid" "$(clock "$killed_at")" "+$((killed_at - swarm_start)) s" "never" "-"
    stopped="$name 1 did not answer $health_url within CHAOS_RESTART_TIMEOUT=${restart_timeout}s of its kill; see $data/logs/$name-1.log"
    log "$stopped"
    continue
  fi
  down_for="$((healthy_at - killed_at)) s"
  [ $((healthy_at - killed_at)) -le "$expected" ] || down_for="$down_for, more than CHAOS_RESTART_EXPECTED"
  row "$name 1" "$pid" "$(clock "$killed_at")" "+$((killed_at - swarm_start)) s" "$(clock "$healthy_at")" "$down_for"
  sleep "$settle"
done
[ -z "$stopped" ] || echo "kills stopped: $stopped" >>"$report"

log "waiting for the swarm to finish"
wait "$swarm_pid" || log "swarm exited with $? (9: a notification was missed, duplicated or out of order)"
swarm_pid=
{ echo; echo "swarm (report $dir/swarm.json):"; tail -3 "$dir/swarm.err"; echo; } | tee -a "$report" >&2
env_value() { sed -n "s/^$1=//p" "$data/infra.env" | head -1; }
password_file="$dir/jdbc-password"
env_value DATASOURCES_PROJECTIONS_PASSWORD >"$password_file"
set +e
"$root/ludus" chaos check --bootstrap "$(env_value LUDUS_KAFKA_BOOTSTRAP_SERVERS)" --registry "$(env_value LUDUS_REGISTRY_URL)" \
  --jdbc-url "$(env_value DATASOURCES_PROJECTIONS_URL)" --jdbc-user "$(env_value DATASOURCES_PROJECTIONS_USERNAME)" \
  --jdbc-password-file "$password_file" --swarm-report "$dir/swarm.json" --settle 120s | tee -a "$report"
status=${PIPESTATUS[0]}
log "report: $report (timeline, swarm, check); swarm report: $dir/swarm.json"
[ "$status" -ne 0 ] && exit "$status"
[ -z "$stopped" ] || { log "kills stopped early: $stopped"; exit 1; }
exit 0
