"""The Python chain a user would otherwise run, timed on the same IndoSum articles as `linimasa bench`.

Sastrawi stemming of every word, dateparser's search_dates over the text (Indonesian), and a regex
sentence splitter. Needs `pip install PySastrawi dateparser`; reads ../shared/data/sum/indosum.
Usage: python3 scripts/bench_python_reference.py [N articles, default 200]
"""
import json, re, sys, time, os

data = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "sum", "indosum", "dev.01.jsonl")
if not os.path.exists(data):
    sys.exit("the development data is not at ../shared/data/sum/indosum; nothing to measure")
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from dateparser.search import search_dates

n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
articles = []
for line in open(data, encoding="utf-8"):
    doc = json.loads(line)
    articles.append("\n\n".join(" ".join(" ".join(s) for s in p) for p in doc["paragraphs"]))
    if len(articles) >= n:
        break
stemmer = StemmerFactory().create_stemmer()
splitter = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
start = time.perf_counter()
for text in articles:
    sentences = splitter.split(text)
    stems = [stemmer.stem(w) for w in re.findall(r"\w+", text)]
    dates = search_dates(text, languages=["id"], settings={"RELATIVE_BASE": __import__("datetime").datetime(2017, 1, 1)})
elapsed = time.perf_counter() - start
size = sum(len(t.encode()) for t in articles)
print(f"python chain: {len(articles)} articles, {len(articles)/elapsed:.1f} articles/s, {size/1e6/elapsed:.3f} MB/s on one core")
