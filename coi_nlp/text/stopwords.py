"""Step 6: stop-word removal on surface forms (before stemming; see lang/stop_words.py)."""

from __future__ import annotations

from coi_nlp.lang.stop_words import STOP_WORDS

__all__ = ["remove_stop_words"]


def remove_stop_words(tokens: list[str], stop_words=STOP_WORDS) -> list[str]:
    """Drop stop words. Negations and domain words are kept (``KEPT_WORDS``).

    Examples
    --------
    >>> remove_stop_words(["kepala", "dinas", "tidak", "mau", "ada", "pengadaan", "yang"])
    ['kepala', 'dinas', 'tidak', 'ada', 'pengadaan']
    """
    return [token for token in tokens if token not in stop_words]
