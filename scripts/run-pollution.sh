#!/usr/bin/env bash
# Beijing PM2.5 end to end on this machine (Spark local[2]), as recorded in docs/RESULTS.md:
# prepare -> train -> evaluate (2014 vs naive and seasonal naive) -> score (the 12 hours after the file), each timed.
# Needs ../shared/datasets/timeseries. Extra arguments go to every command, e.g. --set model.cell=gru.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export SEQPIPE_JAVA_OPTS="${SEQPIPE_JAVA_OPTS:--Xmx2g -Dorg.bytedeco.javacpp.maxbytes=3g -Dorg.bytedeco.javacpp.maxphysicalbytes=6g}"
for step in prepare train evaluate score; do
  echo "== seqpipe $step --conf conf/pollution.conf $*"
  start=$(date +%s)
  scripts/seqpipe "$step" --conf conf/pollution.conf --overwrite "$@"
  echo "== $step took $(( $(date +%s) - start )) s"
done
