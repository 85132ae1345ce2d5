"""Features: stemmed word n-grams plus character n-grams, on our preprocessing."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from coi_nlp.model.char_ngrams import CharNgramVectorizer
from coi_nlp.text import IndonesianPreprocessor

__all__ = ["build_features", "WORD", "CHAR"]

WORD, CHAR = "kata", "karakter"


def build_features(word_ngrams=(1, 2), char_ngrams=(2, 5), char_weight: float = 1.0,
                   remove_stop_words: bool = True, stem: bool = True, min_df: int = 2,
                   max_char_features: int | None = 150_000) -> FeatureUnion:
    """Word n-grams of preprocessed tokens and ``char_wb`` n-grams of the surface text.

    The word branch runs the whole pipeline (slang, stop words, stems); the character branch
    only steps 1-3, since character n-grams already absorb typos and affixes. The character
    branch is our :class:`CharNgramVectorizer` (same features as scikit-learn's ``char_wb``
    TF-IDF, several times faster).
    """
    word = Pipeline([
        ("praproses", IndonesianPreprocessor(remove_stop_words=remove_stop_words, stem=stem)),
        ("tfidf", TfidfVectorizer(token_pattern=r"\S+", lowercase=False,
                                  ngram_range=tuple(word_ngrams), sublinear_tf=True,
                                  min_df=min_df, dtype=np.float32)),
    ])
    char = Pipeline([
        ("praproses", IndonesianPreprocessor(output="surface")),
        ("tfidf", CharNgramVectorizer(ngram_range=tuple(char_ngrams), min_df=min_df,
                                      max_features=max_char_features)),
    ])
    return FeatureUnion([(WORD, word), (CHAR, char)],
                        transformer_weights={WORD: 1.0, CHAR: char_weight})
