#!/usr/bin/env bash
# Submits one seqpipe command to a cluster with spark-submit (YARN, standalone or Kubernetes):
#   SPARK_SUBMIT_OPTS... scripts/spark-submit.sh --master yarn --deploy-mode cluster -- train --conf sentiment.conf \
#       --set paths.work=hdfs:///user/me/sentiment
# Everything before '--' goes to spark-submit, everything after it to seqpipe. The jar is jobs/target/seqpipe.jar
# (override with SEQPIPE_JAR). The --conf values below are SeqPipe's recommendations; any you pass win.
# With --deploy-mode cluster the config file must be shipped: add --files sentiment.conf and pass --conf sentiment.conf.
# Kerberos: --principal and --keytab go before '--' like any spark-submit option.
# On this machine: scripts/cluster/start-cluster.sh starts a standalone cluster (spark://127.0.0.1:7077) and this script
# then finds the Spark home it assembled; export SPARK_LOCAL_IP=127.0.0.1 so the driver binds to loopback too.
# A driver JVM that crashes here (client deploy mode) writes its error log to $SEQPIPE_LOG_DIR (default
# ~/.seqpipe/logs), never the working directory, and one 'seqpipe: error: the JVM crashed ...' line says where it is.
# Executors keep the JVM's default: their error logs land in their own working directories, beside their stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/jvm-crash.sh
. "$root/scripts/lib/jvm-crash.sh"
jar="${SEQPIPE_JAR:-$root/jobs/target/seqpipe.jar}"
submit_args=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do submit_args+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
if [ ! -f "$jar" ]; then
  echo "seqpipe: $jar not found; build it with: mvn -B install -DskipTests" >&2
  exit 2
fi
# spark-submit: $SPARK_HOME's, else the one on PATH, else the Spark home scripts/cluster/spark-home.sh assembled here
submit="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
if [ -z "${SPARK_HOME:-}" ] && ! command -v spark-submit >/dev/null && [ -x "$root/target/spark-home/bin/spark-submit" ]; then
  submit="$root/target/spark-home/bin/spark-submit"
fi
# spark-submit starts the driver JVM with SPARK_SUBMIT_OPTS
SPARK_SUBMIT_OPTS="${SPARK_SUBMIT_OPTS:+$SPARK_SUBMIT_OPTS }$(seqpipe_error_file_option)"
export SPARK_SUBMIT_OPTS
seqpipe_run_guarded "$submit" \
  --class io.seqpipe.jobs.SeqPipe \
  --conf spark.executorEnv.OMP_NUM_THREADS=1 \
  --conf spark.executor.memoryOverhead=4g \
  --conf "spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.maxbytes=4g -Dorg.bytedeco.javacpp.maxphysicalbytes=12g" \
  --conf spark.serializer=org.apache.spark.serializer.KryoSerializer \
  --conf spark.kryo.registrator=org.nd4j.kryo.Nd4jRegistrator,io.seqpipe.spark.SeqPipeKryoRegistrator \
  "${submit_args[@]}" "$jar" "$@"
