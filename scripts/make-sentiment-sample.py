#!/usr/bin/env python3
"""Writes the small bundled sentiment sample in conf/samples/sentiment/ (written from templates, not cut from any
corpus). Deterministic: same output on every run. Usage: python3 scripts/make-sentiment-sample.py"""
import os
import random

rnd = random.Random(20261123)
NOISE = 0.06
subjects = ["the film", "this movie", "the acting", "the plot", "the script", "the soundtrack", "the ending",
            "the cast", "the director 's work", "the dialogue", "the pacing", "the story", "the camera work",
            "the lead performance", "the second half", "this sequel", "the documentary", "the animation"]
positive = ["wonderful", "moving", "brilliant", "charming", "gripping", "funny", "beautiful", "smart", "delightful",
            "touching", "superb", "fresh", "engaging", "powerful", "heartfelt", "witty", "stunning", "memorable"]
negative = ["boring", "dull", "clumsy", "tedious", "predictable", "awful", "lifeless", "shallow", "messy",
            "forgettable", "painful", "flat", "pointless", "annoying", "bland", "confused", "stale", "weak"]
intens = ["", "", "really ", "truly ", "quite ", "utterly ", "simply ", "remarkably "]
verbs = ["is", "was", "feels", "seems", "remains"]
closers_pos = ["", "", " , and i loved it", " from start to finish", " , a real treat", " and well worth seeing"]
closers_neg = ["", "", " , and i hated it", " from start to finish", " , a waste of time", " and hard to sit through"]


def sentence(label):
    s, v, i = rnd.choice(subjects), rnd.choice(verbs), rnd.choice(intens)
    if rnd.random() < 0.2:  # negated opposite adjective: "not boring" is positive
        adj = rnd.choice(negative if label == 1 else positive)
        core = f"{s} {v} not {adj}"
    else:
        adj = rnd.choice(positive if label == 1 else negative)
        core = f"{s} {v} {i}{adj}"
    if rnd.random() < 0.3:
        s2 = rnd.choice(subjects)
        adj2 = rnd.choice(positive if label == 1 else negative)
        core += f" and {s2} is {adj2}"
    return core + rnd.choice(closers_pos if label == 1 else closers_neg) + " ."


def write(name, n, labelled=True, extra=()):
    path = os.path.join(os.path.dirname(__file__), "..", "conf", "samples", "sentiment", name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("sentence\tlabel\n" if labelled else "index\tsentence\n")
        for k in range(n):
            label = rnd.randint(0, 1)
            text = sentence(label)
            if rnd.random() < NOISE:  # annotator disagreement: the sample is not perfectly separable
                label = 1 - label
            f.write(f"{text}\t{label}\n" if labelled else f"{k}\t{text}\n")
        for line in extra:
            f.write(line + "\n")


# train.tsv ends with 4 malformed rows that prepare must reject (and count): unknown label, empty text,
# wrong column count, empty label.
write("train.tsv", 800, extra=["a surprisingly decent heist movie .\t2", "\t1", "no label column at all", "fine .\t"])
write("dev.tsv", 200)
write("unlabelled.tsv", 120, labelled=False)
