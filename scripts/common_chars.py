#!/usr/bin/env python3
"""Regenerates data/lexicon/common_chars.txt: the Han characters real news in
this archive uses (simplified and traditional), read from the training pool.
A legacy-encoded file whose decoding is mostly outside this set is a wrong
decoding (Big5 read as GBK, or bytes that are no text): src/article/encoding.rs.

usage: common_chars.py [POOL_DIR] > data/lexicon/common_chars.txt
"""
import collections
import os
import sys

pool = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "train")
count = collections.Counter()
for name in sorted(os.listdir(pool)):
    if name.endswith(".txt"):
        with open(os.path.join(pool, name), encoding="utf-8", errors="ignore") as f:
            count.update(c for c in f.read() if "\u4e00" <= c <= "\u9fff")
chars = sorted(c for c, n in count.items() if n >= 3)
print("# Han characters used at least 3 times in ../shared/corpus/train (scripts/common_chars.py).")
for i in range(0, len(chars), 100):
    print("".join(chars[i:i + 100]))
