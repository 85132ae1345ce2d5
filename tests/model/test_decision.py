import numpy as np

from coi_nlp.model.decision import ReviewPolicy, decide
from coi_nlp.taxonomy import CODES, NOT_COI

POLICY = ReviewPolicy(min_top=0.5, min_margin=0.1)
THRESHOLDS = {code: 0.4 for code in CODES}


def probs(**values):
    row = np.full(len(CODES), 0.01)
    for code, value in values.items():
        row[CODES.index(code)] = value
    return row


def test_primary_and_second_label_above_threshold():
    d = decide(probs(izin_diskriminatif=0.9, gratifikasi=0.6), list(CODES), THRESHOLDS, POLICY)
    assert d.labels == ["izin_diskriminatif", "gratifikasi"] and d.primary == "izin_diskriminatif"
    assert d.is_coi and not d.needs_review


def test_at_most_max_labels():
    row = probs(izin_diskriminatif=0.9, gratifikasi=0.7, rangkap_jabatan=0.6)
    assert len(decide(row, list(CODES), THRESHOLDS, POLICY, max_labels=2).labels) == 2
    assert len(decide(row, list(CODES), THRESHOLDS, POLICY, max_labels=3).labels) == 3


def test_not_coi_stands_alone():
    d = decide(probs(**{NOT_COI: 0.9, "gratifikasi": 0.7}), list(CODES), THRESHOLDS, POLICY)
    assert d.labels == [NOT_COI] and not d.is_coi
    assert d.coi_probability == round(1 - 0.9, 4)


def test_review_when_unsure_or_close():
    low = decide(probs(gratifikasi=0.45), list(CODES), THRESHOLDS, POLICY)
    assert low.needs_review and "rendah" in low.review_reasons[0]
    close = decide(probs(gratifikasi=0.8, komersialisasi_layanan=0.75), list(CODES), THRESHOLDS,
                   POLICY)
    assert close.needs_review and any("berdekatan" in r for r in close.review_reasons)


def test_review_when_coi_probability_disagrees():
    d = decide(probs(gratifikasi=0.9, **{NOT_COI: 0.7}), list(CODES), THRESHOLDS,
               ReviewPolicy(0.5, 0.1))
    assert d.is_coi and d.coi_probability < 0.5 and d.needs_review


def test_primary_probabilities_choose_the_primary_label():
    # gratifikasi is the more certain label, but the primary-label ranking says the
    # complaint is about the permit: the permit goes first, the gift stays in the set
    row = probs(gratifikasi=0.9, izin_diskriminatif=0.8)
    ranking = probs(gratifikasi=0.3, izin_diskriminatif=0.6)
    d = decide(row, list(CODES), THRESHOLDS, POLICY, primary_probabilities=ranking)
    assert d.labels == ["izin_diskriminatif", "gratifikasi"]
    assert d.primary == "izin_diskriminatif" and d.is_coi
    assert not d.needs_review  # 0.6 >= min_top, margin 0.3 >= 0.1
    assert decide(row, list(CODES), THRESHOLDS, POLICY).primary == "gratifikasi"


def test_review_follows_the_primary_ranking():
    row = probs(gratifikasi=0.9, izin_diskriminatif=0.8)
    close = probs(gratifikasi=0.44, izin_diskriminatif=0.48)
    d = decide(row, list(CODES), THRESHOLDS, POLICY, primary_probabilities=close)
    assert d.needs_review and len(d.review_reasons) == 2
    assert "label utama rendah" in d.review_reasons[0]
