import pytest

from coi_nlp.lang.slang import SLANG
from coi_nlp.text.informal import normalise_informal, squeeze_repeats


@pytest.mark.parametrize("slang,standard", [
    ("yg", ["yang"]), ("gk", ["tidak"]), ("ga", ["tidak"]), ("gak", ["tidak"]),
    ("nggak", ["tidak"]), ("tdk", ["tidak"]), ("dgn", ["dengan"]), ("sy", ["saya"]),
    ("bpk", ["bapak"]), ("kadis", ["kepala", "dinas"]), ("kades", ["kepala", "desa"]),
    ("sekdes", ["sekretaris", "desa"]), ("duit", ["uang"]), ("ortu", ["orang", "tua"]),
    ("udh", ["sudah"]), ("bgt", ["banget"]),
])
def test_slang_is_mapped(slang, standard):
    assert normalise_informal([slang]) == standard


def test_standard_words_pass_unchanged():
    words = ["kepala", "dinas", "meminta", "uang", "xxuang", "tender"]
    assert normalise_informal(words) == words


@pytest.mark.parametrize("word,expected", [
    ("bangeeet", "banget"), ("parahhh", "parah"), ("maaaaf", "maaf"), ("tolongggg", "tolong"),
    ("saat", "saat"), ("taat", "taat"),
])
def test_repeated_letters_are_squeezed(word, expected):
    assert squeeze_repeats(word) == expected


def test_written_reduplication():
    assert normalise_informal(["anak2", "kadang2"]) == ["anak", "kadang"]


def test_slang_data_is_plain_lowercase_single_tokens():
    for key, value in SLANG.items():
        assert key == key.lower() and " " not in key
        assert value and value == value.lower()
        assert key != value, f"{key} maps to itself"
