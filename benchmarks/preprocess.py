"""Preprocessing benchmark: the usual thesis pipeline vs ours, on the same texts, one run.

(a) the thesis pipeline as usually written: Sastrawi's ``stem()`` on every whole document
    (``StemmerFactory().create_stemmer()``), on the installed PySastrawi 1.2.1 and, when
    ``--sastrawi101-python`` points at an interpreter with ``Sastrawi==1.0.1``, on that too;
(b) our stemming step (per-token LRU memo) on the same words, checked identical;
(c) our whole preprocessing (clean, redact, money, tokenise, slang, stop words, stem).

Documents are 80-word complaints cut from the labelled corpus. Single process, one core.
Usage:  python benchmarks/preprocess.py [--docs 3000] [--sastrawi101-python PATH]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coi_nlp.corpus.records import read_records  # noqa: E402
from coi_nlp.lang.protected_terms import PROTECTED_STEMS  # noqa: E402
from coi_nlp.text import IndonesianPreprocessor  # noqa: E402
from coi_nlp.text.stem import CachedStemmer  # noqa: E402

CORPUS = ROOT / "corpora" / "coi" / "corpus.jsonl"

_SASTRAWI101 = r"""
import json, sys, time
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
docs = json.load(sys.stdin)
t = time.perf_counter(); stemmer = StemmerFactory().create_stemmer()
for d in docs: stemmer.stem(d)
print(json.dumps({"seconds": time.perf_counter() - t}))
"""


def eighty_word_docs(n: int) -> list[str]:
    words = " ".join(r.text for r in read_records(CORPUS)).split()
    docs = [" ".join(words[i:i + 80]) for i in range(0, len(words) - 80, 80)]
    while len(docs) < n:  # reuse the corpus if it is shorter than asked
        docs += docs
    return docs[:n]


def timed(fn, repeat=3):
    """Best of ``repeat`` runs (seconds), and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--sastrawi101-python", help="python with Sastrawi==1.0.1 installed")
    parser.add_argument("--sastrawi101-docs", type=int, default=150,
                        help="documents for the (slow) Sastrawi 1.0.1 run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from Sastrawi.Stemmer.Filter.TextNormalizer import normalize_text
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    docs = eighty_word_docs(args.docs)
    n_words = sum(len(d.split()) for d in docs)
    results: dict = {"docs": len(docs), "words": n_words,
                     "python": platform.python_version(), "machine": platform.machine()}

    # (a) thesis pipeline: a fresh Sastrawi stemmer, stem() per whole document.
    start = time.perf_counter()
    StemmerFactory().create_stemmer()
    factory_seconds = time.perf_counter() - start  # reading the dictionary file

    def thesis_run():
        stemmer = StemmerFactory().create_stemmer()
        return [stemmer.stem(d) for d in docs]
    thesis_s, thesis_out = timed(thesis_run)
    results["thesis_pysastrawi"] = {"seconds": thesis_s, "docs_per_s": len(docs) / thesis_s,
                                    "includes_dictionary_load_s": factory_seconds}

    # (b) our stemming step on the same words (Sastrawi's own normalisation, no protection).
    token_docs = [normalize_text(d).split(" ") for d in docs]
    n_tokens = sum(map(len, token_docs))

    def ours_stem_cold():
        stemmer = CachedStemmer(protected=False)
        stemmer.stem("a")  # dictionary already loaded by the process, as in (a)'s factory
        return [stemmer.stem_tokens(t) for t in token_docs]
    stem_cold_s, ours_out = timed(ours_stem_cold)
    warm = CachedStemmer(protected=False)
    [warm.stem_tokens(t) for t in token_docs]
    stem_warm_s, _ = timed(lambda: [warm.stem_tokens(t) for t in token_docs])
    mismatches = sum(
        1 for ours, theirs in zip(ours_out, thesis_out)
        for o, t in zip(ours, theirs.split(" ")) if o != t and o not in PROTECTED_STEMS)
    results["our_stemming"] = {
        "cold_seconds": stem_cold_s, "warm_seconds": stem_warm_s,
        "tokens_per_s_warm": n_tokens / stem_warm_s,
        "ratio_vs_thesis_cold": thesis_s / stem_cold_s,
        "ratio_vs_thesis_warm": thesis_s / stem_warm_s,
        "stem_mismatches": mismatches}

    # (c) our whole preprocessing, cold (new transformer) and warm (memo filled).
    pre_cold_s, _ = timed(lambda: IndonesianPreprocessor().transform(docs), repeat=1)
    pre = IndonesianPreprocessor()
    out = pre.transform(docs)
    pre_warm_s, out = timed(lambda: pre.transform(docs))
    out_tokens = sum(len(o.split()) for o in out)
    results["our_pipeline"] = {
        "cold_docs_per_s": len(docs) / pre_cold_s, "warm_docs_per_s": len(docs) / pre_warm_s,
        "warm_input_words_per_s": n_words / pre_warm_s, "output_tokens": out_tokens,
        "ratio_warm_vs_thesis_stem_only": (len(docs) / pre_warm_s) / (len(docs) / thesis_s)}

    if args.sastrawi101_python:
        subset = docs[:args.sastrawi101_docs]
        proc = subprocess.run([args.sastrawi101_python, "-c", _SASTRAWI101],
                              input=json.dumps(subset), capture_output=True, text=True,
                              check=True)
        seconds = json.loads(proc.stdout)["seconds"]
        ours_subset_s, _ = timed(lambda: [CachedStemmer(protected=False).stem_tokens(t)
                                          for t in token_docs[:len(subset)]])
        results["thesis_sastrawi101"] = {
            "docs": len(subset), "seconds": seconds, "docs_per_s": len(subset) / seconds,
            "ratio_our_stemming_cold_vs_this": seconds / ours_subset_s}

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    r = results
    print(f"{r['docs']} documents of 80 words ({r['words']} words), Python {r['python']}")
    print(f"(a) thesis, PySastrawi stem() per doc : {r['thesis_pysastrawi']['docs_per_s']:9.0f} docs/s")
    if "thesis_sastrawi101" in r:
        s = r["thesis_sastrawi101"]
        print(f"(a) thesis, Sastrawi 1.0.1 ({s['docs']} docs)  : {s['docs_per_s']:9.1f} docs/s"
              f"  -> our stemming (cold) is {s['ratio_our_stemming_cold_vs_this']:.0f}x faster")
    s = r["our_stemming"]
    print(f"(b) our stemming step, cold memo       : {r['docs'] / s['cold_seconds']:9.0f} docs/s"
          f"  ({s['ratio_vs_thesis_cold']:.1f}x thesis)")
    print(f"(b) our stemming step, warm memo       : {r['docs'] / s['warm_seconds']:9.0f} docs/s"
          f"  ({s['ratio_vs_thesis_warm']:.1f}x thesis), {s['tokens_per_s_warm']:.0f} tokens/s,"
          f" stem mismatches: {s['stem_mismatches']}")
    p = r["our_pipeline"]
    print(f"(c) our whole preprocessing, cold      : {p['cold_docs_per_s']:9.0f} docs/s")
    print(f"(c) our whole preprocessing, warm      : {p['warm_docs_per_s']:9.0f} docs/s"
          f"  ({p['warm_input_words_per_s']:.0f} words/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
