"""A faster, faithful port of PySastrawi 1.2.1's stemmer (same stems, about 20x faster).

Why this exists
---------------
:class:`coi_nlp.text.stem.CachedStemmer` memoises stems per token, so Sastrawi only runs on
words it has not seen yet. Those misses were the largest single cost of triage: PySastrawi
builds a ``Context`` per word and walks ~40 prefix visitors holding ~55 disambiguator objects,
each calling ``re.match(pattern_string, word)`` (a regex-cache lookup per call), and builds a
``Removal`` object (with another ``re.sub``) per removed affix.

This module runs the *same* algorithm with plain functions and tables:

* regexes are compiled once; the suffix removers use ``str.endswith`` (each one documents
  why it equals its regex);
* prefix visitors are grouped by the first letter a word must start with, so ``makan`` never
  tries the ``ber-``/``me-``/``pe-`` rules, and a cheap ``startswith`` guard skips the regex
  of a rule whose literal prefix is absent;
* affix removals are kept as plain tuples, and only the facts PySastrawi later reads back
  (which suffixes came off, and whether one was ``-kan``) are kept.

It is a port, not a re-design: the rule order, the "last disambiguator wins unless one gives a
root word" quirk, the short-word handling, the confix precedence and the ECS "loop pengembalian
akhiran" are reproduced as they are, including their oddities. Each function names the
PySastrawi file it follows (paths relative to the installed ``Sastrawi`` package):

* ``Stemmer/Stemmer.py`` - :meth:`FastSastrawiStemmer.stem`, plural handling;
* ``Stemmer/Filter/TextNormalizer.py`` - :func:`normalize_text`;
* ``Stemmer/Context/Context.py`` - :meth:`FastSastrawiStemmer.stem_singular_word` and helpers;
* ``Stemmer/Context/Visitor/*.py`` - the suffix removers and the prefix visitor loop;
* ``Morphology/Disambiguator/DisambiguatorPrefixRule*.py`` - :data:`PREFIX_VISITORS`;
* ``Stemmer/ConfixStripping/PrecedenceAdjustmentSpecification.py`` - :data:`_PREFIX_FIRST`.

``tests/text/test_stem.py`` checks that the stems equal PySastrawi's on every distinct word of
the COI corpus, on generated affixed forms and on hand-picked tricky forms.

Licence: PySastrawi is MIT-licensed, Copyright (c) 2016 Hanif Amal Robbani
(https://github.com/har07/PySastrawi). This port keeps its rules and therefore its notice:

    Permission is hereby granted, free of charge, to any person obtaining a copy of this
    software and associated documentation files (the "Software"), to deal in the Software
    without restriction, including without limitation the rights to use, copy, modify, merge,
    publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
    to whom the Software is furnished to do so, subject to the following conditions:

    The above copyright notice and this permission notice shall be included in all copies or
    substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
    INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
    PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
    FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
    OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
    DEALINGS IN THE SOFTWARE.

A note on inputs: every function below except :meth:`FastSastrawiStemmer.stem` expects a word
that went through :func:`normalize_text` (lower case, only ``a-z0-9-`` and a few letters such as
``ı``/``ſ``, no spaces, no newlines), exactly as in PySastrawi, where ``stem()`` normalises first.
Some equivalences below (``endswith`` for ``...$`` regexes) rely on there being no newline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

__all__ = ["PREFIX_VISITORS", "FastSastrawiStemmer", "normalize_text"]


# --- Stemmer/Filter/TextNormalizer.py -----------------------------------------------------
# Same patterns and flags as PySastrawi (IGNORECASE lets a few non-ASCII letters through,
# e.g. "ı" and "ſ"; keeping the flags keeps that behaviour).
_NOT_WORD_CHAR = re.compile(r"[^a-z0-9 -]", re.IGNORECASE | re.MULTILINE)
_SPACE_RUN = re.compile(r"( +)", re.IGNORECASE | re.MULTILINE)
# A token that normalisation would leave unchanged: skip the two substitutions for it.
_ALREADY_NORMAL = re.compile(r"[a-z0-9-]+")


def normalize_text(text: str) -> str:
    """Lower-case, turn every char outside ``a-z0-9 -`` into a space, squeeze spaces, strip."""
    result = text.lower()
    result = _NOT_WORD_CHAR.sub(" ", result)
    result = _SPACE_RUN.sub(" ", result)
    return result.strip()


# --- Stemmer/Context/Visitor/Remove*.py: suffix removers ------------------------------------
_PARTICLES = ("lah", "kah", "tah", "pun")
# Longest first: re.sub finds the leftmost match of "(...)$", which is the longest suffix.
_DERIVATIONAL_SUFFIXES = ("isasi", "isme", "kan", "is", "an", "i")


def remove_particle(word: str) -> str:
    """RemoveInflectionalParticle: ``re.sub(r'-*(lah|kah|tah|pun)$', '', word, count=1)``.

    The leftmost match starts at the run of hyphens just before the particle, hence rstrip.
    """
    if word.endswith(_PARTICLES):
        return word[:-3].rstrip("-")
    return word


def remove_possessive(word: str) -> str:
    """RemoveInflectionalPossessivePronoun: ``re.sub(r'-*(ku|mu|nya)$', '', word, count=1)``."""
    if word.endswith("nya"):
        return word[:-3].rstrip("-")
    if word.endswith(("ku", "mu")):
        return word[:-2].rstrip("-")
    return word


def remove_derivational(word: str) -> str:
    """RemoveDerivationalSuffix: ``re.sub(r'(is|isme|isasi|i|kan|an)$', '', word, count=1)``."""
    for suffix in _DERIVATIONAL_SUFFIXES:
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


# Context.remove_suffixes visits these in this order (VisitorProvider.suffix_visitors).
_SUFFIX_REMOVERS = (remove_particle, remove_possessive, remove_derivational)


# --- Morphology/Disambiguator/DisambiguatorPrefixRule*.py ---------------------------------
Disambiguator = Callable[[str], "str | None"]
_ER = re.compile(r"^er(.*)$")  # the rules' "P != 'er'" test: re.match(r'^er(.*)$', P)


def _rule(pattern: str, build: Callable[[re.Match], str | None]) -> Disambiguator:
    """A disambiguator: when ``pattern`` matches the word, ``build(match)`` is the candidate."""
    match = re.compile(pattern).match

    def disambiguate(word: str) -> str | None:
        m = match(word)
        return build(m) if m else None

    return disambiguate


def _whole(m: re.Match) -> str:
    """All groups glued back together (the rules that keep the word's letters as they are)."""
    return "".join(m.groups())


def _prepend(letters: str) -> Callable[[re.Match], str]:
    """Builder for the "put back the swallowed first letter" rules (13b, 15b, 17b, ...)."""
    return lambda m: letters + "".join(m.groups())


_rule_32_pel = _rule(r"^pe(l[aiueo])(.*)$", _whole)  # rule 32 after its "pelajar" exception

# One entry per ``PrefixDisambiguator`` of VisitorProvider.init_visitors, in the same order:
# (guard, disambiguators). ``guard`` is a literal every disambiguator's regex requires at the
# start of the word, so a word without it is skipped cheaply ("" = no literal guard). Inside an
# entry the disambiguators are tried in order (see :func:`_disambiguate`).
PREFIX_VISITORS: tuple[tuple[str, tuple[Disambiguator, ...]], ...] = (
    # 1a berV -> ber-V ; 1b berV -> be-rV
    ("ber", (_rule(r"^ber([aiueo].*)$", _whole),
             _rule(r"^ber([aiueo].*)$", _prepend("r")))),
    # 2 berCAP -> ber-CAP where P != 'er' (the C != 'r' of the comment is not in the code)
    ("ber", (_rule(r"^ber([bcdfghjklmnpqrstvwxyz])([a-z])(.*)",
                   lambda m: None if _ER.match(m[3]) else _whole(m)),)),
    # 3 berCAerV -> ber-CAerV where C != 'r' (no "^" in the original; re.match anchors anyway)
    ("ber", (_rule(r"ber([bcdfghjklmnpqrstvwxyz])([a-z])er([aiueo])(.*)",
                   lambda m: None if m[1] == "r" else m[1] + m[2] + "er" + m[3] + m[4]),)),
    # 4 belajar -> bel-ajar
    ("belajar", (lambda word: "ajar" if word == "belajar" else None,)),
    # 5 beC1erC2 -> be-C1erC2 where C1 != 'r'
    ("be", (_rule(r"be([bcdfghjklmnpqstvwxyz])(er[bcdfghjklmnpqrstvwxyz])(.*)$", _whole),)),
    # 6a terV -> ter-V ; 6b terV -> te-rV
    ("ter", (_rule(r"^ter([aiueo].*)$", _whole),
             _rule(r"^ter([aiueo].*)$", _prepend("r")))),
    # 7 terCerV -> ter-CerV where C != 'r'
    ("ter", (_rule(r"^ter([bcdfghjklmnpqrstvwxyz])er([aiueo].*)$",
                   lambda m: None if m[1] == "r" else m[1] + "er" + m[2]),)),
    # 8 terCP -> ter-CP where C != 'r' and P != 'er'
    ("ter", (_rule(r"^ter([bcdfghjklmnpqrstvwxyz])(.*)$",
                   lambda m: None if m[1] == "r" or _ER.match(m[2]) else _whole(m)),)),
    # 9 teC1erC2 -> te-C1erC2 where C1 != 'r'
    ("te", (_rule(r"^te([bcdfghjklmnpqrstvwxyz])er([bcdfghjklmnpqrstvwxyz])(.*)$",
                  lambda m: None if m[1] == "r" else m[1] + "er" + m[2] + m[3]),)),
    # 10 me{l|r|w|y}V -> me-{l|r|w|y}V
    ("me", (_rule(r"^me([lrwy])([aiueo])(.*)$", _whole),)),
    # 11 mem{b|f|v} -> mem-{b|f|v}
    ("mem", (_rule(r"^mem([bfv])(.*)$", _whole),)),
    # 12 mempe -> mem-pe
    ("mempe", (_rule(r"^mempe(.*)$", _prepend("pe")),)),
    # 13a mem{rV|V} -> me-m{rV|V} ; 13b mem{rV|V} -> me-p{rV|V}
    ("mem", (_rule(r"^mem([aiueo])(.*)$", _prepend("m")),
             _rule(r"^mem([aiueo])(.*)$", _prepend("p")))),
    # 14 men{c|d|j|s|t|z} -> men-{c|d|j|s|t|z}
    ("men", (_rule(r"^men([cdjstz])(.*)$", _whole),)),
    # 15a men{V} -> me-n{V} ; 15b men{V} -> me-t{V}
    ("men", (_rule(r"^men([aiueo])(.*)$", _prepend("n")),
             _rule(r"^men([aiueo])(.*)$", _prepend("t")))),
    # 16 meng{g|h|q|k} -> meng-{g|h|q|k}
    ("meng", (_rule(r"^meng([ghqk])(.*)$", _whole),)),
    # 17a mengV -> meng-V ; 17b mengV -> meng-kV ; 17c menge -> meng-e- ; 17d mengV -> me-ngV
    ("meng", (_rule(r"^meng([aiueo])(.*)$", _whole),
              _rule(r"^meng([aiueo])(.*)$", _prepend("k")),
              _rule(r"^menge(.*)$", _whole),
              _rule(r"^meng([aiueo])(.*)$", _prepend("ng")))),
    # 18a menyV -> me-nyV ; 18b menyV -> meny-sV
    ("meny", (_rule(r"^meny([aiueo])(.*)$", _prepend("ny")),
              _rule(r"^meny([aiueo])(.*)$", _prepend("s")))),
    # 19 mempA -> mem-pA where A != 'e'
    ("memp", (_rule(r"^memp([abcdfghijklmopqrstuvwxyz])(.*)$", _prepend("p")),)),
    # 20 pe{w|y}V -> pe-{w|y}V
    ("pe", (_rule(r"^pe([wy])([aiueo])(.*)$", _whole),)),
    # 21a perV -> per-V ; 21b perV -> pe-rV
    ("per", (_rule(r"^per([aiueo])(.*)$", _whole),
             _rule(r"^pe(r[aiueo])(.*)$", _whole))),
    # 23 perCAP -> per-CAP where P != 'er'
    ("per", (_rule(r"^per([bcdfghjklmnpqrstvwxyz])([a-z])(.*)$",
                   lambda m: None if _ER.match(m[3]) else _whole(m)),)),
    # 24 perCAerV -> per-CAerV where C != 'r'
    ("per", (_rule(r"^per([bcdfghjklmnpqrstvwxyz])([a-z])er([aiueo])(.*)$",
                   lambda m: None if m[1] == "r" else m[1] + m[2] + "er" + m[3] + m[4]),)),
    # 25 pem{b|f|v} -> pem-{b|f|v}
    ("pem", (_rule(r"^pem([bfv])(.*)$", _whole),)),
    # 26a pem{rV|V} -> pe-m{rV|V} ; 26b pem{rV|V} -> pe-p{rV|V}
    ("pem", (_rule(r"^pem([aiueo])(.*)$", _prepend("m")),
             _rule(r"^pem([aiueo])(.*)$", _prepend("p")))),
    # 27 pen{c|d|j|s|t|z} -> pen-{c|d|j|s|t|z}
    ("pen", (_rule(r"^pen([cdjstz])(.*)$", _whole),)),
    # 28a pen{V} -> pe-n{V} ; 28b pen{V} -> pe-t{V}
    ("pen", (_rule(r"^pen([aiueo])(.*)$", _prepend("n")),
             _rule(r"^pen([aiueo])(.*)$", _prepend("t")))),
    # 29 pengC -> peng-C
    ("peng", (_rule(r"^peng([bcdfghjklmnpqrstvwxyz])(.*)$", _whole),)),
    # 30a pengV -> peng-V ; 30b pengV -> peng-kV ; 30c penge -> peng-e-
    ("peng", (_rule(r"^peng([aiueo])(.*)$", _whole),
              _rule(r"^peng([aiueo])(.*)$", _prepend("k")),
              _rule(r"^penge(.*)$", _whole))),
    # 31a penyV -> pe-nyV ; 31b penyV -> peny-sV
    ("peny", (_rule(r"^peny([aiueo])(.*)$", _prepend("ny")),
              _rule(r"^peny([aiueo])(.*)$", _prepend("s")))),
    # 32 pelV -> pe-lV, except pelajar -> ajar
    ("pe", (lambda word: "ajar" if word == "pelajar" else _rule_32_pel(word),)),
    # 34 peCP -> pe-CP where P != 'er'
    ("pe", (_rule(r"^pe([bcdfghjklmnpqrstvwxyz])(.*)$",
                  lambda m: None if _ER.match(m[2]) else _whole(m)),)),
    # 35 terC1erC2 -> ter-C1erC2 where C1 != 'r'  (CS additional rules)
    ("ter", (_rule(r"^ter([bcdfghjkpqstvxz])(er[bcdfghjklmnpqrstvwxyz])(.*)$", _whole),)),
    # 36 peC1erC2 -> pe-C1erC2 where C1 != {r|w|y|l|m|n}
    ("pe", (_rule(r"^pe([bcdfghjkpqstvxz])(er[bcdfghjklmnpqrstvwxyz])(.*)$", _whole),)),
    # 37-40, CS infix rules: the "a" rule keeps the word (a no-op removal), "b" drops the infix
    ("", (_rule(r"^([bcdfghjklmnpqrstvwxyz])(er[aiueo])(.*)$", _whole),     # 37a CerV -> CerV
          _rule(r"^([bcdfghjklmnpqrstvwxyz])er([aiueo])(.*)$", _whole))),   # 37b CerV -> CV
    ("", (_rule(r"^([bcdfghjklmnpqrstvwxyz])(el[aiueo])(.*)$", _whole),     # 38a CelV -> CelV
          _rule(r"^([bcdfghjklmnpqrstvwxyz])el([aiueo])(.*)$", _whole))),   # 38b CelV -> CV
    ("", (_rule(r"^([bcdfghjklmnpqrstvwxyz])(em[aiueo])(.*)$", _whole),     # 39a CemV -> CemV
          _rule(r"^([bcdfghjklmnpqrstvwxyz])em([aiueo])(.*)$", _whole))),   # 39b CemV -> CV
    ("", (_rule(r"^([bcdfghjklmnpqrstvwxyz])(in[aiueo])(.*)$", _whole),     # 40a CinV -> CinV
          _rule(r"^([bcdfghjklmnpqrstvwxyz])in([aiueo])(.*)$", _whole))),   # 40b CinV -> CV
    # 41 kuA -> ku-A ; 42 kauA -> kau-A  (Sastrawi rules)
    ("ku", (_rule(r"^ku(.*)$", _whole),)),
    ("kau", (_rule(r"^kau(.*)$", _whole),)),
)


def _visitors_by_first_letter(visitors):
    """For each first letter, the visitors that can apply to a word starting with it, in order.

    A visitor with guard "" can apply to any word, so it is in every list (and in the default).
    """
    letters = {guard[0] for guard, _ in visitors if guard}
    table = {letter: tuple(v for v in visitors if not v[0] or v[0][0] == letter)
             for letter in letters}
    return table, tuple(v for v in visitors if not v[0])


_VISITORS_BY_FIRST_LETTER, _UNGUARDED_VISITORS = _visitors_by_first_letter(PREFIX_VISITORS)
_PLAIN_PREFIXES = frozenset(("di", "ke", "se"))


def _disambiguate(disambiguators, word: str, dictionary: Container[str]) -> str | None:
    """AbstractDisambiguatePrefixRule.visit: try each in order, stop at the first root word.

    If none gives a root word the *last* one's answer is used, even if it is None while an
    earlier one matched (30a/30b match "pengalaman", 30c does not: no removal at all).
    """
    result = None
    for disambiguate in disambiguators:
        result = disambiguate(word)
        if result in dictionary:
            break
    return result


# --- Stemmer/ConfixStripping/PrecedenceAdjustmentSpecification.py -------------------------
# The six rules ^be(.*)lah$, ^be(.*)an$, ^me(.*)i$, ^di(.*)i$, ^pe(.*)i$, ^ter(.*)i$ as one
# alternation: when the word matches, prefixes are tried before suffixes.
_PREFIX_FIRST = re.compile(r"^(?:be(.*)lah|be(.*)an|me(.*)i|di(.*)i|pe(.*)i|ter(.*)i)$")

# --- Stemmer/Stemmer.py: plurals ------------------------------------------------------------
_PLURAL_WITH_PARTICLE = re.compile(r"^(.*)-(ku|mu|nya|lah|kah|tah|pun)$")
_LAST_HYPHEN = re.compile(r"^(.*)-(.*)$")
_PLURAL_SUFFIXES = frozenset(("ku", "mu", "nya", "lah", "kah", "tah", "pun"))


class FastSastrawiStemmer:
    """PySastrawi's ``Stemmer`` without its object machinery; the stems are identical.

    Parameters
    ----------
    dictionary : container of str, optional
        The root words (anything supporting ``in``). Default: the words of PySastrawi's
        own dictionary, shared with :func:`coi_nlp.text.stem.sastrawi_dictionary`.

    Examples
    --------
    >>> stemmer = FastSastrawiStemmer()
    >>> stemmer.stem("memberikan"), stemmer.stem("buku-bukunya"), stemmer.stem("pengadaan")
    ('beri', 'buku', 'ada')
    """

    def __init__(self, dictionary: Container[str] | None = None):
        if dictionary is None:
            from coi_nlp.text.stem import sastrawi_dictionary  # stem.py imports this module

            dictionary = sastrawi_dictionary().words
        self.dictionary = dictionary

    # Stemmer.stem / Stemmer.stem_word ---------------------------------------------------
    def stem(self, text: str) -> str:
        """Stem a text like ``Sastrawi.Stemmer.Stemmer.stem``: normalise, stem each word."""
        if _ALREADY_NORMAL.fullmatch(text):  # normalize_text(text) == text: one word
            return self.stem_word(text)
        return " ".join(map(self.stem_word, normalize_text(text).split(" ")))

    def stem_word(self, word: str) -> str:
        """Stem one normalised word (plural forms like ``anak-anak`` included)."""
        if self._is_plural(word):
            return self.stem_plural_word(word)
        return self.stem_singular_word(word)

    @staticmethod
    def _is_plural(word: str) -> bool:
        """Stemmer.is_plural: a hyphen that is not just the one before a ``-nya``/``-lah``..."""
        matches = _PLURAL_WITH_PARTICLE.match(word)
        if matches:
            return "-" in matches.group(1)
        return "-" in word

    def stem_plural_word(self, plural: str) -> str:
        """Stemmer.stem_plural_word: both halves must stem to the same root."""
        matches = _LAST_HYPHEN.match(plural)
        if not matches:
            return plural
        first, second = matches.group(1), matches.group(2)

        # malaikat-malaikat-nya -> malaikat, malaikat-nya
        matches = _LAST_HYPHEN.match(first)
        if second in _PLURAL_SUFFIXES and matches:
            first, second = matches.group(1), matches.group(2) + "-" + second

        # berbalas-balasan -> balas
        root1 = self.stem_singular_word(first)
        root2 = self.stem_singular_word(second)

        # meniru-nirukan -> tiru
        if second not in self.dictionary and root2 == second:
            root2 = self.stem_singular_word("me" + second)

        return root1 if root1 == root2 else plural

    # Context.execute / Context.start_stemming_process ------------------------------------
    def stem_singular_word(self, word: str) -> str:
        """One word through Nazief-Adriani / CS / ECS, as ``Context.execute`` runs it.

        The result is a dictionary word or, when no root is found, the word itself.
        """
        dictionary = self.dictionary
        if word in dictionary:
            return word
        # DontStemShortWord: for words of 3 letters or fewer the process is "stopped", which
        # in PySastrawi only cuts the visitor loops short (see the two helpers below).
        stopped = len(word) <= 3

        # Confix stripping: for be-lah, be-an, me-i, di-i, pe-i, ter-i try prefixes first.
        if _PREFIX_FIRST.match(word):
            current = self._remove_prefixes(word, stopped)
            if current in dictionary:
                return current
            current, _ = self._remove_suffixes(current, stopped)
            if current in dictionary:
                return current
            # Failed: start again from the word, suffixes first.

        current, suffix_removals = self._remove_suffixes(word, stopped)
        if current in dictionary:
            return current
        current = self._remove_prefixes(current, stopped)
        if current in dictionary:
            return current
        return self._loop_pengembalian_akhiran(word, suffix_removals, stopped)

    def _remove_suffixes(self, word: str, stopped: bool):
        """Context.remove_suffixes: particle, possessive, derivational; stop at a root word.

        Returns the word left and the removals as ``(subject, result, removed_part)``.
        """
        dictionary = self.dictionary
        removals = []
        for remove in _SUFFIX_REMOVERS:
            result = remove(word)
            if result != word:
                # PySastrawi computes removed_part with re.sub(result, '', subject, count=1);
                # result is a prefix of subject and holds no regex metacharacter, so that is
                # the tail of subject.
                removals.append((word, result, word[len(result):]))
                word = result
            if word in dictionary or stopped:
                break
        return word, removals

    def _remove_prefixes(self, word: str, stopped: bool) -> str:
        """Context.remove_prefixes: up to three prefix-removal passes, stop at a root word."""
        dictionary = self.dictionary
        for _ in range(3):
            removed = self._remove_one_prefix(word, stopped)
            if removed in dictionary:
                return removed
            if removed == word:
                # Nothing came off (or a no-op rule such as 37a fired): the pass depends only
                # on the word, so the remaining passes would do exactly the same.
                return word
            word = removed
        return word

    def _remove_one_prefix(self, word: str, stopped: bool) -> str:
        """Context.accept_prefix_visitors: the first prefix visitor that removes something.

        PySastrawi returns after the first removal, and after any visitor that removed nothing
        it also returns when the word is a root word or the process is stopped. The word does
        not change until a removal, so those two checks only matter after the first visitor
        (RemovePlainPrefix) and are done once here.
        """
        # RemovePlainPrefix: re.sub(r'^(di|ke|se)', '', word, count=1)
        if word[:2] in _PLAIN_PREFIXES:
            return word[2:]
        if stopped or word in self.dictionary:
            return word
        for guard, disambiguators in _VISITORS_BY_FIRST_LETTER.get(word[:1], _UNGUARDED_VISITORS):
            if word.startswith(guard):
                result = _disambiguate(disambiguators, word, self.dictionary)
                if result is not None:
                    return result
        return word

    def _loop_pengembalian_akhiran(self, word: str, suffix_removals, stopped: bool) -> str:
        """Context.loop_pengembalian_akhiran (ECS): put suffixes back one by one, last first,
        and retry the prefixes; for ``-kan`` first try ``-k`` kept (``masuk``+``kan``).

        Context.restore_prefix first returns the process to the subject of the first removal,
        which is always ``word`` itself, so that is what is returned when nothing is found.
        Prefix removals (type DP) are dropped there; only ``suffix_removals`` are looked at.
        """
        dictionary = self.dictionary
        for subject, result, removed_part in reversed(suffix_removals):
            if removed_part == "kan":
                current = self._remove_prefixes(result + "k", stopped)
                if current in dictionary:
                    return current
                current = result + "kan"
            else:
                current = subject
            current = self._remove_prefixes(current, stopped)
            if current in dictionary:
                return current
        return word
