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
# GPU nodes: --gpus-per-executor N (before '--', or SEQPIPE_GPUS_PER_EXECUTOR=N) submits the CUDA jar
# (jobs/target/seqpipe-cuda.jar, from 'mvn -Pcuda package') and asks Spark for N GPUs per executor and one per task,
# found on each node by scripts/gpu-discovery.sh (SEQPIPE_GPU_DISCOVERY_SCRIPT: its path on the nodes, when the
# repository is not at the same path there). conf/CLUSTER.md, "GPU nodes".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/jvm-crash.sh
. "$root/scripts/lib/jvm-crash.sh"
gpus="${SEQPIPE_GPUS_PER_EXECUTOR:-0}"
submit_args=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  case "$1" in
    --gpus-per-executor) [ $# -ge 2 ] || { echo "seqpipe: --gpus-per-executor needs a number" >&2; exit 2; }
                         gpus="$2"; shift 2 ;;
    --gpus-per-executor=*) gpus="${1#*=}"; shift ;;
    *) submit_args+=("$1"); shift ;;
  esac
done
[ "${1:-}" = "--" ] && shift
case "$gpus" in
  ''|*[!0-9]*) echo "seqpipe: --gpus-per-executor must be a whole number (0: CPU only), got '$gpus'" >&2; exit 2 ;;
esac
gpus=$((10#$gpus))
gpu_conf=()
if [ "$gpus" -gt 0 ]; then
  jar="${SEQPIPE_JAR:-$root/jobs/target/seqpipe-cuda.jar}"
  build="mvn -B -Pcuda package -DskipTests"
  gpu_conf=(--conf "spark.executor.resource.gpu.amount=$gpus"
            --conf spark.task.resource.gpu.amount=1
            --conf "spark.executor.resource.gpu.discoveryScript=${SEQPIPE_GPU_DISCOVERY_SCRIPT:-$root/scripts/gpu-discovery.sh}")
else
  jar="${SEQPIPE_JAR:-$root/jobs/target/seqpipe.jar}"
  build="mvn -B install -DskipTests"
fi
if [ ! -f "$jar" ]; then
  echo "seqpipe: $jar not found; build it with: $build" >&2
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
  ${gpu_conf[@]+"${gpu_conf[@]}"} \
  "${submit_args[@]}" "$jar" "$@"
