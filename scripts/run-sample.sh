#!/usr/bin/env bash
# The README's first command: builds what it needs, then runs the sentiment pipeline end to end on the bundled
# sample (conf/sentiment.conf) in Spark local[*]: prepare -> train -> evaluate -> score. Outputs go to
# target/seqpipe-sample/ and are replaced on every run (score also writes predictions.jsonl, which
# notebooks/sentiment-results.ipynb reads); the metrics are printed at the end, then the path of the evaluate report
# (report.html: open it in a browser).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
conf="${1:-conf/sentiment.conf}"
shift || true
for step in prepare train evaluate score; do
  extra=()
  [ "$step" != score ] || extra=(--set score.outputFormats=jsonl)
  echo "== seqpipe $step --conf $conf ${extra[*]} $*"
  scripts/seqpipe "$step" --conf "$conf" --overwrite "${extra[@]}" "$@"
done
work=$(scripts/seqpipe prepare --conf "$conf" "$@" --print-config | sed -n 's/^paths.metrics = "\(.*\)"$/\1/p')
echo "== metrics ($work/metrics.json)"
cat "$work/metrics.json"
case "$work" in /*) ;; *) work="$root/$work" ;; esac
echo "== report (open it in a browser)"
echo "$work/report.html"
