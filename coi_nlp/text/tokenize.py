"""Step 4: tokenisation with spaCy's Indonesian tokenizer (``spacy.blank("id")``).

Only the tokenizer is used: no statistical model, nothing is downloaded.
"""

from __future__ import annotations

import re
import threading

from coi_nlp.memo import Memo
from coi_nlp.text.affixes import split_piece

__all__ = ["tokenize", "spacy_words", "spacy_tokenizer"]

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
        tokens.extend(_PIECE_WORDS[piece])
    return tokens


def _piece_words(piece: str) -> tuple[str, ...]:
    # From the memo of all tokens, which key facts fill too: running text is mostly lower
    # case, so the model's lower-cased text and the facts' original text share most pieces.
    return tuple(token for token in _PIECE_TOKENS[piece] if _is_word(token))


def spacy_words(text: str) -> tuple[list[str], list[bool]]:
    """The tokens of ``spacy_tokenizer().make_doc(text)`` and whether a space follows each.

    spaCy cuts the text at whitespace, tokenises each run of non-space characters on its
    own, gives a single space after a token to that token (``whitespace_``) and keeps any
    other whitespace run as a token. We make the same cut and remember each run's tokens:
    building a Doc from them is several times faster than tokenising again. Tested equal to
    ``make_doc`` on the corpus and on generated spacing; the one known difference is in
    runs of quote marks such as ``' ''x``, where spaCy applies a tokenizer exception across
    neighbouring runs.
    """
    words: list[str] = []
    spaces: list[bool] = []
    pieces = text.split()
    if pieces and " ".join(pieces) == text:
        # the common case, words separated by single spaces: no whitespace tokens
        for piece in pieces:
            tokens = _PIECE_TOKENS[piece]
            words.extend(tokens)
            spaces.extend([False] * (len(tokens) - 1))
            spaces.append(True)
        if spaces:
            spaces[-1] = False
        return words, spaces
    position = 0
    for run in _WHITESPACE.finditer(text):
        start, end = run.span()
        if start > position:
            _add_piece(text[position:start], words, spaces)
        if start > 0 and text[start] == " ":
            spaces[-1] = True  # a single space after a token belongs to it
            start += 1
        if start < end:
            _add_piece(text[start:end], words, spaces)
        position = end
    if position < len(text):
        _add_piece(text[position:], words, spaces)
    return words, spaces


_WHITESPACE = re.compile(r"\s+")


def _add_piece(piece: str, words: list[str], spaces: list[bool]) -> None:
    tokens = _PIECE_TOKENS[piece]
    words.extend(tokens)
    spaces.extend([False] * len(tokens))


def _piece_tokens(piece: str) -> tuple[str, ...]:
    # Every token of a piece, punctuation and whitespace included. spaCy's rules applied
    # without building a Doc when no tokenizer exception is involved (see affixes.py).
    tokenizer = spacy_tokenizer().tokenizer
    tokens = split_piece(tokenizer, piece) if not piece.isspace() else None
    if tokens is None:
        tokens = tuple(token.text for token in tokenizer(piece))
    return tokens


_WORDLIKE = re.compile(r"[^\W_]")


def _is_word(token: str) -> bool:
    """A token with at least one letter or digit."""
    return _WORDLIKE.search(token) is not None


# Pieces and tokens repeat from complaint to complaint: each is split or checked once.
_PIECE_TOKENS = Memo(_piece_tokens, maxsize=200_000)  # every token, punctuation included
_PIECE_WORDS = Memo(_piece_words, maxsize=200_000)  # the word tokens only
