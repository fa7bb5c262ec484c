#!/usr/bin/env bash
# Training throughput on the reference BiLSTM tagger (vocab 5000, emb 64, hidden 128/direction, T=50, batch 32):
# plain single-JVM DL4J fit vs SeqPipe's ParameterAveragingTrainer in local[2], alternating in one JVM, plus an ND4J
# float GEMM microbenchmark (the peak) in the same run. OMP_NUM_THREADS=1 (set by surefire, root pom).
# Writes pipeline-core/target/bench/train.json.
#   scripts/bench-train.sh [-Dbench.sequences=1280] [-Dbench.rounds=3]
#   MVN_FLAGS=-o scripts/bench-train.sh      # offline
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q ${MVN_FLAGS:-} -Dstyle.color=never -pl pipeline-core test-compile
mvn -B ${MVN_FLAGS:-} -Dstyle.color=never test -pl pipeline-core -Dtest=TrainThroughputBenchmark \
  -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false "$@" | grep -E "Tests run|BUILD|ERROR" || true
cat pipeline-core/target/bench/train.json
