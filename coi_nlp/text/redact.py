"""Step 2: reporter-data redaction (whistleblower safety).

NIK (16 digits), NIP (18 digits), Indonesian phone numbers, e-mail addresses and vehicle
plates are replaced by placeholders before anything is stored, logged or modelled.
:func:`redact_text` keeps the original text otherwise untouched (for storage and display);
:func:`redact_for_model` uses single-word tokens that survive tokenisation.

Plates are matched case-sensitively on the registered region prefixes ("B 1234 XYZ",
"AB 123 CD"), which is why the pipeline redacts before lower-casing.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["PersonalData", "find_personal_data", "redact_text", "redact_for_model",
           "DISPLAY_PLACEHOLDERS", "MODEL_PLACEHOLDERS"]

DISPLAY_PLACEHOLDERS = {
    "email": "[EMAIL]", "nip": "[NIP]", "nik": "[NIK]", "telepon": "[TELEPON]", "plat": "[PLAT]",
}
MODEL_PLACEHOLDERS = {
    "email": "xxemail", "nip": "xxnip", "nik": "xxnik", "telepon": "xxtelepon", "plat": "xxplat",
}

_SEP = r"[ .\-]?"
_PATTERNS = (
    ("email", re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")),
    # NIP: 8 (birth date) + 6 (appointment) + 1 (sex) + 3 (serial); written joined or spaced.
    ("nip", re.compile(rf"(?<![\d.,])\d{{8}}{_SEP}\d{{6}}{_SEP}\d{_SEP}\d{{3}}(?![\d]|[.,]\d)")),
    # NIK: 16 digits, joined or in groups of four (or 6-6-4 as printed on some forms).
    ("nik", re.compile(
        r"(?<![\d.,])(?:\d{16}|\d{4}(?:[ .\-]\d{4}){3}|\d{6}[ .\-]\d{6}[ .\-]\d{4})"
        r"(?![\d]|[.,]\d)")),
    # Mobile numbers: 08xx / +62 8xx / 62 8xx, with spaces, dashes or dots; landlines with an
    # area code. The digit count is checked in _is_phone.
    ("telepon", re.compile(
        r"(?<![\w+.,])(?:(?:\+62|62|0)[ .\-]?8\d{1,3}(?:[ .\-]?\d{2,5}){1,3}"
        r"|\(?0[2-79]\d{1,2}\)?[ .\-]?\d{3,4}[ .\-]?\d{3,4})(?![\d]|[.,]\d)")),
    ("plat", re.compile(
        r"\b(?:A|AA|AB|AD|AE|AG|B|BA|BB|BD|BE|BG|BH|BK|BL|BM|BN|BP|D|DA|DB|DC|DD|DE|DG|DH|DK"
        r"|DL|DM|DN|DR|DS|DT|DW|E|EA|EB|ED|F|G|H|K|KB|KH|KT|KU|L|M|N|P|PA|PB|R|S|T|W|Z)"
        r" ?\d{1,4} ?[A-Z]{1,3}\b")),
)


class PersonalData(NamedTuple):
    kind: str
    start: int
    end: int
    text: str


def _is_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    return 9 <= len(digits) <= 13


_NON_DIGITS = re.compile(r"\D+")
_PLATE_HINT = re.compile(r"\b[A-Z]{1,2} ?\d")
_MIN_DIGITS = 9  # the shortest phone number; NIK and NIP are longer


def _kinds_worth_trying(text: str) -> list[str]:
    """Skip patterns that cannot match: most complaints hold no reporter data at all."""
    kinds = []
    if "@" in text:
        kinds.append("email")
    digits = _NON_DIGITS.sub("", text)
    if len(digits) >= _MIN_DIGITS:
        kinds += ["nip", "nik", "telepon"]
    if digits and _PLATE_HINT.search(text):  # a plate has a number
        kinds.append("plat")
    return kinds


def find_personal_data(text: str) -> list[PersonalData]:
    """Return the reporter-data spans in ``text``, earliest first, never overlapping."""
    found: list[PersonalData] = []
    taken: list[tuple[int, int]] = []
    wanted = _kinds_worth_trying(text)
    for kind, pattern in _PATTERNS:
        if kind not in wanted:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if kind == "telepon" and not _is_phone(match.group()):
                continue
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append(PersonalData(kind, start, end, match.group()))
    return sorted(found, key=lambda item: item.start)


def _replace(text: str, placeholders: dict[str, str]) -> str:
    found = find_personal_data(text)
    if not found:
        return text
    pieces, last = [], 0
    for item in found:
        pieces.append(text[last:item.start])
        pieces.append(placeholders[item.kind])
        last = item.end
    pieces.append(text[last:])
    return "".join(pieces)


def redact_text(text: str) -> str:
    """Return ``text`` with reporter data replaced by ``[NIK]``, ``[TELEPON]``, ... (for storage).

    Examples
    --------
    >>> redact_text("Hubungi saya di 0812-3456-7890 atau budi@mail.id")
    'Hubungi saya di [TELEPON] atau [EMAIL]'
    """
    return _replace(text, DISPLAY_PLACEHOLDERS)


def redact_for_model(text: str) -> str:
    """Like :func:`redact_text` but with one-word tokens (``xxnik``, ...) for the model."""
    return _replace(text, MODEL_PLACEHOLDERS)
