"""Metrics for ``coi-nlp evaluate`` and the model card.

Primary-label metrics (``macro_f1``, ``accuracy``) compare the first gold label with the
predicted primary; set metrics (``micro_f1``, ``samples_f1``, ``per_label``) compare label
sets; ``coi_f1`` scores "conflict of interest" as the positive class. ``selective_*`` are
the same primary metrics on the records NOT flagged ``needs_review``, so the cost and the
benefit of abstaining are both visible.
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)
from sklearn.preprocessing import MultiLabelBinarizer

from coi_nlp.taxonomy import CODES, NOT_COI

__all__ = ["evaluate_decisions", "coverage_curve", "primary_scores"]


def primary_scores(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    """Macro-F1 over the codes present in ``gold`` and accuracy, for primary labels."""
    if not gold:
        return 0.0, 0.0
    present = sorted(set(gold), key=CODES.index)
    macro = f1_score(gold, predicted, labels=present, average="macro", zero_division=0)
    return float(macro), float(accuracy_score(gold, predicted))


def evaluate_decisions(gold_sets: list[list[str]], decisions) -> dict:
    """All metrics of :mod:`coi_nlp.model.evaluation` for gold label lists and decisions."""
    gold_primary = [labels[0] for labels in gold_sets]
    pred_primary = [d.primary for d in decisions]
    macro, accuracy = primary_scores(gold_primary, pred_primary)
    binarizer = MultiLabelBinarizer(classes=list(CODES))
    G = binarizer.fit_transform(gold_sets)
    P = binarizer.transform([d.labels for d in decisions])
    precision, recall, f1, support = precision_recall_fscore_support(G, P, zero_division=0)
    kept = [i for i, d in enumerate(decisions) if not d.needs_review]
    sel_macro, sel_acc = primary_scores([gold_primary[i] for i in kept],
                                         [pred_primary[i] for i in kept])
    gold_coi = [p != NOT_COI for p in gold_primary]
    pred_coi = [d.is_coi for d in decisions]
    matrix = confusion_matrix(gold_primary, pred_primary, labels=list(CODES))
    return {
        "n": len(gold_sets),
        "macro_f1": round(macro, 4),
        "accuracy": round(accuracy, 4),
        "micro_f1": round(float(f1_score(G, P, average="micro", zero_division=0)), 4),
        "samples_f1": round(float(f1_score(G, P, average="samples", zero_division=0)), 4),
        "coi_f1": round(float(f1_score(gold_coi, pred_coi, zero_division=0)), 4),
        "review_rate": round(1 - len(kept) / max(1, len(decisions)), 4),
        "selective_macro_f1": round(sel_macro, 4),
        "selective_accuracy": round(sel_acc, 4),
        "per_label": {
            code: {"precision": round(float(p), 4), "recall": round(float(r), 4),
                   "f1": round(float(f), 4), "support": int(s)}
            for code, p, r, f, s in zip(CODES, precision, recall, f1, support)
        },
        "confusion": {"labels": list(CODES), "matrix": matrix.tolist()},
    }


def coverage_curve(gold_primary: list[str], probabilities: np.ndarray, codes: list[str],
                   margin: float, tops=None) -> list[dict]:
    """Coverage and primary accuracy of the unflagged records for each ``min_top``."""
    tops = np.round(np.arange(0.0, 0.96, 0.05), 2) if tops is None else tops
    ordered = np.sort(probabilities, axis=1)
    top, gap = ordered[:, -1], ordered[:, -1] - ordered[:, -2]
    primary = probabilities.argmax(1)
    correct = np.array([codes[i] == g for i, g in zip(primary, gold_primary)])
    not_coi = codes.index(NOT_COI)
    # the decision rule also flags a primary label that disagrees with coi_probability
    agree = (primary != not_coi) == (1 - probabilities[:, not_coi] >= 0.5)
    curve = []
    for min_top in tops:
        keep = (top >= min_top) & (gap >= margin) & agree
        curve.append({"min_top": float(min_top), "min_margin": float(margin),
                      "coverage": round(float(keep.mean()), 4),
                      "accuracy": round(float(correct[keep].mean()) if keep.any() else 1.0, 4)})
    return curve
