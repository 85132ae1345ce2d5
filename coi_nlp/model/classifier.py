"""The multi-label classifier: our features, one-vs-rest linear SVMs with class weighting,
probabilities calibrated by cross-validation (sigmoid), per-label thresholds, and a
primary-label model.

Two questions, two models. The one-vs-rest SVMs answer "is this conflict in the text?" for
each code: their calibrated probabilities are the per-label probabilities and decide the
label set. They are trained on every label of a record, so a text about a permit sped up
after an envelope scores high on both izin_diskriminatif and gratifikasi, and they cannot
tell which one the complaint is *about*. A multi-class SVM trained on the primary label only
learns that (the annotation guide's ordering, section 5.2). The two are pooled log-linearly:
the probability of each code being the primary label is proportional to
``P(present) ** (1 - w) * P(primary) ** w``, normalised over the codes, and the primary label
is the most probable one. The weight ``w`` (``primary_weight_``, between 0 = the one-vs-rest
ranking alone and 1 = the primary model alone) is chosen on the dev split.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from coi_nlp.errors import InputError, ModelFileError
from coi_nlp.model.decision import Decision, ReviewPolicy, decide
from coi_nlp.model.fast_proba import SigmoidLinear
from coi_nlp.model.features import CHAR, WORD, build_features
from coi_nlp.taxonomy import CODES, validate_labels

__all__ = ["CoiClassifier"]


class CoiClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label conflict-of-interest classifier over the 13 codes of the contract.

    Parameters
    ----------
    C : float, default 0.5
        Regularisation of the linear SVMs (smaller is stronger).
    word_ngrams, char_ngrams : tuple, default (1, 2) and (2, 5)
        n-gram ranges of the word and character branches.
    char_weight : float, default 1.0
        Weight of the character branch relative to the word branch.
    remove_stop_words, stem : bool, default True
        Options of the word branch's preprocessing.
    min_df : int, default 2
        Minimum document frequency of a feature.
    calibration_cv : int, default 5
        Folds for the sigmoid calibration (fewer when a label has fewer examples).
    max_labels : int, default 2
        Most labels in a predicted set.
    random_state : int, default 0
        Seed for the SVM solver: same data and seed give the same model.

    Attributes
    ----------
    classes_ : list of str
        The 13 codes, in contract order.
    features_ : FeatureUnion
    estimator_ : OneVsRestClassifier
    primary_estimator_ : CalibratedClassifierCV
        Multi-class model of the primary label.
    primary_weight_ : float
        Weight (0-1) of the primary-label model in the choice of the primary label (0.5
        until tuned with :meth:`set_primary_weight`).
    thresholds_ : dict
        Per-code decision thresholds (0.5 until tuned with :meth:`set_thresholds`).
    review_policy_ : ReviewPolicy
    """

    def __init__(self, C=0.5, word_ngrams=(1, 2), char_ngrams=(2, 5), char_weight=1.0,
                 remove_stop_words=True, stem=True, min_df=2, calibration_cv=5, max_labels=2,
                 random_state=0):
        self.C = C
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.char_weight = char_weight
        self.remove_stop_words = remove_stop_words
        self.stem = stem
        self.min_df = min_df
        self.calibration_cv = calibration_cv
        self.max_labels = max_labels
        self.random_state = random_state

    # --- training ---------------------------------------------------------------------
    def fit(self, X, y):
        """Fit on texts ``X`` and label lists ``y`` (first label = primary)."""
        self._clear_caches()
        texts = list(X)
        label_lists = [validate_labels(list(labels)) for labels in y]
        if len(texts) != len(label_lists):
            raise InputError("Jumlah teks dan label berbeda.", "X and y differ in length.")
        binarizer = MultiLabelBinarizer(classes=list(CODES))
        Y = binarizer.fit_transform(label_lists)
        positives = Y.sum(axis=0)
        present = positives[positives > 0]
        if (present < 2).any():
            rare = [c for c, n in zip(CODES, positives) if n == 1]
            raise InputError(f"Label dengan hanya satu contoh: {', '.join(rare)}; "
                             "butuh minimal dua.", "Every present label needs 2+ examples.",
                             code="data_latih_kurang")
        folds = int(max(2, min(self.calibration_cv, present.min())))
        self.features_ = build_features(self.word_ngrams, self.char_ngrams, self.char_weight,
                                        self.remove_stop_words, self.stem, self.min_df)
        matrix = self.features_.fit_transform(texts)
        for _, branch in self.features_.transformer_list:
            branch[-1].stop_words_ = None  # pruned-term set: large and not needed to predict
        svm = LinearSVC(C=self.C, class_weight="balanced", random_state=self.random_state,
                        max_iter=10_000)
        calibrated = CalibratedClassifierCV(svm, method="sigmoid", cv=folds, ensemble=False)
        self.estimator_ = OneVsRestClassifier(calibrated).fit(matrix, Y)
        self.primary_estimator_ = self._fit_primary(matrix, [labels[0] for labels in label_lists])
        self.primary_weight_ = 0.5
        self.classes_ = list(CODES)
        self.thresholds_ = {code: 0.5 for code in CODES}
        self.review_policy_ = ReviewPolicy()
        return self

    def _fit_primary(self, matrix, primary: list[str]):
        # Codes that are primary only once cannot be calibrated by cross-validation: the
        # model leaves them out and gives them a neutral score (see primary_proba_from_features).
        counts = Counter(primary)
        usable = [n for n in counts.values() if n >= 2]
        if len(usable) < 2:
            return None
        keep = np.array([counts[code] >= 2 for code in primary])
        folds = int(min(self.calibration_cv, min(usable)))
        svm = LinearSVC(C=self.C, class_weight="balanced", random_state=self.random_state,
                        max_iter=10_000)
        return CalibratedClassifierCV(svm, method="sigmoid", cv=max(2, folds),
                                      ensemble=False).fit(matrix[keep],
                                                          np.asarray(primary)[keep])

    def set_thresholds(self, thresholds: dict[str, float]):
        check_is_fitted(self, "estimator_")
        for code in thresholds:
            validate_labels([code])
        self.thresholds_ = {**self.thresholds_, **{k: float(v) for k, v in thresholds.items()}}
        return self

    def set_primary_weight(self, weight: float):
        """Weight of the primary-label model, 0 (the one-vs-rest ranking alone) to 1 (the
        primary-label model alone)."""
        check_is_fitted(self, "estimator_")
        if not 0 <= weight <= 1:
            raise InputError("Bobot model label utama harus antara 0 dan 1.",
                             "primary_weight must be between 0 and 1.")
        self.primary_weight_ = float(weight)
        return self

    def set_review_policy(self, policy: ReviewPolicy):
        check_is_fitted(self, "estimator_")
        self.review_policy_ = policy
        return self

    # --- prediction -------------------------------------------------------------------
    def transform_features(self, X):
        check_is_fitted(self, "estimator_")
        return self.features_.transform(list(X))

    def predict_proba(self, X) -> np.ndarray:
        """Calibrated probability of each code (columns in :attr:`classes_` order)."""
        return self.proba_from_features(self.transform_features(X))

    def proba_from_features(self, matrix) -> np.ndarray:
        fast = self._fast_scorers()[0]
        if fast is not None:
            return fast.predict_proba(matrix)
        return np.asarray(self.estimator_.predict_proba(matrix), dtype=float)

    def _primary_model_proba(self, matrix) -> np.ndarray:
        fast = self._fast_scorers()[1]
        if fast is not None:
            return fast.predict_proba(matrix)
        return self.primary_estimator_.predict_proba(matrix)

    def _fast_scorers(self) -> tuple[SigmoidLinear | None, SigmoidLinear | None]:
        # The same probabilities as the estimators', without their per-call overhead (see
        # coi_nlp.model.fast_proba); built once per loaded model.
        check_is_fitted(self, "estimator_")
        cached = self.__dict__.get("_fast")
        if cached is None:
            primary = getattr(self, "primary_estimator_", None)
            cached = (SigmoidLinear.from_one_vs_rest(self.estimator_),
                      SigmoidLinear.from_calibrated_multiclass(primary) if primary else None)
            self.__dict__["_fast"] = cached
        return cached

    def primary_proba_from_features(self, matrix, probabilities: np.ndarray) -> np.ndarray:
        """Probability of each code being the primary label (columns in :attr:`classes_`
        order): the per-label ``probabilities`` times the primary-label model's,
        pooled log-linearly with weight :attr:`primary_weight_`, normalised per row."""
        check_is_fitted(self, "estimator_")
        if getattr(self, "primary_estimator_", None) is None or self.primary_weight_ == 0:
            return probabilities / probabilities.sum(axis=1, keepdims=True)
        # codes the primary model never saw as primary get a neutral 1/13
        primary = np.full_like(probabilities, 1.0 / len(self.classes_))
        columns = [self.classes_.index(code) for code in self.primary_estimator_.classes_]
        primary[:, columns] = np.maximum(self._primary_model_proba(matrix), 1e-6)
        weight = self.primary_weight_
        joint = np.maximum(probabilities, 1e-6) ** (1 - weight) * primary ** weight
        return joint / joint.sum(axis=1, keepdims=True)

    def decide(self, probabilities: np.ndarray,
               primary_probabilities: np.ndarray | None = None) -> list[Decision]:
        """Decisions from per-label probabilities and, when given, primary-label
        probabilities (without them the most probable label is the primary)."""
        check_is_fitted(self, "estimator_")
        probabilities = np.atleast_2d(probabilities)
        primary = (np.atleast_2d(primary_probabilities) if primary_probabilities is not None
                   else [None] * len(probabilities))
        return [decide(row, self.classes_, self.thresholds_, self.review_policy_,
                       self.max_labels, primary_row)
                for row, primary_row in zip(probabilities, primary)]

    def decide_features(self, matrix) -> tuple[np.ndarray, list[Decision]]:
        """Per-label probabilities and decisions for a feature matrix."""
        probabilities = self.proba_from_features(matrix)
        primary = self.primary_proba_from_features(matrix, probabilities)
        return probabilities, self.decide(probabilities, primary)

    def decide_texts(self, X) -> list[Decision]:
        """Decisions for texts ``X``."""
        return self.decide_features(self.transform_features(X))[1]

    def predict(self, X) -> list[list[str]]:
        """Predicted label lists, primary first."""
        return [d.labels for d in self.decide_texts(X)]

    def linear_weights(self) -> np.ndarray:
        """Per-code weights of the underlying SVMs (codes x features), for explanations.

        The sigmoid calibration is monotonic in the SVM's score, so the SVM's terms are the
        terms that moved the calibrated probability.
        """
        one_vs_rest = self._fast_scorers()[0]
        if one_vs_rest is not None:
            # the coefficients the probabilities are computed from, read once (fast_proba)
            return one_vs_rest.weights.T
        # a make-up the fast scorer does not take: read each label's SVM coefficients
        rows = [_svm_coefficients(estimator) for estimator in self.estimator_.estimators_]
        width = next((len(row) for row in rows if row is not None), None)
        if width is None:
            raise ModelFileError("Model ini tidak dapat dijelaskan: susunan estimatornya tidak "
                                 "dikenali.", "Cannot explain this model: unknown estimator "
                                 "make-up.", code="model_tidak_dikenali")
        # a code absent from training is a constant predictor: no terms
        return np.vstack([row if row is not None else np.zeros(width) for row in rows])

    def feature_names(self) -> tuple[np.ndarray, np.ndarray]:
        """Names of the word-branch and character-branch features (cached)."""
        check_is_fitted(self, "estimator_")
        cached = self.__dict__.get("_names")
        if cached is None:
            branches = dict(self.features_.transformer_list)
            cached = tuple(branches[name][-1].get_feature_names_out() for name in (WORD, CHAR))
            self.__dict__["_names"] = cached
        return cached

    _CACHES = ("_names", "_fast")  # derived from the fitted state, rebuilt on use

    def _clear_caches(self):
        for name in self._CACHES:
            self.__dict__.pop(name, None)

    def __getstate__(self):
        state = dict(self.__dict__)
        for name in self._CACHES:
            state.pop(name, None)
        return state


def _svm_coefficients(estimator) -> np.ndarray | None:
    """The coefficients of a calibrated linear SVM, or ``None`` (a constant predictor)."""
    calibrated = getattr(estimator, "calibrated_classifiers_", None)
    if not calibrated or not hasattr(calibrated[0].estimator, "coef_"):
        return None
    return calibrated[0].estimator.coef_.ravel()
