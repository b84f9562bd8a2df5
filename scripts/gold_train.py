#!/usr/bin/env python3
"""Build and measure the training corpus's gold (data/gold/train/).

usage:
  gold_train.py merge       parts/batch_*.csv -> train.gold.csv, parts/*.articles.txt
                            -> articles.txt; a reviewed article's rows come from its
                            review (parts/review_*.csv, see REVIEW.md) instead; every
                            row checked by check_gold.py; prints the corpus's size by
                            relation and status
  gold_train.py review      what the review pass did to the articles it finished: rows
                            kept as given, corrected, dropped and added, by relation
  gold_train.py agreement   the second, independent annotation
                            (agreement/second.csv) against the first on the
                            same articles: F1 of one against the other, overall
                            and per relation, dates, with the disagreeing rows

Run from the repository's root with ../shared beside it. The matching is the
guideline's (../shared/eval/score.py): article, relation, both actors by id or
by the Chinese name, undirected relations in either order.
"""
import collections
import csv
import glob
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRAIN = os.path.join(ROOT, "data", "gold", "train")
SHARED = os.path.join(ROOT, "..", "shared")
ARTICLES_DIR = os.path.join(SHARED, "corpus", "train")
sys.path.insert(0, os.path.join(SHARED, "eval"))
import score as scorer  # noqa: E402  (the guideline's scorer)

HEADER = ["article", "subject", "subject_zh", "relation", "object", "object_zh", "date", "status", "evidence"]


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [ln.strip() for ln in f if ln.strip() and not ln.startswith("#")]


def merge():
    rows, listed, problems = [], [], []
    for part in sorted(glob.glob(os.path.join(TRAIN, "parts", "batch_*.csv"))):
        base = part[: -len(".csv")]
        with open(part, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            if next(reader, None) != HEADER:
                problems.append(f"{part}: header is not {HEADER}")
                continue
            rows.extend(r for r in reader if r)
        done = read_list(base + ".articles.txt") if os.path.exists(base + ".articles.txt") else []
        assigned = read_list(base + ".assigned.txt")
        missing = [a for a in assigned if a not in done]
        if missing:
            print(f"note: {part}: {len(missing)} assigned articles not (yet) annotated, e.g. {missing[:3]}")
        listed.extend(a for a in done if a in assigned)
    reviewed, review_rows = read_reviews(problems)
    rows = [r for r in rows if r[0] not in reviewed] + review_rows
    listed = sorted(set(listed))
    annotated = set(listed)
    stray = sorted({r[0] for r in rows} - annotated)
    if stray:
        problems.append(f"rows for articles not in any list: {stray[:5]}")
    rows = [r for r in rows if r[0] in annotated]
    order = {a: i for i, a in enumerate(listed)}
    rows.sort(key=lambda r: order[r[0]])  # stable: each article's rows keep their order
    with open(os.path.join(TRAIN, "train.gold.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    with open(os.path.join(TRAIN, "articles.txt"), "w", encoding="utf-8") as f:
        f.write("# Every article of ../shared/corpus/train/ annotated in train.gold.csv,\n")
        f.write("# those with no interaction included (written by scripts/gold_train.py merge).\n")
        f.writelines(a + "\n" for a in listed)
    check = subprocess.run(
        [sys.executable, os.path.join(SHARED, "eval", "check_gold.py"),
         os.path.join(TRAIN, "train.gold.csv"), ARTICLES_DIR],
        capture_output=True, text=True)
    print(check.stdout.strip())
    with_rows = {r[0] for r in rows}
    print(f"articles {len(listed)} (without interaction {len(annotated - with_rows)}), rows {len(rows)}")
    print("by relation:", dict(sorted(collections.Counter(r[3] for r in rows).items())))
    print("by status:", dict(sorted(collections.Counter(r[7] for r in rows).items())))
    for p in problems:
        print("problem:", p)
    return 1 if problems or check.returncode else 0


def review_parts():
    """Each review batch's rows file and the articles its reviewer finished
    (of those assigned): the `.given.csv` files are the first annotator's."""
    for part in sorted(glob.glob(os.path.join(TRAIN, "parts", "review_*.csv"))):
        base = part[: -len(".csv")]
        if part.endswith(".given.csv") or not os.path.exists(base + ".articles.txt"):
            continue
        yield part, set(read_list(base + ".articles.txt")) & set(read_list(base + ".assigned.txt"))


def read_reviews(problems):
    """The articles the review pass finished, and their rows."""
    reviewed, rows = set(), []
    for part, done in review_parts():
        with open(part, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            if next(reader, None) != HEADER:
                problems.append(f"{part}: header is not {HEADER}")
                continue
            rows.extend(r for r in reader if r and r[0] in done)
        reviewed |= done
    return reviewed, rows


def review():
    given = {}
    for part in sorted(glob.glob(os.path.join(TRAIN, "parts", "review_*.given.csv"))):
        for r in scorer.load(part):
            given.setdefault(r["article"], []).append(r)
    problems = []
    reviewed, rows = read_reviews(problems)
    after = {}
    for r in rows:
        after.setdefault(r[0], []).append(dict(zip(HEADER, r)))
    counts = collections.Counter()
    added = collections.Counter()
    for a in sorted(reviewed):
        before, now = given.get(a, []), after.get(a, [])
        for g in before:
            twin = [n for n in now if scorer.matches(n, g)]
            if not twin:
                counts["dropped"] += 1
            elif any(all(n[k] == g[k] for k in HEADER) for n in twin):
                counts["kept"] += 1
            else:
                counts["corrected"] += 1
        for n in now:
            if not any(scorer.matches(n, g) for g in before):
                counts["added"] += 1
                added[n["relation"]] += 1
    print(f"articles reviewed {len(reviewed)}; rows given {sum(len(given.get(a, [])) for a in reviewed)}, "
          f"after review {sum(len(after.get(a, [])) for a in reviewed)}")
    print("given rows kept {kept}, corrected {corrected}, dropped {dropped}; rows added {added}".format(
        **{k: counts[k] for k in ("kept", "corrected", "dropped", "added")}))
    print("added by relation:", dict(sorted(added.items())))
    for p in problems:
        print("problem:", p)
    return 1 if problems else 0


def agreement():
    second_path = os.path.join(TRAIN, "agreement", "second.csv")
    first = scorer.load(os.path.join(TRAIN, "train.gold.csv"))
    second = scorer.load(second_path)
    both = set(read_list(os.path.join(TRAIN, "agreement", "second.articles.txt")))
    both &= set(read_list(os.path.join(TRAIN, "articles.txt")))
    a = [r for r in first if r["article"] in both]
    b = [r for r in second if r["article"] in both]
    # F1 of the second against the first (symmetric: P and R swap).
    res = scorer.score(a, b, both)
    print(f"articles annotated twice: {len(both)}; first {len(a)} rows, second {len(b)} rows")
    print(f"agreement: matched {res['matched']}  P {res['precision']:.3f}  R {res['recall']:.3f}  "
          f"F1 {res['f1']:.3f}  dates {res['date_accuracy']:.3f}")
    rels = sorted({r["relation"] for r in a + b})
    rev = scorer.score(b, a, both)
    print("per relation (first rows / second rows / matched / F1):")
    for rel in rels:
        na = sum(r["relation"] == rel for r in a)
        nb = sum(r["relation"] == rel for r in b)
        m = int(res["recall_by_relation"].get(rel, "0/0").split("/")[0])
        f1 = 2 * m / (na + nb) if na + nb else 0.0
        print(f"  {rel:<10} {na:>4} {nb:>4} {m:>4}  {f1:.2f}")
    print("only in the first:")
    for x in res["missed"]:
        print("  ", *x)
    print("only in the second:")
    for x in rev["missed"]:
        print("  ", *x)
    return 0


if __name__ == "__main__":
    cmds = {"merge": merge, "agreement": agreement, "review": review}
    if len(sys.argv) != 2 or sys.argv[1] not in cmds:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(cmds[sys.argv[1]]())
