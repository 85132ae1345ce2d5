"""Model benchmark: the usual thesis pipeline, fastText, and ours, on the same splits, one run.

(a) thesis pipeline: Sastrawi ``stem()`` on every whole document, TF-IDF, LinearSVC,
    single-label (primary). Stemming timed on PySastrawi 1.2.1 (installed) and, with
    ``--sastrawi101-python``, on the ``Sastrawi`` 1.0.1 release that theses install.
(b) fastText supervised (primary label), if the ``fasttext`` package imports.
(c) ours: :class:`CoiClassifier` with the bundled model's hyper-parameters.

Every system is trained on ``train`` and scored (primary macro-F1) on ``dev`` and ``test``;
the bundled model itself (trained on train+dev) is also scored on ``test``. Throughput is
complaints/second in one process, warm, on the test texts repeated to ``--n`` documents.

Usage: python benchmarks/model.py [--n 3000] [--sastrawi101-python PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from coi_nlp.corpus.records import read_records  # noqa: E402
from coi_nlp.model.artifacts import default_model_dir, load_model  # noqa: E402
from coi_nlp.model.classifier import CoiClassifier  # noqa: E402
from coi_nlp.triage import Triager  # noqa: E402

CORPUS = ROOT / "corpora" / "coi" / "corpus.jsonl"

_STEM_101 = r"""
import json, sys, time
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
docs = json.load(sys.stdin)
t = time.perf_counter(); stemmer = StemmerFactory().create_stemmer()
out = [stemmer.stem(d) for d in docs]
print(json.dumps({"seconds": time.perf_counter() - t, "stems": out}))
"""


def macro(gold, predicted):
    return round(float(f1_score(gold, predicted, average="macro", zero_division=0)), 4)


def per_second(fn, n):
    fn()  # warm
    start = time.perf_counter()
    fn()
    return round(n / (time.perf_counter() - start), 1)


def thesis(splits, stemmed, train_seconds_stem):
    """TF-IDF + LinearSVC on stemmed documents; returns scores and fitted parts."""
    start = time.perf_counter()
    vectorizer = TfidfVectorizer()
    X = vectorizer.fit_transform(stemmed["train"])
    svm = LinearSVC(random_state=0).fit(X, [r.primary for r in splits["train"]])
    fit_seconds = time.perf_counter() - start
    scores = {s: macro([r.primary for r in splits[s]], svm.predict(vectorizer.transform(stemmed[s])))
              for s in ("dev", "test")}
    return scores, round(train_seconds_stem + fit_seconds, 2), vectorizer, svm


def fasttext_run(splits):
    try:
        import fasttext
    except ImportError:
        return {"available": False}
    from coi_nlp.text.clean import clean_text

    def line(r):
        return f"__label__{r.primary} " + clean_text(r.text).replace("\n", " ")

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(line(r) for r in splits["train"]) + "\n")
        path = f.name
    start = time.perf_counter()
    model = fasttext.train_supervised(path, epoch=50, lr=0.5, wordNgrams=2, minn=2, maxn=5,
                                      dim=100, loss="softmax", thread=1, seed=0, verbose=0)
    seconds = round(time.perf_counter() - start, 2)
    os.unlink(path)

    def predict(texts):
        labels, _ = model.predict([clean_text(t).replace("\n", " ") for t in texts])
        return [lab[0].replace("__label__", "") for lab in labels]

    scores = {s: macro([r.primary for r in splits[s]], predict([r.text for r in splits[s]]))
              for s in ("dev", "test")}
    return {"available": True, "macro_f1": scores, "train_seconds": seconds,
            "predict": predict}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="documents for throughput")
    parser.add_argument("--sastrawi101-python", help="python with Sastrawi==1.0.1 installed")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    records = read_records(CORPUS)
    splits = {s: [r for r in records if r.split == s] for s in ("train", "dev", "test")}
    bundled = load_model(default_model_dir())
    out = {"python": platform.python_version(), "n_train": len(splits["train"]),
           "n_dev": len(splits["dev"]), "n_test": len(splits["test"])}

    # (a) thesis pipeline on PySastrawi: stem every whole document.
    start = time.perf_counter()
    stemmer = StemmerFactory().create_stemmer()
    stemmed = {s: [stemmer.stem(r.text) for r in splits[s]] for s in splits}
    stem_seconds = time.perf_counter() - start
    scores, train_s, vectorizer, svm = thesis(splits, stemmed, stem_seconds)
    bench_texts = ([r.text for r in splits["test"]] * (args.n // len(splits["test"]) + 1))[:args.n]

    def thesis_predict():
        fresh = StemmerFactory().create_stemmer()  # as written: a stemmer per run, stem() per doc
        return svm.predict(vectorizer.transform([fresh.stem(t) for t in bench_texts]))

    out["thesis_pysastrawi"] = {"macro_f1": scores, "train_seconds": train_s,
                                "complaints_per_s": per_second(thesis_predict, args.n)}
    if args.sastrawi101_python:
        all_docs = [r.text for s in ("train", "dev", "test") for r in splits[s]]
        proc = subprocess.run([args.sastrawi101_python, "-c", _STEM_101],
                              input=json.dumps(all_docs), capture_output=True, text=True,
                              check=True)
        result = json.loads(proc.stdout)
        stems = iter(result["stems"])
        stemmed101 = {s: [next(stems) for _ in splits[s]] for s in ("train", "dev", "test")}
        scores101, train101, _, _ = thesis(splits, stemmed101, result["seconds"])
        out["thesis_sastrawi101"] = {
            "macro_f1": scores101, "train_seconds": train101,
            "stemming_seconds_all_docs": round(result["seconds"], 2),
            "complaints_per_s_stemming_only": round(len(all_docs) / result["seconds"], 1)}

    # (b) fastText
    ft = fasttext_run(splits)
    if ft.get("available"):
        predict = ft.pop("predict")
        ft["complaints_per_s"] = per_second(lambda: predict(bench_texts), args.n)
    out["fasttext"] = ft

    # (c) ours, trained on train only with the bundled hyper-parameters
    params = {k: bundled.card["hyperparameters"][k] for k in ("C", "remove_stop_words", "stem")}
    start = time.perf_counter()
    ours = CoiClassifier(random_state=0, **params).fit([r.text for r in splits["train"]],
                                                       [r.labels for r in splits["train"]])
    ours_train_s = round(time.perf_counter() - start, 2)
    ours_scores = {}
    for s in ("dev", "test"):
        proba = ours.predict_proba([r.text for r in splits[s]])
        ours_scores[s] = macro([r.primary for r in splits[s]],
                               [ours.classes_[i] for i in proba.argmax(1)])
    classifier = bundled.classifier
    test_proba = classifier.predict_proba([r.text for r in splits["test"]])
    triager = Triager(bundled)
    out["ours"] = {
        "macro_f1": ours_scores, "train_seconds": ours_train_s,
        "bundled_model_test_macro_f1": macro([r.primary for r in splits["test"]],
                                             [classifier.classes_[i] for i in test_proba.argmax(1)]),
        "classifier_complaints_per_s": per_second(lambda: classifier.predict_proba(bench_texts),
                                                  args.n),
        "triage_complaints_per_s_no_explanation": per_second(
            lambda: triager.triage_many(bench_texts, explain_labels=False), args.n),
        "triage_complaints_per_s_with_explanation": per_second(
            lambda: triager.triage_many(bench_texts), args.n),
    }
    peers = [out["thesis_pysastrawi"]["macro_f1"]]
    if ft.get("available"):
        peers.append(ft["macro_f1"])
    if "thesis_sastrawi101" in out:
        peers.append(out["thesis_sastrawi101"]["macro_f1"])
    out["ours_at_least_best_peer"] = {s: ours_scores[s] >= max(p[s] for p in peers)
                                      for s in ("dev", "test")}
    base = out["thesis_pysastrawi"]["complaints_per_s"]
    out["ratios_vs_thesis_pysastrawi_throughput"] = {
        "ours_classifier": round(out["ours"]["classifier_complaints_per_s"] / base, 2),
        "ours_triage_no_explanation": round(
            out["ours"]["triage_complaints_per_s_no_explanation"] / base, 2)}
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
