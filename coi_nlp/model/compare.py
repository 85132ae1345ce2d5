"""Compare a candidate model with the current one on the same records, and decide whether
the candidate may become the default.

On each record set (the fixed test split; the held-out new cases) both models decide every
record, and we report the metrics of :func:`coi_nlp.model.evaluation.evaluate_decisions`
(``macro_f1`` and ``accuracy`` on the primary label, ``coi_f1``), per-label F1, and two paired
statistics on the same records:

* **McNemar's exact test** on primary-label correctness: of the records exactly one model
  gets wrong, ``b`` are wrong only for the candidate and ``c`` only for the current model;
  under "equally good" ``b ~ Binomial(b + c, 1/2)`` (:func:`scipy.stats.binomtest`,
  two-sided).
* A **paired bootstrap** of the macro-F1 difference: the same resampled records for both
  models, :data:`RESAMPLES` times with a fixed seed, giving a 95% interval. It is reported for
  reading (how uncertain the difference is), not used by the rule.

Decision rule (:func:`compare_models`); the candidate is promoted only if all hold:

1. test macro-F1 of the candidate >= that of the current model;
2. test ``coi_f1`` is not lower by more than :data:`COI_F1_TOLERANCE` (0.005);
3. on the test split McNemar does not show the candidate significantly worse
   (``p <`` :data:`ALPHA` with more candidate-only errors);
4. with new cases, on their held-out part: primary accuracy of the candidate >= that of the
   current model, and McNemar does not show the candidate significantly worse. Accuracy
   rather than macro-F1 because such sets are small and hold only the labels analysts
   corrected, where macro-F1 over a few labels swings with single records.

Ties count as "not worse": an equally good candidate trained on newer data may replace the
current model.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from scipy.stats import binomtest

from coi_nlp.model.evaluation import evaluate_decisions
from coi_nlp.taxonomy import CODES

__all__ = ["ALPHA", "COI_F1_TOLERANCE", "RESAMPLES", "Comparison", "SetComparison",
           "compare_models", "compare_on_records"]

COI_F1_TOLERANCE = 0.005
ALPHA = 0.05
RESAMPLES = 1000
_HEADLINE = ("macro_f1", "coi_f1", "accuracy")


@dataclass
class SetComparison:
    """Both models on one record set.

    Attributes
    ----------
    name : str
        ``"test"`` or ``"kasus_baru"``.
    n : int
        Number of records.
    current, candidate, delta : dict
        ``macro_f1``, ``coi_f1`` and ``accuracy`` of each model, and candidate minus current.
    per_label : dict
        Per code: ``current`` and ``candidate`` F1 (label sets), ``delta``, ``support``.
    mcnemar : dict
        ``only_candidate_wrong`` (b), ``only_current_wrong`` (c), ``p_value``.
    bootstrap : dict
        ``delta_macro_f1``, ``ci_low``, ``ci_high`` (95%), ``resamples``, ``seed``.
    """

    name: str
    n: int
    current: dict
    candidate: dict
    delta: dict
    per_label: dict
    mcnemar: dict
    bootstrap: dict

    @property
    def candidate_significantly_worse(self) -> bool:
        m = self.mcnemar
        return m["p_value"] < ALPHA and m["only_candidate_wrong"] > m["only_current_wrong"]


@dataclass
class Comparison:
    """The comparison on the test split (and the new cases) and the decision with reasons.

    ``reasons`` holds one line per rule, in Indonesian, starting with ``LULUS`` or ``GAGAL``.
    """

    current_version: str
    candidate_version: str
    test: SetComparison
    new_cases: SetComparison | None
    promote: bool
    reasons: list[str]

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> dict:
        """The few numbers kept in ``HISTORY.jsonl``."""
        def short(s: SetComparison | None):
            if s is None:
                return None
            return {"n": s.n, "current": s.current, "candidate": s.candidate,
                    "delta": s.delta, "mcnemar_p": s.mcnemar["p_value"],
                    "bootstrap_ci_macro_f1": [s.bootstrap["ci_low"], s.bootstrap["ci_high"]]}

        return {"current_version": self.current_version,
                "candidate_version": self.candidate_version, "promote": self.promote,
                "test": short(self.test), "new_cases": short(self.new_cases)}


def _macro_f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    """Primary-label macro-F1 over the labels present in ``gold`` (as in evaluation)."""
    k = len(CODES)
    tp = np.bincount(gold[gold == predicted], minlength=k)
    g, p = np.bincount(gold, minlength=k), np.bincount(predicted, minlength=k)
    present = g > 0
    return float(np.mean(2 * tp[present] / (g[present] + p[present])))


def _bootstrap(gold, current, candidate, resamples: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    n = len(gold)
    deltas = np.empty(resamples)
    for i in range(resamples):
        idx = rng.integers(0, n, n)
        deltas[i] = _macro_f1(gold[idx], candidate[idx]) - _macro_f1(gold[idx], current[idx])
    low, high = np.percentile(deltas, [2.5, 97.5])
    return {"delta_macro_f1": round(_macro_f1(gold, candidate) - _macro_f1(gold, current), 4),
            "ci_low": round(float(low), 4), "ci_high": round(float(high), 4),
            "resamples": resamples, "seed": seed}


def _mcnemar(current_ok: np.ndarray, candidate_ok: np.ndarray) -> dict:
    b = int(np.sum(current_ok & ~candidate_ok))
    c = int(np.sum(~current_ok & candidate_ok))
    p = binomtest(b, b + c, 0.5).pvalue if b + c else 1.0
    return {"only_candidate_wrong": b, "only_current_wrong": c, "p_value": round(float(p), 6)}


def _decisions(model, records):
    classifier = getattr(model, "classifier", model)
    return classifier.decide_texts([r.text for r in records])


def compare_on_records(current, candidate, records, name: str = "test",
                       resamples: int = RESAMPLES, seed: int = 0) -> SetComparison:
    """Both models (:class:`~coi_nlp.model.artifacts.LoadedModel` or fitted classifiers) on
    the same labelled records.

    Parameters
    ----------
    current, candidate : LoadedModel or CoiClassifier
    records : list of Record
        Non-empty; the first label of each is its primary label.
    name : str
        Name of the record set in reports.
    resamples, seed : int
        Paired bootstrap size and random seed (fixed: the same input gives the same output).

    Returns
    -------
    SetComparison
    """
    gold_sets = [r.labels for r in records]
    ours, theirs = _decisions(current, records), _decisions(candidate, records)
    m_cur, m_can = evaluate_decisions(gold_sets, ours), evaluate_decisions(gold_sets, theirs)
    index = {code: i for i, code in enumerate(CODES)}
    gold = np.array([index[labels[0]] for labels in gold_sets])
    p_cur = np.array([index[d.primary] for d in ours])
    p_can = np.array([index[d.primary] for d in theirs])
    per_label = {code: {"current": m_cur["per_label"][code]["f1"],
                        "candidate": m_can["per_label"][code]["f1"],
                        "delta": round(m_can["per_label"][code]["f1"]
                                       - m_cur["per_label"][code]["f1"], 4),
                        "support": m_cur["per_label"][code]["support"]} for code in CODES}
    return SetComparison(
        name=name, n=len(records),
        current={k: m_cur[k] for k in _HEADLINE},
        candidate={k: m_can[k] for k in _HEADLINE},
        delta={k: round(m_can[k] - m_cur[k], 4) for k in _HEADLINE},
        per_label=per_label,
        mcnemar=_mcnemar(p_cur == gold, p_can == gold),
        bootstrap=_bootstrap(gold, p_cur, p_can, resamples, seed))


def _rules(test: SetComparison, new: SetComparison | None, new_given: bool) -> list[tuple]:
    """(passed, message) for each rule of the module docstring."""
    cur, can, m = test.current, test.candidate, test.mcnemar
    rules = [
        (can["macro_f1"] >= cur["macro_f1"],
         (f"macro-F1 test kandidat {can['macro_f1']:.4f} vs model saat ini "
          f"{cur['macro_f1']:.4f} (selisih {test.delta['macro_f1']:+.4f}; harus >= 0)")),
        (can["coi_f1"] >= cur["coi_f1"] - COI_F1_TOLERANCE,
         (f"coi_f1 test kandidat {can['coi_f1']:.4f} vs {cur['coi_f1']:.4f} (selisih "
          f"{test.delta['coi_f1']:+.4f}; boleh turun paling banyak {COI_F1_TOLERANCE})")),
        (not test.candidate_significantly_worse,
         (f"McNemar test: hanya kandidat salah {m['only_candidate_wrong']}, hanya model saat "
          f"ini salah {m['only_current_wrong']}, p = {m['p_value']:.4g} (gagal bila kandidat "
          f"nyata lebih buruk, p < {ALPHA})")),
    ]
    if new is not None:
        n = new.mcnemar
        rules += [
            (new.candidate["accuracy"] >= new.current["accuracy"],
             (f"akurasi kasus baru (n = {new.n}) kandidat {new.candidate['accuracy']:.4f} vs "
              f"{new.current['accuracy']:.4f} (harus >= 0)")),
            (not new.candidate_significantly_worse,
             (f"McNemar kasus baru: hanya kandidat salah {n['only_candidate_wrong']}, hanya "
              f"model saat ini salah {n['only_current_wrong']}, p = {n['p_value']:.4g}")),
        ]
    elif new_given:
        rules.append((True, ("tidak ada kasus baru yang disisihkan untuk pengujian: aturan "
                             "kasus baru dilewati")))
    return rules


def compare_models(current, candidate, test_records, new_records=None,
                   resamples: int = RESAMPLES, seed: int = 0) -> Comparison:
    """Compare on the test split (and new cases) and apply the decision rule.

    Parameters
    ----------
    current, candidate : LoadedModel
    test_records : list of Record
        The fixed test split.
    new_records : list of Record, optional
        New cases not used to train the candidate. ``None``: no new cases were given; an
        empty list: new cases were given but none were held out (the rule is skipped).
    resamples, seed : int
        Paired bootstrap settings.

    Returns
    -------
    Comparison
    """
    test = compare_on_records(current, candidate, test_records, "test", resamples, seed)
    new = (compare_on_records(current, candidate, new_records, "kasus_baru", resamples, seed)
           if new_records else None)
    rules = _rules(test, new, new_records is not None)
    reasons = [("LULUS: " if ok else "GAGAL: ") + message for ok, message in rules]
    return Comparison(getattr(current, "version", "saat_ini"),
                      getattr(candidate, "version", "kandidat"), test, new,
                      all(ok for ok, _ in rules), reasons)
