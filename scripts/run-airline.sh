#!/usr/bin/env bash
# Airline passengers end to end on this machine (Spark local[2]), as recorded in docs/RESULTS.md:
# prepare -> train -> evaluate (1960 vs naive and seasonal naive) -> score (the 12 months after 1960), each timed.
# Needs ../shared/datasets/timeseries. Extra arguments go to every command, e.g. --set model.cell=gru.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export SEQPIPE_JAVA_OPTS="${SEQPIPE_JAVA_OPTS:--Xmx2g -Dorg.bytedeco.javacpp.maxbytes=3g -Dorg.bytedeco.javacpp.maxphysicalbytes=6g}"
for step in prepare train evaluate score; do
  echo "== seqpipe $step --conf conf/airline.conf $*"
  start=$(date +%s)
  scripts/seqpipe "$step" --conf conf/airline.conf --overwrite "$@"
  echo "== $step took $(( $(date +%s) - start )) s"
done
