#!/usr/bin/env bash
# Runs every notebook in notebooks/ top to bottom and saves it with its outputs and plots, each against a small run:
#   sentiment   target/seqpipe-sample (scripts/run-sample.sh; run it first)
#   tagging, translation, forecast, lm   small runs on the test fixtures, written here to target/notebook-runs/<task>
#               (the settings of the end-to-end tests, tiny data; existing runs are reused, delete the folder to
#               train again)
# Needs the Debian packages jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib (the kernel is
# the Debian python3, whatever python3 comes first on PATH). Absolute paths are replaced by <work> in the saved
# outputs. To look at one run of your own instead: SEQPIPE_WORK=<paths.work> jupyter lab notebooks/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
fixtures=pipeline-core/src/test/resources/fixtures
runs=target/notebook-runs
export SEQPIPE_JAVA_OPTS="${SEQPIPE_JAVA_OPTS:--Xmx2g}"

steps() { # task workdir [--set ...]: prepare, train, evaluate, score (jsonl files beside the Parquet) unless done
  local task="$1" work="$2"
  shift 2
  [ ! -f "$work/predictions/_SUCCESS" ] || return 0
  for step in prepare train evaluate score; do
    echo "== seqpipe $step ($task, $work)"
    scripts/seqpipe "$step" --overwrite --set "task=$task" --set "paths.work=$work" \
        --set score.outputFormats=jsonl --set train.earlyStopping.patience=0 "$@"
  done
}

[ -f target/seqpipe-sample/predictions/predictions.jsonl ] || scripts/run-sample.sh

steps ner "$runs/tagging" --set "paths.train=$fixtures/tagging/synthetic/train.conll" \
    --set "paths.validation=$fixtures/tagging/synthetic/dev.conll" --set "paths.test=$fixtures/tagging/synthetic/dev.conll" \
    --set "paths.score=$fixtures/tagging/synthetic/raw.txt" --set train.epochs=5 --set model.hidden=24 \
    --set model.embedding=16 --set model.dropout=0.1 --set train.learningRate=0.02 --set train.batchSize=16 \
    --set train.averagingFrequency=2 --set train.lengthBucketPool=4 --set features.affixEmbedding=8 \
    --set train.wordDropout=0.3

steps translation "$runs/translation" --set "paths.train=$fixtures/translation/train" \
    --set "paths.validation=$fixtures/translation/test" --set "paths.test=$fixtures/translation/test" \
    --set "paths.score=$fixtures/translation/raw.de" --set score.attention=true --set vocabulary.minCount=1 \
    --set sequence.maxSourceLength=12 --set model.hidden=32 --set model.embedding=24 --set model.dropout=0 \
    --set decoder.hidden=48 --set decoder.embedding=24 --set decoder.attentionalWidth=48 --set train.epochs=30 \
    --set train.batchSize=16 --set train.averagingFrequency=2 --set train.learningRate=0.01 \
    --set train.lengthBucketPool=4 --set decode.beamSize=3 --set decode.batchSize=8

# two monthly stations 2000-2009 with trend and season; rolling forecasts from the test start give actual vs forecast,
# with the 0.1-0.9 interval of a quantile forecaster
steps forecast "$runs/forecast" --set "paths.input=$fixtures/timeseries/seasonal-stations.csv" \
    --set 'series.timestampColumns=[month]' --set series.timestampFormat=yyyy-MM --set 'series.valueColumns=[value]' \
    --set series.keyColumn=station --set 'series.categoricalColumns=[weather]' --set cleaning.gaps=interpolate \
    --set split.mode=timestamp --set split.validationStart=2008-01 --set split.testStart=2009-01 \
    --set window.lookback=12 --set window.horizon=6 --set 'window.targetColumns=[value]' \
    --set evaluation.seasonLength=12 --set transform.relativeToLast=true --set model.hidden=16 --set train.epochs=12 \
    --set train.batchSize=16 --set train.learningRate=0.01 --set score.rollingFrom=2008-01 \
    --set 'model.quantiles=[0.1, 0.5, 0.9]'

# a character LM on the sample's sentences; score generates from two prompts, then scores two documents' likelihood
lm_data="$runs/lm-data"
if [ ! -f "$runs/lm/likelihood/_SUCCESS" ]; then
  mkdir -p "$lm_data/corpus" "$lm_data/prompts" "$lm_data/documents"
  for f in train dev unlabelled; do tail -n +2 "conf/samples/sentiment/$f.tsv" | cut -f1 > "$lm_data/corpus/$f.txt"; done
  printf 'the movie is\na film that\n' > "$lm_data/prompts/prompts.txt"
  printf 'the film is funny and well worth seeing .\nzqx vvk jjw qqp .\n' > "$lm_data/documents/documents.txt"
  steps lm "$runs/lm" --set "paths.train=$lm_data/corpus" --set "paths.score=$lm_data/prompts" \
      --set input.documents=file --set lm.unit=char --set lm.sequenceLength=64 --set split.trainFraction=0.8 \
      --set split.testFraction=0.1 --set model.layers=1 --set model.hidden=48 --set model.embedding=16 \
      --set model.dropout=0 --set train.epochs=4 --set train.batchSize=16 --set train.tbptt=16 \
      --set train.averagingFrequency=2 --set train.learningRate=0.01 --set generate.maxTokens=60 \
      --set generate.temperature=0.8 --set generate.seed=11
  scripts/seqpipe score --overwrite --set task=lm --set "paths.work=$runs/lm" --set score.mode=likelihood \
      --set input.documents=line --set "paths.score=$lm_data/documents" --set score.outputFormats=jsonl \
      --set "paths.predictions=$runs/lm/likelihood"
fi

for pair in sentiment:target/seqpipe-sample tagging:$runs/tagging translation:$runs/translation \
    forecast:$runs/forecast lm:$runs/lm; do
  name="${pair%%:*}" work="$root/${pair#*:}"
  echo "== notebooks/$name-results.ipynb against ${pair#*:}"
  SEQPIPE_WORK="$work" /usr/bin/python3 -m nbconvert --to notebook --execute --inplace \
      --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=120 "notebooks/$name-results.ipynb"
  # the saved outputs name no path of this machine
  sed -i -e "s#$work#<work>#g" -e "s#$root#<repo>#g" "notebooks/$name-results.ipynb"
done
