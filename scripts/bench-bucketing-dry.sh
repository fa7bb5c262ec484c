#!/usr/bin/env bash
# Padding efficiency of the trainer's batching on CoNLL-2003 eng.train and SST-2 train from ../shared/datasets, with
# and without length bucketing, without training (the trainer's own batching code, local[2]); seconds, not minutes.
# Writes pipeline-core/target/bench/bucketing-dry.json.
#   scripts/bench-bucketing-dry.sh [-Dbench.pool=50] [-Dbench.epochs=3]
#   MVN_FLAGS=-o scripts/bench-bucketing-dry.sh      # offline
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q ${MVN_FLAGS:-} -Dstyle.color=never -pl pipeline-core test-compile
mvn -B ${MVN_FLAGS:-} -Dstyle.color=never test -pl pipeline-core -Dtest=BucketingDryRunBenchmark \
  -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false "$@" | grep -E "Tests run|BUILD|ERROR" || true
cat pipeline-core/target/bench/bucketing-dry.json
