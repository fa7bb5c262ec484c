#!/usr/bin/env bash
# Assembles a Spark 3.5.7 home from Maven Central jars (no Spark download needed):
#   scripts/cluster/spark-home.sh [DIR]        DIR default: $SPARK_HOME, else <repo>/target/spark-home
# Prints DIR. The result has what the standalone daemons, spark-submit and Spark's launcher need:
#   DIR/jars/        Spark core, sql and mllib with their dependencies (spark-dist/pom.xml), ~150 jars, ~230 MB
#   DIR/RELEASE      makes Spark's launcher take DIR/jars as the classpath
#   DIR/bin/         spark-class and spark-submit: Spark's own launcher (org.apache.spark.launcher.Main) builds the
#                    java command line, as in a real distribution, so scripts/spark-submit.sh works against DIR
# Idempotent: an already complete DIR (DIR/.complete) is left alone. Tries the local Maven repository first (-o),
# then Maven Central. MVN names the mvn to run (default: mvn on PATH); MVN_ARGS adds options such as
# -Dmaven.repo.local=... or -s settings.xml (the cluster tests pass the outer build's).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
home="${1:-${SPARK_HOME:-$root/target/spark-home}}"
mvn="${MVN:-mvn}"
mkdir -p "$home"
home="$(cd "$home" && pwd)"
if [ -f "$home/.complete" ]; then
  echo "$home"
  exit 0
fi
rm -rf "$home/jars"
# shellcheck disable=SC2206
copy=(-B -q -Dstyle.color=never ${MVN_ARGS:-} -f "$here/spark-dist/pom.xml" dependency:copy-dependencies -DincludeScope=runtime
      -DoutputDirectory="$home/jars")
if ! "$mvn" -o "${copy[@]}" >&2 2>/dev/null; then
  echo "spark-home: not everything is in the local Maven repository; resolving from Maven Central" >&2
  "$mvn" "${copy[@]}" >&2
fi
echo "Spark 3.5.7 (built for Hadoop 3.3.4) assembled from Maven Central by SeqPipe's scripts/cluster/spark-home.sh" \
  > "$home/RELEASE"
mkdir -p "$home/bin" "$home/conf"
cp "$here/spark-home-bin/spark-class" "$here/spark-home-bin/spark-submit" "$home/bin/"
chmod +x "$home/bin/spark-class" "$home/bin/spark-submit"
touch "$home/.complete"
echo "$home"
