"""Step 1: clean-up of raw complaint text."""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["clean_text", "strip_markup", "strip_urls"]

_TAG = re.compile(r"<(?:script|style)\b.*?</(?:script|style)\s*>|<!--.*?-->|</?[a-zA-Z][^<>]*>",
                  re.DOTALL | re.IGNORECASE)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
# Zero-width and other invisible format characters that survive NFKC.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_markup(text: str) -> str:
    """Remove HTML/XML tags (script and style with their content) and unescape entities."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def strip_urls(text: str) -> str:
    """Remove web addresses; they carry no signal and may identify people."""
    if "://" not in text and "www." not in text.lower():
        return text  # no address can start here; skips the slow case-insensitive scan
    return _URL.sub(" ", text)


def clean_text(text: str, lowercase: bool = True) -> str:
    """Normalise Unicode (NFKC), strip markup and URLs, collapse whitespace, lower-case.

    Parameters
    ----------
    text : str
        Raw complaint text.
    lowercase : bool, default True
        The pipeline passes False so that redaction still sees the case of vehicle
        plates; it lower-cases right after redaction.

    Examples
    --------
    >>> clean_text("<p>Pak  KADIS&nbsp;minta   uang</p> https://x.id/a")
    'pak kadis minta uang'
    """
    if not isinstance(text, str):
        raise TypeError(f"text harus str, bukan {type(text).__name__} (text must be a str)")
    text = unicodedata.normalize("NFKC", text)
    text = strip_markup(text)
    text = unicodedata.normalize("NFKC", text)  # entities may have produced new compat chars
    text = strip_urls(text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = " ".join(text.split())  # str.split's whitespace is the regex \s, and faster
    return text.lower() if lowercase else text
