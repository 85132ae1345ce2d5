"""``coi-nlp corpus audit``: likely label errors and ambiguous records in a labelled file.

1. **Out-of-fold probabilities.** Stratified K-fold on the primary label: each fold's
   records are scored by a :class:`CoiClassifier` fitted on the other folds, with fixed
   hyper-parameters (the model card's, or given; no search), so every record gets
   probabilities from a model that never saw it. Folds run in parallel with ``jobs``.
2. **Quality scores.** The primary label's *self-confidence* (its out-of-fold probability,
   the 13 one-vs-rest probabilities normalised to sum to one) and the multi-label
   self-confidence of the whole label set (per code, ``p`` if given and ``1 - p`` if not,
   aggregated by an exponential moving average that weighs the worst codes most). With
   cleanlab installed these come from ``cleanlab.rank.get_label_quality_scores`` and
   ``cleanlab.multilabel_classification.rank.get_label_quality_scores`` (same formulas), and
   cleanlab's confident-learning filters (``find_label_issues``) flag issues too.
   ``quality`` is the lower of the two: low means "look at this record".
3. **Reasons**, in words an analyst can check: another primary label is more probable, the
   two labels look swapped, the second label finds no support, a second label seems
   missing, cleanlab flags it, or the record is *ambiguous* (the two most probable codes
   are within ``ambiguity_margin``).

The result is a ranked list (lowest quality first) with the given and suggested labels and
a redacted snippet; nothing in the file is changed. An analyst decides, following
``corpora/coi/PANDUAN_ANOTASI.md``.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from coi_nlp.corpus.records import Record
from coi_nlp.corpus.splits import order_key
from coi_nlp.errors import InputError
from coi_nlp.model.classifier import CoiClassifier
from coi_nlp.model.decision import ReviewPolicy, decide
from coi_nlp.taxonomy import CODES
from coi_nlp.text.redact import redact_text

__all__ = [
    "REASONS",
    "audit_records",
    "card_settings",
    "format_audit",
    "label_quality",
    "out_of_fold_probabilities",
    "snippet",
    "stratified_subset",
]

# Reason codes and their Indonesian explanation (the English in the docstring above).
REASONS = {
    "label_utama_lain": "model lebih yakin pada label utama lain",
    "urutan_terbalik": "label kedua lebih didukung daripada label utama (urutan terbalik?)",
    "label_kedua_lemah": "label kedua hampir tidak didukung teks menurut model",
    "label_kedua_hilang": "model menyarankan label kedua yang tidak diberikan",
    "cleanlab": "ditandai cleanlab (confident learning)",
    "ambigu": "dua label teratas berdekatan (ambigu)",
}
WEAK_SECOND = 0.15       # out-of-fold probability below which a given second label is "weak"
MISSING_SECOND = 0.5     # and above which (and above its threshold) a missing one is suggested
EMA_ALPHA = 0.8          # cleanlab's default for multi-label aggregation


def _cleanlab():
    try:
        import cleanlab
        from cleanlab import filter as cl_filter
        from cleanlab import rank as cl_rank
        from cleanlab.multilabel_classification import filter as ml_filter
        from cleanlab.multilabel_classification import rank as ml_rank
    except ImportError:
        return None
    return cleanlab.__version__, cl_filter, cl_rank, ml_filter, ml_rank


def card_settings(model_dir=None) -> tuple[dict, dict]:
    """Hyper-parameters and thresholds from a model card (JSON only: no pickle is loaded).

    Parameters
    ----------
    model_dir : str or Path, optional
        A model directory; by default the bundled model (``$COI_MODEL_DIR`` if set).

    Returns
    -------
    params : dict
        Keyword arguments for :class:`CoiClassifier`.
    thresholds : dict
        Per-code decision thresholds.
    """
    from coi_nlp.model.artifacts import CARD_FILE, default_model_dir

    path = Path(model_dir or default_model_dir()) / CARD_FILE
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError(f"Kartu model tidak bisa dibaca: {path}.",
                         f"Cannot read model card {path}.", code="kartu_model_rusak") from None
    params = {k: v for k, v in card.get("hyperparameters", {}).items()
              if k in CoiClassifier().get_params()}
    return params, dict(card.get("thresholds", {}))


def stratified_subset(records: list[Record], limit: int, seed: int = 0) -> list[Record]:
    """At most ``limit`` records, taken in turn from each primary label (a fixed order by id
    hash), returned in file order: a quick run keeps every label."""
    if limit >= len(records):
        return list(records)
    groups: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        groups[record.primary].append(index)
    for group in groups.values():
        group.sort(key=lambda i: order_key(records[i], seed))
    chosen: list[int] = []
    depth = 0
    while len(chosen) < limit:
        for label in sorted(groups):
            if depth < len(groups[label]) and len(chosen) < limit:
                chosen.append(groups[label][depth])
        depth += 1
    return [records[i] for i in sorted(chosen)]


def _trainable(texts, label_lists):
    """Drop what one training fold cannot learn: a code seen once is removed where it is a
    second label, and a record whose primary code is seen once is left out of the fold."""
    counts = Counter(code for labels in label_lists for code in labels)
    kept_texts, kept_labels = [], []
    for text, labels in zip(texts, label_lists):
        if counts[labels[0]] < 2:
            continue
        kept_texts.append(text)
        kept_labels.append([labels[0]] + [c for c in labels[1:] if counts[c] >= 2])
    return kept_texts, kept_labels


def _check_params(params: dict | None) -> None:
    """Raise :class:`InputError` if ``params`` names something that is not a
    :class:`CoiClassifier` hyper-parameter (before any fold is fitted)."""
    unknown = sorted(set(params or {}) - set(CoiClassifier().get_params()))
    if unknown:
        raise InputError(f"Hiperparameter tidak dikenal: {', '.join(unknown)}.",
                         "Unknown hyper-parameters.", code="parameter_tidak_valid")


def _fold_probabilities(train_texts, train_labels, test_texts, params, seed):
    texts, labels = _trainable(train_texts, train_labels)
    model = CoiClassifier(**{**params, "random_state": seed}).fit(texts, labels)
    return model.predict_proba(test_texts)


def out_of_fold_probabilities(texts: list[str], label_lists: list[list[str]],
                              params: dict | None = None, folds: int = 5, seed: int = 0,
                              jobs: int = 1) -> np.ndarray:
    """Probabilities of each record from a model fitted without its fold.

    Parameters
    ----------
    texts, label_lists
        The records' texts and label lists (first label = primary).
    params : dict, optional
        :class:`CoiClassifier` hyper-parameters (default: its defaults).
    folds : int, default 5
        Number of folds; fewer when the rarest primary label has fewer records.
    seed : int, default 0
        Seed of the fold split and of the classifiers.
    jobs : int, default 1
        Folds fitted in parallel (joblib processes).

    Returns
    -------
    ndarray of shape (n_records, 13)
        Calibrated one-vs-rest probabilities, columns in :data:`CODES` order.

    Raises
    ------
    InputError
        For an unknown hyper-parameter in ``params``, or fewer than 2 records for some
        primary label.
    """
    from joblib import Parallel, delayed

    _check_params(params)
    primary = [labels[0] for labels in label_lists]
    rarest = min(Counter(primary).values(), default=0)
    folds = min(folds, rarest)
    if folds < 2:
        raise InputError("Audit butuh minimal 2 rekaman untuk setiap label utama.",
                         "The audit needs at least 2 records per primary label.",
                         code="data_audit_kurang")
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    splits = list(splitter.split(texts, primary))
    results = Parallel(n_jobs=jobs)(
        delayed(_fold_probabilities)([texts[i] for i in train], [label_lists[i] for i in train],
                                     [texts[i] for i in test], dict(params or {}), seed)
        for train, test in splits)
    probabilities = np.zeros((len(texts), len(CODES)))
    for (_, test), fold in zip(splits, results):
        probabilities[test] = fold
    return probabilities


def _ema(scores: np.ndarray, alpha: float = EMA_ALPHA) -> np.ndarray:
    ordered = -np.sort(-scores, axis=1)  # descending: the worst codes come last, weigh most
    ema = ordered[:, 0]
    for column in ordered[:, 1:].T:
        ema = alpha * column + (1 - alpha) * ema
    return ema


def label_quality(label_lists: list[list[str]], probabilities: np.ndarray,
                  use_cleanlab: bool | None = None) -> dict:
    """Label-quality scores and issue flags from out-of-fold probabilities.

    Parameters
    ----------
    label_lists : list of list of str
        Given labels (first = primary).
    probabilities : ndarray of shape (n, 13)
        Out-of-fold one-vs-rest probabilities.
    use_cleanlab : bool, optional
        ``None`` uses cleanlab when it is installed; ``True`` requires it.

    Returns
    -------
    dict
        ``primary_quality``, ``multilabel_quality`` and ``quality`` (arrays), ``normalised``
        (rows summing to one), ``cleanlab_issue`` (bool array) and ``cleanlab`` (version or
        None).
    """
    index = {code: i for i, code in enumerate(CODES)}
    primary = np.array([index[labels[0]] for labels in label_lists])
    sets = [[index[c] for c in labels] for labels in label_lists]
    raw = np.clip(np.asarray(probabilities, dtype=float), 1e-6, 1.0)
    normalised = raw / raw.sum(axis=1, keepdims=True)
    given = np.zeros_like(raw, dtype=bool)
    for row, codes in enumerate(sets):
        given[row, codes] = True
    tools = _cleanlab() if use_cleanlab in (None, True) else None
    if use_cleanlab and tools is None:
        raise InputError("cleanlab belum terpasang: pip install cleanlab.",
                         "cleanlab is not installed.", code="cleanlab_tidak_ada")
    issue = np.zeros(len(primary), dtype=bool)
    if tools is None:
        primary_quality = normalised[np.arange(len(primary)), primary]
        multilabel_quality = _ema(np.where(given, raw, 1 - raw))
    else:
        _, cl_filter, cl_rank, ml_filter, ml_rank = tools
        present = np.unique(primary)  # cleanlab wants labels 0..K-1, every one present
        remap = {code: i for i, code in enumerate(present)}
        local = np.array([remap[c] for c in primary])
        sub = normalised[:, present] / normalised[:, present].sum(axis=1, keepdims=True)
        primary_quality = cl_rank.get_label_quality_scores(local, sub)
        multilabel_quality = ml_rank.get_label_quality_scores(
            sets, raw, aggregator_kwargs={"method": "exponential_moving_average",
                                          "alpha": EMA_ALPHA})
        if len(present) > 1:
            issue |= cl_filter.find_label_issues(local, sub)
        issue |= ml_filter.find_label_issues(sets, raw)
    return {"primary_quality": np.asarray(primary_quality, dtype=float),
            "multilabel_quality": np.asarray(multilabel_quality, dtype=float),
            "quality": np.minimum(primary_quality, multilabel_quality),
            "normalised": normalised, "cleanlab_issue": issue,
            "cleanlab": tools[0] if tools else None}


def snippet(text: str, width: int = 160) -> str:
    """The redacted text on one line, cut at ``width`` characters."""
    flat = re.sub(r"\s+", " ", redact_text(text)).strip()
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _reasons(labels, suggested, raw, normalised, issue, thresholds, margin) -> list[str]:
    index = {code: i for i, code in enumerate(CODES)}
    reasons = []
    order = np.argsort(-normalised, kind="stable")
    top = CODES[order[0]]
    if top != labels[0] and normalised[order[0]] > normalised[index[labels[0]]]:
        swapped = len(labels) > 1 and top == labels[1]
        reasons.append("urutan_terbalik" if swapped else "label_utama_lain")
    if len(labels) > 1 and raw[index[labels[1]]] < WEAK_SECOND:
        reasons.append("label_kedua_lemah")
    missing = [c for c in suggested[1:] if c not in labels
               and raw[index[c]] >= max(MISSING_SECOND, thresholds.get(c, 0.5))]
    if missing:
        reasons.append("label_kedua_hilang")
    if issue:
        reasons.append("cleanlab")
    if normalised[order[0]] - normalised[order[1]] < margin:
        reasons.append("ambigu")
    return reasons


def audit_records(records: list[Record], params: dict | None = None,
                  thresholds: dict | None = None, folds: int = 5, seed: int = 0,
                  jobs: int = 1, use_cleanlab: bool | None = None,
                  ambiguity_margin: float = 0.1, probabilities: np.ndarray | None = None
                  ) -> dict:
    """Rank records by how likely their labels are wrong or ambiguous.

    Parameters
    ----------
    records : list of Record
        A labelled file (any split; ids must be unique).
    params, thresholds : dict, optional
        Classifier hyper-parameters and per-code thresholds (see :func:`card_settings`).
    folds, seed, jobs
        See :func:`out_of_fold_probabilities`.
    use_cleanlab : bool, optional
        See :func:`label_quality`.
    ambiguity_margin : float, default 0.1
        Records whose two most probable codes are closer than this are ``ambigu``.
    probabilities : ndarray, optional
        Precomputed out-of-fold probabilities (skips the cross-validation).

    Returns
    -------
    dict
        ``n``, ``folds``, ``params``, ``cleanlab``, ``seconds``, ``agreement`` (out-of-fold
        primary accuracy), ``reason_counts`` and ``findings``: one entry per flagged record,
        lowest ``quality`` first, with ``rank``, ``id``, ``split``, ``given_labels``,
        ``suggested_labels``, ``quality``, ``primary_quality``, ``multilabel_quality``,
        ``given_probability``, ``top_probability``, ``margin``, ``reasons``, ``reason``
        (Indonesian) and ``snippet`` (redacted).
    """
    if not records:
        raise InputError("Tidak ada rekaman untuk diaudit.", "No records to audit.",
                         code="data_kosong")
    if len({r.id for r in records}) != len(records):
        raise InputError("Id rekaman harus unik untuk audit.", "Record ids must be unique.",
                         code="id_ganda")
    started = time.perf_counter()
    label_lists = [r.labels for r in records]
    if probabilities is None:
        probabilities = out_of_fold_probabilities([r.text for r in records], label_lists,
                                                  params, folds, seed, jobs)
    scores = label_quality(label_lists, probabilities, use_cleanlab)
    thresholds = {code: 0.5 for code in CODES} | dict(thresholds or {})
    normalised = scores["normalised"]
    findings = []
    for i, record in enumerate(records):
        suggested = decide(probabilities[i], list(CODES), thresholds, ReviewPolicy()).labels
        reasons = _reasons(record.labels, suggested, probabilities[i], normalised[i],
                           scores["cleanlab_issue"][i], thresholds, ambiguity_margin)
        if not reasons:
            continue
        top2 = np.sort(normalised[i])[::-1][:2]
        findings.append({
            "id": record.id, "split": record.split, "given_labels": record.labels,
            "suggested_labels": suggested,
            "quality": round(float(scores["quality"][i]), 4),
            "primary_quality": round(float(scores["primary_quality"][i]), 4),
            "multilabel_quality": round(float(scores["multilabel_quality"][i]), 4),
            "given_probability": round(float(normalised[i][CODES.index(record.primary)]), 4),
            "top_probability": round(float(top2[0]), 4),
            "margin": round(float(top2[0] - top2[1]), 4),
            "reasons": reasons, "reason": "; ".join(REASONS[r] for r in reasons),
            "snippet": snippet(record.text),
        })
    findings.sort(key=lambda f: (f["quality"], f["id"]))
    for rank, finding in enumerate(findings, 1):
        finding["rank"] = rank
    agreement = float(np.mean([CODES[int(np.argmax(normalised[i]))] == r.primary
                               for i, r in enumerate(records)]))
    return {"n": len(records), "folds": min(folds, min(Counter(r.primary for r in records)
                                                       .values())),
            "seed": seed, "params": dict(params or {}), "cleanlab": scores["cleanlab"],
            "seconds": round(time.perf_counter() - started, 1),
            "agreement": round(agreement, 4), "n_findings": len(findings),
            "reason_counts": dict(Counter(r for f in findings for r in f["reasons"])),
            "findings": findings}


def format_audit(report: dict, top: int | None = 40, width: int = 100) -> str:
    """A plain-text table of the top findings for people."""
    lines = [(f"Audit label: {report['n']} rekaman, {report['folds']} lipatan, "
              f"cleanlab {report['cleanlab'] or 'tidak dipakai'}, {report['seconds']} detik; "
              f"kecocokan label utama di luar lipatan {report['agreement']:.1%}; "
              f"{report['n_findings']} rekaman ditandai"),
             "Alasan: " + ", ".join(f"{k}={v}" for k, v in report["reason_counts"].items()),
             ""]
    header = f"{'#':>3}  {'id':<10} {'split':<5} {'mutu':>5}  {'label diberikan':<45} saran"
    lines += [header, "-" * len(header)]
    for finding in report["findings"][:top]:
        lines.append(f"{finding['rank']:>3}  {finding['id']:<10} {finding['split']!s:<5} "
                     f"{finding['quality']:>5.2f}  {'+'.join(finding['given_labels']):<45} "
                     f"{'+'.join(finding['suggested_labels'])}")
        lines.append(f"{'':>5}alasan: {finding['reason']}")
        lines.append(f"{'':>5}{finding['snippet'][:width]}")
    return "\n".join(lines)
