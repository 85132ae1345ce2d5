"""Facts for the officer: the officials, institutions, amounts of money and dates a complaint
names.

:func:`extract_facts` works on the redacted text (:func:`~coi_nlp.text.redact.redact_text`
runs first, so reporter data can never appear in the facts). It uses spaCy's rule-based
matchers on the blank Indonesian tokenizer, built once per process from the word lists in
:mod:`coi_nlp.lang.positions`: a ``PhraseMatcher`` on lower-case forms finds position titles
and institution keywords, a token ``Matcher`` finds dates, and
:func:`~coi_nlp.text.money.extract_amounts` reads the money.

A title or keyword is then extended to the right over the name written after it:

- capitalised words and acronyms ("Kepala Dinas PUPR Kabupaten Garut", "Camat Cibeber"),
  joined by "dan" ("Dinas Pemuda dan Olahraga") or a hyphen, with "Kab." / "dr."
  abbreviations; a stop word, a form of address or a new title ends the name;
- fields of government in lower case ("kadis pendidikan", "dinas lingkungan hidup");
- numbers in school names ("SMP Negeri 3 Depok", "SMPN 1 Bantul").

Precision rules: an institution keyword counts only with a name after it ("Desa Tambahrejo",
not "Desa kami"), while acronyms such as RSUD, Bappeda or KUA stand alone; "mobil dinas" and
"rumah dinas" are not institutions; a title right after "saya"/"kami" describes the reporter
and is left out; "kasi", "operator" and "pendamping" need a unit after them; dates need a
year, and day and month must form a real date.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from datetime import date
from typing import NamedTuple

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from coi_nlp.lang import positions as P
from coi_nlp.lang.stop_words import KEPT_WORDS, STOP_WORDS
from coi_nlp.text.money import extract_amounts
from coi_nlp.text.redact import redact_text
from coi_nlp.text.tokenize import spacy_tokenizer, spacy_words

__all__ = ["extract_facts"]

# Capitalised words that end a name: stop words and the negations and function words kept
# for the model (except those found in names), forms of address, reporter-data labels and
# month names.
_NAME_STOPPERS = frozenset(
    ((STOP_WORDS | KEPT_WORDS) - P.NAME_WORDS) | P.HONORIFICS | P.CONTACT_WORDS | set(P.MONTHS)
    | P.CURRENCY_WORDS
)
_PREFIXES = sorted((tuple(p.split()) for p in P.TITLE_PREFIXES), key=len, reverse=True)
_PREFIX_LAST_WORDS = frozenset(prefix[-1] for prefix in _PREFIXES)
_YEARS = range(1900, 2101)
# Four digits of a year: in the text whenever a token ends in a year.
_YEAR_DIGITS = re.compile(r"19[0-9][0-9]|20[0-9][0-9]|2100")


def _phrase_index(phrases) -> dict[str, list[tuple[str, ...]]]:
    """First word -> the phrases starting with it, longest first."""
    index = defaultdict(list)
    for phrase in phrases:
        words = tuple(phrase.split())
        index[words[0]].append(words)
    return {first: sorted(found, key=len, reverse=True) for first, found in index.items()}


# Lower-case words that may follow a title ("kabid yankes", "staf kecamatan", "penyidik
# polres") or an institution keyword ("dinas pendidikan").
_OFFICIAL_TAIL = _phrase_index(
    (P.UNIT_WORDS | P.INSTITUTION_KEYWORDS | P.INSTITUTION_ACRONYMS) - P.UPPERCASE_ONLY_KEYWORDS
)
_INSTITUTION_TAIL = _phrase_index(P.UNIT_WORDS)


class _Rules(NamedTuple):
    titles: PhraseMatcher
    institutions: PhraseMatcher
    dates: Matcher


_LOCK = threading.Lock()
_RULES: _Rules | None = None


def _rules() -> _Rules:
    """The matchers, built on first use (once per process, thread-safe)."""
    global _RULES
    if _RULES is None:
        with _LOCK:
            if _RULES is None:
                _RULES = _build_rules()
    return _RULES


def _build_rules() -> _Rules:
    nlp = spacy_tokenizer()
    titles = PhraseMatcher(nlp.vocab, attr="LOWER")
    forms = defaultdict(list)
    for surface, title in {**{t: t for t in P.POSITION_TITLES}, **P.TITLE_VARIANTS}.items():
        forms[title] += [surface, surface + "nya"]  # "kades" and "kadesnya"
    for title, surfaces in forms.items():
        titles.add(title, [nlp.make_doc(s) for s in surfaces])

    institutions = PhraseMatcher(nlp.vocab, attr="LOWER")
    institutions.add("keyword", [nlp.make_doc(k) for k in sorted(P.INSTITUTION_KEYWORDS)])
    institutions.add("acronym", [nlp.make_doc(a) for a in sorted(P.INSTITUTION_ACRONYMS)])

    day = {"SHAPE": {"IN": ["d", "dd"]}}
    year = {"SHAPE": "dddd", "LENGTH": 4}
    month = {"LOWER": {"IN": sorted(P.MONTHS)}}
    dot = {"ORTH": ".", "OP": "?"}
    sep = {"ORTH": {"IN": ["/", "-", "."]}}
    dates = Matcher(nlp.vocab)
    dates.add("dmy_name", [[day, month, dot, year]])  # 12 Agustus 2024, 12 Agt. 2024
    dates.add("my_name", [[month, dot, year]])  # Agustus 2024
    dates.add("dmy", [[day, sep, day, sep, year]])  # 12/08/2024, 12-08-2024
    dates.add("ymd", [[year, {"ORTH": "-"}, day, {"ORTH": "-"}, day]])  # 2024-08-12
    dates.add("dmy_dots", [[{"SHAPE": {"IN": ["d.d.dddd", "d.dd.dddd", "dd.d.dddd",
                                                "dd.dd.dddd"]}}]])  # 12.08.2024: one token
    return _Rules(titles, institutions, dates)


def _longest_first(matches) -> list[tuple[int, int, int]]:
    """Non-overlapping matches in text order; the longest wins at the same place."""
    kept, last_end = [], 0
    for match_id, start, end in sorted(matches, key=lambda m: (m[1], -m[2])):
        if start >= last_end:
            kept.append((match_id, start, end))
            last_end = end
    return kept


class _Words(NamedTuple):
    """A tokenised text: the Doc, and each token's text and lower-case form (read once)."""

    doc: Doc
    text: list[str]
    lower: list[str]


def _is_name(words: _Words, i: int) -> bool:
    """A capitalised word that can be part of a name ("Garut", "PUPR", "Tengah")."""
    return words.text[i][:1].isupper() and words.lower[i] not in _NAME_STOPPERS


def _phrase_at(words: _Words, i: int, index: dict) -> int:
    """Length of the lower-case phrase of ``index`` written at token ``i``, or 0."""
    if not words.text[i].islower():
        return 0
    for phrase in index.get(words.lower[i], ()):
        if tuple(words.lower[i:i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _extend(words: _Words, end: int, tail: dict, stops: set[int],
            stops_after_name: set[int] = frozenset(), numbered: bool = False) -> int:
    """The end of the name written after the tokens before ``end`` (``end`` if none).

    ``stops`` are token indexes where a new title begins; ``stops_after_name`` end the name
    only once a name word has been taken ("Desa Sukamaju | Kecamatan Cibeber", but "Kantor
    Imigrasi Batam").
    """
    text, lower = words.text, words.lower
    n, i, named, first = len(text), end, False, end
    while i < n and i not in stops and not (named and i in stops_after_name):
        low, has_next = lower[i], i + 1 < n
        if _is_name(words, i):
            i = end = i + 1
            named = True
            numbered = numbered or low in P.SCHOOL_KEYWORDS  # "kepsek SMPN 2 Bantul"
        elif text[i].isdigit() and len(low) <= 3 and (
                numbered or lower[i - 1] in P.NUMBERED_NAME_WORDS):  # "SMP Negeri 3"
            i = end = i + 1
        elif low[-1:] == "." and low[:-1] in P.NAME_ABBREVIATIONS and has_next \
                and _is_name(words, i + 1):  # "dr. Soetomo"
            i = end = i + 1
        elif has_next and i > first and (
                (low == "." and lower[i - 1] in P.NAME_ABBREVIATIONS)  # "Kab. Garut"
                or (low == "-" and not words.doc[i - 1].whitespace_
                    and not words.doc[i].whitespace_)  # "SIKS-NG"
                or low == "dan") \
                and i + 1 not in stops and i + 1 not in stops_after_name \
                and (_is_name(words, i + 1) or _phrase_at(words, i + 1, tail)):
            i += 1  # a connector belongs to the name only with a name word after it
        elif length := _phrase_at(words, i, tail):
            i = end = i + length
        else:
            break
    return end


def _prefix_start(words: _Words, start: int) -> int:
    """Start of a "Pj", "Plt.", "mantan" ... written before the title at ``start``."""
    before = start - 1 if start > 0 and words.text[start - 1] == "." else start  # "Pj. Bupati"
    if before == 0 or words.lower[before - 1].rstrip(".") not in _PREFIX_LAST_WORDS:
        return start  # the usual case, checked cheaply first
    for prefix in _PREFIXES:
        begin = before - len(prefix)
        if begin >= 0 and tuple(w.rstrip(".") for w in words.lower[begin:before]) == prefix:
            return begin
    return start


def _describes_reporter(words: _Words, start: int) -> bool:
    """True for "saya guru", "kami para perawat": the reporter, not the official."""
    i = start - 1
    while i >= 0 and words.lower[i] in P.SELF_FILLERS:
        i -= 1
    return i >= 0 and words.lower[i] in P.SELF_REFERENCES


def _officials(words: _Words, matches, stops: set[int]) -> list[dict]:
    strings = words.doc.vocab.strings
    found, last_end = [], 0
    for match_id, start, end in matches:
        if start < last_end:
            continue
        title = strings[match_id]
        surface = " ".join(words.lower[start:end])
        if title in P.TITLES_ALSO_NAMES and words.text[start].istitle() and start > 0 \
                and _is_name(words, start - 1):
            continue  # "Lukman Hakim" is a name
        start = _prefix_start(words, start)
        if _describes_reporter(words, start):
            continue
        numbered = any(w in P.SCHOOL_KEYWORDS for w in words.lower[start:end])
        stop = _extend(words, end, _OFFICIAL_TAIL, stops, numbered=numbered)
        if stop == end and surface.removesuffix("nya") in P.TITLES_NEEDING_UNIT:
            continue  # "kasi tau", "operator berizin"
        found.append({"teks": words.doc[start:stop].text, "jabatan": title,
                      "tingkat": P.POSITION_TITLES[title]})
        last_end = stop
    return found


def _institutions(words: _Words, matches, title_starts: set[int]) -> list[dict]:
    keyword_id = words.doc.vocab.strings["keyword"]
    starts = {start for _, start, _ in matches}
    found, last_end = [], 0
    for match_id, start, end in matches:
        if start < last_end:
            continue
        surface = " ".join(words.lower[start:end])
        if surface in P.UPPERCASE_ONLY_KEYWORDS and words.text[start].islower():
            continue  # "sma" = sama, "sd" = sampai dengan
        is_keyword = match_id == keyword_id
        if is_keyword and start > 0 and words.lower[start - 1] in P.NOT_INSTITUTION_AFTER:
            continue  # "mobil dinas", "rumah dinas"
        stop = _extend(words, end, _INSTITUTION_TAIL, title_starts, starts,
                       numbered=surface in P.SCHOOL_KEYWORDS)
        if is_keyword and stop == end:
            continue  # a bare keyword: "desa kami", "di sekolah"
        found.append({"teks": words.doc[start:stop].text})
        last_end = stop
    return found


def _iso_date(words: _Words, kind: str, start: int, end: int) -> str | None:
    # spaCy's SHAPE "d" also covers non-ASCII digits ("¹", "٣"): only ASCII dates are read.
    if not all(part.isascii() for part in words.text[start:end]):
        return None
    text, lower = words.text[start:end], words.lower[start:end]
    if kind == "my_name":
        month, year = P.MONTHS[lower[0]], int(text[-1])
        return f"{year:04d}-{month:02d}" if year in _YEARS else None
    if kind == "dmy_name":
        day, month, year = int(text[0]), P.MONTHS[lower[1]], int(text[-1])
    elif kind == "dmy_dots":
        day, month, year = (int(part) for part in text[0].split("."))
    else:
        if text[1] != text[3]:
            return None  # "12/08-2024": mixed separators
        numbers = [int(text[i]) for i in (0, 2, 4)]
        day, month, year = numbers if kind == "dmy" else reversed(numbers)
    if year not in _YEARS:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None  # 31/02/2024


def _dates(words: _Words, matcher: Matcher, text: str) -> list[dict]:
    # Every date has a year: match only in a small window around each possible year, which
    # is several times faster than matching the whole text.
    matches = set()
    if not _YEAR_DIGITS.search(text):
        return []  # no token can end in a year: most complaints, checked in C
    for i, token in enumerate(words.text):
        tail = token[-4:]
        if tail.isascii() and tail.isdigit() and int(tail) in _YEARS:
            window = words.doc[max(0, i - 4):i + 5]
            matches.update((match_id, window.start + start, window.start + end)
                           for match_id, start, end in matcher(window))
    found = []
    for match_id, start, end in _longest_first(matches):
        iso = _iso_date(words, words.doc.vocab.strings[match_id], start, end)
        if iso:
            found.append({"teks": words.doc[start:end].text, "iso": iso})
    return found


def _unique(items: list[dict], key) -> list[dict]:
    seen, unique = set(), []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            unique.append(item)
    return unique


def _lower_text(item: dict) -> str:
    return item["teks"].lower()


def extract_facts(text: str) -> dict:
    """Return the officials, institutions, amounts and dates named in ``text``.

    The text is redacted first, so NIK, phone numbers, e-mail addresses and the like never
    reach the facts. Each list is in order of appearance and without repeats.

    Parameters
    ----------
    text : str
        A complaint as written (formal or chat style).

    Returns
    -------
    dict
        ``{"pejabat": [{"teks", "jabatan", "tingkat"}], "instansi": [{"teks"}],
        "jumlah_uang": [{"teks", "rupiah", "perkiraan"}], "tanggal": [{"teks", "iso"}]}``.
        ``jabatan`` is the canonical title (``"kepala desa"`` for "Kades"), ``tingkat`` its
        seniority (``"tinggi"``, ``"menengah"`` or ``"rendah"``); ``iso`` is ``YYYY-MM-DD``,
        or ``YYYY-MM`` for a month.

    Examples
    --------
    >>> facts = extract_facts("Kades Sukamaju minta Rp 2,5 juta pada 12 Agustus 2024.")
    >>> facts["pejabat"]
    [{'teks': 'Kades Sukamaju', 'jabatan': 'kepala desa', 'tingkat': 'menengah'}]
    >>> facts["jumlah_uang"]
    [{'teks': 'Rp 2,5 juta', 'rupiah': 2500000, 'perkiraan': False}]
    >>> facts["tanggal"]
    [{'teks': '12 Agustus 2024', 'iso': '2024-08-12'}]
    """
    if not isinstance(text, str):
        raise TypeError(f"text harus str, bukan {type(text).__name__} (text must be a str)")
    redacted = redact_text(text)
    rules = _rules()
    # make_doc's tokens from memoised pieces; the token texts are kept as plain strings:
    # building a Token object per word costs more than the matching itself
    texts, spaces = spacy_words(redacted)
    doc = Doc(spacy_tokenizer().vocab, words=texts, spaces=spaces)
    words = _Words(doc, texts, [t.lower() for t in texts])  # spaCy's LOWER is str.lower
    titles = _longest_first(rules.titles(doc))
    title_starts = {_prefix_start(words, start) for _, start, _ in titles}
    institutions = _longest_first(rules.institutions(doc))
    amounts = [{"teks": a.text, "rupiah": a.value, "perkiraan": a.approximate}
               for a in extract_amounts(redacted)]
    return {
        "pejabat": _unique(_officials(words, titles, title_starts), key=_lower_text),
        "instansi": _unique(_institutions(words, institutions, title_starts), key=_lower_text),
        "jumlah_uang": _unique(amounts, key=lambda item: (item["rupiah"], item["perkiraan"])),
        "tanggal": _unique(_dates(words, rules.dates, redacted), key=lambda item: item["iso"]),
    }
