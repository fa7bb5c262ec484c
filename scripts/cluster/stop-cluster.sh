#!/usr/bin/env bash
# Stops the cluster that start-cluster.sh started from the same CLUSTER_DIR: exactly the recorded Master and Worker
# PIDs (each checked to still be that daemon, so a reused PID is never hit), plus any executor JVMs those workers
# launched. SIGTERM first, SIGKILL after 15 s.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cluster="${CLUSTER_DIR:-$root/target/spark-cluster}"
cmdline() { tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null; }
pids=()
for f in "$cluster"/pids/worker-*.pid "$cluster"/pids/master.pid; do
  [ -e "$f" ] || continue
  pid="$(cat "$f")"
  if cmdline "$pid" | grep -q org.apache.spark.deploy; then
    # executors are children of their worker
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
      if cmdline "$child" | grep -q CoarseGrainedExecutorBackend; then pids+=("$child"); fi
    done
    pids+=("$pid")
    echo "stop-cluster: stopping $(basename "$f" .pid) ($pid)" >&2
  fi
  rm -f "$f"
done
[ ${#pids[@]} -gt 0 ] || exit 0
kill "${pids[@]}" 2>/dev/null || true
for _ in $(seq 1 75); do
  left=()
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && left+=("$p"); done
  [ ${#left[@]} -eq 0 ] && exit 0
  sleep 0.2
done
echo "stop-cluster: killing ${left[*]} after 15 s" >&2
kill -9 "${left[@]}" 2>/dev/null || true
