"""spaCy's tokenisation of one whitespace-free piece, without building a ``Doc``.

Why: asking spaCy's tokenizer for the tokens of a new piece builds a ``Doc`` (about 30 us of
Python-side set-up) for a piece that usually splits into a word and a comma. Complaints bring
a few new pieces each, so this was the largest cost left when triaging unseen text.

What: :func:`split_piece` follows ``Tokenizer._split_affixes`` and ``_attach_tokens`` in
spaCy's ``tokenizer.pyx`` step by step, using the tokenizer's own rules (``prefix_search``,
``suffix_search``, ``infix_finditer``, ``token_match``, ``url_match``): prefixes and
suffixes are peeled off in turn, then the rest is cut at infixes. Special cases (tokenizer
exceptions such as "a.n." or "''") are *not* reproduced: whenever one could apply - the piece
or a part of it is a special case, or the tokens contain a special case's token sequence,
which spaCy's special-case matcher would merge - :func:`split_piece` returns ``None`` and the
caller asks spaCy itself. ``tests/text/test_tokenize_stopwords.py`` compares the result with
spaCy's on every piece of the corpus and on generated pieces.
"""

from __future__ import annotations

import functools
import re
from re import _parser as _regex_parser  # Python's own regex parser (3.11+)

__all__ = ["split_piece"]


def split_piece(tokenizer, piece: str) -> tuple[str, ...] | None:
    """The tokens spaCy's ``tokenizer`` gives ``piece`` (no whitespace inside), or ``None``
    when a special case is involved."""
    tokens = _split(tokenizer, piece, _special_cases(tokenizer))
    if tokens is None or _special_sequence_in(tokenizer, tokens):
        return None
    return tuple(tokens)


def _split(tokenizer, piece: str, specials: frozenset[str]) -> list[str] | None:
    """Affixes off, then infixes (``None`` as soon as one of ``specials`` is met)."""
    if piece in specials:
        return None
    prefix_search = _prefix_search(tokenizer)
    prefixes, suffixes = [], []
    string, last_size = piece, 0
    while string and len(string) != last_size:  # _split_affixes
        if tokenizer.token_match and tokenizer.token_match(string):
            break
        if string in specials:
            return None
        last_size = len(string)
        pre_len = _match_length(prefix_search(string))
        if pre_len and string[pre_len:] in specials:
            return None
        suf_len = _match_length(tokenizer.suffix_search(string[pre_len:]))
        if suf_len and string[:-suf_len] in specials:
            return None
        if pre_len and suf_len and pre_len + suf_len <= len(string):
            prefixes.append(string[:pre_len])
            suffixes.append(string[-suf_len:])
            string = string[pre_len:-suf_len]
        elif pre_len:
            prefixes.append(string[:pre_len])
            string = string[pre_len:]
        elif suf_len:
            suffixes.append(string[-suf_len:])
            string = string[:-suf_len]
    if string in specials:
        return None
    return prefixes + _middle(tokenizer, string) + suffixes[::-1]


def _middle(tokenizer, string: str) -> list[str]:
    """``_attach_tokens``: what is left after the affixes, cut at infixes."""
    if not string:
        return []
    if (tokenizer.token_match and tokenizer.token_match(string)) or (
            tokenizer.url_match and tokenizer.url_match(string)):
        return [string]
    tokens, start = [], 0
    for match in tokenizer.infix_finditer(string):
        infix_start, infix_end = match.start(), match.end()
        if infix_start == 0:
            continue  # an infix at the very start is not a split point
        if infix_start != start:
            tokens.append(string[start:infix_start])
        if infix_start != infix_end:
            tokens.append(string[infix_start:infix_end])
        start = infix_end
    if string[start:]:
        tokens.append(string[start:])
    return tokens


def _match_length(match) -> int:
    return match.end() - match.start() if match is not None else 0


def _special_sequence_in(tokenizer, tokens: list[str]) -> bool:
    """True if spaCy's special-case matcher could merge a run of ``tokens``.

    The matcher's patterns are the tokenizer exceptions as the affix rules alone split them,
    so the tokens of a match spell the exception: a run whose text is an exception is enough
    to hand the piece to spaCy (a few runs per piece, no pattern table to build). The six
    exceptions with a space ("Dr. med") are compared token by token.
    """
    specials = _special_cases(tokenizer)
    spaced = _spaced_special_patterns(tokenizer)
    for start in range(len(tokens)):
        for end in range(start + 1, len(tokens) + 1):
            run = tokens[start:end]
            if "".join(run) in specials or tuple(run) in spaced:
                return True
    return False


@functools.lru_cache(maxsize=4)
def _special_cases(tokenizer) -> frozenset[str]:
    return frozenset(tokenizer.rules)


@functools.lru_cache(maxsize=4)
def _spaced_special_patterns(tokenizer) -> frozenset[tuple[str, ...]]:
    # spaCy: _tokenize_affixes(special, with_special_cases=False) for exceptions with spaces
    return frozenset(
        tuple(token for part in special.split() for token in _split(tokenizer, part, frozenset()))
        for special in tokenizer.rules if len(special.split()) > 1)


@functools.lru_cache(maxsize=4)
def _prefix_search(tokenizer):
    """``tokenizer.prefix_search``, or a faster function with the same results.

    spaCy joins its prefix rules into one pattern of alternatives that each start with
    ``^``, and calls ``search``: Python's regex engine does not see that the whole pattern is
    anchored and tries every position of the piece (about 10 us per call, the largest cost of
    splitting a new piece). ``match`` tries position 0 only, which gives the same result as
    long as no alternative can match later. Indonesian has such an alternative
    (``<a([^>]+)>``, which lacks the ``^``), so ``search`` still runs when the piece holds the
    first character of an unanchored alternative. If the pattern's structure is not the
    expected one, spaCy's own ``search`` is used.
    """
    search = tokenizer.prefix_search
    pattern = getattr(search, "__self__", None)
    if not isinstance(pattern, re.Pattern) or getattr(search, "__name__", "") != "search" \
            or pattern.flags & (re.IGNORECASE | re.MULTILINE | re.VERBOSE):
        return search
    try:
        starts = _unanchored_first_characters(pattern)
    except (re.error, AttributeError, IndexError, TypeError, ValueError):
        return search  # a parse tree of another shape: keep spaCy's function
    if starts is None:
        return search
    match = pattern.match
    if not starts:
        return match

    def prefix_search(string: str):
        found = match(string)
        if found is None and any(char in string for char in starts):
            found = search(string)
        return found

    return prefix_search


def _unanchored_first_characters(pattern: re.Pattern) -> frozenset[str] | None:
    """The first characters of the pattern's alternatives that do not start with ``^``;
    ``None`` if one of them does not start with a plain character."""
    anchors = [(_regex_parser.AT, _regex_parser.AT_BEGINNING),
               (_regex_parser.AT, _regex_parser.AT_BEGINNING_STRING)]
    tree = _regex_parser.parse(pattern.pattern, pattern.flags)
    if tree.data and tree.data[0] in anchors:
        return frozenset()  # the parser moved a "^" shared by all alternatives to the front
    if len(tree.data) == 1 and tree.data[0][0] is _regex_parser.BRANCH:
        alternatives = tree.data[0][1][1]
    else:
        alternatives = [tree]
    starts = set()
    for alternative in alternatives:
        first = alternative.data[0] if alternative.data else None
        if first in anchors:
            continue
        if first is None or first[0] is not _regex_parser.LITERAL:
            return None
        starts.add(chr(first[1]))
    return frozenset(starts)
