import pytest

from coi_nlp.facts import extract_facts
from coi_nlp.priority import (
    DECISION_LABELS,
    HIGH_AMOUNT,
    MEDIUM_AMOUNT,
    REVIEW_REASON,
    assess_priority,
)
from coi_nlp.taxonomy import CONFLICT_CODES, NOT_COI, UnknownLabelError


def money(rupiah, teks=None, perkiraan=False):
    return {"teks": teks or f"Rp {rupiah}", "rupiah": rupiah, "perkiraan": perkiraan}


def official(teks, tingkat):
    return {"teks": teks, "jabatan": teks.lower(), "tingkat": tingkat}


def facts(amounts=(), officials=()):
    return {"pejabat": list(officials), "instansi": [], "jumlah_uang": list(amounts),
            "tanggal": []}


# --- not a conflict of interest ----------------------------------------------------------------

def test_not_coi_is_low_and_goes_to_the_ordinary_channel():
    result = assess_priority([NOT_COI], False, facts())
    assert result["tingkat"] == "rendah"
    assert len(result["alasan"]) == 1
    assert "kanal pengaduan layanan publik biasa" in result["alasan"][0]


def test_not_coi_stays_low_even_with_big_money_and_senior_officials():
    big = facts([money(5_000_000_000)], [official("Bupati Garut", "tinggi")])
    assert assess_priority([NOT_COI], False, big)["tingkat"] == "rendah"


def test_not_coi_that_needs_review_is_medium():
    assert assess_priority([NOT_COI], False, facts(), needs_review=True) == {
        "tingkat": "sedang", "alasan": ["model ragu, perlu dibaca petugas"]}


# --- high priority -----------------------------------------------------------------------------

def test_amount_of_100_million_or_more_is_high():
    result = assess_priority(["pengadaan_rekanan"], True,
                             facts([money(150_000_000, "Rp 150 juta")]))
    assert result == {"tingkat": "tinggi", "alasan": [
        "jumlah uang Rp 150 juta (Rp 150.000.000) mencapai Rp 100.000.000 atau lebih"]}


@pytest.mark.parametrize("rupiah,level", [
    (HIGH_AMOUNT, "tinggi"), (HIGH_AMOUNT - 1, "sedang"), (MEDIUM_AMOUNT, "sedang"),
    (MEDIUM_AMOUNT - 1, "sedang"),
])
def test_amount_thresholds(rupiah, level):
    assert assess_priority(["komersialisasi_layanan"], True,
                           facts([money(rupiah)]))["tingkat"] == level


def test_the_largest_amount_is_the_reason():
    amounts = [money(120_000_000, "120jt"), money(2_000_000_000, "Rp 2 miliar")]
    [reason] = assess_priority(["pengadaan_rekanan"], True, facts(amounts))["alasan"]
    assert reason.startswith("jumlah uang Rp 2 miliar (Rp 2.000.000.000)")


def test_vague_amount_is_a_lower_bound():
    [reason] = assess_priority(["pengadaan_rekanan"], True, facts(
        [money(100_000_000, "ratusan juta", perkiraan=True)]))["alasan"]
    assert reason == ("jumlah uang ratusan juta (sekurang-kurangnya Rp 100.000.000) "
                      "mencapai Rp 100.000.000 atau lebih")


def test_senior_official_is_high():
    result = assess_priority(["rangkap_jabatan"], True, facts(officials=[
        official("Kepala Dinas PUPR", "tinggi"), official("Camat Cibeber", "menengah"),
        official("Bupati Garut", "tinggi")]))
    assert result == {"tingkat": "tinggi", "alasan": [
        "pejabat tingkat tinggi disebut: Kepala Dinas PUPR, Bupati Garut"]}


def test_swayed_law_enforcement_is_high():
    result = assess_priority(["penegakan_hukum_terpengaruh"], True, facts())
    assert result == {"tingkat": "tinggi", "alasan": [
        "penyelidikan, penyidikan atau penuntutan diduga terpengaruh pihak lain"]}


@pytest.mark.parametrize("decision", DECISION_LABELS)
def test_gratification_with_a_decision_is_high(decision):
    result = assess_priority(["gratifikasi", decision], True, facts())
    assert result["tingkat"] == "tinggi"
    [reason] = result["alasan"]
    assert reason.startswith("gratifikasi yang terkait keputusan (")


def test_gratification_reason_names_the_decision():
    result = assess_priority(["izin_diskriminatif", "gratifikasi"], True, facts())
    assert result["alasan"] == [
        "gratifikasi yang terkait keputusan (pemberian izin yang diskriminatif)"]


@pytest.mark.parametrize("labels", [
    ["gratifikasi"], ["gratifikasi", "komersialisasi_layanan"], ["izin_diskriminatif"],
    ["pengadaan_rekanan", "rekrutmen_nepotisme"],
])
def test_gratification_or_decision_alone_is_medium(labels):
    assert assess_priority(labels, True, facts())["tingkat"] == "sedang"


def test_every_high_reason_is_listed():
    result = assess_priority(
        ["gratifikasi", "pengadaan_rekanan", "penegakan_hukum_terpengaruh"], True,
        facts([money(250_000_000, "Rp 250 juta")], [official("Kajari Garut", "tinggi")]))
    assert result["tingkat"] == "tinggi"
    assert result["alasan"] == [
        "jumlah uang Rp 250 juta (Rp 250.000.000) mencapai Rp 100.000.000 atau lebih",
        "pejabat tingkat tinggi disebut: Kajari Garut",
        "penyelidikan, penyidikan atau penuntutan diduga terpengaruh pihak lain",
        "gratifikasi yang terkait keputusan (pemilihan rekanan/pengadaan tidak profesional)",
    ]


# --- medium priority ---------------------------------------------------------------------------

def test_other_coi_is_medium_with_a_general_reason():
    assert assess_priority(["komersialisasi_layanan"], True, facts()) == {
        "tingkat": "sedang",
        "alasan": ["dugaan benturan kepentingan (komersialisasi pelayanan publik)"]}


def test_medium_amount_and_official_are_reasons():
    result = assess_priority(
        ["rekrutmen_nepotisme", "komersialisasi_layanan"], True,
        facts([money(60_000_000, "60jt")],
              [official("kabid", "menengah"), official("staf", "rendah")]))
    assert result == {"tingkat": "sedang", "alasan": [
        "dugaan benturan kepentingan (pengangkatan pegawai berdasarkan hubungan dekat, "
        "komersialisasi pelayanan publik)",
        "jumlah uang 60jt (Rp 60.000.000) mencapai Rp 10.000.000 atau lebih",
        "pejabat tingkat menengah disebut: kabid",
    ]}


def test_small_amount_and_junior_staff_are_not_reasons():
    result = assess_priority(["komersialisasi_layanan"], True,
                             facts([money(500_000, "500rb")], [official("petugas", "rendah")]))
    assert result["alasan"] == ["dugaan benturan kepentingan (komersialisasi pelayanan publik)"]


@pytest.mark.parametrize("code", CONFLICT_CODES)
@pytest.mark.parametrize("needs_review", [False, True])
def test_a_conflict_of_interest_is_never_low(code, needs_review):
    result = assess_priority([code], True, facts(), needs_review=needs_review)
    assert result["tingkat"] in ("tinggi", "sedang")
    assert result["alasan"] and all(isinstance(r, str) and r for r in result["alasan"])


def test_needs_review_is_added_to_a_coi_without_changing_the_level():
    result = assess_priority(["penegakan_hukum_terpengaruh"], True, facts(), needs_review=True)
    assert result["tingkat"] == "tinggi"
    assert result["alasan"][-1] == REVIEW_REASON


# --- inputs ------------------------------------------------------------------------------------

def test_missing_fact_lists_count_as_empty():
    assert assess_priority(["gratifikasi"], True, {})["tingkat"] == "sedang"
    assert assess_priority(["gratifikasi"], True, None)["tingkat"] == "sedang"


def test_unknown_label_is_an_error():
    with pytest.raises(UnknownLabelError):
        assess_priority(["suap"], True, facts())


def test_with_facts_from_a_real_complaint():
    text = ("Kepala Dinas PUPR Kabupaten Garut menerima Rp 250 juta dari CV pemenang tender "
            "jalan pada 12 Agustus 2024. Hubungi saya di 0812-3456-7890.")
    result = assess_priority(["pengadaan_rekanan", "gratifikasi"], True, extract_facts(text))
    assert result == {"tingkat": "tinggi", "alasan": [
        "jumlah uang Rp 250 juta (Rp 250.000.000) mencapai Rp 100.000.000 atau lebih",
        "pejabat tingkat tinggi disebut: Kepala Dinas PUPR Kabupaten Garut",
        "gratifikasi yang terkait keputusan (pemilihan rekanan/pengadaan tidak profesional)",
    ]}


def test_chat_complaint_about_a_village_head_is_medium():
    text = "pak kades minta 15jt biar anak sy diangkat jd perangkat desa"
    result = assess_priority(["rekrutmen_nepotisme", "komersialisasi_layanan"], True,
                             extract_facts(text))
    assert result["tingkat"] == "sedang"
    assert result["alasan"][1:] == [
        "jumlah uang 15jt (Rp 15.000.000) mencapai Rp 10.000.000 atau lebih",
        "pejabat tingkat menengah disebut: kades",
    ]
