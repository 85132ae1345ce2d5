import numpy as np
import pytest
from scipy import sparse
from sklearn.calibration import CalibratedClassifierCV
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC

from coi_nlp.model.fast_proba import SigmoidLinear
from tests.conftest import small_records


def _data(seed=0, n=120, width=30, classes=4):
    rng = np.random.default_rng(seed)
    X = sparse.random(n, width, density=0.3, format="csr", random_state=seed)
    y = rng.integers(0, classes, n)
    X = X + sparse.csr_matrix((np.eye(classes)[y] * 2.0) @ rng.normal(size=(classes, width)))
    return sparse.csr_matrix(X), y


def _calibrated(**kwargs):
    return CalibratedClassifierCV(LinearSVC(C=1.0, random_state=0), method="sigmoid", cv=3,
                                  **kwargs)


def test_same_probabilities_as_scikit_learn_for_the_trained_models(small_training):
    model, _ = small_training
    matrix = model.transform_features([r.text for r in small_records()])
    fast, fast_primary = model._fast_scorers()
    assert fast is not None and fast_primary is not None
    assert np.allclose(fast.predict_proba(matrix), model.estimator_.predict_proba(matrix),
                       rtol=0, atol=1e-12)
    assert np.allclose(fast_primary.predict_proba(matrix),
                       model.primary_estimator_.predict_proba(matrix), rtol=0, atol=1e-12)
    assert np.array_equal(model.proba_from_features(matrix),
                          fast.predict_proba(matrix))


@pytest.mark.filterwarnings("ignore:Label not 2 is present")
def test_a_label_without_examples_keeps_its_constant_probability():
    X, y = _data()
    Y = np.column_stack([y == 0, y == 1, np.zeros_like(y)]).astype(int)  # third: never
    ovr = OneVsRestClassifier(_calibrated(ensemble=False)).fit(X, Y)
    fast = SigmoidLinear.from_one_vs_rest(ovr)
    expected = ovr.predict_proba(X)
    assert np.allclose(fast.predict_proba(X), expected, rtol=0, atol=1e-12)
    assert (fast.predict_proba(X)[:, 2] == 0).all()


def test_multiclass_rows_are_normalised_as_in_scikit_learn():
    X, y = _data(seed=1, classes=5)
    calibrated = _calibrated(ensemble=False).fit(X, y)
    fast = SigmoidLinear.from_calibrated_multiclass(calibrated)
    assert np.allclose(fast.predict_proba(X), calibrated.predict_proba(X), rtol=0, atol=1e-12)
    assert np.allclose(fast.predict_proba(X).sum(axis=1), 1)


def test_other_make_ups_are_left_to_scikit_learn():
    X, y = _data(seed=2)
    ensemble = _calibrated(ensemble=True).fit(X, y)  # several calibrated copies averaged
    assert SigmoidLinear.from_calibrated_multiclass(ensemble) is None
    isotonic = CalibratedClassifierCV(LinearSVC(random_state=0), method="isotonic", cv=3,
                                      ensemble=False).fit(X, y)
    assert SigmoidLinear.from_calibrated_multiclass(isotonic) is None
    binary = _calibrated(ensemble=False).fit(X, y % 2)
    assert SigmoidLinear.from_calibrated_multiclass(binary) is None
    multiclass_ovr = OneVsRestClassifier(_calibrated(ensemble=False)).fit(X, y)
    assert SigmoidLinear.from_one_vs_rest(multiclass_ovr) is None  # rows normalised there


def test_caches_are_dropped_on_refit_and_pickling():
    import pickle

    from coi_nlp.model.classifier import CoiClassifier

    records = [r for r in small_records(per_label=4) if r.split == "train"]
    texts, labels = [r.text for r in records], [r.labels for r in records]
    model = CoiClassifier(calibration_cv=2).fit(texts, labels)
    first = model._fast_scorers()
    assert "_fast" not in pickle.loads(pickle.dumps(model)).__dict__
    model.set_params(C=0.01).fit(texts, labels)  # a refit must not reuse the old weights
    assert model._fast_scorers() is not first
    assert np.allclose(model.proba_from_features(model.transform_features(texts)),
                       model.estimator_.predict_proba(model.transform_features(texts)))


def test_explanation_weights_do_not_depend_on_the_fast_scorer(small_training):
    """linear_weights reads the fast scorer's copy of the SVM coefficients; a model the fast
    scorer does not take is still explained, from the SVMs themselves."""
    model, _ = small_training
    fast_weights = model.linear_weights().copy()
    model.__dict__["_fast"] = (None, None)  # as for a make-up SigmoidLinear refuses
    try:
        assert np.array_equal(model.linear_weights(), fast_weights)
    finally:
        model.__dict__.pop("_fast")
