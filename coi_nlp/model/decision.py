"""From 13 probabilities to a decision: label set, primary label, is_coi, needs_review.

Pure functions over numbers, so the rules are easy to read and test:

* the primary label is the most probable code;
* if it is ``bukan_benturan_kepentingan`` the set is that label alone (the contract's
  exclusivity rule); otherwise other conflict codes above their own tuned threshold join it,
  most probable first, up to ``max_labels`` (the annotation guide allows two);
* ``coi_probability`` is one minus the calibrated probability of ``bukan_benturan_kepentingan``;
* ``needs_review`` when the top probability is below ``min_top``, when the gap to the second
  code is below ``min_margin``, or when ``is_coi`` and ``coi_probability`` disagree.
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
           policy: ReviewPolicy, max_labels: int = 2) -> Decision:
    """Turn one row of per-code probabilities into a :class:`Decision`."""
    order = np.argsort(-probabilities, kind="stable")
    top, second = probabilities[order[0]], probabilities[order[1]]
    primary = codes[order[0]]
    labels = [primary]
    if primary != NOT_COI:
        for index in order[1:]:
            code = codes[index]
            if len(labels) >= max_labels:
                break
            if code != NOT_COI and probabilities[index] >= thresholds.get(code, 0.5):
                labels.append(code)
    coi_probability = float(1.0 - probabilities[codes.index(NOT_COI)])
    is_coi = primary != NOT_COI
    reasons = []
    if top < policy.min_top:
        reasons.append(f"probabilitas tertinggi rendah ({top:.2f} < {policy.min_top:.2f})")
    if top - second < policy.min_margin:
        reasons.append(f"dua label teratas berdekatan (selisih {top - second:.2f})")
    if is_coi != (coi_probability >= 0.5):
        reasons.append("label utama dan probabilitas benturan kepentingan tidak sejalan")
    return Decision(labels, primary, is_coi, round(coi_probability, 4), bool(reasons), reasons)
