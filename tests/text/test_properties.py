"""Property-based tests: any Unicode input, no exception, stable output, nothing leaks."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coi_nlp.text import IndonesianPreprocessor, extract_amounts, redact_text
from coi_nlp.text.clean import clean_text
from coi_nlp.text.redact import find_personal_data

PRE = IndonesianPreprocessor()
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)
nik = st.from_regex(r"\A[1-9][0-9]{15}\Z", fullmatch=True)
phone = st.from_regex(r"\A(08|\+62 8|62-8)[1-9][0-9]{2}[- .]?[0-9]{4}[- .]?[0-9]{3,4}\Z",
                      fullmatch=True)
email = st.from_regex(r"\A[a-z][a-z0-9._]{0,12}@[a-z]{2,10}\.(id|com|co\.id)\Z", fullmatch=True)
words = st.text(alphabet=st.characters(categories=["L", "Zs", "P"]), max_size=40)


@SETTINGS
@given(st.text())
def test_any_unicode_string_is_processed(text):
    first = PRE.transform([text])
    assert first == PRE.transform([text])  # deterministic, stable when run twice
    assert isinstance(first[0], str)
    extract_amounts(text)
    assert redact_text(redact_text(text)) == redact_text(text)  # idempotent


@SETTINGS
@given(st.text())
def test_clean_text_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


@SETTINGS
@given(words, st.one_of(nik, phone, email), words)
def test_no_reporter_data_survives_redaction(before, secret, after):
    text = f"{before} {secret} {after}"
    redacted = redact_text(text)
    assert secret not in redacted
    assert not any(item.text == secret for item in find_personal_data(redacted))
    tokens = PRE.tokens(text)
    assert secret.lower() not in " ".join(tokens)
