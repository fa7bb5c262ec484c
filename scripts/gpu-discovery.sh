#!/usr/bin/env bash
# Spark's GPU discovery script (spark.executor.resource.gpu.discoveryScript, spark.worker.resource.gpu.discoveryScript):
# prints the node's GPUs as Spark's ResourceInformation JSON, their nvidia-smi indices as addresses:
#   {"name": "gpu", "addresses": ["0", "1"]}
# Without nvidia-smi, or when it fails or lists no GPU, it prints an error JSON to stdout, the reason to stderr, and
# exits 1, so Spark fails the executor with the reason instead of running it without its GPU.
# NVIDIA_SMI names another nvidia-smi (tests use a stand-in).
set -uo pipefail
smi="${NVIDIA_SMI:-nvidia-smi}"
fail() {
  printf '{"name": "gpu", "addresses": [], "error": "%s"}\n' "$1"
  echo "gpu-discovery: $1" >&2
  exit 1
}
command -v "$smi" >/dev/null 2>&1 || fail "nvidia-smi not found on $(hostname): no NVIDIA driver on this node"
if ! indices="$("$smi" --query-gpu=index --format=csv,noheader 2>&1)"; then
  fail "nvidia-smi failed on $(hostname): $(printf '%s' "$indices" | head -n 1 | tr -d '"\\')"
fi
addresses=()
while IFS= read -r line; do
  line="$(printf '%s' "$line" | tr -d '[:space:]')"
  [ -z "$line" ] && continue
  case "$line" in
    *[!0-9]*) fail "nvidia-smi printed '$(printf '%s' "$line" | tr -d '"\\')', not a GPU index" ;;
  esac
  addresses+=("\"$line\"")
done <<< "$indices"
[ "${#addresses[@]}" -gt 0 ] || fail "nvidia-smi lists no GPU on $(hostname)"
joined="${addresses[0]}"
for a in "${addresses[@]:1}"; do joined="$joined, $a"; done
printf '{"name": "gpu", "addresses": [%s]}\n' "$joined"
