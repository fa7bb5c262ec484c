#!/usr/bin/env bash
# Scoring throughput on the reference BiLSTM tagger: raw single-JVM DL4J output vs SeqPipe's tagging path
# (predictAll) in one JVM and in Spark local[2] (weights broadcast, restored per partition), alternating in one JVM.
# OMP_NUM_THREADS=1 (surefire, root pom).
# Writes pipeline-core/target/bench/score.json.
#   scripts/bench-score.sh [-Dbench.sequences=2560] [-Dbench.rounds=3]
#   MVN_FLAGS=-o scripts/bench-score.sh      # offline
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q ${MVN_FLAGS:-} -Dstyle.color=never -pl pipeline-core test-compile
mvn -B ${MVN_FLAGS:-} -Dstyle.color=never test -pl pipeline-core -Dtest=ScoringThroughputBenchmark \
  -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false "$@" | grep -E "Tests run|BUILD|ERROR" || true
cat pipeline-core/target/bench/score.json
