"""Step 4: tokenisation with spaCy's Indonesian tokenizer (``spacy.blank("id")``).

Only the tokenizer is used: no statistical model, nothing is downloaded.
"""

from __future__ import annotations

import functools
import re
import threading

__all__ = ["tokenize", "spacy_tokenizer"]

_LOCK = threading.Lock()
_NLP = None


def spacy_tokenizer():
    """The process-wide blank Indonesian spaCy pipeline (tokenizer only)."""
    global _NLP
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                import spacy

                _NLP = spacy.blank("id")
    return _NLP


def tokenize(text: str) -> list[str]:
    """Split ``text`` into word tokens; punctuation and symbol-only tokens are dropped.

    spaCy's tokenizer first splits on whitespace and then works on each piece on its own
    (prefixes, suffixes, infixes, exceptions), so tokenising piece by piece gives the same
    tokens. We remember the tokens of each piece: complaints repeat their words, and building
    a spaCy ``Doc`` per complaint costs more than the rest of the pipeline together.

    Examples
    --------
    >>> tokenize("pak kadis, minta xxuang!")
    ['pak', 'kadis', 'minta', 'xxuang']
    """
    tokens: list[str] = []
    for piece in text.split():
        tokens.extend(_piece_tokens(piece))
    return tokens


@functools.lru_cache(maxsize=200_000)
def _piece_tokens(piece: str) -> tuple[str, ...]:
    return tuple(token for token in map(str, spacy_tokenizer().tokenizer(piece))
                 if _is_word(token))


_WORDLIKE = re.compile(r"[^\W_]")


@functools.lru_cache(maxsize=100_000)
def _is_word(token: str) -> bool:
    """A token with at least one letter or digit (tokens repeat: the answer is memoised)."""
    return _WORDLIKE.search(token) is not None
