#!/usr/bin/env bash
# Starts a Spark standalone cluster on 127.0.0.1: one Master and $WORKERS Workers (default 2, 1 core each), from a
# Spark home assembled out of Maven Central jars (spark-home.sh; built on first use). For this machine, CI and the
# cluster tests; on a real cluster use its own Spark. Prints the master URL on the last line.
#
#   scripts/cluster/start-cluster.sh          then: scripts/spark-submit.sh --master spark://127.0.0.1:7077 -- ...
#   scripts/cluster/stop-cluster.sh           stops exactly the processes this script started (PID files)
#
# Settings (environment):
#   SPARK_HOME         Spark home to run from (default <repo>/target/spark-home, assembled if incomplete)
#   CLUSTER_DIR        logs/, pids/ and each worker's work dir (default <repo>/target/spark-cluster)
#   MASTER_PORT        7077        MASTER_WEBUI_PORT  8080 (0 = any free port)
#   WORKERS            2           WORKER_CORES       1          WORKER_MEMORY  3g (memory a worker grants executors)
#   WORKER_WEBUI_PORT  0 (any free port)   DAEMON_MEMORY  512m (heap of the Master and Worker JVMs)
#   START_TIMEOUT      120 (seconds to wait for the master and every worker to register)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export SPARK_HOME="${SPARK_HOME:-$root/target/spark-home}"
[ -f "$SPARK_HOME/.complete" ] || "$here/spark-home.sh" "$SPARK_HOME" >/dev/null
export SPARK_SCALA_VERSION=2.12
# Master, workers and the executors they launch bind to loopback only
export SPARK_LOCAL_IP=127.0.0.1
cluster="${CLUSTER_DIR:-$root/target/spark-cluster}"
master_port="${MASTER_PORT:-7077}"
master_ui="${MASTER_WEBUI_PORT:-8080}"
workers="${WORKERS:-2}"
timeout="${START_TIMEOUT:-120}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p "$cluster/logs" "$cluster/pids"
cluster="$(cd "$cluster" && pwd)"

alive() { # pid-file main-class: is the recorded process still that daemon?
  local pid
  pid="$(cat "$1" 2>/dev/null)" || return 1
  [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "$2"
}
for f in "$cluster"/pids/*.pid; do
  [ -e "$f" ] || continue
  if alive "$f" org.apache.spark.deploy; then
    echo "start-cluster: a cluster from $cluster is already running ($f); run stop-cluster.sh first" >&2
    exit 1
  fi
  rm -f "$f"
done

fail() {
  echo "start-cluster: $1; log tails follow, stopping what was started" >&2
  tail -n 20 "$cluster"/logs/*.log >&2 || true
  CLUSTER_DIR="$cluster" "$here/stop-cluster.sh" >&2 || true
  exit 1
}
# waits until grep -c PATTERN FILE >= N while the process in PIDFILE lives
wait_for() {
  local pattern="$1" file="$2" n="$3" pidfile="$4" what="$5" deadline=$((SECONDS + timeout))
  while [ "$(grep -c -E "$pattern" "$file" 2>/dev/null || true)" -lt "$n" ]; do
    alive "$pidfile" org.apache.spark.deploy || fail "$what exited"
    [ $SECONDS -lt $deadline ] || fail "$what not ready after ${timeout}s"
    sleep 0.2
  done
}

nohup "$java" -Xmx"${DAEMON_MEMORY:-512m}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$master_port" --webui-port "$master_ui" > "$cluster/logs/master.log" 2>&1 < /dev/null &
echo $! > "$cluster/pids/master.pid"
wait_for "Starting Spark master at spark://" "$cluster/logs/master.log" 1 "$cluster/pids/master.pid" "the master"
wait_for "I have been elected leader" "$cluster/logs/master.log" 1 "$cluster/pids/master.pid" "the master"
url="spark://127.0.0.1:$master_port"

for i in $(seq 1 "$workers"); do
  mkdir -p "$cluster/work-$i"
  nohup "$java" -Xmx"${DAEMON_MEMORY:-512m}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores "${WORKER_CORES:-1}" --memory "${WORKER_MEMORY:-3g}" --work-dir "$cluster/work-$i" \
    --webui-port "${WORKER_WEBUI_PORT:-0}" "$url" > "$cluster/logs/worker-$i.log" 2>&1 < /dev/null &
  echo $! > "$cluster/pids/worker-$i.pid"
done
for i in $(seq 1 "$workers"); do
  wait_for "Successfully registered with master" "$cluster/logs/worker-$i.log" 1 "$cluster/pids/worker-$i.pid" \
    "worker $i"
done
wait_for "Registering worker" "$cluster/logs/master.log" "$workers" "$cluster/pids/master.pid" "the master"
echo "start-cluster: master pid $(cat "$cluster/pids/master.pid"), workers $(cat "$cluster"/pids/worker-*.pid | tr '\n' ' ')(logs in $cluster/logs)" >&2
echo "$url"
