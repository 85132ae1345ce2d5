"""From 13 probabilities to a decision: label set, primary label, is_coi, needs_review.

Pure functions over numbers, so the rules are easy to read and test:

* the primary label is the code with the highest primary-label probability (see
  :meth:`CoiClassifier.primary_proba_from_features`), or the most probable code when
  there is none;
* if it is ``bukan_benturan_kepentingan`` the set is that label alone (the contract's
  exclusivity rule); otherwise other conflict codes above their own tuned threshold join it,
  most probable first, up to ``max_labels`` (the annotation guide allows two);
* ``coi_probability`` is one minus the calibrated probability of ``bukan_benturan_kepentingan``;
* ``needs_review`` when the primary label's probability is below ``min_top``, when the gap
  to the runner-up is below ``min_margin``, or when ``is_coi`` and ``coi_probability``
  disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coi_nlp.taxonomy import NOT_COI

__all__ = ["Decision", "ReviewPolicy", "decide"]


@dataclass(frozen=True)
class ReviewPolicy:
    """When a result goes to a person: thresholds chosen on the dev split (see training)."""

    min_top: float = 0.5
    min_margin: float = 0.1


@dataclass(frozen=True)
class Decision:
    labels: list[str]
    primary: str
    is_coi: bool
    coi_probability: float
    needs_review: bool
    review_reasons: list[str]


def decide(probabilities: np.ndarray, codes: list[str], thresholds: dict[str, float],
           policy: ReviewPolicy, max_labels: int = 2,
           primary_probabilities: np.ndarray | None = None) -> Decision:
    """Turn one row of per-code probabilities into a :class:`Decision`.

    ``primary_probabilities`` (same columns) rank the codes as the complaint's main
    conflict; without it the per-code probabilities do.
    """
    ranking = probabilities if primary_probabilities is None else primary_probabilities
    ranked = np.argsort(-ranking, kind="stable")
    top, second = ranking[ranked[0]], ranking[ranked[1]]
    primary = codes[ranked[0]]
    labels = [primary]
    if primary != NOT_COI:
        for index in np.argsort(-probabilities, kind="stable"):
            code = codes[index]
            if len(labels) >= max_labels:
                break
            above = probabilities[index] >= thresholds.get(code, 0.5)
            if code not in (NOT_COI, primary) and above:
                labels.append(code)
    coi_probability = float(1.0 - probabilities[codes.index(NOT_COI)])
    is_coi = primary != NOT_COI
    reasons = []
    if top < policy.min_top:
        reasons.append(f"probabilitas label utama rendah ({top:.2f} < {policy.min_top:.2f})")
    if top - second < policy.min_margin:
        reasons.append(f"dua label teratas berdekatan (selisih {top - second:.2f})")
    if is_coi != (coi_probability >= 0.5):
        reasons.append("label utama dan probabilitas benturan kepentingan tidak sejalan")
    return Decision(labels, primary, is_coi, round(coi_probability, 4), bool(reasons), reasons)
