import pickle
import threading

import pytest

from coi_nlp.lang.protected_terms import PLACEHOLDERS, PROTECTED_STEMS
from coi_nlp.text.stem import CachedStemmer, sastrawi_dictionary


@pytest.mark.parametrize("word,sastrawi_stem", [
    ("pengadaan", "ada"), ("pengaduan", "adu"), ("berkepentingan", "ting"),
    ("perbankan", "perban"), ("sebagai", "bagai"), ("kepentingan", "penting"),
])
def test_protected_terms_fix_known_overstemming(word, sastrawi_stem):
    raw = CachedStemmer(protected=False)
    assert raw.stem(word) == sastrawi_stem  # the harm is real
    assert CachedStemmer().stem(word) == PROTECTED_STEMS[word]


def test_every_protected_term_is_applied():
    stemmer = CachedStemmer()
    for word, stem in PROTECTED_STEMS.items():
        assert stemmer.stem(word) == stem


def test_placeholders_are_not_stemmed():
    stemmer = CachedStemmer()
    for token in PLACEHOLDERS:
        assert stemmer.stem(token) == token


def _vocabulary(limit=6000):
    """Root words from Sastrawi's dictionary and affixed forms built from them."""
    roots = sorted(sastrawi_dictionary().words)[::5][:limit]
    forms = set(roots)
    for root in roots[: limit // 2]:
        forms.update({f"di{root}", f"ber{root}", f"{root}an", f"ke{root}an", f"pe{root}an",
                      f"me{root}kan", f"{root}nya", f"ter{root}", f"se{root}"})
    return sorted(forms)


def test_stems_identical_to_sastrawi_document_stemming():
    """Per-token memoised stems equal Sastrawi's own stem() over whole documents."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    vocabulary = [w for w in _vocabulary() if w not in PROTECTED_STEMS]
    assert len(vocabulary) > 20_000
    reference = StemmerFactory().create_stemmer()
    ours = CachedStemmer(protected=False)
    for start in range(0, len(vocabulary), 200):
        chunk = vocabulary[start:start + 200]
        expected = reference.stem(" ".join(chunk)).split(" ")
        assert ours.stem_tokens(chunk) == expected


def test_memo_is_bounded_and_counts_hits():
    stemmer = CachedStemmer(cache_size=100)
    words = [f"kata{i}" for i in range(500)]
    stemmer.stem_tokens(words)
    stemmer.stem_tokens(words[-10:])
    info = stemmer.cache_info()
    assert info.currsize == 100 and info.maxsize == 100 and info.hits == 10


def test_memo_is_safe_across_threads():
    stemmer = CachedStemmer(cache_size=50)
    words = ["memberikan", "pengadaan", "diminta", "berkepentingan", "perizinan"] * 40
    expected = [CachedStemmer().stem(w) for w in words]
    results, errors = [], []

    def work():
        try:
            results.append(stemmer.stem_tokens(words))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and all(r == expected for r in results)


def test_pickle_drops_the_memo():
    stemmer = CachedStemmer(cache_size=123)
    stemmer.stem("memberikan")
    clone = pickle.loads(pickle.dumps(stemmer))
    assert clone.cache_size == 123 and clone.cache_info().currsize == 0
    assert clone.stem("memberikan") == "beri"
