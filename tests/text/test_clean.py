from hypothesis import given, settings
from hypothesis import strategies as st

from coi_nlp.text.clean import clean_text, strip_markup, strip_urls


def test_nfkc_folds_compatibility_characters():
    # full-width letters and the "ﬁ" ligature become plain ASCII
    assert clean_text("ＫＡＤＩＳ ﬁle") == "kadis file"


def test_markup_is_removed_and_entities_unescaped():
    html = "<div><p>Pak&nbsp;Lurah <b>minta</b> uang</p><script>alert(1)</script></div>"
    assert clean_text(html) == "pak lurah minta uang"


def test_comments_and_style_blocks_are_dropped():
    assert strip_markup("a<!-- rahasia -->b<style>p{}</style>c").split() == ["a", "b", "c"]


def test_less_than_sign_in_prose_is_kept():
    assert clean_text("nilai < 60 tidak lulus") == "nilai < 60 tidak lulus"


def test_urls_are_removed():
    assert strip_urls("lihat https://lapor.go.id/x?a=1 dan www.contoh.id/b").split() == [
        "lihat", "dan"]


def test_whitespace_and_invisible_characters():
    assert clean_text("  kepala\u200b dinas\t\n\n desa\u00a0baru ") == "kepala dinas desa baru"


def test_lowercase_is_optional():
    assert clean_text("Mobil B 1234 XYZ", lowercase=False) == "Mobil B 1234 XYZ"


def test_rejects_non_string():
    import pytest

    with pytest.raises(TypeError):
        clean_text(None)


# clean_text takes two short cuts; each must give what the plain regex gives.
_WHITESPACE = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2003", "\u3000"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WHITESPACE + ["a", "B", "1", "-"]), max_size=15).map("".join))
def test_whitespace_collapse_equals_the_regex(text):
    import re

    assert clean_text(text, lowercase=False) == re.sub(r"\s+", " ", text).strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["www.", "WwW.", "http://", "HTTPS://", "ftp://", "x", " ",
                                 "/", ".id", "\u0130"]), max_size=8).map("".join))
def test_url_shortcut_equals_the_regex(text):
    from coi_nlp.text.clean import _URL, strip_urls

    assert strip_urls(text) == _URL.sub(" ", text)
