from coi_nlp.lang.stop_words import KEPT_WORDS, STOP_WORDS
from coi_nlp.text.stopwords import remove_stop_words
from coi_nlp.text.tokenize import tokenize


def test_tokenizer_splits_punctuation_and_drops_it():
    assert tokenize("pak kadis, minta xxuang!! (katanya) ...") == [
        "pak", "kadis", "minta", "xxuang", "katanya"]


def test_placeholders_stay_single_tokens():
    assert tokenize("xxnik xxtelepon xxemail xxuang") == [
        "xxnik", "xxtelepon", "xxemail", "xxuang"]


def test_negations_and_domain_words_are_kept():
    for word in ["tidak", "bukan", "belum", "tanpa", "jangan", "hanya", "pihak", "ada",
                 "penting", "minta", "diberi", "memihak", "sendiri"]:
        assert word in KEPT_WORDS and word not in STOP_WORDS


def test_common_function_words_are_removed():
    assert remove_stop_words(["yang", "dan", "di", "kepala", "dinas", "itu"]) == [
        "kepala", "dinas"]


def test_stop_list_extends_spacy_rather_than_copying():
    from spacy.lang.id.stop_words import STOP_WORDS as SPACY

    assert STOP_WORDS - SPACY  # we add words
    assert SPACY - STOP_WORDS == KEPT_WORDS & SPACY  # and only remove the kept ones


def test_piecewise_tokens_equal_spacy_on_whole_documents():
    """Our memoised per-piece tokenisation gives exactly spaCy's tokens on real complaints."""
    from coi_nlp.corpus.records import read_records
    from coi_nlp.text.pipeline import IndonesianPreprocessor
    from coi_nlp.text.tokenize import _is_word, spacy_tokenizer
    from tests.conftest import CORPUS

    nlp = spacy_tokenizer()
    for record in read_records(CORPUS)[::3]:
        text = IndonesianPreprocessor.surface(record.text)
        expected = [t.text for t in nlp.tokenizer(text) if _is_word(t.text)]
        assert tokenize(text) == expected
