#!/usr/bin/env python3
"""Writes the tiny synthetic parallel corpus under pipeline-core/src/test/resources/fixtures/translation/.

A made-up "German" -> "English" pair a small model can memorize: word-by-word translation with one reordering rule
(a German sentence-final verb moves after the subject), so the decoder must attend to the right source position.
Deterministic (seeded). Files:
  train.de / train.en   120 aligned pairs (one line over 12 source tokens: rejected as too long with maxSourceLength 12)
  test.de / test.en     the first 40 training pairs (the model is asked to reproduce what it memorized)
  short.de / short.en   misaligned on purpose: 3 vs 2 lines
  pairs.tsv             en<TAB>de<TAB>attribution, with one malformed line (no tab) and one empty side
  raw.de                sentences to score, with one blank line
"""
import os
import random

OUT = os.path.join(os.path.dirname(__file__), "..", "pipeline-core", "src", "test", "resources", "fixtures",
                   "translation")
SUBJECTS = {"der hund": "the dog", "die katze": "the cat", "ein mann": "a man", "eine frau": "a woman",
            "das kind": "the child"}
VERBS = {"läuft": "runs", "schläft": "sleeps", "spielt": "plays", "wartet": "waits"}
PLACES = {"im park": "in the park", "am strand": "on the beach", "zu hause": "at home", "im garten": "in the garden"}
ADJ = {"heute": "today", "oft": "often", "gern": "gladly"}


def pair(rng):
    s = rng.choice(sorted(SUBJECTS))
    v = rng.choice(sorted(VERBS))
    p = rng.choice(sorted(PLACES))
    if rng.random() < 0.5:
        a = rng.choice(sorted(ADJ))
        # German: subject adverb place verb (verb last); English: subject verb place adverb
        return f"{s} {a} {p} {v} .", f"{SUBJECTS[s]} {VERBS[v]} {PLACES[p]} {ADJ[a]} ."
    return f"{s} {v} {p} .", f"{SUBJECTS[s]} {VERBS[v]} {PLACES[p]} ."


def write(name, lines):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(7)
    pairs = [pair(rng) for _ in range(119)]
    pairs.insert(60, ("der hund und die katze und das kind und ein mann spielen heute im park .",
                      "the dog and the cat and the child and a man play in the park today ."))
    write("train.de", [p[0] for p in pairs])
    write("train.en", [p[1] for p in pairs])
    write("test.de", [p[0] for p in pairs[:40]])
    write("test.en", [p[1] for p in pairs[:40]])
    write("short.de", [p[0] for p in pairs[:3]])
    write("short.en", [p[1] for p in pairs[:2]])
    tsv = [f"{en}\t{de}\tCC-BY 2.0 (France) Attribution: tatoeba.org #{i}" for i, (de, en) in enumerate(pairs[:30])]
    tsv.insert(5, "this line has no tab")
    tsv.insert(9, "\tein mann wartet .\tCC-BY 2.0 (France)")
    write("pairs.tsv", tsv)
    write("raw.de", [pairs[0][0], "", pairs[1][0], "die katze spielt am strand ."])


if __name__ == "__main__":
    main()
