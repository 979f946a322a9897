#!/usr/bin/env bash
# Measures standalone start time, in one run: cold (empty data directory: initdb, Kafka format,
# topic and schema provisioning), warm (restart after a clean stop) and after kill -9 (restart on
# the data directory of a killed server), each with the server's per-step lines. For reference it
# also starts a plain Kafka broker (kafka.Kafka with a stock KRaft server.properties, from the same
# jars) cold, warm and after kill -9.
# Usage: benchmarks/startup.sh [runs]   (default 3 warm and 3 kill -9 runs). Needs ./ludus build first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
ports=(--http-port 0 --kafka-port 0 --kafka-controller-port 0 --registry-port 0 --postgres-port 0)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# starts ./ludus, waits for "ready", then stops it with SIGTERM (how=term) or SIGKILL (how=kill);
# prints the wall time and the per-step durations
ludus_start() {
  local how="$1" log="$data/run.log" start end pid
  start=$(now)
  "$root/ludus" start --data-dir "$data/d" "${ports[@]}" >"$log" 2>&1 &
  pid=$!
  until grep -q "Ludus is ready" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.05
  done
  end=$(now)
  if [ "$how" = kill ]; then
    # the JVM and its PostgreSQL children die as a crash would leave them: postgres is orphaned
    kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
  else
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  fi
  printf '%s  %s\n' "$(elapsed "$start" "$end")" \
    "$(sed -n 's/^\[[0-9]*\/[0-9]*\] \(.*\) ready in \([0-9.]*\) s.*/\1=\2/p' "$log" | sed 's/ (.*)//' | paste -sd' ')"
}

jars="$root/standalone/target/lib/*"
eval "$(sed -n '/^find_jdk()/,/^}/p' "$root/ludus")"
find_jdk; java_bin="$jdk/bin/java"
kafka_start() {
  local how="$1" dir="$data/k" log="$data/kafka.log" start end pid cport pport
  if [ ! -f "$dir/server.properties" ]; then
    mkdir -p "$dir"
    pport=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
    cport=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
    cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$pport,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$pport
controller.listener.names=CONTROLLER
log.dirs=$dir/logs
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
PROPS
    cat >"$dir/logback.xml" <<'XML'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>%msg%n</pattern></encoder></appender>
  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
  <root level="WARN"><appender-ref ref="OUT"/></root>
</configuration>
XML
    "$java_bin" -cp "$jars" kafka.tools.StorageTool format -t "$("$java_bin" -cp "$jars" kafka.tools.StorageTool random-uuid)" \
      -c "$dir/server.properties" --standalone >/dev/null 2>&1 || \
    "$java_bin" -cp "$jars" kafka.tools.StorageTool format -t "$("$java_bin" -cp "$jars" kafka.tools.StorageTool random-uuid)" \
      -c "$dir/server.properties" >/dev/null
  fi
  start=$(now)
  "$java_bin" -Dlogback.configurationFile="$dir/logback.xml" -cp "$jars" kafka.Kafka "$dir/server.properties" >"$log" 2>&1 &
  pid=$!
  until grep -q "Kafka Server started" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.05
  done
  end=$(now)
  if [ "$how" = kill ]; then kill -KILL "$pid"; else kill -TERM "$pid"; fi
  wait "$pid" 2>/dev/null || true
  elapsed "$start" "$end"; echo
}

echo "ludus cold:        $(ludus_start term)"
for i in $(seq "$runs"); do echo "ludus warm $i:      $(ludus_start term)"; done
ludus_start kill >/dev/null
for i in $(seq "$runs"); do echo "ludus after kill $i: $(ludus_start kill)"; done
echo "kafka cold:        $(kafka_start term)"
for i in $(seq "$runs"); do echo "kafka warm $i:      $(kafka_start term)"; done
kafka_start kill >/dev/null
for i in $(seq "$runs"); do echo "kafka after kill $i: $(kafka_start kill)"; done
