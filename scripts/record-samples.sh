#!/usr/bin/env bash
# Records the samples of a recorded language-model run, which docs/RESULTS.md shows in a 'samples NAME' block:
#   scripts/record-samples.sh NAME PROMPTS [--model DIR] [--temperatures 0.5,0.8,1.0] [--seed 7] [--tokens 400]
# Runs `seqpipe score` (generation) with NAME's config and overrides from docs/results/runs.txt on the model DIR
# (default target/results/NAME/model, where scripts/reproduce-results.sh trains it) and the prompts file PROMPTS (one
# prompt a line), once per temperature, and writes docs/results/NAME/samples.jsonl: one line per generated text,
# {"temperature", "seed", "prompt", "generated"}, temperatures in the order given. The model must be the recorded one
# (its provenance's createdAt equals docs/results/NAME/provenance.json's). Then scripts/results-tables.sh rewrites
# docs/RESULTS.md. Needs jq.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() {
  sed -n '2,3p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
[ $# -ge 2 ] || usage
name=$1 prompts=$2
shift 2
model="target/results/$name/model" temperatures="0.5,0.8,1.0" seed=7 tokens=400
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model=${2:?--model needs a directory}; shift 2 ;;
    --temperatures) temperatures=${2:?--temperatures needs a comma-separated list}; shift 2 ;;
    --seed) seed=${2:?--seed needs a number}; shift 2 ;;
    --tokens) tokens=${2:?--tokens needs a number}; shift 2 ;;
    *) echo "record-samples: unknown option '$1'" >&2; usage ;;
  esac
done
command -v jq >/dev/null || { echo "record-samples: needs jq" >&2; exit 1; }
cd "$root"
record="docs/results/$name"
line=$(awk -v n="$name" '$1 == n && $1 !~ /^#/' docs/results/runs.txt)
[ -n "$line" ] || { echo "record-samples: unknown run '$name' (docs/results/runs.txt)" >&2; exit 2; }
[ -f "$record/provenance.json" ] || { echo "record-samples: $record is not recorded yet: scripts/reproduce-results.sh $name" >&2; exit 1; }
[ -f "$prompts" ] || { echo "record-samples: prompts file $prompts does not exist" >&2; exit 1; }
[ -f "$model/provenance.json" ] || { echo "record-samples: $model is no model directory (no provenance.json)" >&2; exit 1; }
recorded=$(jq -r .createdAt "$record/provenance.json")
found=$(jq -r .createdAt "$model/provenance.json")
if [ "$recorded" != "$found" ]; then
  echo "record-samples: $model was written at $found, the recorded run's model at $recorded: not the recorded model" >&2
  exit 1
fi
# shellcheck disable=SC2086
set -f; set -- $line; set +f
conf=$2
shift 2
work=$(mktemp -d "${TMPDIR:-/tmp}/record-samples.XXXXXX")
trap 'rm -rf "$work"' EXIT
out="$work/samples.jsonl"
: > "$out"
IFS=, read -r -a temps <<< "$temperatures"
for t in "${temps[@]}"; do
  echo "== $name: temperature $t"
  scripts/seqpipe score --conf "$conf" "$@" --set paths.work="$work/run" --set paths.model="$model" \
    --set paths.score="$prompts" --set generate.temperature="$t" --set generate.seed="$seed" \
    --set generate.maxTokens="$tokens" --set score.outputFormats=jsonl --set paths.predictions="$work/t$t" \
    > "$work/t$t.log" 2>&1 || { tail -20 "$work/t$t.log" >&2; echo "record-samples: score failed at temperature $t" >&2; exit 1; }
  jq -c --argjson t "$t" --argjson s "$seed" '{temperature: $t, seed: $s, prompt: .prompt, generated: .generated}' \
    "$work/t$t/predictions.jsonl" >> "$out"
done
mv "$out" "$record/samples.jsonl"
echo "wrote $record/samples.jsonl: $(wc -l < "$record/samples.jsonl") samples"
scripts/results-tables.sh
