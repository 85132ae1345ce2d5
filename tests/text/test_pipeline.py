import pickle

import pytest
from sklearn.base import clone
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.pipeline import make_pipeline

from coi_nlp.text import IndonesianPreprocessor

COMPLAINT = (
    "Yth. Inspektorat, sy mau lapor: Pak Kadis minta duit Rp 2,5 juta utk pengadaan "
    "laptop sekolah, katanya biar cepet. Ini jelas ada kepentingan pribadi yg berkepentingan "
    "adalah adik iparnya. HP sy 0812-3456-7890, email budi@contoh.id, NIK 3273014506880002."
)


def test_domain_words_survive_the_whole_pipeline():
    tokens = IndonesianPreprocessor().tokens(COMPLAINT)
    assert "pengadaan" in tokens
    assert tokens.count("kepentingan") == 2  # "kepentingan" and "berkepentingan"
    assert "ada" in tokens  # the verb "ada" is kept on purpose


def test_reporter_data_and_money_become_placeholders():
    tokens = IndonesianPreprocessor().tokens(COMPLAINT)
    assert {"xxtelepon", "xxemail", "xxnik", "xxuang"} <= set(tokens)
    joined = " ".join(tokens)
    assert "0812" not in joined and "budi" not in joined and "3273" not in joined


def test_slang_is_normalised_before_stop_words_and_stemming():
    tokens = IndonesianPreprocessor().tokens("sy gk dikasih duit, kadis bilang tdk ada")
    # "bilang" -> "kata", a stop word; "tdk" -> "tidak", a kept negation
    assert tokens == ["tidak", "beri", "uang", "kepala", "dinas", "tidak", "ada"]


def test_options_switch_steps_off():
    pre = IndonesianPreprocessor(remove_stop_words=False, stem=False)
    assert pre.tokens("yang memberikan") == ["yang", "memberikan"]


def test_analyse_keeps_written_forms_for_explanations():
    analysed = IndonesianPreprocessor().analyse("Kadis memberikan izin")
    assert [(t.surface, t.normalised, t.stem) for t in analysed] == [
        ("kadis", "kepala", "kepala"), ("kadis", "dinas", "dinas"),
        ("memberikan", "memberikan", "beri"), ("izin", "izin", "izin")]


def test_sklearn_conventions():
    pre = IndonesianPreprocessor(stem_cache_size=10)
    assert pre.get_params() == {"remove_stop_words": True, "stem": True,
                                "normalise_informal": True, "stem_cache_size": 10,
                                "output": "tokens"}
    copy = clone(pre)
    assert copy.get_params() == pre.get_params()
    assert pre.fit(["a"]) is pre
    # unfitted use is allowed: the transformer is stateless
    assert IndonesianPreprocessor().transform(["Kepala dinas"]) == ["kepala dinas"]


def test_pickle_round_trip_gives_identical_output():
    pre = IndonesianPreprocessor()
    before = pre.transform([COMPLAINT])
    again = pickle.loads(pickle.dumps(pre))
    assert again.transform([COMPLAINT]) == before


def test_composes_in_a_pipeline():
    pipe = make_pipeline(IndonesianPreprocessor(), CountVectorizer(token_pattern=r"\S+"))
    matrix = pipe.fit_transform([COMPLAINT, "jalan rusak di desa"])
    assert matrix.shape[0] == 2
    assert "pengadaan" in pipe[-1].vocabulary_


@pytest.mark.parametrize("bad", ["satu string", b"bytes", [None], ["ok", 3]])
def test_bad_input_is_a_clear_type_error(bad):
    with pytest.raises(TypeError, match="str"):
        IndonesianPreprocessor().transform(bad)


def test_empty_and_huge_documents():
    pre = IndonesianPreprocessor()
    assert pre.transform(["", "   "]) == ["", ""]
    huge = "kepala dinas minta uang " * 20_000
    assert pre.transform([huge])[0].count("kepala") == 20_000


def test_surface_output_for_character_ngrams():
    pre = IndonesianPreprocessor(output="surface")
    assert pre.transform(["<b>Kadis</b> minta Rp 2,5 juta, HP 0812-3456-7890"]) == [
        "kadis minta xxuang , hp xxtelepon"]
    with pytest.raises(ValueError):
        IndonesianPreprocessor(output="lain").transform(["x"])


@pytest.mark.parametrize("options", [{}, {"stem": False}, {"remove_stop_words": False},
                                     {"normalise_informal": False}])
def test_fast_tokens_equal_the_analysed_stems(options):
    pre = IndonesianPreprocessor(**options)
    analysed = [t.stem for t in pre.analyse(COMPLAINT) if t.stem]
    assert pre.tokens(COMPLAINT) == analysed


def test_word_analysis_memo_holds_nothing_the_garbage_collector_tracks():
    """The memo behind explanations lives as long as the process: its values must be plain
    tuples of strings (untracked after a collection), not namedtuples, which stay tracked
    and would be walked by every full collection."""
    import gc

    pre = IndonesianPreprocessor()
    pre.analyse("Pak Kades minta duit 2 jt buat ngurus surat tanah, gk adil bgt")
    gc.collect()
    gc.collect()  # a tuple of tuples is untracked once its inner tuples are
    memo = pre._word_analyser()
    assert len(memo) > 5
    assert not any(gc.is_tracked(value) for value in memo.values())
