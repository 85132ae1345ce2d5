"""Step 3: money amounts - read them in rupiah, or replace them by one token for the model.

Handles the ways complaints write money: "Rp 2,5 juta", "Rp2.500.000,-", "Rp 1.2 M", "15jt",
"500rb", "50k", "300 ribu", "50 juta rupiah", "dua ratus ribu", "satu setengah juta",
"puluhan juta" (a lower bound, flagged approximate).

A bare number is not money: it needs a currency prefix (Rp/IDR), a multiplier word, or the
word "rupiah". Years, dates, counts and RT/RW numbers are therefore left alone.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from coi_nlp.lang.numbers import MULTIPLIERS, NUMBER_WORDS, SCALE_WORDS

__all__ = ["Amount", "extract_amounts", "normalise_money", "MONEY_TOKEN"]

MONEY_TOKEN = "xxuang"

_MULT_ALTERNATIVES = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
# The lookahead names the characters a match can start with (currency, space, digit): the
# regex engine then skips other positions without trying the pattern (same matches).
_NUMERIC = re.compile(
    r"(?=[\dri ])(?<![\w.,])(?P<rp>rp\.?|idr)?[ ]?"
    r"(?P<num>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
    r"(?P<dash>,-{1,2}|\.-{1,2}|,00)?"
    rf"(?P<space>[ ]?)(?P<mult>{_MULT_ALTERNATIVES})?(?!\w)"
    r"(?P<rupiah>[ ]?rupiah)?",
    re.IGNORECASE,
)
_NUMBER_WORD = "|".join(sorted(set(NUMBER_WORDS) | set(SCALE_WORDS), key=len, reverse=True))
_MONEY_WORD = r"ribu|juta|miliar|milyar|triliun"
_VAGUE_WORDS = ("puluhan", "ratusan", "belasan", "sejuta", "semiliar", "semilyar", "seribu")
# Every written amount starts with one of these letters: checking it first lets the regex
# engine skip most positions without trying the whole alternation (same matches).
_FIRST_LETTERS = "".join(sorted({word[0] for word in
                                 set(NUMBER_WORDS) | set(SCALE_WORDS) | set(_VAGUE_WORDS)}))
_WORDS = re.compile(
    rf"(?=[{_FIRST_LETTERS}])\b(?:(?:(?:{_NUMBER_WORD})\s+)*(?:{_NUMBER_WORD})\s+(?:{_MONEY_WORD})"
    rf"(?:\s+(?:(?:{_NUMBER_WORD})\s+)*(?:{_NUMBER_WORD})\s+(?:{_MONEY_WORD}))*"
    rf"|(?:puluhan|ratusan|belasan)\s+(?:{_MONEY_WORD})|sejuta|semiliar|semilyar|seribu(?=\s+rupiah))"
    r"(?:\s+rupiah)?\b",
    re.IGNORECASE,
)
_VAGUE = {"belasan": 11, "puluhan": 10, "ratusan": 100}
_SINGLE_LETTER = {"k", "m", "t"}
_DOUBLE_SPACE = re.compile(r" {2,}")


class Amount(NamedTuple):
    """An amount of money found in a text, in whole rupiah."""

    value: int
    text: str
    start: int
    end: int
    approximate: bool = False


def _parse_number(num: str) -> float:
    """Read "2.500.000", "2,5", "1.2", "2,500,000" with Indonesian or English separators.

    A last separator followed by exactly three digits groups thousands; otherwise it is the
    decimal point ("1.250 juta" is therefore 1,250 million, as written).
    """
    last_sep = max(num.rfind("."), num.rfind(","))
    decimals = len(num) - last_sep - 1 if last_sep >= 0 else 0
    if last_sep >= 0 and decimals != 3:
        # "2,5" / "1.2" / "2.500.000,50": the last separator is the decimal point
        whole = re.sub(r"[.,]", "", num[:last_sep])
        return float(f"{whole or 0}.{num[last_sep + 1:]}")
    return float(re.sub(r"[.,]", "", num))


def _numeric_amount(match: re.Match) -> Amount | None:
    rp, mult, rupiah = match.group("rp"), match.group("mult"), match.group("rupiah")
    if mult and mult.lower() in _SINGLE_LETTER and not rp and match.group("space"):
        mult = None  # "5 m", "10 k" with a space: metres, kilometres ... not money
    if mult and mult.lower() in {"m", "t"} and not rp:
        mult = None  # "200m" is usually metres; "Rp 1,2 M" is money
    if not (rp or mult or rupiah):
        return None
    factor = MULTIPLIERS[mult.lower()] if mult else 1
    value = _parse_number(match.group("num")) * factor
    end = match.end("mult") if mult else match.end("dash") if match.group("dash") \
        else match.end("num")
    if rupiah and (mult or not match.group("mult")):
        end = match.end("rupiah")
    return Amount(int(round(value)), match.string[match.start():end], match.start(), end)


def _words_value(text: str) -> tuple[int, bool]:
    """Value of "dua juta lima ratus ribu" (2,500,000); vague words give a lower bound."""
    words = text.lower().split()
    total, coefficient, current, approximate = 0.0, 0.0, 0.0, False
    for word in words:
        if word == "rupiah":
            continue
        if word in ("sejuta", "semiliar", "semilyar"):
            total += MULTIPLIERS["juta" if word == "sejuta" else "miliar"]
        elif word in _VAGUE:
            current, approximate = _VAGUE[word], True
        elif word in ("ribu", "juta", "miliar", "milyar", "triliun"):
            total += (coefficient + current) * MULTIPLIERS[word]
            coefficient = current = 0.0
        elif word == "belas":
            coefficient += current + 10
            current = 0.0
        elif word in ("puluh", "ratus"):
            coefficient += current * SCALE_WORDS[word]
            current = 0.0
        elif word == "seribu":
            total += (coefficient + current + 1) * 1_000
            coefficient = current = 0.0
        elif NUMBER_WORDS[word] >= 10:  # sepuluh, sebelas, seratus: complete numbers
            coefficient += NUMBER_WORDS[word]
        else:
            current += NUMBER_WORDS[word]
    return int(round(total)), approximate


_HAS_DIGIT = re.compile(r"\d")
_WORDS_HINT = re.compile(r"ribu|juta|mil[iy]ar|triliun", re.IGNORECASE)
_WORDS_HINT_LOWER = re.compile(r"ribu|juta|mil[iy]ar|triliun")


def _may_have_words(text: str) -> bool:
    """A money word is in ``text`` (a necessary condition for a written amount)."""
    if text.isascii():
        # same answer, several times faster: a case-insensitive search cannot use the
        # engine's literal scan, and on ASCII text lower-casing is exact
        return _WORDS_HINT_LOWER.search(text.lower()) is not None
    return _WORDS_HINT.search(text) is not None


def _find(text: str) -> list[Amount]:
    found = []
    if _HAS_DIGIT.search(text):
        for match in _NUMERIC.finditer(text):
            amount = _numeric_amount(match)
            if amount is not None:
                found.append(amount)
    if not _may_have_words(text):
        return found
    for match in _WORDS.finditer(text):
        if any(a.start < match.end() and match.start() < a.end for a in found):
            continue
        value, approximate = _words_value(match.group())
        if value > 0:
            found.append(Amount(value, match.group(), match.start(), match.end(), approximate))
    return sorted(found, key=lambda a: a.start)


def extract_amounts(text: str) -> list[Amount]:
    """Return the money amounts in ``text`` in rupiah, in order of appearance.

    Examples
    --------
    >>> [a.value for a in extract_amounts("diminta Rp 2,5 juta lalu 500rb dan dua ratus ribu")]
    [2500000, 500000, 200000]
    """
    if not isinstance(text, str):
        raise TypeError(f"text harus str, bukan {type(text).__name__} (text must be a str)")
    return _find(text)


def normalise_money(text: str) -> str:
    """Replace every amount of money in ``text`` by the token ``xxuang``."""
    amounts = _find(text)
    if not amounts:
        return text
    pieces, last = [], 0
    for amount in amounts:
        pieces.append(text[last:amount.start])
        pieces.append(f" {MONEY_TOKEN} ")
        last = amount.end
    pieces.append(text[last:])
    return _DOUBLE_SPACE.sub(" ", "".join(pieces)).strip()
