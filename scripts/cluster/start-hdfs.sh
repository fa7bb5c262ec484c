#!/usr/bin/env bash
# Starts a single-node HDFS on 127.0.0.1 (MiniHdfsServer.java: NameNode + DataNode in one JVM) for trying SeqPipe's
# cluster workflow on one machine; executors and drivers reach it at hdfs://127.0.0.1:$HDFS_PORT. Its data persists
# across restarts under $HDFS_DATA. Prints the filesystem URI on the last line; stop-hdfs.sh stops exactly this JVM;
# hdfs-dfs.sh is `hdfs dfs` against it (scripts/cluster/hdfs-dfs.sh -put conf/samples/sentiment /data/).
#
# Settings (environment):
#   HDFS_PORT   NameNode RPC port (default 8020)
#   HDFS_DATA   NameNode and DataNode storage (default <repo>/target/hdfs/data)
#   HDFS_HOME   where the Hadoop jars are assembled from Maven Central (default <repo>/target/hdfs/home)
#   HDFS_HEAP   heap of the HDFS JVM (default 1g)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${HDFS_PORT:-8020}"
data="${HDFS_DATA:-$root/target/hdfs/data}"
home="${HDFS_HOME:-$root/target/hdfs/home}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p "$data" "$home"
data="$(cd "$data" && pwd)"
home="$(cd "$home" && pwd)"
pidfile="$home/hdfs.pid"
log="$home/hdfs.log"
if [ -f "$pidfile" ] && tr '\0' ' ' < "/proc/$(cat "$pidfile")/cmdline" 2>/dev/null | grep -q MiniHdfsServer; then
  echo "start-hdfs: already running (pid $(cat "$pidfile")); stop-hdfs.sh first" >&2
  exit 1
fi
if [ ! -f "$home/.complete" ]; then
  rm -rf "$home/jars"
  copy=(-B -q -Dstyle.color=never -f "$here/hdfs-dist/pom.xml" dependency:copy-dependencies -DincludeScope=runtime
        -DoutputDirectory="$home/jars")
  if ! "${MVN:-mvn}" -o "${copy[@]}" >&2 2>/dev/null; then
    echo "start-hdfs: resolving the Hadoop jars from Maven Central" >&2
    "${MVN:-mvn}" "${copy[@]}" >&2
  fi
  touch "$home/.complete"
fi
# client configuration for hdfs-dfs.sh (and anything else that puts $home/conf on its classpath)
mkdir -p "$home/conf"
cat > "$home/conf/core-site.xml" <<XML
<?xml version="1.0"?>
<configuration>
  <property><name>fs.defaultFS</name><value>hdfs://127.0.0.1:$port</value></property>
</configuration>
XML
nohup "$java" -Xmx"${HDFS_HEAP:-1g}" -cp "$home/jars/*" "$here/MiniHdfsServer.java" --port "$port" --data "$data" \
  > "$log" 2>&1 < /dev/null &
echo $! > "$pidfile"
deadline=$((SECONDS + ${START_TIMEOUT:-120}))
until grep -q "HDFS ready at" "$log"; do
  if ! kill -0 "$(cat "$pidfile")" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "start-hdfs: HDFS did not start; last lines of $log:" >&2
    tail -n 30 "$log" >&2
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
    exit 1
  fi
  sleep 0.2
done
echo "start-hdfs: $(grep "HDFS ready at" "$log"), pid $(cat "$pidfile"), log $log" >&2
echo "hdfs://127.0.0.1:$port"
