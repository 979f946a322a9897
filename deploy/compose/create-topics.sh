#!/bin/bash
# Creates every topic of the catalogue (event-schemas Topics.ALL) if missing. ComposeFileTest checks this list against it.
# Usage: create-topics.sh BOOTSTRAP [REPLICATION_FACTOR]
set -euo pipefail
bootstrap=$1
replicas=${2:-1}
week=604800000
topic() { # name partitions configs...
  local name=$1 partitions=$2; shift 2
  local configs=()
  for c in "$@"; do configs+=(--config "$c"); done
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$replicas" "${configs[@]}"
}
topic player-commands 12 cleanup.policy=delete retention.ms=$week
topic matchmaking-tickets 6 cleanup.policy=delete retention.ms=$week
topic matches 12 cleanup.policy=delete retention.ms=-1
topic simulation-requests 12 cleanup.policy=delete retention.ms=$week
topic simulation-results 12 cleanup.policy=delete retention.ms=-1
topic social-events 12 cleanup.policy=delete retention.ms=-1
topic player-notifications 12 cleanup.policy=delete retention.ms=$week
topic account-events 12 cleanup.policy=delete retention.ms=-1
topic player-ratings 12 cleanup.policy=compact retention.ms=-1 segment.ms=86400000
topic replay-events 12 cleanup.policy=delete retention.ms=-1
topic command-rejections 12 cleanup.policy=delete retention.ms=$week
