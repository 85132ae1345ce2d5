import json

import numpy as np
import pytest

from coi_nlp.errors import InputError
from coi_nlp.model.classifier import CoiClassifier
from coi_nlp.model.training import train_model
from coi_nlp.taxonomy import CODES, NOT_COI
from tests.conftest import small_records


def test_card_records_what_the_contract_asks(small_training):
    model, card = small_training
    assert card["labels"] == list(CODES)
    assert len(card["data"]["sha256"]) == 64 and card["data"]["n"] == len(small_records())
    assert set(card["thresholds"]) == set(CODES)
    assert all(0.05 <= t <= 0.95 for t in card["thresholds"].values())
    for split in ("dev", "test"):
        metrics = card["metrics"][split]
        for key in ("n", "macro_f1", "accuracy", "micro_f1", "samples_f1", "coi_f1",
                    "review_rate", "selective_macro_f1", "selective_accuracy", "per_label"):
            assert key in metrics
    policy = card["review_policy"]
    assert policy["coverage_curve_dev"] and 0 <= policy["min_top"] <= 1
    assert card["library_versions"]["PySastrawi"] == "1.2.1"
    json.dumps(card)  # serialisable


def test_saved_card_records_the_scikit_learn_version(small_model):
    import sklearn

    assert small_model.card["library_versions"]["scikit-learn"] == sklearn.__version__


def test_probabilities_and_label_sets(small_training):
    model, _ = small_training
    texts = ["Pak kades minta uang 500rb buat tanda tangan surat pengantar KTP, padahal gratis.",
             "Lampu jalan di depan rumah saya mati sudah seminggu, mohon diperbaiki."]
    proba = model.predict_proba(texts)
    assert proba.shape == (2, 13) and ((proba >= 0) & (proba <= 1)).all()
    for labels in model.predict(texts):
        assert 1 <= len(labels) <= 2
        assert NOT_COI not in labels or labels == [NOT_COI]


def test_learns_something_beyond_chance(small_training):
    _, card = small_training
    # 13 balanced-ish classes: chance macro-F1 is about 0.08
    assert card["metrics"]["test"]["macro_f1"] > 0.3
    assert card["metrics"]["test"]["coi_f1"] > 0.8


def test_same_data_and_seed_give_same_predictions(small_training):
    model, _ = small_training
    again, _ = train_model(small_records(), name="uji-kecil", search=False,
                           show_progress=False)
    texts = [r.text for r in small_records()[:40]]
    assert np.array_equal(model.predict_proba(texts), again.predict_proba(texts))


def test_search_uses_cross_validation_on_train_and_dev_only():
    records = small_records(per_label=10)
    _, card = train_model(records, search=True, show_progress=False)
    results = card["search"]["results"]
    assert len(results) == 9 and all("cv_macro_f1" in r for r in results)
    chosen = card["hyperparameters"]
    assert any(r["C"] == chosen["C"] and r["stem"] == chosen["stem"] for r in results)


def test_bad_training_data_is_refused():
    with pytest.raises(Exception, match="korupsi"):
        CoiClassifier().fit(["a", "b"], [["korupsi"], ["gratifikasi"]])
    with pytest.raises(InputError):
        CoiClassifier().fit(["teks satu", "teks dua", "teks tiga"],
                            [["gratifikasi"], ["gratifikasi"], ["penilaian_bias"]])
    with pytest.raises(InputError):
        train_model(small_records()[:5], search=False, show_progress=False)


def test_primary_label_model_and_its_weight(small_training):
    model, card = small_training
    texts = [r.text for r in small_records()[:60]]
    matrix = model.transform_features(texts)
    proba = model.proba_from_features(matrix)
    chosen = model.primary_weight_
    assert chosen in [r["primary_weight"] for r in card["primary_model"]["dev_results"]]
    assert card["primary_model"]["weight"] == chosen == max(
        card["primary_model"]["dev_results"],
        key=lambda r: (r["dev_macro_f1"], -abs(r["primary_weight"] - 0.5)))["primary_weight"]
    try:
        ranking = model.primary_proba_from_features(matrix, proba)
        assert np.allclose(ranking.sum(axis=1), 1)
        # weight 0: the one-vs-rest probabilities alone decide the primary label
        model.set_primary_weight(0)
        alone = model.primary_proba_from_features(matrix, proba)
        assert (alone.argmax(1) == proba.argmax(1)).all()
        # weight 1: the primary-label model alone decides
        model.set_primary_weight(1)
        heavy = model.primary_proba_from_features(matrix, proba)
        own = model.primary_estimator_.predict_proba(matrix).argmax(1)
        assert [CODES[i] for i in heavy.argmax(1)] == list(model.primary_estimator_.classes_[own])
        with pytest.raises(InputError):
            model.set_primary_weight(-1)
        with pytest.raises(InputError):
            model.set_primary_weight(1.5)
    finally:
        model.set_primary_weight(chosen)
    assert [d.primary for d in model.decide_texts(texts)] == [
        CODES[i] for i in ranking.argmax(1)]
