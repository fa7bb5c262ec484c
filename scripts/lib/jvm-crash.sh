# Sourced by scripts/seqpipe and scripts/spark-submit.sh: where a JVM that dies writes its error log (never the
# working directory), and the one line a user sees when it does.
#
#   seqpipe_error_file_option    prints -XX:ErrorFile=... unique to this launch, under the log folder
#   seqpipe_run_guarded CMD...   runs CMD; if it died of a signal, prints one 'seqpipe: error:' line; returns CMD's status
#
# The log folder is $SEQPIPE_LOG_DIR, else ~/.seqpipe/logs.

seqpipe_log_dir() {
  printf '%s\n' "${SEQPIPE_LOG_DIR:-${HOME:-/tmp}/.seqpipe/logs}"
}

# hs_err_seqpipe_<UTC time>_<launcher pid>_pid<JVM pid>.log: the launcher's PID tells this launch's log from others'
SEQPIPE_LAUNCH_TAG="$(date -u +%Y%m%dT%H%M%SZ)_$$"

seqpipe_error_file_option() {
  local dir
  dir="$(seqpipe_log_dir)"
  mkdir -p "$dir"
  printf '%s\n' "-XX:ErrorFile=$dir/hs_err_seqpipe_${SEQPIPE_LAUNCH_TAG}_pid%p.log"
}

# The seqpipe command among the arguments (train, score, ...), for the advice after a crash.
seqpipe_command_of() {
  local a
  for a in "$@"; do
    case "$a" in
      prepare|train|evaluate|score|retrain|registry) printf '%s\n' "$a"; return ;;
    esac
  done
}

seqpipe_run_guarded() {
  local status=0
  "$@" || status=$?
  # 128 + N: the process died of signal N (a JVM that hits a fatal error writes its log, then aborts: SIGABRT)
  if [ "$status" -le 128 ] || [ "$status" -ge 160 ]; then
    return "$status"
  fi
  local signal
  signal="SIG$(kill -l $((status - 128)) 2>/dev/null || echo $((status - 128)))"
  case "$signal" in
    SIGINT|SIGTERM|SIGHUP|SIGPIPE|SIGQUIT) return "$status" ;; # stopped on purpose: nothing to explain
  esac
  local advice="run it again"
  case "$(seqpipe_command_of "$@")" in
    train|retrain) advice="resume with train --resume" ;;
  esac
  local file
  file="$(ls -t "$(seqpipe_log_dir)"/hs_err_seqpipe_"${SEQPIPE_LAUNCH_TAG}"_pid*.log 2>/dev/null | head -n 1 || true)"
  if [ -n "$file" ]; then
    # the fatal signal the JVM reports (its exit status says SIGABRT, the abort that follows the log)
    local reported
    reported="$(sed -n 's/^#  \(SIG[A-Z0-9]*\) (0x.*/\1/p' "$file" | head -n 1)"
    if [ -n "$reported" ]; then
      signal="$reported"
    elif grep -q 'OutOfMemory' "$file"; then
      signal="$signal after running out of memory"
    fi
    echo "seqpipe: error: the JVM crashed (signal $signal); details in $file; $advice" >&2
  else
    echo "seqpipe: error: the JVM was killed (signal $signal) without writing an error log, as the kernel's" \
      "out-of-memory killer does; $advice" >&2
  fi
  return "$status"
}
