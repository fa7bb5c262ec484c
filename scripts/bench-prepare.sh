#!/usr/bin/env bash
# Prepare throughput (rows/s, MB/s): SeqPipe's sentiment prepare vs a plain Spark text read -> Parquet write of the
# same generated corpus (default 1,000,000 sentences, ~120 MB), alternating in one local[2] session.
# Writes pipeline-core/target/bench/prepare.json.
#   scripts/bench-prepare.sh [-Dbench.sentences=1000000] [-Dbench.rounds=2]
#   MVN_FLAGS=-o scripts/bench-prepare.sh      # offline
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q ${MVN_FLAGS:-} -Dstyle.color=never -pl pipeline-core test-compile
mvn -B ${MVN_FLAGS:-} -Dstyle.color=never test -pl pipeline-core -Dtest=PrepareThroughputBenchmark \
  -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false "$@" | grep -E "bench-prepare|Tests run|BUILD|ERROR" || true
cat pipeline-core/target/bench/prepare.json
