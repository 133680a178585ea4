#!/usr/bin/env python3
"""Writes IndoSum's development folds as Linimasa JSON lines (text, id, outlet, published), for
running `linimasa timeline` on real articles:

    python3 scripts/indosum_jsonl.py > out/indosum.jsonl
    .build/release/linimasa timeline out/indosum.jsonl --format json > out/indosum-timeline.json

Reads ../shared/data/sum/indosum (or the folder given as the first argument). The tokens are joined
back into text the way `linimasa bench` does; the publication time is the Unix time that begins
each IndoSum id, in WIB (UTC+7).
"""
import datetime
import glob
import json
import os
import sys

folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "sum", "indosum")
files = sorted(glob.glob(os.path.join(folder, "dev.0*.jsonl")))
if not files:
    sys.exit(f"indosum_jsonl: no IndoSum dev.0*.jsonl files in {folder} (the development data lives in ../shared/data)")


def detokenize(tokens):
    s, quote_open, glue = "", False, False
    for t in tokens:
        closing = t in (".", ",", ":", ";", "?", "!", ")", "%") or (t == '"' and quote_open)
        if s and not closing and not glue:
            s += " "
        s += t
        glue = t == "(" or (t == '"' and not quote_open)
        if t == '"':
            quote_open = not quote_open
    return s.replace("- -", "--")


wib = datetime.timezone(datetime.timedelta(hours=7))
for path in files:
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            record = {
                "id": doc["id"],
                "text": "\n\n".join(" ".join(detokenize(s) for s in p) for p in doc["paragraphs"]),
                "outlet": doc.get("source"),
            }
            stamp = doc["id"].split("-")[0]
            if stamp.isdigit():
                record["published"] = datetime.datetime.fromtimestamp(int(stamp), wib).isoformat()
            print(json.dumps(record, ensure_ascii=False))
