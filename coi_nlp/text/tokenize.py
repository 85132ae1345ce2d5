"""Step 4: tokenisation with spaCy's Indonesian tokenizer (``spacy.blank("id")``).

Only the tokenizer is used: no statistical model, nothing is downloaded.
"""

from __future__ import annotations

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

    Examples
    --------
    >>> tokenize("pak kadis, minta xxuang!")
    ['pak', 'kadis', 'minta', 'xxuang']
    """
    return [tok.text for tok in spacy_tokenizer().tokenizer(text) if _is_word(tok.text)]


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)
