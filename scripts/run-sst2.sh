#!/usr/bin/env bash
# SST-2 end to end on this machine (Spark local[*]), as recorded in docs/RESULTS.md:
# prepare -> train -> evaluate (dev) -> score (unlabelled test), each timed. Needs ../shared/datasets/sst2-glue.
# Extra arguments go to every command, e.g. --set model.cell=rnn.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export SEQPIPE_JAVA_OPTS="${SEQPIPE_JAVA_OPTS:--Xmx3g -Dorg.bytedeco.javacpp.maxbytes=6g -Dorg.bytedeco.javacpp.maxphysicalbytes=14g}"
for step in prepare train evaluate score; do
  echo "== seqpipe $step --conf conf/sst2.conf $*"
  start=$(date +%s)
  scripts/seqpipe "$step" --conf conf/sst2.conf --overwrite "$@"
  echo "== $step took $(( $(date +%s) - start )) s"
done
