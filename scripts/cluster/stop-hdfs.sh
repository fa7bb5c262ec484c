#!/usr/bin/env bash
# Stops the HDFS JVM that start-hdfs.sh started (by its recorded PID, checked to still be MiniHdfsServer). Data stays.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pidfile="${HDFS_HOME:-$root/target/hdfs/home}/hdfs.pid"
[ -f "$pidfile" ] || exit 0
pid="$(cat "$pidfile")"
rm -f "$pidfile"
tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q MiniHdfsServer || exit 0
kill "$pid"
for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || { echo "stop-hdfs: stopped $pid" >&2; exit 0; }; sleep 0.2; done
echo "stop-hdfs: killing $pid after 15 s" >&2
kill -9 "$pid"
