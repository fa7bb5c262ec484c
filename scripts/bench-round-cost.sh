#!/usr/bin/env bash
# The cost model of SeqPipe's parameter-averaging trainer (io.seqpipe.bench.RoundCostBenchmark): the fixed cost of an
# averaging round for BiLSTM taggers of ~10 k, 100 k, 1 M and 5 M parameters in local[k], k = 1, 2, 4, 8 (near-zero
# compute per round), fitted as fixed(P, k) = a + b*k + c*P + d*P*k; the compute per minibatch of the reference tagger
# (one thread, and two at once for the contention); then the time-to-accuracy projection for n nodes of c cores and
# the model against the cluster figures of docs/PERFORMANCE.md. Writes pipeline-core/target/bench/round-cost.json and
# pipeline-core/target/bench/projection.json (~7 min on a quiet 2-core machine).
#   scripts/bench-round-cost.sh [-Dbench.repeats=3] [-Dbench.workers=1,2,4,8] [-Dbench.roundsPerFit=6]
#   scripts/bench-round-cost.sh --project-only [-Dbench.scaling=scaling.json] [-Dbench.networkGbps=10]
#       (projection from an existing round-cost.json; scaling.json = {"k": examples to target}; without it,
#        placeholders 1.0, 1.1, 1.2, 1.4 x -Dbench.examplesK1=12000 at k = 1, 2, 4, 8)
#   MVN_FLAGS=-o scripts/bench-round-cost.sh      # offline
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
method=measure
if [ "${1:-}" = "--project-only" ]; then
  method=project
  shift
fi
mvn -B -q ${MVN_FLAGS:-} -Dstyle.color=never -pl pipeline-core test-compile
mvn -B ${MVN_FLAGS:-} -Dstyle.color=never test -pl pipeline-core -Dtest="RoundCostBenchmark#$method" \
  -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false "$@" | grep -E "Tests run|BUILD|ERROR" || true
[ "$method" = project ] || cat pipeline-core/target/bench/round-cost.json
cat pipeline-core/target/bench/projection.json
