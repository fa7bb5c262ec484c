#!/usr/bin/env bash
# The GPU path checked on one machine with an NVIDIA GPU, in about 10 minutes, as one JSON file:
#   scripts/device-check.sh [--out DIR] [--budget SECONDS] [--only PART,...] [--conll DIR] [--sentences N]
#                           [--epochs N] [--large-batch N] [--cpu-workers N] [--dry-run]
# Parts, in this order (each with its own timeout, cut to what is left of --budget; a part that fails or times out is
# recorded and the script goes on):
#   preflight   nvidia-smi, java and mvn versions (a missing java or mvn skips every later part, recorded)
#   build       'mvn -Pcuda package' (the CUDA jar) and 'mvn package' (the CPU jar), tests compiled, not run
#   gradients   the layer and vertex gradient checks (*GradientCheck*) on the CUDA backend
#   throughput  the reference BiLSTM tagger (DeviceThroughputBenchmark) at batch 32 and --large-batch (256): the GPU
#               (one JVM, and the trainer in local[1]) against this machine's CPU (the trainer in local[--cpu-workers],
#               one worker per core; default nproc)
#   conll       CoNLL-2003 NER (conf/conll2003.conf) on the first --sentences (4000) sentences of eng.train for
#               --epochs (3) epochs, GPU jar and CPU jar, both local[4]; per-epoch validation F1 (eng.testa) compared,
#               passing when every epoch is within 0.01
# Writes DIR/device-check.json (DIR: --out, else $OUT, else target/device-check/out) and DIR/device-check.log (every
# command's output). Work files go to target/device-check/files. Exit status: 0 when every part ran and passed, 1 when
# one failed, 2 on a usage error. --dry-run prints the commands and runs nothing.
# Needs JDK 17, Maven and the dependencies in the local Maven repository (MVN_FLAGS defaults to offline: '-o'; set
# MVN_FLAGS= to let Maven download), nvidia-smi, python3 (for the JSON) and the CoNLL-2003 files (--conll DIR, else
# shared/datasets/conll2003-en or ../shared/datasets/conll2003-en).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

all_parts="preflight,build,gradients,throughput,conll"
usage() {
  echo "device-check: $1" >&2
  echo "usage: scripts/device-check.sh [--out DIR] [--budget SECONDS] [--only PART,...] [--conll DIR] [--sentences N]" \
    "[--epochs N] [--large-batch N] [--cpu-workers N] [--dry-run]; parts: $all_parts" >&2
  exit 2
}
number() { # NAME VALUE: VALUE must be a whole number >= 1
  case "$2" in ''|*[!0-9]*|0) usage "$1 must be a whole number >= 1, got '$2'" ;; esac
}

out="${OUT:-}"
budget=540
parts="$all_parts"
conll=""
sentences=4000
epochs=3
large_batch=256
cpu_workers="$(nproc 2>/dev/null || echo 1)"
dry=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry=1; shift ;;
    --out|--budget|--only|--conll|--sentences|--epochs|--large-batch|--cpu-workers)
      [ $# -ge 2 ] || usage "$1 needs a value"
      case "$1" in
        --out) out="$2" ;;
        --budget) number "$1" "$2"; budget="$2" ;;
        --only) parts="$2" ;;
        --conll) conll="$2" ;;
        --sentences) number "$1" "$2"; sentences="$2" ;;
        --epochs) number "$1" "$2"; epochs="$2" ;;
        --large-batch) number "$1" "$2"; large_batch="$2" ;;
        --cpu-workers) number "$1" "$2"; cpu_workers="$2" ;;
      esac
      shift 2 ;;
    *) usage "unknown argument '$1'" ;;
  esac
done
IFS=, read -r -a wanted <<< "$parts"
[ "${#wanted[@]}" -gt 0 ] || usage "--only needs at least one part"
for p in "${wanted[@]}"; do
  case ",$all_parts," in *",$p,"*) ;; *) usage "unknown part '$p'" ;; esac
done
wants() { case ",$parts," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

out="${out:-target/device-check/out}"
work="target/device-check/files"
if [ -z "$conll" ]; then
  conll="../shared/datasets/conll2003-en"
  [ -d shared/datasets/conll2003-en ] && conll="shared/datasets/conll2003-en"
fi
mvn_flags="${MVN_FLAGS--o}"
mvn="mvn -B -Dstyle.color=never $mvn_flags"
bench="-Dtest=DeviceThroughputBenchmark -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false"
# CoNLL runs: the same workers on both backends (a run's numbers depend on them), JavaCPP limits for a big machine
conll_java_opts="-Xmx8g -Dspark.master=local[4] -Dorg.bytedeco.javacpp.maxbytes=24g -Dorg.bytedeco.javacpp.maxphysicalbytes=48g"
conll_sets="--set paths.train=$work/conll/eng.train.first$sentences --set paths.validation=$conll/eng.testa"
conll_sets="$conll_sets --set paths.test=$conll/eng.testb --set train.epochs=$epochs"

# The parts' commands: NAME TIMEOUT COMMAND (run by bash -c in the repository root)
steps=()
add() { steps+=("$1"$'\t'"$2"$'\t'"$3"); }
if wants preflight; then
  add preflight-gpu 30 "nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader"
  # ND4J 1.0.0-M2.1's CUDA binaries hold machine code for compute capabilities 3.7 to 8.6 and no PTX: they run on 3.7
  # to 8.9 (conf/CLUSTER.md, "GPU nodes"); on a newer GPU every CUDA part would fail, so they are skipped with this reason
  add preflight-arch 30 "cap=\$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader | sort -V | tail -1); echo \"compute capability \${cap:-unknown}\"; awk -v c=\"\$cap\" 'BEGIN { exit !(c != \"\" && c + 0 >= 3.7 && c + 0 < 9.0) }' || { echo \"ND4J 1.0.0-M2.1's CUDA binaries run on compute capability 3.7 to 8.9, this GPU is \${cap:-unknown}\"; exit 1; }"
  add preflight-java 30 "java -version"
  add preflight-mvn 30 "mvn -B -v"
fi
if wants build; then
  add build-cuda 200 "$mvn -q -Pcuda -pl pipeline-core,jobs package -DskipTests && if [ -f jobs/target/seqpipe-cuda.jar ]; then cp jobs/target/seqpipe-cuda.jar $work/seqpipe-cuda.jar; else cp jobs/target/seqpipe.jar $work/seqpipe-cuda.jar; fi"
fi
if wants gradients; then
  add gradients-cuda 150 "rm -f pipeline-core/target/surefire-reports/*GradientCheck*; $mvn -Pcuda -pl pipeline-core test -Dtest='*GradientCheck*' -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false"
fi
if wants build; then
  # also lists Spark's jars for scripts/seqpipe (jobs/target/spark-classpath.txt; jobs, the last module, writes it
  # last): scripts/seqpipe would otherwise ask Maven for them outside the reactor, which needs pipeline-core installed
  add build-cpu 120 "$mvn -q -pl pipeline-core,jobs package -DskipTests dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile=$root/jobs/target/spark-classpath.txt && cp jobs/target/seqpipe.jar $work/seqpipe-cpu.jar"
fi
if wants throughput; then
  add throughput-gpu-b32 75 "$mvn -Pcuda -pl pipeline-core test $bench -Dbench.batch=32 -Dbench.workers=1 -Dbench.out=$root/$work/throughput-gpu-b32.json"
  add throughput-cpu-b32 75 "$mvn -pl pipeline-core test $bench -Dbench.batch=32 -Dbench.workers=$cpu_workers -Dbench.oneJvm=false -Dbench.out=$root/$work/throughput-cpu-b32.json"
fi
if wants conll; then
  add conll-data 20 "awk -v n=$sentences 'BEGIN { RS = \"\"; ORS = \"\\n\\n\" } /^-DOCSTART-/ { print; next } { if (++s > n) exit; print }' $conll/eng.train > $work/conll/eng.train.first$sentences"
  for b in gpu cpu; do
    add "conll-$b" 150 "for step in prepare train; do SEQPIPE_JAR=$work/seqpipe-$( [ $b = gpu ] && echo cuda || echo cpu ).jar SEQPIPE_JAVA_OPTS='$conll_java_opts' scripts/seqpipe \$step --conf conf/conll2003.conf --overwrite $conll_sets --set paths.work=$work/conll-$b || exit; done"
  done
fi
if wants throughput; then
  add "throughput-gpu-b$large_batch" 75 "$mvn -Pcuda -pl pipeline-core test $bench -Dbench.batch=$large_batch -Dbench.workers=1 -Dbench.out=$root/$work/throughput-gpu-b$large_batch.json"
  add "throughput-cpu-b$large_batch" 75 "$mvn -pl pipeline-core test $bench -Dbench.batch=$large_batch -Dbench.workers=$cpu_workers -Dbench.oneJvm=false -Dbench.out=$root/$work/throughput-cpu-b$large_batch.json"
fi

if [ "$dry" = 1 ]; then
  for s in "${steps[@]}"; do
    IFS=$'\t' read -r name _ cmd <<< "$s"
    printf '%s: %s\n' "$name" "$cmd"
  done
  exit 0
fi

mkdir -p "$out" "$work/conll"
log="$out/device-check.log"
: > "$log"
: > "$work/steps.tsv"
start=$(date +%s)
prerequisites_missing=""
gpu_unsupported=""
for s in "${steps[@]}"; do
  IFS=$'\t' read -r name limit cmd <<< "$s"
  left=$(( budget - ($(date +%s) - start) - 15 )) # 15 s kept for the report
  if [ -n "$prerequisites_missing" ] && [ "${name#preflight}" = "$name" ]; then
    printf '%s\tskipped\t\t0\t%s\n' "$name" "$prerequisites_missing" >> "$work/steps.tsv"
    continue
  fi
  if [ -n "$gpu_unsupported" ] && [ "${name#preflight}" = "$name" ] && [[ $name == *gpu* || $name == *cuda* ]]; then
    printf '%s\tskipped\t\t0\t%s\n' "$name" "$gpu_unsupported" >> "$work/steps.tsv"
    continue
  fi
  if [ "$left" -lt 20 ]; then
    printf '%s\tskipped\t\t0\tno time left of --budget %s s\n' "$name" "$budget" >> "$work/steps.tsv"
    continue
  fi
  [ "$limit" -gt "$left" ] && limit=$left
  echo "== $name (timeout ${limit}s): $cmd" | tee -a "$log"
  t0=$(date +%s)
  timeout --kill-after=10 "$limit" bash -c "$cmd" > "$work/last-step.out" 2>&1
  rc=$?
  cat "$work/last-step.out" >> "$log"
  took=$(( $(date +%s) - t0 ))
  status=ok
  detail=""
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then status=timeout; detail="killed after ${limit}s"
  elif [ "$rc" != 0 ]; then status=failed; detail="exit $rc; see device-check.log"
  fi
  printf '\n== %s: %s in %ss\n' "$name" "$status" "$took" | tee -a "$log"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$status" "$rc" "$took" "$detail" >> "$work/steps.tsv"
  case "$name:$status" in
    preflight-java:ok|preflight-mvn:ok|preflight-gpu:*|preflight-arch:ok) ;;
    preflight-arch:*) gpu_unsupported="$(tail -1 "$work/last-step.out") (preflight-arch)" ;;
    preflight-java:*) prerequisites_missing="java is missing (preflight-java)" ;;
    preflight-mvn:*) prerequisites_missing="${prerequisites_missing:+$prerequisites_missing; }mvn is missing (preflight-mvn)" ;;
  esac
done

python3 "$root/scripts/lib/device_check_report.py" "$work" "$log" "$out/device-check.json" "$sentences" "$epochs" \
  "$large_batch" "$cpu_workers"
