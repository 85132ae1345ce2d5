"""Training: choose hyper-parameters by cross-validation on train+dev, tune thresholds on dev,
refit on train+dev, measure on test, write the model card.

Steps (each shown in the progress display):

1. *Search* - a small grid (C, word-branch preprocessing) scored by primary macro-F1 in
   stratified 5-fold cross-validation over train+dev, with uncalibrated SVMs (the ranking of
   configurations, not their probabilities, is what the search needs). The test split is
   never used for any choice.
2. *Thresholds* - the chosen configuration is fitted (with calibration) on train only; its
   dev probabilities give the weight of the primary-label model (the value of
   :data:`PRIMARY_WEIGHT_GRID` with the best primary macro-F1 on dev), each code the
   threshold that maximises that code's F1 on dev, and the ``needs_review`` policy from
   the coverage/accuracy curve of the primary-label probabilities: the point with the best
   primary accuracy on the unflagged dev records among those that send at most
   :data:`MAX_REVIEW_RATE` of the cases to a person (the reading capacity we assume an
   intake desk has). Institutions with more capacity can retrain with a larger budget.
3. *Final model* - refitted on train+dev with the same configuration, thresholds and policy.
4. *Test* - metrics on the test split, for the card only.
"""

from __future__ import annotations

import itertools
import platform
from datetime import datetime, timezone

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC

from coi_nlp import __version__
from coi_nlp.corpus.records import Record, data_hash
from coi_nlp.corpus.splits import assign_splits
from coi_nlp.errors import InputError
from coi_nlp.model.classifier import CoiClassifier
from coi_nlp.model.decision import ReviewPolicy
from coi_nlp.model.evaluation import coverage_curve, evaluate_decisions, primary_scores
from coi_nlp.model.features import build_features
from coi_nlp.taxonomy import CODES

__all__ = ["train_model", "SEARCH_GRID", "PRIMARY_WEIGHT_GRID", "MAX_REVIEW_RATE",
           "data_hash"]

# The configurations compared in step 1. Word-branch preprocessing is searched because
# stop-word removal and stemming help or hurt depending on the data.
SEARCH_GRID = {
    "C": [0.3, 1.0, 3.0],
    "prep": [(True, True), (False, True), (False, False)],  # (remove_stop_words, stem)
}
MAX_REVIEW_RATE = 0.30
# Weights of the primary-label model compared on dev (0 = the one-vs-rest ranking alone,
# 1 = the primary-label model alone); ties go to the weight closest to 0.5.
PRIMARY_WEIGHT_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
# Configurations within this CV macro-F1 of the best count as tied (the spread over folds is
# several times larger); ties go to the stemmed pipeline, then to stronger regularisation.
SEARCH_TIE = 0.005
THRESHOLD_GRID = np.round(np.arange(0.10, 0.91, 0.05), 2)
MARGIN_GRID = (0.0, 0.05, 0.1, 0.15, 0.2)


def _search(texts, label_lists, seed, progress) -> tuple[dict, list[dict]]:
    primary = [labels[0] for labels in label_lists]
    Y = MultiLabelBinarizer(classes=list(CODES)).fit_transform(label_lists)
    folds = list(StratifiedKFold(5, shuffle=True, random_state=seed).split(texts, primary))
    results = []
    for C, (remove_stop_words, stem) in itertools.product(SEARCH_GRID["C"],
                                                          SEARCH_GRID["prep"]):
        scores = []
        for train_idx, test_idx in folds:
            features = build_features(remove_stop_words=remove_stop_words, stem=stem)
            A = features.fit_transform([texts[i] for i in train_idx])
            B = features.transform([texts[i] for i in test_idx])
            svm = OneVsRestClassifier(LinearSVC(C=C, class_weight="balanced",
                                                random_state=seed, max_iter=10_000))
            scores_ = svm.fit(A, Y[train_idx]).decision_function(B)
            predicted = [CODES[i] for i in scores_.argmax(1)]
            gold = [primary[i] for i in test_idx]
            scores.append(f1_score(gold, predicted, average="macro", zero_division=0))
            progress.update(1)
        results.append({"C": C, "remove_stop_words": remove_stop_words, "stem": stem,
                        "cv_macro_f1": round(float(np.mean(scores)), 4),
                        "cv_macro_f1_std": round(float(np.std(scores)), 4)})
    top = max(r["cv_macro_f1"] for r in results)
    tied = [r for r in results if r["cv_macro_f1"] >= top - SEARCH_TIE]
    best = max(tied, key=lambda r: (r["stem"], -r["C"], r["cv_macro_f1"]))
    return best, results


def _tune_thresholds(gold_sets, probabilities) -> dict[str, float]:
    thresholds = {}
    for j, code in enumerate(CODES):
        truth = np.array([code in labels for labels in gold_sets])
        if not truth.any():
            thresholds[code] = 0.5
            continue
        best = max(THRESHOLD_GRID, key=lambda t: (
            f1_score(truth, probabilities[:, j] >= t, zero_division=0), -abs(t - 0.5)))
        thresholds[code] = float(best)
    return thresholds


def _choose_primary_weight(classifier, matrix, probabilities, gold_primary
                           ) -> tuple[float, list[dict]]:
    results = []
    for weight in PRIMARY_WEIGHT_GRID:
        classifier.set_primary_weight(weight)
        ranking = classifier.primary_proba_from_features(matrix, probabilities)
        score, _ = primary_scores(gold_primary, [CODES[i] for i in ranking.argmax(1)])
        results.append({"primary_weight": weight, "dev_macro_f1": round(float(score), 4)})
    best = max(results, key=lambda r: (r["dev_macro_f1"], -abs(r["primary_weight"] - 0.5)))
    classifier.set_primary_weight(best["primary_weight"])
    return best["primary_weight"], results


def _choose_review_policy(gold_primary, probabilities) -> tuple[ReviewPolicy, list[dict]]:
    candidates = []
    for margin in MARGIN_GRID:
        for point in coverage_curve(gold_primary, probabilities, list(CODES), margin):
            candidates.append(point)
    affordable = [p for p in candidates if 1 - p["coverage"] <= MAX_REVIEW_RATE] or candidates
    chosen = max(affordable, key=lambda p: (p["accuracy"], p["coverage"], -p["min_top"]))
    curve = coverage_curve(gold_primary, probabilities, list(CODES), chosen["min_margin"])
    return ReviewPolicy(chosen["min_top"], chosen["min_margin"]), curve


def train_model(records: list[Record], name: str = "coi-default", seed: int = 0,
                search: bool = True, params: dict | None = None, show_progress: bool = True):
    """Train a :class:`CoiClassifier` on records with ``split`` keys; returns (model, card).

    Records without a split are given one first (stable, stratified; see
    :mod:`coi_nlp.corpus.splits`). ``search=False`` skips step 1 and uses ``params`` (or
    the defaults).
    """
    from tqdm.auto import tqdm

    if any(r.split is None for r in records):
        assign_splits(records, seed=seed)
    train = [r for r in records if r.split == "train"]
    dev = [r for r in records if r.split == "dev"]
    test = [r for r in records if r.split == "test"]
    if len(train) < 10 or len(dev) < 5:
        raise InputError("Data latih terlalu sedikit (butuh >= 10 train dan >= 5 dev).",
                         "Too little data: need >= 10 train and >= 5 dev records.",
                         code="data_latih_kurang")
    train_dev = train + dev
    n_configs = len(SEARCH_GRID["C"]) * len(SEARCH_GRID["prep"])
    total = (n_configs * 5 if search else 0) + 3
    started = datetime.now(timezone.utc)
    with tqdm(total=total, desc="Melatih model", disable=not show_progress, unit="langkah") as bar:
        search_results = []
        chosen = dict(params or {})
        if search:
            bar.set_postfix_str("mencari hiperparameter (CV 5 lipat, train+dev)")
            best, search_results = _search([r.text for r in train_dev],
                                           [r.labels for r in train_dev], seed, bar)
            chosen = {"C": best["C"], "remove_stop_words": best["remove_stop_words"],
                      "stem": best["stem"]}
        bar.set_postfix_str("ambang per label dan kebijakan tinjauan (dev)")
        on_train = CoiClassifier(random_state=seed, **chosen).fit(
            [r.text for r in train], [r.labels for r in train])
        dev_matrix = on_train.transform_features([r.text for r in dev])
        dev_proba = on_train.proba_from_features(dev_matrix)
        primary_weight, weight_results = _choose_primary_weight(
            on_train, dev_matrix, dev_proba, [r.primary for r in dev])
        dev_primary = on_train.primary_proba_from_features(dev_matrix, dev_proba)
        thresholds = _tune_thresholds([r.labels for r in dev], dev_proba)
        policy, curve = _choose_review_policy([r.primary for r in dev], dev_primary)
        on_train.set_thresholds(thresholds).set_review_policy(policy)
        dev_metrics = evaluate_decisions([r.labels for r in dev],
                                         on_train.decide(dev_proba, dev_primary))
        bar.update(1)
        bar.set_postfix_str("model akhir (train+dev)")
        model = CoiClassifier(random_state=seed, **chosen).fit(
            [r.text for r in train_dev], [r.labels for r in train_dev])
        model.set_thresholds(thresholds).set_review_policy(policy)
        model.set_primary_weight(primary_weight)
        bar.update(1)
        bar.set_postfix_str("evaluasi test")
        test_metrics = None
        if test:
            decisions = model.decide_texts([r.text for r in test])
            test_metrics = evaluate_decisions([r.labels for r in test], decisions)
        bar.update(1)
    card = _card(name, records, train, dev, test, seed, chosen, search_results, thresholds,
                 policy, curve, dev_metrics, test_metrics, started,
                 primary=(primary_weight, weight_results))
    return model, card


def _versions() -> dict:
    from importlib.metadata import version

    import joblib
    import scipy
    import spacy

    return {"coi-nlp": __version__, "python": platform.python_version(),
            "numpy": np.__version__, "scipy": scipy.__version__, "spacy": spacy.__version__,
            "joblib": joblib.__version__, "PySastrawi": version("PySastrawi")}


def _card(name, records, train, dev, test, seed, chosen, search_results, thresholds, policy,
          curve, dev_metrics, test_metrics, started, primary) -> dict:
    def counts(rs):
        return {code: sum(code in r.labels for r in rs) for code in CODES}

    digest = data_hash(records)

    return {
        "name": name,
        "created": started.isoformat(timespec="seconds"),
        "labels": list(CODES),
        "data": {"sha256": digest, "n": len(records),
                 "split_sizes": {"train": len(train), "dev": len(dev), "test": len(test)},
                 "label_counts_train_dev": counts(train + dev),
                 "label_counts_test": counts(test)},
        # the data version: the hash above plus the file it came from (set by the caller,
        # e.g. `coi-nlp promote`; train_model only sees records)
        "data_version": {"sha256": digest, "source": None},
        "seed": seed,
        "hyperparameters": {**CoiClassifier(**chosen).get_params(), "random_state": seed},
        "search": {"method": "stratified 5-fold CV on train+dev, primary macro-F1",
                   "results": search_results},
        "thresholds": thresholds,
        "primary_model": {
            "weight": primary[0], "dev_results": primary[1],
            "rule": "P(code is primary) ~ P(present) ** (1 - weight) * P(primary) ** weight; "
                    "primary = the most probable code; weight chosen on dev"},
        "review_policy": {"min_top": policy.min_top, "min_margin": policy.min_margin,
                          "max_review_rate_on_dev": MAX_REVIEW_RATE,
                          "coverage_curve_dev": curve},
        "metrics": {"dev": dev_metrics, "test": test_metrics,
                    "note": "dev: model fitted on train only (thresholds tuned there); "
                            "test: final model fitted on train+dev"},
        "library_versions": _versions(),
    }
