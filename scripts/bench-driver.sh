#!/usr/bin/env bash
# The driver's side of an epoch at 1 M, 10 M and 100 M synthetic examples, without training (local[2]): the epoch
# plan's construction time and memory, partitions and Spark jobs per epoch, the shuffle's map output state, and the
# wall time of a near-empty round job, with one partition per (round, worker) against the capped placement; plus the
# real plan of bench.planExamples synthetic examples. Writes pipeline-core/target/bench/driver.json.
#   scripts/bench-driver.sh [-Dbench.sizes=1000000,10000000,100000000] [-Dbench.workers=8] [-Dbench.jobs=30]
#                           [-Dbench.planExamples=1000000] [-Dbench.mapTasks=800]
#   MVN_FLAGS=-o scripts/bench-driver.sh      # offline
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q ${MVN_FLAGS:-} -Dstyle.color=never -pl pipeline-core test-compile
mvn -B ${MVN_FLAGS:-} -Dstyle.color=never test -pl pipeline-core -Dtest=DriverPlanBenchmark \
  -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false "$@" | grep -E "Tests run|BUILD|ERROR" || true
cat pipeline-core/target/bench/driver.json
