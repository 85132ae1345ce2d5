import pickle

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from coi_nlp.model.char_ngrams import CharNgramVectorizer, char_wb_ngrams

DOCS = ["kepala dinas minta xxuang untuk izin", "izin usaha dipercepat kepala desa",
        "a ab abc kepala kepala kepala", "jalan rusak di desa", "", "dinas dinas izin"]


def test_ngrams_match_scikit_learn_char_wb():
    reference = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    for word in ["a", "ab", "abc", "kepala", "xxuang"]:
        assert sorted(char_wb_ngrams(word, 2, 5)) == sorted(reference(word))


def test_same_matrix_as_scikit_learn():
    ours = CharNgramVectorizer((2, 5), min_df=1).fit(DOCS)
    theirs = TfidfVectorizer(analyzer="char_wb", lowercase=False, ngram_range=(2, 5),
                             sublinear_tf=True, min_df=1).fit(DOCS)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    new = ["kepala dinas izin", "kata baru sekali", ""]
    assert np.allclose(ours.transform(new).toarray(), theirs.transform(new).toarray(), atol=1e-6)


def test_min_df_and_max_features():
    vec = CharNgramVectorizer((2, 3), min_df=2, max_features=5).fit(DOCS)
    assert len(vec.vocabulary_) == 5
    assert vec.transform(["kepala"]).shape == (1, 5)


def test_memo_is_bounded_and_not_pickled():
    vec = CharNgramVectorizer((2, 4), min_df=1, memo_size=3).fit(DOCS)
    vec.transform(["satu dua tiga empat lima"])
    assert len(vec._memo) <= 3
    clone = pickle.loads(pickle.dumps(vec))
    assert "_memo" not in clone.__dict__
    assert np.allclose(clone.transform(DOCS).toarray(), vec.transform(DOCS).toarray())


def test_refit_forgets_the_columns_of_the_earlier_vocabulary():
    vec = CharNgramVectorizer((2, 3), min_df=1).fit(["kepala dinas"])
    vec.transform(["kepala"])
    vec.fit(["zzz kepala"])
    fresh = CharNgramVectorizer((2, 3), min_df=1).fit(["zzz kepala"])
    assert np.array_equal(vec.transform(["kepala"]).toarray(), fresh.transform(["kepala"]).toarray())

