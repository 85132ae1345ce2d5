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


def test_memo_is_bounded_and_keeps_the_newest_words():
    stemmer = CachedStemmer(cache_size=100)
    words = [f"kata{i}" for i in range(500)]
    stemmer.stem_tokens(words)
    assert stemmer.cache_info().misses == 500
    stemmer.stem_tokens(words[-10:])
    info = stemmer.cache_info()
    assert info.currsize == 100 and info.maxsize == 100 and info.misses == 500
    stemmer.stem_tokens(words[:10])  # long forgotten: stemmed again
    assert stemmer.cache_info().misses == 510


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


# --- The fast port (coi_nlp.text.fast_sastrawi) against the real PySastrawi ----------------
# CachedStemmer stems memo misses with FastSastrawiStemmer; these tests compare it word by word
# with PySastrawi's own Stemmer.stem (the library, not a copy of its expected output), so any
# divergence in rules, rule order or quirks fails here.

TRICKY_FORMS = [
    # plurals and hyphens
    "anak-anak", "buku-bukunya", "buku-buku-nya", "malaikat-malaikat-nya", "berbalas-balasan",
    "meniru-nirukan", "kura-kura", "sayur-mayur", "bolak-balik", "tawar-menawar", "nikmat-ku",
    "nikmat-Ku", "apa-apa-lah", "rumah-rumah-pun", "a-b-c", "e-katalog", "check-up", "-nya", "-",
    "--", "x-", "-x", "ibu-ibu-", "a--lah", "kan-kan", "nya-nya", "mengatakan-nya", "ke-3",
    # particles and possessives
    "bukankah", "apakah", "itulah", "dialah", "diapun", "bagaimanapun", "apatah", "sayalah",
    "bukumu", "bukuku", "rumahnya", "rumahnyalah", "kepadanya", "miliknyapun", "kekasihku",
    # me-
    "melihat", "merusak", "mewarnai", "meyakini", "membaca", "memfitnah", "memvonis",
    "mempengaruhi", "memakan", "memukul", "memperbaiki", "memproses", "mencuri", "mendengar",
    "menjual", "mensyaratkan", "mentaati", "menzalimi", "menangis", "menarik", "mengganggu",
    "menghitung", "mengqada", "mengkritik", "mengambil", "mengeluarkan", "mengecat", "mengebom",
    "menyala", "menyapu", "menyusun", "menerangi", "menilai", "menanamkan", "mengadakan",
    "mengaku", "mengaji",
    # pe-
    "pewarna", "peyakin", "perawat", "peramal", "perdagangan", "pertanian", "perserta",
    "pembaca", "pemfitnah", "pemakan", "pemukul", "pencuri", "pendengar", "penjual",
    "penstabilan", "pentranskripsi", "penari", "penarik", "pengganggu", "pengkritik",
    "pengambil", "pengecat", "pengebom", "penyanyi", "penyapu", "pelajar", "pelaku", "pelari",
    "pekerja", "pedagang", "petani", "pesuruh", "pengadaan", "pengaduan", "penilaian",
    "berpengalaman", "sepersepuluh", "bersebelahan",
    # be- and te-
    "berjalan", "berakhir", "beragam", "berenang", "bekerja", "belajar", "bercermin",
    "berperan", "berserta", "beserta", "berlari", "beternak", "bersalah", "bermain",
    "belanjaan", "berkepentingan", "bertanggungjawab", "terambil", "teracun", "terbawa",
    "tercermin", "terpercaya", "tertawa", "tersenyum", "teperdaya", "terlambat", "terrelasi",
    "terserang", "terkeras", "terbelakang",
    # di-, ke-, se- and confixes
    "dibaca", "dimakan", "diperbaiki", "diketahui", "ketahui", "kehidupan", "kebersamaan",
    "seorang", "sebaiknya", "sedikitnya", "sesuatu", "dipermasalahkan", "kedudukannya",
    "sepengetahuan", "pembangunan", "perekonomian", "pertanggungjawaban", "ketidakadilan",
    "keberhasilan", "mempermainkan", "memberlakukan", "menyelesaikan", "penyelesaian",
    "mengukuhkan", "berdasarkan", "masukkan", "dimasukkan", "memasukkan", "pemasukan",
    "memasukan", "bersamaan", "pelanggaran", "kemerdekaan", "keamanan", "diberi", "pemberian",
    "diselewengkan", "perbankan", "kepentingan", "sebagai",
    # infixes, ku-/kau-, foreign suffixes
    "gerigi", "gemetar", "telunjuk", "kinerja", "gelembung", "seruling", "temali", "sinambung",
    "kuambil", "kaubawa", "kubaca", "kaulihat", "kukira", "nasionalisme", "modernisasi",
    "idealis", "sosialisasi", "globalisasi", "kapitalis",
    # short words
    "", "a", "x", "i", "di", "ke", "se", "ku", "mu", "an", "is", "kan", "lah", "nya", "ter",
    "men", "pen", "dia", "apa", "iya", "kau", "pun", "dan", "mei", "bean", "belah", "mui",
    # digits and non-letters (PySastrawi's normaliser runs first)
    "2019", "a1", "s2", "sp2d", "3x", "covid19", "ke2", "di2", "anak2", "pedagang2",
    "ditunggu2", "menerima2", "1,8", "12.000", "rp5.000", "dr.", "don't", "e-mail", "E-KTP",
    "PUPR", "Ahmad", "café", "naïve", "ſaya", "ını", "İstanbul", "\u212a", "jum'at", "a/b",
    "x_y", "  spasi  ", "tab\tkata", "baris\nbaru", "#hashtag", "@user", "!!!",
]


@pytest.fixture(scope="module")
def reference_and_fast():
    """PySastrawi's uncached Stemmer and the fast port, on the same dictionary object."""
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    from coi_nlp.text.fast_sastrawi import FastSastrawiStemmer

    reference = Stemmer(ArrayDictionary(StemmerFactory().get_words_from_file()))
    return reference, FastSastrawiStemmer(reference.get_dictionary().words)


def _mismatches(words, reference, fast):
    return [(w, reference.stem(w), fast.stem(w)) for w in words if reference.stem(w) != fast.stem(w)]


def test_fast_port_matches_pysastrawi_on_tricky_forms(reference_and_fast):
    assert _mismatches(TRICKY_FORMS, *reference_and_fast) == []


def test_fast_port_matches_pysastrawi_on_every_corpus_word(reference_and_fast):
    """Every distinct word the pipeline would stem (surface -> tokens), plus every raw
    whitespace-separated piece of the texts, punctuation and capitals included."""
    import json
    from pathlib import Path

    from coi_nlp.text.pipeline import IndonesianPreprocessor
    from coi_nlp.text.tokenize import tokenize

    corpus = Path(__file__).resolve().parents[2] / "corpora" / "coi" / "corpus.jsonl"
    words = set()
    with open(corpus, encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            words.update(tokenize(IndonesianPreprocessor.surface(text)))
            words.update(text.split())
    assert len(words) > 10_000
    assert _mismatches(sorted(words), *reference_and_fast) == []


def _generated_forms(count=12_000, seed=20240601):
    """Root words (some with an -er-/-el-/-em-/-in- infix, some cut short, some random
    letters and digits) between stacked prefixes and suffix chains, some doubled with a hyphen."""
    import random

    rng = random.Random(seed)
    roots = sorted(sastrawi_dictionary().words)
    prefixes = ["", "di", "ke", "se", "be", "ber", "bel", "te", "ter", "me", "mem", "men", "meng",
                "meny", "menge", "memp", "mempe", "memper", "pe", "per", "pem", "pen", "peng",
                "peny", "penge", "pel", "ku", "kau", "diper", "keber", "r", "er"]
    suffixes = ["", "i", "an", "kan", "is", "isme", "isasi", "lah", "kah", "tah", "pun", "nya",
                "ku", "mu", "-nya", "-lah", "-ku", "--pun", "kannya", "annya", "inya", "kanlah",
                "nyalah", "isasinya", "-", "k"]
    letters = "abcdeghiklmnoprstuy-0123456789"

    def form():
        root = rng.choice(roots)
        draw = rng.random()
        if draw < 0.15:
            root = root[0] + rng.choice(["er", "el", "em", "in"]) + root[1:]
        elif draw < 0.25:
            root = "".join(rng.choice(letters) for _ in range(rng.randint(0, 7)))
        elif draw < 0.3:
            root = root[: rng.randint(0, len(root))]
        stacked = rng.choice(prefixes[:8]) if rng.random() < 0.1 else ""
        word = rng.choice(prefixes) + stacked + root + rng.choice(suffixes)
        if rng.random() < 0.12:
            word += "-" + (word if rng.random() < 0.5 else form())
        return word

    return [form() for _ in range(count)]


def test_fast_port_matches_pysastrawi_on_generated_affixed_forms(reference_and_fast):
    assert _mismatches(_generated_forms(), *reference_and_fast) == []


def test_cached_stemmer_uses_the_fast_port_with_the_same_stems(reference_and_fast):
    reference, _ = reference_and_fast
    words = [w for w in TRICKY_FORMS if w not in PROTECTED_STEMS and w not in PLACEHOLDERS]
    assert CachedStemmer(protected=False).stem_tokens(words) == [
        s for s in map(reference.stem, words) if s]
