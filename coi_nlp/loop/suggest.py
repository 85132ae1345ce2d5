"""``coi-nlp suggest``: which unlabelled complaints to label next.

Active learning in two parts:

* **Uncertainty** from the current model: ``top`` (default) is one minus the highest
  probability (least confidence); ``margin`` is one minus the gap between the two most
  probable codes, the quantity the triage's ``needs_review`` rule looks at. Both lie in
  [0, 1]. ``top`` is the default because the probabilities are one-vs-rest: a complaint the
  model confidently gives two labels (0.99 and 0.98) has a tiny margin without being
  uncertain at all, and ``margin`` would fill the list with such cases.
* **Diversity**: greedy max-min selection on the model's own TF-IDF features (word and
  character branches, rows scaled to unit length, cosine distance). Each step picks the
  complaint with the best ``(1 - diversity) * uncertainty + diversity * distance``, where
  ``distance`` is its cosine distance to the nearest complaint already picked (1 before the
  first pick, so the first pick is the most uncertain one). Ten copies of the same uncertain
  complaint therefore yield one pick, not ten.

Each step costs one sparse matrix-vector product, so a pool of tens of thousands is fine;
the feature extraction of the pool dominates.
"""

from __future__ import annotations

import numpy as np
from sklearn.preprocessing import normalize

from coi_nlp.corpus.records import Record
from coi_nlp.errors import InputError
from coi_nlp.text.redact import redact_text

__all__ = ["UNCERTAINTY", "select_diverse", "suggest_records", "uncertainty_scores"]

UNCERTAINTY = ("top", "margin")


def uncertainty_scores(probabilities: np.ndarray, method: str = "top") -> np.ndarray:
    """Uncertainty of each row of per-code probabilities, in [0, 1] (1 = most uncertain).

    Parameters
    ----------
    probabilities : ndarray of shape (n, n_codes)
    method : {"top", "margin"}
        ``top``: ``1 - p1``; ``margin``: ``1 - (p1 - p2)``.

    Examples
    --------
    >>> uncertainty_scores(np.array([[0.9, 0.1], [0.5, 0.45]])).round(2)
    array([0.1, 0.5])
    >>> uncertainty_scores(np.array([[0.9, 0.1], [0.5, 0.45]]), "margin").round(2)
    array([0.2 , 0.95])
    """
    if method not in UNCERTAINTY:
        raise InputError(f"Ukuran ketidakpastian tidak dikenal: {method}.",
                         f"Unknown uncertainty method: {method}.", code="metode_tidak_dikenal")
    ordered = -np.sort(-np.asarray(probabilities, dtype=float), axis=1)
    if method == "top":
        return 1.0 - ordered[:, 0]
    return 1.0 - (ordered[:, 0] - ordered[:, 1])


def select_diverse(features, uncertainty: np.ndarray, n: int, diversity: float = 0.5
                   ) -> list[tuple[int, float, float]]:
    """Greedy max-min selection weighted by uncertainty.

    Parameters
    ----------
    features : sparse or dense matrix of shape (n_items, n_features)
        Non-negative features (TF-IDF); rows are scaled to unit length here.
    uncertainty : ndarray of shape (n_items,)
        In [0, 1].
    n : int
        How many to pick (at most ``n_items``).
    diversity : float, default 0.5
        Weight of the distance term; 0 ranks by uncertainty alone.

    Returns
    -------
    list of (index, distance, score)
        In pick order; ``distance`` is the cosine distance to the nearest earlier pick.
    """
    if not 0.0 <= diversity <= 1.0:
        raise InputError("--diversity harus di antara 0 dan 1.", "diversity must be in [0, 1].",
                         code="parameter_tidak_valid")
    rows = normalize(features)
    uncertainty = np.asarray(uncertainty, dtype=float)
    distance = np.ones(len(uncertainty))
    chosen = np.zeros(len(uncertainty), dtype=bool)
    picks = []
    for _ in range(min(n, len(uncertainty))):
        score = (1.0 - diversity) * uncertainty + diversity * distance
        score[chosen] = -np.inf
        k = int(np.argmax(score))
        picks.append((k, float(distance[k]), float(score[k])))
        chosen[k] = True
        product = rows @ rows[k].T
        similarity = np.asarray(product.toarray() if hasattr(product, "toarray")
                                else product).ravel()
        distance = np.minimum(distance, np.clip(1.0 - similarity, 0.0, 1.0))
    return picks


def suggest_records(model, records: list[Record], n: int = 20, diversity: float = 0.5,
                    method: str = "top") -> list[dict]:
    """Rank unlabelled complaints to label next.

    Parameters
    ----------
    model : CoiClassifier
        The current model (e.g. ``load_model().classifier``).
    records : list of Record
        Complaints (labels, if any, are ignored).
    n : int, default 20
        How many to return.
    diversity : float, default 0.5
        See :func:`select_diverse`.
    method : {"top", "margin"}
        See :func:`uncertainty_scores`.

    Returns
    -------
    list of dict
        In rank order: ``rank``, ``id``, ``score``, ``uncertainty``, ``diversity``,
        ``predicted_primary``, ``predicted_labels``, ``top_probability``, ``margin``,
        ``needs_review`` and the redacted ``text``.
    """
    if n < 1:
        raise InputError("-n harus minimal 1.", "n must be at least 1.",
                         code="parameter_tidak_valid")
    if not records:
        return []
    # the model reads the original text (its pipeline redacts with its own placeholders, as
    # in triage); people get the redacted text
    features = model.transform_features([r.text for r in records])
    uncertainty = uncertainty_scores(model.proba_from_features(features), method)
    picks = select_diverse(features, uncertainty, n, diversity)
    # decisions and redaction only for the picked rows: each row's are its own
    probabilities, decisions = model.decide_features(features[[k for k, _, _ in picks]])
    ordered = -np.sort(-probabilities, axis=1)
    results = []
    for rank, ((k, distance, score), decision, top) in enumerate(
            zip(picks, decisions, ordered), 1):
        results.append({
            "rank": rank, "id": records[k].id, "score": round(score, 4),
            "uncertainty": round(float(uncertainty[k]), 4), "diversity": round(distance, 4),
            "predicted_primary": decision.primary,
            "predicted_labels": decision.labels,
            "top_probability": round(float(top[0]), 4),
            "margin": round(float(top[0] - top[1]), 4),
            "needs_review": decision.needs_review, "text": redact_text(records[k].text),
        })
    return results
