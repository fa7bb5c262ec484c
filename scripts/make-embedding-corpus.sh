#!/usr/bin/env bash
# A plain-text corpus (one sentence or paragraph per line, UTF-8) for `seqpipe embed`, from text obtainable here:
#   scripts/make-embedding-corpus.sh OUT.txt [DATASETS_DIR]
# - the TRAINING text of the bundled real datasets (never their validation or test text): CoNLL-2003 eng.train,
#   UD English-EWT train, SST-2 train, Multi30k train.en, the English side of Tatoeba eng-fra, Tiny Shakespeare;
# - when installed, the public-domain GCIDE dictionary (Webster's 1913 and later additions; Debian package
#   dict-gcide: apt-get install dict-gcide), its definitions and quotations as one paragraph per line.
# Counts per source are printed; a missing source is skipped with a message.
set -euo pipefail
out="${1:?usage: scripts/make-embedding-corpus.sh OUT.txt [DATASETS_DIR]}"
data="${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/shared/datasets}"
tmp="$out.tmp.$$"
: > "$tmp"
add() { # name, then a command writing lines to stdout
  local name=$1; shift
  local before; before=$(wc -l < "$tmp")
  if "$@" >> "$tmp"; then echo "$name: $(( $(wc -l < "$tmp") - before )) lines"; else echo "$name: skipped ($*)"; fi
}
have() { [ -f "$1" ] || { echo "missing: $1" >&2; return 1; }; }
conll() { have "$data/conll2003-en/eng.train" && awk '/^-DOCSTART-/{next} NF==0{if(s!="")print s; s=""; next} {s=(s==""?$1:s" "$1)} END{if(s!="")print s}' "$data/conll2003-en/eng.train"; }
ud() { have "$data/ud-english-ewt/en_ewt-ud-train.conllu" && sed -n 's/^# text = //p' "$data/ud-english-ewt/en_ewt-ud-train.conllu"; }
sst2() { have "$data/sst2-glue/train.tsv" && awk -F'\t' 'NR>1{print $1}' "$data/sst2-glue/train.tsv"; }
multi30k() { have "$data/multi30k-en-de/train.en" && cat "$data/multi30k-en-de/train.en"; }
tatoeba() { have "$data/tatoeba-eng-fra/fra.txt" && awk -F'\t' '{print $1}' "$data/tatoeba-eng-fra/fra.txt" | sort -u; }
shakespeare() { have "$data/tinyshakespeare/input.txt" && grep -v '^[[:space:]]*$' "$data/tinyshakespeare/input.txt"; }
gcide() {
  have /usr/share/dictd/gcide.dict.dz || return 1
  zcat /usr/share/dictd/gcide.dict.dz | awk '
    /\\/ { started = 1; next }
    !started || /^[[:space:]]*\[[^]]*\][[:space:]]*$/ { next }            # headword lines, bare source tags
    NF==0 { if (p != "") print p; p = ""; next }
    { gsub(/\[[^]]*\]/, ""); gsub(/--[A-Z][A-Za-z.]*/, ""); gsub(/^[[:space:]]+|[[:space:]]+$/, "");
      if ($0 != "") p = (p == "" ? $0 : p " " $0) }
    END { if (p != "") print p }' | awk 'NF >= 4'
}
add conll2003-train conll
add ud-ewt-train ud
add sst2-train sst2
add multi30k-train-en multi30k
add tatoeba-en tatoeba
add tinyshakespeare shakespeare
add gcide gcide
mv "$tmp" "$out"
echo "wrote $out: $(wc -l < "$out") lines, $(wc -w < "$out") words"
