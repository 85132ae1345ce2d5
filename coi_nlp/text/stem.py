"""Step 7: Sastrawi stemming, memoised per token, with protected domain terms.

We depend on the ``PySastrawi`` distribution (import name ``Sastrawi``): it looks words up in
a dict, where the 2016 ``Sastrawi`` 1.0.1 release scans a list (hundreds of times slower,
identical stems). On top of it:

* every distinct token is stemmed once and remembered in a bounded memo
  (:class:`coi_nlp.memo.Memo`), shared by all documents, so a corpus costs one stemmer call
  per vocabulary word, not per running word;
* a memo miss no longer runs PySastrawi's ``Stemmer.stem`` but
  :class:`coi_nlp.text.fast_sastrawi.FastSastrawiStemmer`, a faithful port of the same
  algorithm (same dictionary object, same rules and rule order) without PySastrawi's per-word
  visitor objects and uncompiled regexes. Unseen words were the largest single cost of triage;
  the port stems them about 20x faster with identical stems (``tests/text/test_stem.py``
  compares it with PySastrawi on every distinct corpus word and on generated affixed forms);
* :data:`coi_nlp.lang.protected_terms.PROTECTED_STEMS` overrides Sastrawi for domain words
  it over-stems ("pengadaan" -> "ada"); placeholder tokens (``xxuang`` ...) pass through.

The memo is bounded and safe to share between threads (at worst two threads stem the same
new word).
The fast stemmer keeps no state besides the dictionary, so it is shared between threads too.
"""

from __future__ import annotations

import threading

from coi_nlp.lang.protected_terms import PLACEHOLDERS, PROTECTED_STEMS
from coi_nlp.memo import Memo, MemoInfo

__all__ = ["CachedStemmer", "sastrawi_stemmer", "sastrawi_dictionary"]

_LOCK = threading.Lock()
_STEMMER = None
_FAST_STEMMER = None


def sastrawi_stemmer():
    """The process-wide Sastrawi ``Stemmer`` (without Sastrawi's own unbounded cache)."""
    global _STEMMER
    if _STEMMER is None:
        with _LOCK:
            if _STEMMER is None:
                from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
                from Sastrawi.Stemmer.Stemmer import Stemmer
                from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

                words = StemmerFactory().get_words_from_file()
                _STEMMER = Stemmer(ArrayDictionary(words))
    return _STEMMER


def sastrawi_dictionary():
    """Sastrawi's root-word dictionary (an object with ``contains(word)``)."""
    return sastrawi_stemmer().get_dictionary()


def _fast_stemmer():
    """The process-wide fast port, reading the very dictionary of :func:`sastrawi_stemmer`
    (no lock of its own: two threads may each build one over the same dictionary, harmless)."""
    global _FAST_STEMMER
    if _FAST_STEMMER is None:
        from coi_nlp.text.fast_sastrawi import FastSastrawiStemmer

        _FAST_STEMMER = FastSastrawiStemmer()
    return _FAST_STEMMER


class CachedStemmer:
    """Stem tokens with Sastrawi, memoised per token in a bounded memo.

    Parameters
    ----------
    cache_size : int, default 200_000
        Most distinct tokens remembered; when full, the oldest quarter is forgotten.
    protected : bool, default True
        Apply :data:`PROTECTED_STEMS` instead of Sastrawi's stem for those words.

    Examples
    --------
    >>> stemmer = CachedStemmer()
    >>> stemmer.stem_tokens(["pengadaan", "memberikan", "xxuang"])
    ['pengadaan', 'beri', 'xxuang']
    """

    def __init__(self, cache_size: int = 200_000, protected: bool = True):
        self.cache_size = cache_size
        self.protected = protected
        self._memo = Memo(self._stem_uncached, maxsize=cache_size)

    def _stem_uncached(self, token: str) -> str:
        if self.protected and token in PROTECTED_STEMS:
            return PROTECTED_STEMS[token]
        if token in PLACEHOLDERS:
            return token
        # Same result as sastrawi_stemmer().stem(token), about 20x faster (see module doc).
        return _fast_stemmer().stem(token)

    def stem(self, token: str) -> str:
        """Stem one token (memoised)."""
        return self._memo[token]

    def stem_tokens(self, tokens: list[str]) -> list[str]:
        """Stem a list of tokens; empty stems (pure punctuation) are dropped."""
        return [stem for stem in map(self._memo.__getitem__, tokens) if stem]

    def cache_info(self) -> MemoInfo:
        """Misses, maximum size and current size of the memo."""
        return self._memo.info()

    # The memo is a process-local cache: leave it out of pickles, rebuild it on load.
    def __getstate__(self):
        return {"cache_size": self.cache_size, "protected": self.protected}

    def __setstate__(self, state):
        self.__init__(**state)
