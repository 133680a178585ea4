"""The Python chain a user would otherwise run on Indonesian articles, for speed comparisons.

For each article: a regex sentence splitter, word tokens, Sastrawi stemming of every word, and
(with --dates) dateparser's search_dates in Indonesian; the result is written as one JSON line an
article, as `linimasa analyze --format jsonl` writes its own. It finds no entities and no quotes.

    python3 scripts/bench_python_reference.py [--dates] [FILE.jsonl | N]

FILE.jsonl: articles a line ({"text": ...}, as scripts/indosum_jsonl.py writes them); N: the first N
IndoSum articles of ../shared/data/sum/indosum (default 200). Needs `pip install PySastrawi`
(and dateparser for --dates). Prints the articles/s on one core to standard error.
"""
import json, re, sys, time, os

args = [a for a in sys.argv[1:] if a != "--dates"]
with_dates = "--dates" in sys.argv[1:]
articles = []
if args and not args[0].isdigit():
    for line in open(args[0], encoding="utf-8"):
        if line.strip():
            articles.append(json.loads(line)["text"])
else:
    n = int(args[0]) if args else 200
    data = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "sum", "indosum", "dev.01.jsonl")
    if not os.path.exists(data):
        sys.exit("the development data is not at ../shared/data/sum/indosum; nothing to measure")
    for line in open(data, encoding="utf-8"):
        doc = json.loads(line)
        articles.append("\n\n".join(" ".join(" ".join(s) for s in p) for p in doc["paragraphs"]))
        if len(articles) >= n:
            break
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
if with_dates:
    import datetime
    from dateparser.search import search_dates

stemmer = StemmerFactory().create_stemmer()
splitter = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
words = re.compile(r"\w+")
out = sys.stdout
start = time.perf_counter()
for text in articles:
    record = {"sentences": splitter.split(text), "stems": [stemmer.stem(w) for w in words.findall(text)]}
    if with_dates:
        found = search_dates(text, languages=["id"], settings={"RELATIVE_BASE": datetime.datetime(2017, 1, 1)}) or []
        record["dates"] = [[t, d.isoformat()] for t, d in found]
    out.write(json.dumps(record, ensure_ascii=False) + "\n")
elapsed = time.perf_counter() - start
size = sum(len(t.encode()) for t in articles)
print(f"python chain: {len(articles)} articles, {len(articles)/elapsed:.1f} articles/s, {size/1e6/elapsed:.3f} MB/s on one core", file=sys.stderr)
