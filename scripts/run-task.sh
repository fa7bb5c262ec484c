#!/usr/bin/env bash
# A task end to end on this machine (Spark local[*]), as recorded in docs/RESULTS.md:
#   scripts/run-task.sh conf/conll2003.conf [--set key=value ...]
# prepare -> train -> evaluate (paths.test), each timed (tagging, translation, any task with a test split). Needs the datasets the config names (../shared/datasets).
# With SEQPIPE_STEP_TIMES=FILE each step's wall seconds are also appended to FILE as 'step seconds' lines
# (scripts/reproduce-results.sh records them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
conf="${1:?usage: scripts/run-task.sh CONF [--set key=value ...]}"
shift
export SEQPIPE_JAVA_OPTS="${SEQPIPE_JAVA_OPTS:--Xmx3g -Dorg.bytedeco.javacpp.maxbytes=6g -Dorg.bytedeco.javacpp.maxphysicalbytes=14g}"
for step in prepare train evaluate; do
  echo "== seqpipe $step --conf $conf $*"
  start=$(date +%s)
  scripts/seqpipe "$step" --conf "$conf" --overwrite "$@"
  took=$(( $(date +%s) - start ))
  echo "== $step took $took s"
  [ -z "${SEQPIPE_STEP_TIMES:-}" ] || echo "$step $took" >> "$SEQPIPE_STEP_TIMES"
done
