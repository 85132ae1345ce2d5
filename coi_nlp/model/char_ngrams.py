"""Character n-grams within word boundaries, fast: the n-grams of each distinct word are
looked up once and remembered as vocabulary indices.

Same features as scikit-learn's ``TfidfVectorizer(analyzer="char_wb", sublinear_tf=True)``
(smooth idf, l2 norm), but scikit-learn counts every n-gram of every running word in a
Python loop; complaints repeat their words, so we count per distinct word and let numpy add
them up. Measured in ``benchmarks/model.py``.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from coi_nlp.memo import Memo

__all__ = ["CharNgramVectorizer", "char_wb_ngrams"]


def char_wb_ngrams(word: str, min_n: int, max_n: int) -> list[str]:
    """The ``char_wb`` n-grams of one word, exactly as scikit-learn makes them."""
    padded = f" {word} "
    length = len(padded)
    grams = []
    for n in range(min_n, max_n + 1):
        if length <= n:
            grams.append(padded)  # a short word counts once, whole
            break
        grams.extend(padded[i:i + n] for i in range(length - n + 1))
    return grams


class CharNgramVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF of ``char_wb`` n-grams with a per-word memo.

    Parameters
    ----------
    ngram_range : tuple, default (2, 5)
    min_df : int, default 2
        Keep n-grams found in at least this many documents.
    max_features : int or None, default None
        Keep only the most frequent n-grams (by total count).
    memo_size : int, default 200_000
        Most distinct words remembered (the oldest quarter is forgotten when full).

    Attributes
    ----------
    vocabulary_ : dict
        n-gram -> column.
    idf_ : ndarray
    """

    def __init__(self, ngram_range=(2, 5), min_df=2, max_features=None, memo_size=200_000):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.memo_size = memo_size

    def fit(self, X, y=None):
        self._fit(list(X))
        return self

    def fit_transform(self, X, y=None):
        docs = list(X)
        self._fit(docs)
        return self.transform(docs)

    def _fit(self, docs):
        self.__dict__.pop("_memo", None)  # columns of an earlier fit are stale
        min_n, max_n = self.ngram_range
        df, total = Counter(), Counter()
        grams_of: dict[str, list[str]] = {}
        for doc in docs:
            seen = Counter()
            for word in doc.split():
                grams = grams_of.get(word)
                if grams is None:
                    grams = grams_of[word] = char_wb_ngrams(word, min_n, max_n)
                seen.update(grams)
            df.update(seen.keys())
            total.update(seen)
        kept = [g for g, count in df.items() if count >= self.min_df]
        if self.max_features is not None and len(kept) > self.max_features:
            kept = sorted(kept, key=lambda g: (-total[g], g))[: self.max_features]
        kept.sort()
        self.vocabulary_ = {gram: i for i, gram in enumerate(kept)}
        n_docs = len(docs)
        dfs = np.array([df[g] for g in kept], dtype=np.float64)
        self.idf_ = np.log((1 + n_docs) / (1 + dfs)) + 1.0

    def _word_memo(self) -> Memo:
        # A cache, not a parameter: kept out of get_params and pickles, rebuilt on use.
        memo = self.__dict__.get("_memo")
        if memo is None or memo.maxsize != self.memo_size:
            memo = self.__dict__["_memo"] = Memo(self._columns_of, maxsize=self.memo_size)
        return memo

    def _columns_of(self, word: str) -> np.ndarray:
        vocabulary = self.vocabulary_
        min_n, max_n = self.ngram_range
        return np.array([vocabulary[g] for g in char_wb_ngrams(word, min_n, max_n)
                         if g in vocabulary], dtype=np.int64)

    def transform(self, X):
        check_is_fitted(self, "vocabulary_")
        indptr, indices, values = [0], [], []
        idf = self.idf_
        memo = self._word_memo()
        for doc in X:
            parts = [memo[word] for word in doc.split()]
            if parts:
                columns, counts = np.unique(np.concatenate(parts), return_counts=True)
            else:
                columns, counts = np.empty(0, np.int64), np.empty(0, np.int64)
            weights = (1.0 + np.log(counts)) * idf[columns]
            norm = np.sqrt(np.dot(weights, weights))
            if norm > 0:
                weights /= norm
            indices.append(columns)
            values.append(weights)
            indptr.append(indptr[-1] + len(columns))
        matrix = sparse.csr_matrix(
            (np.concatenate(values) if values else np.empty(0),
             np.concatenate(indices) if indices else np.empty(0, np.int64), indptr),
            shape=(len(indptr) - 1, len(self.vocabulary_)), dtype=np.float32)
        return matrix

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "vocabulary_")
        names = np.empty(len(self.vocabulary_), dtype=object)
        for gram, i in self.vocabulary_.items():
            names[i] = gram
        return names

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_memo", None)
        return state
