"""Why a label was predicted: the input's words that pushed its score most.

The SVM score of a label is a sum over features of (feature value x weight). We take the
largest positive terms and credit each to the words the complainant wrote: a word n-gram to
the written forms of its tokens (not their stems), a character n-gram to the words that
contain it. Placeholders are shown as ``[UANG]``, ``[NIK]`` and so on.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from coi_nlp.text.pipeline import IndonesianPreprocessor

__all__ = ["explain"]

_DISPLAY = {"xxuang": "[UANG]", "xxnik": "[NIK]", "xxnip": "[NIP]", "xxtelepon": "[TELEPON]",
            "xxemail": "[EMAIL]", "xxplat": "[PLAT]"}
_TERMS_CONSIDERED = 40  # strongest feature terms looked at per label
_PUNCTUATION = "\"'.,;:!?()[]{}<>/\\|-_*&^%$#@~`+="


def _word_map(classifier, text: str) -> dict[str, list[str]]:
    """Feature token (stem or word) -> written forms in ``text``, in order of appearance."""
    word_pre = classifier.features_.transformer_list[0][1][0]
    forms: dict[str, list[str]] = defaultdict(list)
    for token in word_pre.analyse(text):
        if token.stem and token.surface not in forms[token.stem]:
            forms[token.stem].append(token.surface)
    return forms


def _words_with(gram: str, words: list[str]) -> list[str]:
    core = gram.strip()
    if not core:
        return []
    hits = []
    for word in words:
        if gram.startswith(" ") and gram.endswith(" "):
            ok = word == core
        elif gram.startswith(" "):
            ok = word.startswith(core)
        elif gram.endswith(" "):
            ok = word.endswith(core)
        else:
            ok = core in word
        if ok and word not in hits:
            hits.append(word)
    return hits


def explain(classifier, text: str, row, labels: list[str], top_k: int = 5) -> dict:
    """Top words per label in ``labels`` for one document.

    Parameters
    ----------
    classifier : CoiClassifier (fitted)
    text : str
        The original complaint.
    row : sparse matrix, shape (1, n_features)
        The document's features (from ``classifier.transform_features``).
    labels : list of str
        The codes to explain (usually the predicted set).
    """
    weights = classifier.linear_weights()
    word_names, char_names = classifier.feature_names()
    n_word = len(word_names)
    row = row.tocsr()
    indices, values = row.indices, row.data
    word_forms = None
    surface_words = None
    result = {}
    for code in labels:
        contributions = values * weights[classifier.classes_.index(code), indices]
        strongest = np.argsort(-contributions)[:_TERMS_CONSIDERED]
        credit: dict[str, float] = defaultdict(float)
        for position in strongest:
            amount = float(contributions[position])
            if amount <= 0:
                break
            feature = int(indices[position])
            if feature < n_word:
                if word_forms is None:
                    word_forms = _word_map(classifier, text)
                tokens = word_names[feature].split(" ")
                targets = [word_forms[t][0] for t in tokens if word_forms.get(t)]
            else:
                if surface_words is None:
                    surface_words = IndonesianPreprocessor.surface(text).split()
                targets = _words_with(char_names[feature - n_word], surface_words)
            for target in targets:
                word = target.strip(_PUNCTUATION) or target
                credit[_DISPLAY.get(word, word)] += amount / len(targets)
        ranked = sorted(credit.items(), key=lambda item: -item[1])[:top_k]
        result[code] = [{"kata": word, "bobot": round(weight, 4)} for word, weight in ranked]
    return result
