# Sourced by deploy/local/cluster.sh and loadtest/chaos/chaos-distributed.sh.
# pid_alive PID: the process runs. One that has exited but is not reaped yet (a zombie: here for about a second
# after kill -9) counts as gone.
pid_alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}
