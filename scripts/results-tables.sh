#!/usr/bin/env bash
# Rewrites the generated tables of docs/RESULTS.md from the recorded runs in docs/results/ (written by
# scripts/reproduce-results.sh): every block between '<!-- generated (scripts/results-tables.sh): ... -->' and
# '<!-- end generated -->'; the rest of the document is left as it is. A run without a record shows "not run on
# today's code".
#   scripts/results-tables.sh            rewrite docs/RESULTS.md
#   scripts/results-tables.sh --check    change nothing; exit 1 when a generated table differs from the records
# Options --results DIR and --doc FILE name other places. Runs io.seqpipe.jobs.results.ResultsTablesTool from
# jobs/target/seqpipe.jar (SEQPIPE_JAR names another) with the same classpath as scripts/seqpipe (Jackson comes with
# Spark's jars).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jar="${SEQPIPE_JAR:-$root/jobs/target/seqpipe.jar}"
cp_file="$root/jobs/target/spark-classpath.txt"
if [ ! -f "$jar" ]; then
  if [ -n "${SEQPIPE_JAR:-}" ]; then
    echo "results-tables: error: SEQPIPE_JAR=$SEQPIPE_JAR does not exist" >&2
    exit 2
  fi
  echo "results-tables: building $jar (first run only)..." >&2
  (cd "$root" && mvn -B -q -Dstyle.color=never install -DskipTests >&2)
fi
if [ -n "${SPARK_HOME:-}" ]; then
  spark_cp="$SPARK_HOME/jars/*"
else
  if [ ! -f "$cp_file" ]; then
    (cd "$root/jobs" && mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=provided \
        -Dmdep.outputFile="$cp_file" >&2)
  fi
  spark_cp="$(cat "$cp_file")"
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$jar:$spark_cp" io.seqpipe.jobs.results.ResultsTablesTool "$@"
