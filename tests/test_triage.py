import json
from datetime import date

import pytest

from coi_nlp.errors import InputError
from coi_nlp.institution_config import InstitutionConfig
from coi_nlp.routing import route
from coi_nlp.taxonomy import CODES
from coi_nlp.triage import Triager

COMPLAINT = ("Yth. Inspektorat. Kepala Dinas Perizinan mempercepat izin usaha milik adik iparnya "
             "setelah menerima parsel Lebaran berisi jam tangan. Izin kami malah ditahan. Saya "
             "Rina, HP 0812-3456-7890, email rina.warga@contoh.id, NIK 3273014506880002.")


@pytest.fixture(scope="module")
def triager(small_model):
    return Triager(small_model)


def test_result_holds_everything_an_officer_acts_on(triager):
    result = triager.triage(COMPLAINT, received=date(2026, 8, 14))
    for key in ("model_version", "labels", "primary", "probabilities", "is_coi",
                "coi_probability", "needs_review", "review_reasons", "explanation", "key_facts",
                "priority", "routing", "received_at"):
        assert key in result
    assert list(result["probabilities"]) == list(CODES)
    assert result["primary"] == result["labels"][0]
    assert set(result["explanation"]) == set(result["labels"])
    assert result["priority"]["tingkat"] in ("tinggi", "sedang", "rendah")
    assert result["priority"]["alasan"]
    assert result["is_coi"]  # a permit sped up after a parcel: a conflict of interest
    assert result["routing"] == route(result["labels"], date(2026, 8, 14))
    verify = next(s for s in result["routing"] if s["key"] == "verifikasi_atasan")
    assert verify["due_date"] == "2026-08-20"  # 3 working days, 17 Aug is a holiday


def test_explanations_use_written_words_not_stems(triager):
    result = triager.triage(COMPLAINT)
    words = {item["kata"] for items in result["explanation"].values() for item in items}
    assert words
    lowered = COMPLAINT.lower()
    for word in words:
        assert word.startswith("[") or word in lowered, word


def test_reporter_data_never_leaves_in_the_result(triager):
    dumped = json.dumps(triager.triage(COMPLAINT), ensure_ascii=False)
    for secret in ("0812", "3456-7890", "rina.warga", "3273014506880002"):
        assert secret not in dumped


def test_bad_input_is_an_input_error(triager):
    for bad in ("", "   \n", None, 42, "x" * 20_001):
        with pytest.raises(InputError):
            triager.triage(bad)


def test_institution_overrides_reach_routing(small_model):
    config = InstitutionConfig(name="Pemkab Uji", units={"verifikasi_atasan": "Sekretaris Dinas"})
    result = Triager(small_model, config).triage(COMPLAINT, received=date(2026, 3, 2))
    assert result["is_coi"]
    step = next(s for s in result["routing"] if s["key"] == "verifikasi_atasan")
    assert step["unit"] == "Sekretaris Dinas"


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300))
def test_any_text_is_triaged_or_refused_clearly(small_model, text):
    """Any Unicode text: a full result, or an InputError (empty) - never another exception."""
    try:
        result = Triager(small_model).triage(text, received=date(2026, 1, 5))
    except InputError as exc:
        assert exc.code == "teks_kosong"
        return
    assert result["primary"] == result["labels"][0]
    json.dumps(result)
