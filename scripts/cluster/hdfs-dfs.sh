#!/usr/bin/env bash
# `hdfs dfs` for the HDFS of start-hdfs.sh, without a Hadoop installation (Hadoop's FsShell from the same jars):
#   scripts/cluster/hdfs-dfs.sh -mkdir -p /data/sentiment
#   scripts/cluster/hdfs-dfs.sh -put conf/samples/sentiment/*.tsv /data/sentiment/
#   scripts/cluster/hdfs-dfs.sh -ls -R /runs
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
home="${HDFS_HOME:-$root/target/hdfs/home}"
if [ ! -f "$home/conf/core-site.xml" ]; then
  echo "hdfs-dfs: $home/conf/core-site.xml not found; start HDFS with scripts/cluster/start-hdfs.sh first" >&2
  exit 2
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m -Dlog4j2.level=error -cp "$home/conf:$home/jars/*" \
  org.apache.hadoop.fs.FsShell "$@"
