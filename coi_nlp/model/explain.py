"""Why a label was predicted: the input's words that pushed its score most.

The SVM score of a label is a sum over features of (feature value x weight). We take the
largest positive terms and credit each to the words the complainant wrote: a word n-gram to
the written forms of its tokens (not their stems), a character n-gram to the words that
contain it. Placeholders are shown as ``[UANG]``, ``[NIK]`` and so on.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from typing import NamedTuple

import numpy as np

from coi_nlp.text.pipeline import IndonesianPreprocessor

__all__ = ["explain", "explain_rows", "explain_terms"]

_DISPLAY = {"xxuang": "[UANG]", "xxnik": "[NIK]", "xxnip": "[NIP]", "xxtelepon": "[TELEPON]",
            "xxemail": "[EMAIL]", "xxplat": "[PLAT]"}
_TERMS_CONSIDERED = 40  # strongest feature terms looked at per label
_PUNCTUATION = "\"'.,;:!?()[]{}<>/\\|-_*&^%$#@~`+="


def _first_forms(classifier, surface: str) -> dict[str, str]:
    """Feature token (stem or word) -> the first written form of it in the text."""
    word_pre = classifier.features_.transformer_list[0][1][0]
    # built back to front, so the first written form of a stem wins
    return dict(reversed(word_pre.feature_forms(surface)))


def _strongest(contributions: np.ndarray) -> np.ndarray:
    """Positions of the largest contributions, largest first (at most _TERMS_CONSIDERED)."""
    if len(contributions) > _TERMS_CONSIDERED:
        # a partial sort: only the top terms need ordering, not the thousands of n-grams
        top = np.argpartition(-contributions, _TERMS_CONSIDERED - 1)[:_TERMS_CONSIDERED]
        return top[np.argsort(-contributions[top], kind="stable")]
    return np.argsort(-contributions, kind="stable")


class _WordFinder:
    """Which words of a text contain a ``char_wb`` n-gram. The words are joined as
    " w1 w2 ... " - exactly the padding ``char_wb`` gives each word - so one ``str.find``
    scan per n-gram finds every word that produced it, word boundaries included."""

    def __init__(self, surface: str):
        self.words = surface.split()
        self.joined = " " + " ".join(self.words) + " "
        self.starts, position = [], 1
        for word in self.words:
            self.starts.append(position)
            position += len(word) + 1

    def words_with(self, gram: str) -> list[str]:
        hits, start = [], self.joined.find(gram)
        while start != -1:
            # the word whose span (with its padding) holds this occurrence
            index = bisect_right(self.starts, start + (gram[0] == " ")) - 1
            word = self.words[max(index, 0)]
            if word not in hits:
                hits.append(word)
            start = self.joined.find(gram, start + 1)
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
    row = row.tocsr()
    return explain_terms(classifier, text, row.indices, row.data, labels, top_k)


def explain_rows(classifier, texts: list[str], matrix, labels: list[list[str]],
                 top_k: int = 5) -> list[dict]:
    """:func:`explain` for every row of a CSR feature matrix (no per-row slicing, which
    costs scipy more than the explanation itself)."""
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    model = _ModelTerms.of(classifier)  # looked up once for all rows
    return [_explain(model, text, indices[indptr[i]:indptr[i + 1]],
                     data[indptr[i]:indptr[i + 1]], codes, top_k)
            for i, (text, codes) in enumerate(zip(texts, labels))]


def explain_terms(classifier, text: str, indices: np.ndarray, values: np.ndarray,
                  labels: list[str], top_k: int = 5) -> dict:
    """:func:`explain` on a document's non-zero feature ``indices`` and their ``values``."""
    return _explain(_ModelTerms.of(classifier), text, indices, values, labels, top_k)


class _ModelTerms(NamedTuple):
    """What explanations read from a fitted classifier: weights, feature names, row of each
    code."""

    classifier: object
    weights: np.ndarray
    word_names: np.ndarray
    char_names: np.ndarray
    row_of: dict[str, int]

    @classmethod
    def of(cls, classifier) -> _ModelTerms:
        return cls(classifier, classifier.linear_weights(), *classifier.feature_names(),
                   {code: i for i, code in enumerate(classifier.classes_)})


def _explain(model: _ModelTerms, text: str, indices: np.ndarray, values: np.ndarray,
             labels: list[str], top_k: int) -> dict:
    classifier, weights, word_names, char_names = model[:4]
    n_word = len(word_names)
    surface = IndonesianPreprocessor.surface(text)
    word_forms = None
    finder = None
    result = {}
    for code in labels:
        contributions = values * weights[model.row_of[code], indices]
        strongest = _strongest(contributions)
        credit: dict[str, float] = defaultdict(float)
        # plain Python numbers: the loop below is per term, numpy scalars would slow it
        for amount, feature in zip(contributions[strongest].tolist(),
                                   indices[strongest].tolist()):
            if amount <= 0:
                break
            if feature < n_word:
                if word_forms is None:
                    word_forms = _first_forms(classifier, surface)
                tokens = word_names[feature].split(" ")
                targets = [word_forms[t] for t in tokens if t in word_forms]
            else:
                if finder is None:
                    finder = _WordFinder(surface)
                targets = finder.words_with(char_names[feature - n_word])
            for target in targets:
                word = target.strip(_PUNCTUATION) or target
                credit[_DISPLAY.get(word, word)] += amount / len(targets)
        ranked = sorted(credit.items(), key=lambda item: -item[1])[:top_k]
        result[code] = [{"kata": word, "bobot": round(weight, 4)} for word, weight in ranked]
    return result
