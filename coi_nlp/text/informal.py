"""Step 5: informal-language normalisation (slang, abbreviations, repeated letters)."""

from __future__ import annotations

import re

from coi_nlp.lang.slang import SLANG
from coi_nlp.memo import Memo
from coi_nlp.text.stem import sastrawi_dictionary

__all__ = ["normalise_informal", "squeeze_repeats"]

_REPEAT3 = re.compile(r"(\w)\1{2,}")
_REDUPLICATION = re.compile(r"^([^\W\d_]{2,})2$")  # "kadang2", "anak2": written reduplication


def squeeze_repeats(token: str) -> str:
    """Shorten letters repeated three or more times ("bangeeet" -> "banget", "maaaf" -> "maaf").

    Each run becomes two letters if that makes a known word (Sastrawi's root dictionary or our
    slang list), else one letter.
    """
    if not _REPEAT3.search(token):
        return token
    double = _REPEAT3.sub(r"\1\1", token)
    if double in SLANG or sastrawi_dictionary().contains(double):
        return double
    return _REPEAT3.sub(r"\1", token)


def normalise_informal(tokens: list[str]) -> list[str]:
    """Map slang and abbreviations to standard words; squeeze repeated letters.

    A token may become several words ("ortu" -> "orang", "tua").

    Examples
    --------
    >>> normalise_informal(["sy", "gk", "dikasih", "duit", "bangeeet"])
    ['saya', 'tidak', 'diberi', 'uang', 'banget']
    """
    out: list[str] = []
    for token in tokens:
        out.extend(_NORMALISED[token])
    return out


def _normalise_token(token: str) -> tuple[str, ...]:
    """The standard word(s) for one token."""
    token = squeeze_repeats(token)
    redup = _REDUPLICATION.match(token)
    if redup:
        token = redup.group(1)
    replacement = SLANG.get(token)
    if replacement is None:
        return (token,)
    return tuple(replacement.split())


_NORMALISED = Memo(_normalise_token, maxsize=100_000)  # tokens repeat: each is normalised once
