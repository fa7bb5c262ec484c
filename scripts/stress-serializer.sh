#!/usr/bin/env bash
# Long stress run of the Kryo serializer for ND4J arrays (BulkNdArraySerializer) under garbage-collection pressure:
# JVMS separate JVMs (a crash kills only its own), each ROUNDS round trips of a 10.8 MB float view through Spark's
# Kryo and LZ4 streams while another thread forces GC and reuses the freed native memory. Writes
# pipeline-core/target/bench/serializer-stress.json (rounds, bytes, GC cycles, crashed and corrupted JVMs).
#   scripts/stress-serializer.sh [-Dstress.jvms=10] [-Dstress.rounds=200]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -Dstyle.color=never install -DskipTests -pl pipeline-core -am
mvn -B -Dstyle.color=never test -pl pipeline-core -Dtest='BulkNdArraySerializerStressTest#longStressRun' \
  -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false "$@" | grep -E "Tests run|BUILD|stress JVM" || true
cat pipeline-core/target/bench/serializer-stress.json
