"""The whole preprocessing as one scikit-learn transformer."""

from __future__ import annotations

from typing import NamedTuple

from sklearn.base import BaseEstimator, TransformerMixin

from coi_nlp.memo import Memo
from coi_nlp.text.clean import clean_text
from coi_nlp.text.informal import normalise_informal
from coi_nlp.text.money import normalise_money
from coi_nlp.text.redact import redact_for_model
from coi_nlp.text.stem import CachedStemmer
from coi_nlp.text.stopwords import remove_stop_words
from coi_nlp.text.tokenize import tokenize

__all__ = ["IndonesianPreprocessor", "AnalysedToken"]


def _surface(text: str) -> str:
    return normalise_money(redact_for_model(clean_text(text, lowercase=False)).lower())


# Remembered briefly: the word branch, the character branch and the explanation each need
# the surface form of the same complaint, and the word branch and the explanation tokenise
# it (Triager works in chunks smaller than this).
_SURFACE = Memo(_surface, maxsize=1024)
_SURFACE_TOKENS = Memo(lambda surface: tuple(tokenize(surface)), maxsize=1024)


class AnalysedToken(NamedTuple):
    """A token as written (after clean-up), its standard form, and its stem ('' if removed)."""

    surface: str
    normalised: str
    stem: str


class IndonesianPreprocessor(TransformerMixin, BaseEstimator):
    """Turn raw Indonesian complaints into space-separated feature tokens.

    Steps: clean-up, reporter-data redaction, lower-casing, money normalisation,
    tokenisation, informal-language normalisation, stop-word removal (surface forms) and
    stemming. Stateless: ``fit`` learns nothing, so the transformer can be used unfitted,
    cloned and pickled; output is deterministic.

    Parameters
    ----------
    remove_stop_words : bool, default True
        Drop stop words (negations and domain words are kept).
    stem : bool, default True
        Stem with Sastrawi (memoised, protected terms).
    normalise_informal : bool, default True
        Map slang and abbreviations to standard words.
    stem_cache_size : int, default 200_000
        Bound of the per-token stem memo.
    output : {"tokens", "surface"}, default "tokens"
        ``"tokens"``: the feature tokens of all steps, space-separated. ``"surface"``: the
        text after clean-up, redaction, lower-casing and money normalisation only (steps
        1-3), for character n-grams, which are robust to typos and slang on their own.

    Examples
    --------
    >>> pre = IndonesianPreprocessor()
    >>> pre.transform(["Sy diminta duit Rp 500rb utk pengadaan KTP, hub 0812-3456-7890"])
    ['minta uang xxuang pengadaan ktp hub xxtelepon']
    """

    def __init__(self, remove_stop_words: bool = True, stem: bool = True,
                 normalise_informal: bool = True, stem_cache_size: int = 200_000,
                 output: str = "tokens"):
        self.remove_stop_words = remove_stop_words
        self.stem = stem
        self.normalise_informal = normalise_informal
        self.stem_cache_size = stem_cache_size
        self.output = output

    def fit(self, X, y=None):
        """Nothing to learn; checks the input and returns ``self``."""
        self._check_input(X)
        return self

    def __sklearn_is_fitted__(self):
        return True

    def transform(self, X) -> list[str]:
        """Preprocess each document of ``X`` (an iterable of str) to a token string."""
        docs = self._check_input(X)
        if self.output == "surface":
            return [self.surface(doc) for doc in docs]
        if self.output != "tokens":
            raise ValueError(f"output harus 'tokens' atau 'surface', bukan {self.output!r}")
        return [" ".join(self.tokens(doc)) for doc in docs]

    @staticmethod
    def surface(text: str) -> str:
        """Steps 1-3 only: cleaned, redacted, lower-cased, money as ``xxuang``."""
        return _SURFACE[text]

    def tokens(self, text: str) -> list[str]:
        """The feature tokens of one document (the fast path of :meth:`analyse`)."""
        if not isinstance(text, str):
            raise TypeError(f"dokumen harus str, bukan {type(text).__name__} "
                            "(each document must be a str)")
        words = list(_SURFACE_TOKENS[_SURFACE[text]])
        if self.normalise_informal:
            words = normalise_informal(words)
        if self.remove_stop_words:
            words = remove_stop_words(words)
        return self._stemmer().stem_tokens(words) if self.stem else words

    def analyse(self, text: str) -> list[AnalysedToken]:
        """Every word of ``text`` through the steps, keeping the written form of each.

        Removed stop words appear with an empty ``stem``, so explanations can map stems back
        to the words the complainant wrote.
        """
        if not isinstance(text, str):
            raise TypeError(f"dokumen harus str, bukan {type(text).__name__} "
                            "(each document must be a str)")
        return self.analyse_surface(self.surface(text))

    def analyse_surface(self, surface: str) -> list[AnalysedToken]:
        """:meth:`analyse` for a text already through :meth:`surface` (steps 1-3)."""
        analysed = self._word_analyser()
        return [AnalysedToken(*token) for written in _SURFACE_TOKENS[surface]
                for token in analysed[written]]

    def feature_forms(self, surface: str) -> list[tuple[str, str]]:
        """(feature token, written word) for every kept word of a surface text, in order.

        The lean form of :meth:`analyse_surface` that explanations use to show a stem in
        the complainant's own words.
        """
        analysed = self._word_analyser()
        return [(stem, written) for word in _SURFACE_TOKENS[surface]
                for written, _, stem in analysed[word] if stem]

    def _analyse_word(self, written: str) -> tuple[tuple[str, str, str], ...]:
        """Steps 5-7 for one written token (slang may expand to several words): a
        (surface, normalised, stem) tuple per word. Plain tuples, not AnalysedToken: they are
        memoised, and plain tuples of strings cost the garbage collector nothing."""
        words = normalise_informal([written]) if self.normalise_informal else [written]
        result = []
        for word in words:
            kept = remove_stop_words([word]) if self.remove_stop_words else [word]
            stem = (self._stemmer().stem(word) if self.stem else word) if kept else ""
            result.append((written, word, stem))
        return tuple(result)

    def _word_analyser(self):
        # Explanations analyse every complaint word by word; words repeat across complaints,
        # so each written token is analysed once. Bounded like the stem memo, rebuilt when a
        # parameter changes (set_params), and kept out of get_params and pickles: a cache.
        key = (self.normalise_informal, self.remove_stop_words, self.stem, self.stem_cache_size)
        cached = self.__dict__.get("_analysis_cache")
        if cached is None or cached[0] != key:
            cached = (key, Memo(self._analyse_word, maxsize=self.stem_cache_size))
            self.__dict__["_analysis_cache"] = cached
        return cached[1]

    def _stemmer(self) -> CachedStemmer:
        # Built lazily and kept out of get_params: it is a cache, not a parameter.
        stemmer = self.__dict__.get("_stemmer_cache")
        if stemmer is None or stemmer.cache_size != self.stem_cache_size:
            stemmer = CachedStemmer(cache_size=self.stem_cache_size)
            self.__dict__["_stemmer_cache"] = stemmer
        return stemmer

    @staticmethod
    def _check_input(X):
        if isinstance(X, (str, bytes)):
            raise TypeError("X harus daftar dokumen, bukan satu string "
                            "(X must be an iterable of documents, not a single string)")
        docs = list(X)
        for i, doc in enumerate(docs):
            if not isinstance(doc, str):
                raise TypeError(f"dokumen ke-{i} bukan str tetapi {type(doc).__name__} "
                                f"(document {i} is not a str)")
        return docs

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_stemmer_cache", None)
        state.pop("_analysis_cache", None)
        return state
