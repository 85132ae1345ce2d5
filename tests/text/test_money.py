import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coi_nlp.text.money import MONEY_TOKEN, extract_amounts, normalise_money


@pytest.mark.parametrize("text,value", [
    ("Rp 2,5 juta", 2_500_000),
    ("Rp2.500.000,-", 2_500_000),
    ("Rp. 750.000", 750_000),
    ("Rp 1.500.000,00", 1_500_000),
    ("IDR 3,000,000", 3_000_000),
    ("15jt", 15_000_000),
    ("15 jt", 15_000_000),
    ("500rb", 500_000),
    ("50k", 50_000),
    ("300 ribu", 300_000),
    ("50 juta rupiah", 50_000_000),
    ("Rp 1.2 M", 1_200_000_000),
    ("Rp 1,25 miliar", 1_250_000_000),
    ("Rp 12.5 jt", 12_500_000),
    ("2 milyar", 2_000_000_000),
    ("dua ratus ribu", 200_000),
    ("seratus lima puluh ribu rupiah", 150_000),
    ("dua belas juta", 12_000_000),
    ("satu setengah juta", 1_500_000),
    ("dua juta lima ratus ribu", 2_500_000),
    ("sejuta", 1_000_000),
    ("seribu rupiah", 1_000),
    ("15.000.000 rupiah", 15_000_000),
])
def test_amounts_in_rupiah(text, value):
    amounts = extract_amounts(f"diminta {text} oleh petugas")
    assert [a.value for a in amounts] == [value]
    assert amounts[0].text.lower().startswith(text.split()[0].lower())


def test_vague_amounts_are_lower_bounds():
    [amount] = extract_amounts("kerugian puluhan juta")
    assert amount.value == 10_000_000 and amount.approximate


@pytest.mark.parametrize("text", [
    "tahun 2024", "tanggal 12-08-2023", "RT 05 RW 02", "jalan 200m rusak", "5 m dari kantor",
    "ada 3 orang", "pukul 10.30", "nilai 85,5", "seribu alasan",
])
def test_numbers_that_are_not_money(text):
    assert extract_amounts(text) == []
    assert normalise_money(text) == text


def test_normalise_replaces_each_amount_with_the_token():
    out = normalise_money("diminta rp 2,5 juta lalu 500rb dan dua ratus ribu")
    assert out.split() == ["diminta", MONEY_TOKEN, "lalu", MONEY_TOKEN, "dan", MONEY_TOKEN]


def test_several_amounts_in_order():
    text = "Awalnya Rp 500.000, kemudian naik jadi 2 juta, total Rp2.500.000,-"
    assert [a.value for a in extract_amounts(text)] == [500_000, 2_000_000, 2_500_000]


# The money regexes carry speed-ups (a lookahead for the first character, a lower-cased
# search for the money words on ASCII text); they must match exactly what the plain
# patterns match.
_MONEY_PIECES = ["Rp", "rp.", "IDR", "idr", " ", "  ", "2.500.000", "2,5", "15", "jt", "juta",
                 "JUTA", "rb", "ribu", "Ribu", "miliar", "MILYAR", "triliun", "dua", "ratus",
                 "puluhan", ",-", "rupiah", "k", "M", "\u0130", "\u0131", "DR", "x", ".", ","]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_MONEY_PIECES), max_size=12).map("".join))
def test_fast_money_patterns_equal_the_plain_ones(text):
    import re

    from coi_nlp.text import money

    plain_numeric = re.compile(money._NUMERIC.pattern.replace(r"(?=[\dri ])", "", 1),
                               re.IGNORECASE)
    assert [m.span() for m in money._NUMERIC.finditer(text)] == \
        [m.span() for m in plain_numeric.finditer(text)]
    assert money._may_have_words(text) == bool(money._WORDS_HINT.search(text))
