#!/usr/bin/env python3
"""Generates the synthetic NER and POS fixtures of the tagging tests (pipeline-core/src/test/resources/fixtures/
tagging/synthetic/): sentences from a few templates where entity types follow from context words and casing, so a
small tagger can learn them in seconds; dev uses names never seen in train. Deterministic (seeded).
Usage: scripts/make-tagging-fixtures.py [OUT_DIR]"""
import os
import random
import sys

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..",
    "pipeline-core/src/test/resources/fixtures/tagging/synthetic")
rnd = random.Random(7)
FIRST = ["John", "Maria", "Ahmed", "Li", "Olga", "Pedro", "Anna", "Kofi", "Yuki", "Sven", "Ravi", "Elena"]
LAST = ["Smith", "Garcia", "Khan", "Wei", "Petrova", "Silva", "Berg", "Mensah", "Tanaka", "Larsen", "Patel", "Rossi"]
CITY = ["Paris", "Berlin", "Lagos", "Lima", "Osaka", "Oslo", "Quito", "Hanoi", "Dakar", "Riga"]
ORG = [["Acme", "Corp"], ["Globex"], ["Initech"], ["Umbrella", "Group"], ["Stark", "Industries"], ["Wayne", "Bank"]]
NOUN = ["report", "market", "team", "plan", "deal", "price", "game", "road", "house", "letter"]
VERB = ["visited", "left", "praised", "joined", "called"]
DAY = ["Monday", "Tuesday", "Friday"]


def split_names(items, seen_share):
    items = list(items)
    rnd.shuffle(items)
    k = int(len(items) * seen_share)
    return items[:k], items[k:]


def person(first, last):
    return [(w, "PROPN", "PER") for w in [rnd.choice(first), rnd.choice(last)]]


def sentence(first, last, city, org):
    t = rnd.randrange(4)
    if t == 0:
        s = [("Mr", "PROPN", None)] + person(first, last) + [(rnd.choice(VERB), "VERB", None)] + \
            [(rnd.choice(city), "PROPN", "LOC"), ("on", "ADP", None), (rnd.choice(DAY), "PROPN", None), (".", "PUNCT", None)]
    elif t == 1:
        s = [(w, "PROPN", "ORG") for w in rnd.choice(org)] + [("shares", "NOUN", None), ("rose", "VERB", None),
            ("in", "ADP", None), (rnd.choice(city), "PROPN", "LOC"), (".", "PUNCT", None)]
    elif t == 2:
        s = [("the", "DET", None), (rnd.choice(NOUN), "NOUN", None), ("of", "ADP", None)] + \
            [(w, "PROPN", "ORG") for w in rnd.choice(org)] + [("is", "AUX", None), ("good", "ADJ", None), (".", "PUNCT", None)]
    else:
        s = person(first, last) + [("met", "VERB", None)] + person(first, last) + [("in", "ADP", None),
            (rnd.choice(city), "PROPN", "LOC"), (".", "PUNCT", None)]
    return s


def iob1(s):
    tags, prev = [], None
    for _, _, ent in s:
        tags.append("O" if ent is None else "I-" + ent)
    return tags


def chunks(s):
    n, prev = 0, None
    for _, _, ent in s:
        if ent is not None and ent != prev:
            n += 1
        prev = ent
    return n


def write(name, sents, malformed=False):
    with open(os.path.join(out, name + ".conll"), "w") as f:
        f.write("-DOCSTART- -X- -X- O\n\n")
        for i, s in enumerate(sents):
            for (w, pos, _), tag in zip(s, iob1(s)):
                f.write(f"{w} {pos} O {tag}\n")
            if malformed and i == 5:
                f.write("broken line\n")          # wrong column count: the whole sentence is rejected
            if malformed and i == 9:
                f.write("Bad NN O X-PER\n")       # not an IOB1 tag: the sentence is rejected
            f.write("\n")
    with open(os.path.join(out, name + ".conllu"), "w") as f:
        for i, s in enumerate(sents):
            f.write(f"# sent_id = {name}-{i}\n")
            for j, (w, pos, _) in enumerate(s, 1):
                f.write(f"{j}\t{w}\t{w.lower()}\t{pos}\t_\t_\t0\t_\t_\t_\n")
            f.write("\n")
    return sum(chunks(s) for s in sents)


os.makedirs(out, exist_ok=True)
first_seen, first_new = split_names(FIRST, 0.7)
last_seen, last_new = split_names(LAST, 0.7)
city_seen, city_new = split_names(CITY, 0.7)
train = [sentence(first_seen, last_seen, city_seen, ORG) for _ in range(300)]
dev = [sentence(first_new, last_new, city_new, ORG) for _ in range(80)]
print("train chunks", write("train", train, malformed=True), "dev chunks", write("dev", dev))
with open(os.path.join(out, "raw.txt"), "w") as f:
    f.write("Mr Kofi Mensah visited Riga on Friday.\n\nAcme Corp shares rose in Lima.\nthe plan of Globex is good.\n")
