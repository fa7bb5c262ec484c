#!/usr/bin/env bash
# Re-runs the real-data results of docs/RESULTS.md on today's code and records each run:
#   scripts/reproduce-results.sh [--dry-run] [NAME...]      every run of docs/results/runs.txt, or the ones named
#   scripts/reproduce-results.sh --list                     the names, each with its config and overrides
#   scripts/reproduce-results.sh --record NAME WORKDIR [--timings prepare=S,train=S,evaluate=S] [--note TEXT]
#                                                           records a run already made with scripts/run-task.sh
# Each NAME of docs/results/runs.txt runs scripts/run-task.sh CONFIG --set paths.work=target/results/NAME [--set ...]
# (prepare -> train -> evaluate, each step's wall seconds measured; its console output goes to
# target/results/NAME.log), then docs/results/NAME/ gets:
#   metrics.json     WORKDIR/metrics/metrics.json as evaluate wrote it
#   provenance.json  WORKDIR/model/provenance.json without its label list: config, build (git commit), training
#                    summary, per-epoch history, input counts
#   run.json         name, command, start time, per-step wall seconds, nproc, CPU model, load average at start and end
#                    (for --record: no start time or load averages; the model's provenance has its training start)
# A failed run is reported and the others still run (exit 1 at the end). After the runs (or --record),
# scripts/results-tables.sh rewrites the generated tables of docs/RESULTS.md from docs/results/.
# --dry-run prints each run's command and records nothing. --record takes the step times from --timings (seconds; a
# step left out is unknown) and says in run.json that it was recorded from an existing run; --note adds a line to it
# (e.g. where the times came from). Recording needs jq. Needs the datasets the configs name (../shared/datasets).
set -euo pipefail
caller_dir=$PWD
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
manifest=docs/results/runs.txt
results=docs/results

usage() {
  sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# manifest_line NAME: prints the manifest's line for NAME, or fails naming the known names
manifest_line() {
  local line
  line=$(awk -v n="$1" '$1 == n && $1 !~ /^#/' "$manifest")
  if [ -z "$line" ]; then
    echo "reproduce-results: unknown run '$1'; $manifest names: $(names | tr '\n' ' ')" >&2
    return 2
  fi
  echo "$line"
}

names() {
  awk '$1 !~ /^#/ && NF > 0 { print $1 }' "$manifest"
}

# command_of NAME: the scripts/run-task.sh command line for NAME, as run
command_of() {
  local line
  line=$(manifest_line "$1") || return
  # shellcheck disable=SC2086
  set -f; set -- $line; set +f
  local name=$1 conf=$2
  shift 2
  echo "scripts/run-task.sh $conf --set paths.work=target/results/$name${*:+ $*}"
}

# Records are committed, so they name no path of this machine: in every string, the repository root becomes a
# repository-relative path and ../shared (as named, or as the link resolves) becomes ../shared/, with or without
# Hadoop's file: scheme; a recorded run's own folder outside the repository (--record WORKDIR) becomes <work>.
# jq filter over one JSON document.
relative_paths='def swap($from; $to): if $from == "" then . else split($from) | join($to) end;
  walk(if type == "string" then
         swap("file:" + $work; "<work>") | swap($work; "<work>")
         | swap("file:" + $root; "") | swap($root; "")
         | swap("file:" + $shared; "../shared/") | swap($shared; "../shared/")
         | swap("file:" + $sharedResolved; "../shared/") | swap($sharedResolved; "../shared/")
       else . end)'
shared_dir="$(cd "$root/.." && pwd)/shared/"
shared_resolved="$( (cd "$root/../shared" 2>/dev/null && pwd -P) || true)"
shared_resolved="${shared_resolved:+$shared_resolved/}"
relativize() { # FILE [WORKDIR]: rewritten in place
  local work=""
  if [ -n "${2:-}" ]; then
    work="$(cd "$2" && pwd)"
    case "$work/" in "$root"/*) work="" ;; esac   # inside the repository: relative like any other path
  fi
  jq --arg root "$root/" --arg shared "$shared_dir" --arg sharedResolved "$shared_resolved" --arg work "$work" \
    "$relative_paths" "$1" > "$1.rel" && mv "$1.rel" "$1"
}

# record NAME WORKDIR COMMAND SOURCE STEP_TIMES_JSON STARTED LOAD_START LOAD_END NOTE
record() {
  local name=$1 work=$2 command=$3 source=$4 steps=$5 started=$6 load_start=$7 load_end=$8 note=$9
  local metrics="$work/metrics/metrics.json" provenance="$work/model/provenance.json"
  for f in "$metrics" "$provenance"; do
    [ -f "$f" ] || { echo "reproduce-results: $f does not exist: nothing to record for $name" >&2; return 1; }
    jq empty "$f" 2>/dev/null || { echo "reproduce-results: $f is not valid JSON: not recorded" >&2; return 1; }
  done
  local tmp
  tmp=$(mktemp -d "$results/.$name.XXXXXX")
  cp "$metrics" "$tmp/metrics.json"
  jq 'del(.labels)' "$provenance" > "$tmp/provenance.json"
  jq -n --arg name "$name" --arg command "$command" --arg source "$source" --arg work "$work" \
      --argjson steps "$steps" --arg started "$started" --arg recordedAt "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
      --argjson nproc "$(nproc)" --arg cpu "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
      --arg loadStart "$load_start" --arg loadEnd "$load_end" --arg note "$note" '
    {name: $name, command: $command, source: $source, workDir: $work,
     started: (if $started == "" then null else $started end), recordedAt: $recordedAt,
     stepSeconds: $steps,
     machine: {nproc: $nproc, cpu: $cpu,
               loadAverageStart: (if $loadStart == "" then null else $loadStart end),
               loadAverageEnd: (if $loadEnd == "" then null else $loadEnd end)}}
    + (if $note == "" then {} else {note: $note} end)' > "$tmp/run.json"
  for f in metrics.json provenance.json run.json; do
    relativize "$tmp/$f" "$work"
  done
  rm -rf "${results:?}/$name"
  mv "$tmp" "$results/$name"
  echo "reproduce-results: recorded $name in $results/$name/"
}

# step_seconds_json FILE: {"prepare": S, ...} from run-task.sh's 'step seconds' lines
step_seconds_json() {
  jq -R -s 'split("\n") | map(select(length > 0) | split(" ") | {(.[0]): (.[1] | tonumber)}) | add // {}' "$1"
}

# timings_json prepare=S,train=S,evaluate=S
timings_json() {
  local out="{}" pair step seconds
  IFS=',' read -ra pairs <<< "$1"
  for pair in "${pairs[@]}"; do
    step=${pair%%=*}
    seconds=${pair#*=}
    case "$step" in prepare|train|evaluate) ;; *)
      echo "reproduce-results: --timings step must be prepare, train or evaluate, got '$step'" >&2; return 2 ;;
    esac
    [[ "$seconds" =~ ^[0-9]+(\.[0-9]+)?$ ]] || {
      echo "reproduce-results: --timings $step must be a number of seconds, got '$seconds'" >&2; return 2; }
    out=$(jq -c --arg s "$step" --argjson v "$seconds" '. + {($s): $v}' <<< "$out")
  done
  echo "$out"
}

load_average() {
  cut -d' ' -f1-3 /proc/loadavg
}

run_one() {
  local name=$1 command work times log started load_start load_end
  command=$(command_of "$name")
  work=target/results/$name
  times=$(mktemp)
  log=target/results/$name.log
  mkdir -p target/results
  started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  load_start=$(load_average)
  echo "== $name: $command (log: $log)"
  local rc=0
  # shellcheck disable=SC2086
  set -f; SEQPIPE_STEP_TIMES="$times" $command > "$log" 2>&1 || rc=$?; set +f
  load_end=$(load_average)
  grep '^== ' "$log" || true
  if [ "$rc" -ne 0 ]; then
    echo "reproduce-results: $name failed (exit $rc); see $log" >&2
    rm -f "$times"
    return 1
  fi
  record "$name" "$work" "$command" "reproduced by scripts/reproduce-results.sh" "$(step_seconds_json "$times")" \
    "$started" "$load_start" "$load_end" ""
  rm -f "$times"
}

need_jq() {
  command -v jq >/dev/null || { echo "reproduce-results: needs jq to record runs (apt-get install jq)" >&2; exit 2; }
}

case "${1:-}" in
  -h|--help) usage ;;
  --list)
    awk '$1 !~ /^#/ && NF > 0' "$manifest"
    exit 0 ;;
  --record)
    [ $# -ge 3 ] || usage
    name=$2 work=${3%/}
    case "$work" in /*) ;; *) work="$caller_dir/$work" ;; esac
    shift 3
    timings="" note=""
    while [ $# -gt 0 ]; do
      case "$1" in
        --timings) timings=${2:?--timings needs prepare=S,train=S,evaluate=S}; shift 2 ;;
        --note) note=${2:?--note needs a text}; shift 2 ;;
        *) echo "reproduce-results: unknown option '$1'" >&2; usage ;;
      esac
    done
    need_jq
    command=$(command_of "$name")
    steps=$(timings_json "$timings")
    record "$name" "$work" "$command" "recorded from an existing run with scripts/reproduce-results.sh --record" \
      "$steps" "" "" "" "$note"
    scripts/results-tables.sh
    exit 0 ;;
esac
dry_run=false
if [ "${1:-}" = "--dry-run" ]; then
  dry_run=true
  shift
fi
if [ $# -eq 0 ]; then
  mapfile -t selected < <(names)
else
  selected=("$@")
fi
for name in "${selected[@]}"; do
  manifest_line "$name" > /dev/null
done
if $dry_run; then
  for name in "${selected[@]}"; do
    command_of "$name"
  done
  exit 0
fi
need_jq
failed=()
for name in "${selected[@]}"; do
  run_one "$name" || failed+=("$name")
done
scripts/results-tables.sh
if [ ${#failed[@]} -gt 0 ]; then
  echo "reproduce-results: failed: ${failed[*]}" >&2
  exit 1
fi
