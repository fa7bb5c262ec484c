#!/usr/bin/env bash
# Training on the real standalone cluster (scripts/cluster/start-cluster.sh: master + 2 workers on 127.0.0.1, 1 core
# each) with 2 executors vs 1, contenders alternating in one invocation; each run is a real spark-submit of the shaded
# jar (`seqpipe train`). Writes target/bench/cluster.json.
#   1. reference model (BiLSTM tagger: vocab 5000, embedding 64, hidden 128 per direction, T = 50, batch 32,
#      averaging every 5) on 1280 generated full-length sentences, 2 epochs: tokens/s and sequences/s;
#   2. scaling on real data: the first $SENTENCES sentences of CoNLL-2003 eng.train (validation eng.testa), the
#      conf/conll2003.conf model, $EPOCHS epochs: seconds per epoch and the best validation entity F1 (parameter
#      averaging must not buy speed with accuracy).
#   scripts/bench-cluster.sh            ROUNDS=1 SENTENCES=4000 EPOCHS=3 (environment)
# Needs jobs/target/seqpipe.jar (mvn -B install -DskipTests) and ../shared/datasets/conll2003-en.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rounds="${ROUNDS:-1}"
sentences="${SENTENCES:-4000}"
epochs="${EPOCHS:-3}"
out="$root/target/bench/cluster"
mkdir -p "$out"
[ -f jobs/target/seqpipe.jar ] || mvn -B -q -Dstyle.color=never install -DskipTests
export SPARK_LOCAL_IP=127.0.0.1

# reference data: 1280 sentences of 50 tokens over 5000 words, 5 tags (columns format); a CoNLL-2003 subset
python3 - "$out" "$sentences" <<'PY'
import random, sys, pathlib
out, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
r = random.Random(42)
with open(out / "reference.tsv", "w") as f:
    for s in range(1280):
        for t in range(50):
            f.write(f"w{r.randrange(5000)}\tT{r.randrange(5)}\n")
        f.write("\n")
blocks, block = [], []
for line in open(pathlib.Path("../shared/datasets/conll2003-en/eng.train"), encoding="utf-8"):
    if line.strip() == "":
        if block:
            blocks.append("".join(block)); block = []
    else:
        block.append(line)
if block:
    blocks.append("".join(block))
with open(out / "conll-subset.train", "w", encoding="utf-8") as f:
    f.write("\n".join([b for b in blocks if not b.startswith("-DOCSTART-")][:n]) + "\n")
PY

reference=(--set task=pos --set input.format=columns --set input.tokenColumn=0 --set input.tagColumn=1
  --set tags.input=none --set tags.train=none
  --set features.casing=false --set features.digitsToZero=false --set "features.suffixLengths=[]"
  --set vocabulary.maxSize=5002
  --set model.cell=lstm --set model.layers=1 --set model.hidden=128 --set model.embedding=64 --set model.dropout=0
  --set train.batchSize=32 --set train.averagingFrequency=5 --set train.lengthBucketPool=1 --set train.wordDropout=0
  --set train.epochs=2 --set train.earlyStopping.patience=0 --set sequence.maxTrainLength=50
  --set "paths.train=$out/reference.tsv")
# the reference tagger of these measurements: softmax output, no character encoder, a fixed learning rate
conll=(--conf conf/conll2003.conf --set "paths.train=$out/conll-subset.train" --set "train.epochs=$epochs"
  --set train.earlyStopping.patience=0 --set model.output=softmax --set model.chars.encoder=none
  --set train.learningRateDecay=0)

echo "== prepare (local)"
scripts/seqpipe prepare "${reference[@]}" --set "paths.work=$out/reference" --overwrite > "$out/prepare-reference.log"
scripts/seqpipe prepare "${conll[@]}" --set "paths.work=$out/conll" --overwrite > "$out/prepare-conll.log"

WORKERS=2 WORKER_CORES=1 scripts/cluster/start-cluster.sh > "$out/cluster-start.log"
trap 'scripts/cluster/stop-cluster.sh > /dev/null 2>&1 || true' EXIT
master=spark://127.0.0.1:7077

train() { # executors name args...
  local k="$1" name="$2"; shift 2
  local start=$(date +%s)
  scripts/spark-submit.sh --master "$master" --conf spark.cores.max="$k" --conf spark.default.parallelism="$k" \
    --conf spark.executor.cores=1 --conf spark.executor.memory=2g --driver-memory 2g -- \
    train "$@" --set "paths.model=$out/models/$name" --overwrite > "$out/$name.log" 2>&1
  echo "$name $(( $(date +%s) - start ))" >> "$out/wall-seconds.txt"
  echo "== $name: $(( $(date +%s) - start )) s"
}
rm -f "$out/wall-seconds.txt"
for r in $(seq 1 "$rounds"); do
  for k in 2 1; do
    train "$k" "reference-$k-r$r" "${reference[@]}" --set "paths.work=$out/reference"
  done
  for k in 1 2; do
    train "$k" "conll-$k-r$r" "${conll[@]}" --set "paths.work=$out/conll"
  done
done

python3 - "$out" <<'PY'
import json, sys, pathlib, statistics
out = pathlib.Path(sys.argv[1])
runs = []
for model in sorted((out / "models").iterdir()):
    p = json.loads((model / "provenance.json").read_text())
    t, hist = p["training"], p["history"]
    name = model.name
    runs.append({"run": name, "executors": int(name.split("-")[1]), "master": t["master"],
                 "defaultParallelism": t["defaultParallelism"], "epochs": t["epochsRun"],
                 "secondsPerEpoch": [h["seconds"] for h in hist],
                 "medianSecondsPerEpoch": statistics.median(h["seconds"] for h in hist),
                 "sentencesPerSecond": t["sentencesPerSecond"], "tokensPerSecond": t["tokensPerSecond"],
                 "bestValidation": p["metrics"].get("validation.entityF1"),
                 "validationPerEpoch": [h.get("validation") for h in hist],
                 "minibatchesByExecutor": t["executors"]})
def ratio(prefix, key):
    two = [r[key] for r in runs if r["run"].startswith(prefix + "-2-")]
    one = [r[key] for r in runs if r["run"].startswith(prefix + "-1-")]
    return statistics.median(two) / statistics.median(one) if two and one else None
result = {"benchmark": "standalone cluster on 127.0.0.1 (1 core per worker), 2 executors vs 1, spark-submit of the shaded jar",
          "runs": runs,
          "reference_tokensPerSecond_2_over_1": ratio("reference", "tokensPerSecond"),
          "conll_epochSeconds_1_over_2": (lambda a, b: b / a if a and b else None)(
              statistics.median(r["medianSecondsPerEpoch"] for r in runs if r["run"].startswith("conll-2-")),
              statistics.median(r["medianSecondsPerEpoch"] for r in runs if r["run"].startswith("conll-1-")))}
(out.parent / "cluster.json").write_text(json.dumps(result, indent=2))
print(json.dumps(result, indent=2))
PY
