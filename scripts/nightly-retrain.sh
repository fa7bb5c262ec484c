#!/usr/bin/env bash
# Nightly champion/challenger retraining: submits `seqpipe retrain` for one dated input snapshot with
# scripts/spark-submit.sh. All the logic (lock, prepare, train, evaluate challenger and champion, promote or keep,
# score, run log) is in the tested `retrain` command; this script only picks the date and the submit options.
#
#   scripts/nightly-retrain.sh [--date YYYY-MM-DD] [any other seqpipe retrain option, e.g. --set k=v]
#
# Environment (all optional):
#   SEQPIPE_CONF          the task config (default conf/nightly-sentiment.conf); template dated inputs in it with
#                         ${retrain.date}
#   SEQPIPE_DATE          the snapshot date when --date is not given (default: yesterday, local time)
#   SEQPIPE_SUBMIT_ARGS   spark-submit options (default: --master yarn --deploy-mode client: the driver runs here and
#                         reads the config from this machine; for cluster deploy mode make the config self-contained,
#                         add --files CONF and set SEQPIPE_CONF to its base name)
#   SEQPIPE_JAR, SPARK_HOME  as for scripts/spark-submit.sh
# Exit code: seqpipe's: 0 done (promoted or kept), 1 a step failed (champion unchanged unless the failure came after
# the promotion: see the run log), 2 bad config, 3 another run holds the model's registry lock.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
conf="${SEQPIPE_CONF:-$root/conf/nightly-sentiment.conf}"
date_arg=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --date) date_arg="$2"; shift 2 ;;
    --date=*) date_arg="${1#--date=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ -z "$date_arg" ]; then
  date_arg="${SEQPIPE_DATE:-$(date -d yesterday +%F 2>/dev/null || date -v-1d +%F)}"
fi
# shellcheck disable=SC2206
submit=(${SEQPIPE_SUBMIT_ARGS:---master yarn --deploy-mode client})
echo "nightly-retrain: $(date -u +%FT%TZ) date=$date_arg conf=$conf" >&2
exec "$root/scripts/spark-submit.sh" "${submit[@]}" -- retrain --conf "$conf" --date "$date_arg" \
  ${args[@]+"${args[@]}"}
