#!/usr/bin/env bash
# Padding efficiency and time per epoch with and without length bucketing (SeqPipe trainer, local[2]) on CoNLL-2003
# eng.train and SST-2 train from ../shared/datasets, each subsampled (seeded) to bench.sentences sentences; the two
# contenders alternate in one JVM. Writes pipeline-core/target/bench/bucketing.json.
#   scripts/bench-bucketing.sh [-Dbench.sentences=3000] [-Dbench.rounds=2] [-Dbench.pool=50]
#   MVN_FLAGS=-o scripts/bench-bucketing.sh      # offline
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q ${MVN_FLAGS:-} -Dstyle.color=never -pl pipeline-core test-compile
mvn -B ${MVN_FLAGS:-} -Dstyle.color=never test -pl pipeline-core -Dtest=BucketingBenchmark \
  -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false "$@" | grep -E "Tests run|BUILD|ERROR" || true
cat pipeline-core/target/bench/bucketing.json
