#!/usr/bin/env python3
"""Print an archived article as an annotator reads it: title, URL, publication
day (UTC+8, as ../shared/eval/check_gold.py computes it) and the body text with
HTML tags removed and entities decoded, one paragraph a line.

usage: show_article.py ARTICLE.txt [ARTICLE.txt ...]

Paragraph breaks are put where block tags (p, div, br, li, h1-h6) were; inline
tags are removed without a trace, so any sentence copied from one line is
verbatim in the text check_gold.py compares evidence against. It prints the
article only, never anything dipgraph extracted (annotators must not see that).
"""
import datetime as dt
import html
import re
import sys

BLOCK = re.compile(r"<\s*/?\s*(p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section|article)\b[^>]*>", re.I)


def article_day(raw):
    m = re.search(r"^date:\s*(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})", raw, re.M)
    if m:
        t = dt.datetime.fromisoformat(m.group(1)).replace(tzinfo=dt.timezone.utc)
    else:
        m = re.search(r"<!--(\d{12,14})-->", raw)
        if not m:
            return None
        t = dt.datetime.fromtimestamp(int(m.group(1)) / 1000, dt.timezone.utc)
    return (t + dt.timedelta(hours=8)).date()


def show(path):
    raw = open(path, encoding="utf-8", errors="replace").read()
    title = re.search(r'^title:\s*"?(.*?)"?\s*$', raw, re.M)
    url = re.search(r"^from:\s*(\S+)", raw, re.M)
    body = raw.split("\n---", 2)[-1] if raw.startswith("---") else raw
    text = html.unescape(re.sub(r"<[^>]+>", "", BLOCK.sub("\n", body)))
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    print(f"=== {path.rsplit('/', 1)[-1]}")
    print(f"title: {title.group(1) if title else ''}")
    print(f"url: {url.group(1) if url else ''}")
    print(f"published (UTC+8): {article_day(raw)}")
    print("---")
    print("\n".join(lines))
    print()


for p in sys.argv[1:]:
    show(p)
