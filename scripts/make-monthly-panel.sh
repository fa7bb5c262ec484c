#!/usr/bin/env bash
# One long-format CSV holding several monthly series, for a global forecaster trained across all of them
# (conf/monthly-global.conf):
#   scripts/make-monthly-panel.sh OUT.csv [DATASETS_DIR]
# Columns: series (the series' name: series.keyColumn), month (the file's own label, kept for reading; the model
# uses the row order: series.timestampFormat = none), value, series_id (the name again, a categorical input that
# gives the network each series' identity; leave it out of series.categoricalColumns for a model without it).
# Series: the monthly files of ../shared/datasets/timeseries (airline passengers, Quebec car sales, sunspots,
# shampoo sales), each in its file's row order; a missing file is an error.
set -euo pipefail
out="${1:?usage: scripts/make-monthly-panel.sh OUT.csv [DATASETS_DIR]}"
data="${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/shared/datasets}/timeseries"
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
echo "series,month,value,series_id" > "$tmp"
for entry in airline:airline-passengers.csv car-sales:monthly-car-sales.csv sunspots:monthly-sunspots.csv \
             shampoo:shampoo.csv; do
  name=${entry%%:*}
  file="$data/${entry#*:}"
  [ -f "$file" ] || { echo "missing: $file" >&2; exit 1; }
  # two columns, a header line, fields possibly in double quotes (none contains a comma)
  rows=$(awk -F',' -v name="$name" 'NR > 1 && NF > 0 { gsub(/"/, ""); gsub(/\r/, ""); print name "," $1 "," $2 "," name }' \
    "$file" | tee -a "$tmp" | wc -l)
  echo "$name: $rows months from $file"
done
mv "$tmp" "$out"
trap - EXIT
echo "wrote $out"
