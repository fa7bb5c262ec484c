#!/usr/bin/env bash
# Cell throughput benchmark (single JVM, OMP_NUM_THREADS=1): rnn/lstm/gru, uni- and bidirectional, on the reference
# shape; contenders alternate within one run. Writes pipeline-core/target/bench/cells.json.
#   scripts/bench-cells.sh [-Dbench.batches=20] [-Dbench.rounds=3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -Dstyle.color=never install -DskipTests -pl pipeline-core -am
mvn -B -Dstyle.color=never test -pl pipeline-core -Dtest=CellThroughputBenchmark -Dtest.excludedGroups= \
  -Dsurefire.failIfNoSpecifiedTests=false "$@" | grep -E "Tests run|BUILD" || true
cat pipeline-core/target/bench/cells.json
