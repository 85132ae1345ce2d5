from hypothesis import given, settings
from hypothesis import strategies as st

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


def _doc_tokens(doc):
    return [(token.text, token.whitespace_, token.idx) for token in doc]


def spacy_doc(text):
    """The Doc key facts build: from spacy_words' tokens and spaces."""
    from spacy.tokens import Doc

    from coi_nlp.text.tokenize import spacy_tokenizer, spacy_words

    words, spaces = spacy_words(text)
    return Doc(spacy_tokenizer().vocab, words=words, spaces=spaces)


def test_spacy_doc_equals_make_doc_on_the_corpus():
    """facts builds its Doc from memoised pieces: same tokens, spaces and offsets as spaCy."""
    from coi_nlp.corpus.records import read_records
    from coi_nlp.text.redact import redact_text
    from coi_nlp.text.tokenize import spacy_tokenizer
    from tests.conftest import CORPUS

    nlp = spacy_tokenizer()
    for record in read_records(CORPUS):
        for text in (record.text, redact_text(record.text)):
            assert _doc_tokens(spacy_doc(text)) == _doc_tokens(nlp.make_doc(text)), text


_PIECES = list("aK9 .,()-/!?%&@\n\t\u00a0\u3000") + ["Rp", "jt", "Dr.", "  "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_spacy_doc_equals_make_doc_on_any_spacing(text):
    # Leading, trailing and repeated whitespace of every kind, punctuation next to words.
    # (Runs of quote marks such as "' ''x" are the one known difference: there spaCy
    # re-applies special cases across neighbouring pieces; facts ignore quote marks.)
    from coi_nlp.text.tokenize import spacy_tokenizer

    assert _doc_tokens(spacy_doc(text)) == _doc_tokens(spacy_tokenizer().make_doc(text))


def _spacy_piece(piece):
    from coi_nlp.text.tokenize import spacy_tokenizer

    return tuple(token.text for token in spacy_tokenizer().tokenizer(piece))


def test_pieces_split_without_spacy_get_spacy_s_tokens():
    """New pieces are split by spaCy's rules without building a Doc (coi_nlp/text/affixes.py):
    the same tokens as spaCy's on every piece of the corpus, as written and lower-cased."""
    from coi_nlp.corpus.records import read_records
    from coi_nlp.text.affixes import split_piece
    from coi_nlp.text.tokenize import _PIECE_TOKENS, spacy_tokenizer
    from tests.conftest import CORPUS

    tokenizer = spacy_tokenizer().tokenizer
    pieces = {p for r in read_records(CORPUS) for t in (r.text, r.text.lower())
              for p in t.split()}
    split = [p for p in pieces if split_piece(tokenizer, p) is not None]
    assert len(split) > 0.9 * len(pieces)  # spaCy itself is rarely needed
    assert any(len(split_piece(tokenizer, p)) > 1 for p in split)
    for piece in pieces:
        assert _PIECE_TOKENS.compute(piece) == _spacy_piece(piece), piece
    # currency codes are prefixes; tokenizer exceptions are left to spaCy
    assert split_piece(tokenizer, "USDT") == ("USD", "T")
    assert split_piece(tokenizer, "a.n.") is None and _spacy_piece("a.n.") == ("a.n.",)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("aZ9.,-/'\"()%$:;!?&@#+=_*[]{}<>~`^|\\") + [
    "USD", "Rp", "IDR", "km", "ke-", "http://", "www.", ".com", "\u2014", "\u2019", "\u201c",
    "\u2026", "dr.", "a.n.", "dll.", "s.d.", "''", ":)", "<3", "Rp.", "jt", "2024",
    "12/08/2024", "e-mail", "@gmail"]),
    min_size=1, max_size=6).map("".join))
def test_piece_split_agrees_with_spacy_on_any_piece(piece):
    from coi_nlp.text.tokenize import _PIECE_TOKENS

    assert _PIECE_TOKENS.compute(piece) == _spacy_piece(piece)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("a<>Z9.$'\"(-") + ["<a href=x>", "<b/>", "Rp", "USD", "..."]),
                min_size=1, max_size=6).map("".join))
def test_anchored_prefix_search_equals_spacy_s(piece):
    """affixes._prefix_search uses match() where spaCy's pattern can only match at the
    start; it must find exactly what spaCy's prefix_search finds."""
    from coi_nlp.text.affixes import _prefix_search
    from coi_nlp.text.tokenize import spacy_tokenizer

    tokenizer = spacy_tokenizer().tokenizer
    ours, theirs = _prefix_search(tokenizer)(piece), tokenizer.prefix_search(piece)
    assert (ours and ours.span()) == (theirs and theirs.span())


def test_prefix_pattern_structure_is_read_conservatively():
    import re

    from coi_nlp.text.affixes import _prefix_search, _unanchored_first_characters
    from coi_nlp.text.tokenize import spacy_tokenizer

    assert _unanchored_first_characters(re.compile("^a|^bc")) == frozenset()
    assert _unanchored_first_characters(re.compile("^a|<b>|^c")) == frozenset("<")
    assert _unanchored_first_characters(re.compile("^a|[xy]z")) is None  # not a plain char
    tokenizer = spacy_tokenizer().tokenizer
    # spaCy's Indonesian prefixes include "<a([^>]+)>" without "^": found anywhere
    assert _prefix_search(tokenizer)("x<a href>").span() == (1, 9)
