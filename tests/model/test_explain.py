from coi_nlp.model.char_ngrams import char_wb_ngrams
from coi_nlp.model.explain import _WordFinder


def test_word_finder_matches_char_wb_semantics():
    surface = "kadis minta xxuang ke kadis lain , kadisnya diam"
    finder = _WordFinder(surface)
    words = surface.split()
    grams = {g for w in words for g in char_wb_ngrams(w, 2, 5)}
    for gram in grams:
        expected = []
        for word in words:
            if gram in char_wb_ngrams(word, 2, 5) and word not in expected:
                expected.append(word)
        assert finder.words_with(gram) == expected, gram
    assert finder.words_with(" kadis ") == ["kadis"]
    assert finder.words_with("dis") == ["kadis", "kadisnya"]
