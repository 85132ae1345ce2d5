"""Calibrated probabilities of linear SVMs with one matrix product.

The classifier's probabilities come from scikit-learn's ``CalibratedClassifierCV`` (sigmoid,
``ensemble=False``) around ``LinearSVC``. For every output ``k`` that is

    p_k = expit(-(a_k * (x . w_k + c_k) + b_k))

(the SVM's score, then Platt's sigmoid). Asking the 13 wrapped estimators of a one-vs-rest
model for the probabilities of *one* complaint costs about 7 ms of per-call overhead (input
checks, label encoding, a Python loop per estimator and per calibrator): more than all the rest
of triage, and it is paid on every request the service answers. :class:`SigmoidLinear` reads
``w``, ``c``, ``a`` and ``b`` out of the fitted estimators once and computes every output with
one sparse-dense product. It gives the same numbers (tests compare it with scikit-learn's
``predict_proba``); anything it does not recognise is left to scikit-learn.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

__all__ = ["SigmoidLinear"]


class SigmoidLinear:
    """``expit(-(slopes * (X @ weights + intercepts) + offsets))``, column by column.

    Parameters
    ----------
    weights : ndarray, shape (n_features, n_outputs)
    intercepts, slopes, offsets : ndarray, shape (n_outputs,)
    constants : ndarray, shape (n_outputs,), optional
        A fixed probability for outputs without a model (NaN where there is one).
    normalise : bool
        Divide each row by its sum (multi-class calibration does; multi-label does not).
    """

    def __init__(self, weights, intercepts, slopes, offsets, constants=None, normalise=False):
        self.weights = np.ascontiguousarray(weights, dtype=float)
        self.intercepts = np.asarray(intercepts, dtype=float)
        self.slopes = np.asarray(slopes, dtype=float)
        self.offsets = np.asarray(offsets, dtype=float)
        self.constants = (np.full(len(self.intercepts), np.nan) if constants is None
                          else np.asarray(constants, dtype=float))
        self.normalise = normalise

    @classmethod
    def from_one_vs_rest(cls, one_vs_rest) -> SigmoidLinear | None:
        """From a multi-label ``OneVsRestClassifier`` of calibrated ``LinearSVC``; ``None``
        when the model is built differently."""
        if not getattr(one_vs_rest, "multilabel_", False):
            return None
        columns = []
        for estimator in one_vs_rest.estimators_:
            if not hasattr(estimator, "calibrated_classifiers_"):
                # a label seen with one value only: scikit-learn's constant predictor
                columns.append((None, float(np.ravel(estimator.y_)[0])))
                continue
            parts = _sigmoid_svm(estimator)
            if parts is None or parts[0].shape[0] != 1:
                return None
            columns.append((parts, np.nan))
        width = next((p[0].shape[1] for p, _ in columns if p is not None), None)
        if width is None:
            return None
        weights, intercepts, slopes, offsets, constants = [], [], [], [], []
        for parts, constant in columns:
            if parts is None:
                parts = (np.zeros((1, width)), np.zeros(1), np.zeros(1), np.zeros(1))
            weights.append(parts[0][0])
            intercepts.append(parts[1][0])
            slopes.append(parts[2][0])
            offsets.append(parts[3][0])
            constants.append(constant)
        return cls(np.array(weights).T, intercepts, slopes, offsets, constants)

    @classmethod
    def from_calibrated_multiclass(cls, calibrated) -> SigmoidLinear | None:
        """From a multi-class (3+ classes) ``CalibratedClassifierCV`` of ``LinearSVC``."""
        if len(calibrated.classes_) < 3:
            return None
        parts = _sigmoid_svm(calibrated)
        if parts is None or parts[0].shape[0] != len(calibrated.classes_):
            return None
        coef, intercept, slopes, offsets = parts
        return cls(coef.T, intercept, slopes, offsets, normalise=True)

    def predict_proba(self, X) -> np.ndarray:
        scores = np.asarray(X @ self.weights) + self.intercepts
        proba = expit(-(self.slopes * scores + self.offsets))
        fixed = ~np.isnan(self.constants)
        if fixed.any():
            proba[:, fixed] = self.constants[fixed]
        if self.normalise:
            total = proba.sum(axis=1, keepdims=True)
            # as scikit-learn: a row of zeros becomes the uniform distribution
            uniform = np.full_like(proba, 1.0 / proba.shape[1])
            proba = np.divide(proba, total, out=uniform, where=total != 0)
        return proba


def _sigmoid_svm(calibrated):
    """(coef, intercept, a, b) of a ``CalibratedClassifierCV(LinearSVC, "sigmoid",
    ensemble=False)``, or ``None`` for any other make-up."""
    if getattr(calibrated, "method", None) != "sigmoid" \
            or len(getattr(calibrated, "calibrated_classifiers_", ())) != 1:
        return None
    inner = calibrated.calibrated_classifiers_[0]
    svm = inner.estimator
    if not hasattr(svm, "coef_") or any(not hasattr(c, "a_") for c in inner.calibrators):
        return None
    if list(svm.classes_) != list(inner.classes):  # calibrators follow the SVM's class order
        return None
    coef = np.atleast_2d(svm.coef_)
    slopes = np.array([float(np.ravel(c.a_)[0]) for c in inner.calibrators])
    offsets = np.array([float(np.ravel(c.b_)[0]) for c in inner.calibrators])
    if len(slopes) != coef.shape[0]:
        return None
    return coef, np.ravel(svm.intercept_), slopes, offsets
