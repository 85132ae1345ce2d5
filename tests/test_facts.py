import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import coi_nlp.facts as facts_module
from coi_nlp.facts import extract_facts
from coi_nlp.lang.positions import POSITION_TITLES, SENIORITY_LEVELS, TITLE_VARIANTS
from coi_nlp.text.redact import find_personal_data

CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpora" / "coi"


def officials(text):
    return [(p["teks"], p["jabatan"], p["tingkat"]) for p in extract_facts(text)["pejabat"]]


def institutions(text):
    return [i["teks"] for i in extract_facts(text)["instansi"]]


def dates(text):
    return [(d["teks"], d["iso"]) for d in extract_facts(text)["tanggal"]]


# --- the shape of the result ---------------------------------------------------------------

def test_result_has_the_four_lists():
    facts = extract_facts("Kades Sukamaju minta Rp 2,5 juta pada 12 Agustus 2024 di Desa Sukamaju.")
    assert facts == {
        "pejabat": [{"teks": "Kades Sukamaju", "jabatan": "kepala desa", "tingkat": "menengah"}],
        "instansi": [{"teks": "Desa Sukamaju"}],
        "jumlah_uang": [{"teks": "Rp 2,5 juta", "rupiah": 2_500_000, "perkiraan": False}],
        "tanggal": [{"teks": "12 Agustus 2024", "iso": "2024-08-12"}],
    }


def test_text_without_facts_gives_empty_lists():
    assert extract_facts("") == {"pejabat": [], "instansi": [], "jumlah_uang": [], "tanggal": []}
    assert extract_facts("jalan di depan rumah berlubang, tolong diperbaiki") == {
        "pejabat": [], "instansi": [], "jumlah_uang": [], "tanggal": []}


def test_non_string_is_a_type_error():
    with pytest.raises(TypeError):
        extract_facts(None)


def test_every_variant_points_to_a_known_title():
    assert set(TITLE_VARIANTS.values()) <= set(POSITION_TITLES)
    assert set(POSITION_TITLES.values()) <= set(SENIORITY_LEVELS)


# --- officials -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    # formal letters: the title and the unit or place written in capitals
    ("Kepala Dinas PUPR menerima fee dari kontraktor.",
     [("Kepala Dinas PUPR", "kepala dinas", "tinggi")]),
    ("Camat Cibeber meminta jatah dari dana desa.", [("Camat Cibeber", "camat", "menengah")]),
    ("Yth. Kepala Inspektorat Kabupaten Indramayu. Saya ASN di dinas.",
     [("Kepala Inspektorat Kabupaten Indramayu", "inspektur", "tinggi")]),
    ("Kepala Dinas Kesehatan Kabupaten Timor Tengah Selatan memiliki rumah sakit swasta.",
     [("Kepala Dinas Kesehatan Kabupaten Timor Tengah Selatan", "kepala dinas", "tinggi")]),
    ("Kepala Dinas Pemuda dan Olahraga menunjuk EO milik anaknya.",
     [("Kepala Dinas Pemuda dan Olahraga", "kepala dinas", "tinggi")]),
    ("Kepala SMP Negeri 3 Depok mewajibkan les di rumahnya.",
     [("Kepala SMP Negeri 3 Depok", "kepala sekolah", "menengah")]),
    ("Direktur RSUD Sumedang adalah pemilik apotek itu.",
     [("Direktur RSUD Sumedang", "direktur rsud", "tinggi")]),
    ("Keuchik Gampong Lamteuba memakai dana desa untuk rumahnya.",
     [("Keuchik Gampong Lamteuba", "kepala desa", "menengah")]),
    ("Kepala Desa Sukamaju, Kabupaten Cianjur, mengangkat anaknya.",
     [("Kepala Desa Sukamaju", "kepala desa", "menengah")]),
    ("Kajari Balige dan Kapolres Garut bertemu pengusaha itu.",
     [("Kajari Balige", "kepala kejaksaan negeri", "tinggi"),
      ("Kapolres Garut", "kapolres", "tinggi")]),
    ("Bupati Garut dan Wakil Bupati Garut hadir.",
     [("Bupati Garut", "bupati", "tinggi"), ("Wakil Bupati Garut", "wakil bupati", "tinggi")]),
    ("Wakil Ketua DPRD Kota Bekasi memiliki CV pemenang.",
     [("Wakil Ketua DPRD Kota Bekasi", "wakil ketua dprd", "tinggi")]),
    ("Seorang anggota DPRD provinsi menekan penyidik.",
     [("anggota DPRD", "anggota dprd", "tinggi"), ("penyidik", "penyidik", "menengah")]),
    ("Kepala Kantor Pertanahan Kota Medan menerbitkan sertifikat itu.",
     [("Kepala Kantor Pertanahan Kota Medan", "kepala kantor pertanahan", "tinggi")]),
    ("Mohon arahan Bapak Bupati.", [("Bupati", "bupati", "tinggi")]),
    # acting and former officials keep the prefix
    ("Pj. Bupati Buton hadir di acara itu.", [("Pj. Bupati Buton", "bupati", "tinggi")]),
    ("Plt Kadishub Kendari memecah paket.", [("Plt Kadishub Kendari", "kepala dinas", "tinggi")]),
    ("Mantan Camat Kodi kini jadi konsultan.", [("Mantan Camat Kodi", "camat", "menengah")]),
    # chat style, lower case, abbreviations
    ("pak kades minta duit 500rb buat tanda tangan",
     [("kades", "kepala desa", "menengah")]),
    ("kadis pendidikan diem aja pdhl udh tau",
     [("kadis pendidikan", "kepala dinas", "tinggi")]),
    ("kabid yankes dinkes kasih proyek ke ipar",
     [("kabid yankes dinkes", "kepala bidang", "menengah")]),
    ("kepsek SMPN 2 Bantul narik iuran buat studi tur",
     [("kepsek SMPN 2 Bantul", "kepala sekolah", "menengah")]),
    ("sekdes di pangandaran jualan online di kantor desa",
     [("sekdes", "sekretaris desa", "rendah")]),
    ("kata org dalem itu apotek istrinya kasi farmasi",
     [("kasi farmasi", "kepala seksi", "menengah")]),
    ("kadesnya gak pernah di kantor", [("kadesnya", "kepala desa", "menengah")]),
    ("sepupu gw disuruh setor 60jt ke kabid", [("kabid", "kepala bidang", "menengah")]),
    ("carik desa wis ngerti dhisik", [("carik desa", "sekretaris desa", "rendah")]),
    ("Pak Kuwu ngasih proyek ka adina", [("Kuwu", "kepala desa", "menengah")]),
    ("penyidik polres Garut dan jaksa nya kenal", [
        ("penyidik polres Garut", "penyidik", "menengah"), ("jaksa", "jaksa", "menengah")]),
    ("PPK Dinas Perhubungan memberi nilai sangat baik",
     [("PPK Dinas Perhubungan", "ppk", "menengah")]),
    ("Camat Pak Budi yang menandatangani", [("Camat", "camat", "menengah")]),
])
def test_officials(text, expected):
    assert officials(text) == expected


@pytest.mark.parametrize("text", [
    "Saya guru honorer di sekolah itu, gaji dipotong.",  # the reporter, not an official
    "kami para perawat tidak pernah dapat insentif",
    "Sy staf biasa, takut dimutasi",
    "Surat ini ditandatangani Lukman Hakim selaku ketua yayasan.",  # a surname
    "nanti dia kasi tau jadwal sidaknya",  # "kasi tau" = kasih tahu
    "setiap operator wisata harus punya izin",  # a tour operator
    "dengan dukungan pendamping dari gereja",
])
def test_words_that_are_not_officials(text):
    assert officials(text) == []


def test_officials_are_deduplicated_in_order_of_appearance():
    text = "Kades Sukamaju minta uang. Camat tahu. Lalu kades sukamaju minta lagi ke Kades Sukamaju"
    found = [p["teks"] for p in extract_facts(text)["pejabat"]]
    assert found == ["Kades Sukamaju", "Camat", "kades"]


# --- institutions ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Laporan ke Dinas Pendidikan Kabupaten Bogor belum dijawab.",
     ["Dinas Pendidikan Kabupaten Bogor"]),
    ("Pasien RSUD Sumedang diarahkan ke apotek luar.", ["RSUD Sumedang"]),
    ("Paspor di Kantor Imigrasi Batam dipercepat untuk kenalan.", ["Kantor Imigrasi Batam"]),
    ("Siswa SMP Negeri 3 Depok wajib les.", ["SMP Negeri 3 Depok"]),
    ("Warga Desa Tambahrejo tidak dapat bantuan.", ["Desa Tambahrejo"]),
    ("bansos di desa Tambahrejo cuma buat keluarga kades", ["desa Tambahrejo"]),
    ("Tender di Dinas PUPR sudah diatur.", ["Dinas PUPR"]),
    ("sy laporin ke dinas lingkungan hidup tp gak ditanggapi", ["dinas lingkungan hidup"]),
    ("Perkara di Pengadilan Negeri Kediri ditunda terus.", ["Pengadilan Negeri Kediri"]),
    ("Ombudsman RI Perwakilan Jawa Tengah sudah menerima laporan.",
     ["Ombudsman RI Perwakilan Jawa Tengah"]),
    ("Pelayanan di Kementerian Dalam Negeri lambat.", ["Kementerian Dalam Negeri"]),
    ("Saya staf di Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Lampung Tengah.",
     ["Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Lampung Tengah"]),
    ("Banjir di Desa Sukamaju Kecamatan Cibeber belum surut.",
     ["Desa Sukamaju", "Kecamatan Cibeber"]),
    ("Kepala Dinas Kesehatan Kabupaten Ketapang punya RS swasta.",
     ["Dinas Kesehatan Kabupaten Ketapang"]),
    ("Guru honorer SDN Tanah Sareal 2 dan SMPN 1 Bantul belum digaji.",
     ["SDN Tanah Sareal 2", "SMPN 1 Bantul"]),
    ("Rujukan dari RSUD dr. Soetomo ditolak.", ["RSUD dr. Soetomo"]),
    ("Lelang seragam Satpol PP Kota Palu sudah diatur.", ["Satpol PP Kota Palu"]),
    ("kata petugas dukcapil blangko habis, pdhl di bapenda ada", ["dukcapil", "bapenda"]),
])
def test_institutions(text, expected):
    assert institutions(text) == expected


@pytest.mark.parametrize("text", [
    # ordinary capitalised words at the start of a sentence
    "Desa kami kebanjiran sejak kemarin.",
    "Kantor itu selalu tutup jam dua.",
    "Badan saya pegal menunggu antrean.",
    "Sekolah anak saya jauh dari rumah.",
    "Pemerintah harus tegas. Bank sampah di kampung tidak jalan.",
    "Jalan Rusak Parah Sejak Tahun Lalu.",
    "Saya Warga Biasa Yang Kecewa Dengan Dinas Tidak Peduli.",
    # keywords used as adjectives or without a name
    "Mobil dinas dipakai mudik, rumah dinas Bupati disewakan.",
    "tadi pagi ke kantor desa tapi kosong",
    "anak sy kelas 3 sd di subang sering dijailin",
    "kemarin sma Budi ke pasar",  # "sma" = sama
    "jam kantor Dinas sudah lewat",
])
def test_words_that_are_not_institutions(text):
    assert institutions(text) == []


# --- money -----------------------------------------------------------------------------------

def test_amounts_in_rupiah():
    text = ("Diminta Rp 2,5 juta untuk izin, lalu 500rb lagi. Kerugian puluhan juta. "
            "Total Rp2.500.000,- sudah dibayar.")
    assert extract_facts(text)["jumlah_uang"] == [
        {"teks": "Rp 2,5 juta", "rupiah": 2_500_000, "perkiraan": False},
        {"teks": "500rb", "rupiah": 500_000, "perkiraan": False},
        {"teks": "puluhan juta", "rupiah": 10_000_000, "perkiraan": True},
    ]  # "Rp2.500.000,-" repeats the first amount


def test_phone_numbers_and_years_are_not_money():
    assert extract_facts("hub 0812-3456-7890 tahun 2024 RT 05")["jumlah_uang"] == []


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("pada 12 Agustus 2024 uang diserahkan", [("12 Agustus 2024", "2024-08-12")]),
    ("tgl 12 Agt 2024 di kantor", [("12 Agt 2024", "2024-08-12")]),
    ("tgl 12 Agt. 2024 di kantor", [("12 Agt. 2024", "2024-08-12")]),
    ("pada 3 sept 2023", [("3 sept 2023", "2023-09-03")]),
    ("pada 12/08/2024", [("12/08/2024", "2024-08-12")]),
    ("pada 1/8/2024", [("1/8/2024", "2024-08-01")]),
    ("pada 12-08-2024", [("12-08-2024", "2024-08-12")]),
    ("pada 12.08.2024.", [("12.08.2024", "2024-08-12")]),
    ("pada 2024-08-12", [("2024-08-12", "2024-08-12")]),
    ("sejak Agustus 2024", [("Agustus 2024", "2024-08")]),
    ("sejak bulan mei 2023", [("mei 2023", "2023-05")]),
    ("Pebruari 2024 dan 5 Nopember 2023", [("Pebruari 2024", "2024-02"),
                                           ("5 Nopember 2023", "2023-11-05")]),
])
def test_dates(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize("text", [
    "tanggal 31/02/2024",  # no such day
    "tanggal 12/13/2024",  # no such month
    "pada 12 Agustus lalu",  # no year
    "tahun 2024 dan 2023",
    "nomor 12/08-2024",  # mixed separators
    "pukul 10.30 di RT 05/02",
])
def test_not_dates(text):
    assert dates(text) == []


def test_dates_are_deduplicated_by_day_in_order():
    text = "Uang diberikan 12/08/2024. Pada 12 Agustus 2024 itu juga, lalu 1 Sept 2024."
    assert dates(text) == [("12/08/2024", "2024-08-12"), ("1 Sept 2024", "2024-09-01")]


# --- reporter data never reaches the facts ----------------------------------------------------

REPORTER_DATA = ["3273014506880002", "198403122009022006", "0812-3456-7890", "081234567890",
                 "warga.garut@gmail.com", "B 1234 XYZ"]


def test_reporter_data_never_appears_in_facts():
    text = ("Saya, NIK 3273014506880002, NIP 198403122009022006, melaporkan Kepala Desa "
            "Sukamaju NIK 3273014506880002 yang meminta Rp 5 juta pada 12/08/2024. "
            "Hubungi 0812-3456-7890 atau 081234567890 atau warga.garut@gmail.com. "
            "Mobil dinas B 1234 XYZ dipakai Camat Cibeber.")
    facts = extract_facts(text)
    dumped = json.dumps(facts, ensure_ascii=False)
    for item in REPORTER_DATA:
        assert item not in dumped
    assert not re.search(r"\d{9,}", dumped)
    assert [p["teks"] for p in facts["pejabat"]] == ["Kepala Desa Sukamaju", "Camat Cibeber"]
    assert facts["jumlah_uang"] == [{"teks": "Rp 5 juta", "rupiah": 5_000_000,
                                     "perkiraan": False}]
    assert facts["tanggal"] == [{"teks": "12/08/2024", "iso": "2024-08-12"}]


def test_redaction_runs_before_names_are_read():
    # Unredacted, the plates would be read as part of the names ("Camat Cibeber AB").
    text = "Mobil dinas Camat Cibeber AB 123 CD dipakai ke Dinas Sosial B 1234 XYZ tiap hari."
    facts = extract_facts(text)
    assert [p["teks"] for p in facts["pejabat"]] == ["Camat Cibeber"]
    assert facts["instansi"] == [{"teks": "Dinas Sosial"}]


def test_placeholders_are_not_institutions():
    facts = extract_facts("NIK saya 3273014506880002 dan email budi@desa.id, DPRD tahu")
    assert facts["instansi"] == [{"teks": "DPRD"}]
    assert "NIK" not in json.dumps(facts) and "EMAIL" not in json.dumps(facts)


# --- the matchers are built once, also under concurrent first use ----------------------------

def test_concurrent_first_use_builds_the_rules_once(monkeypatch):
    monkeypatch.setattr(facts_module, "_RULES", None)
    built = []
    original = facts_module._build_rules
    monkeypatch.setattr(facts_module, "_build_rules",
                        lambda: built.append(threading.get_ident()) or original())
    text = "Kadis PUPR minta Rp 50 juta pada 3 Maret 2024 di Dinas PUPR Kabupaten Garut"
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(extract_facts, [text] * 32))
    assert len(built) == 1
    assert all(result == results[0] for result in results)
    assert results[0]["pejabat"][0]["teks"] == "Kadis PUPR"


# --- smoke test over the example corpus ------------------------------------------------------

def _corpus_texts():
    corpus = CORPUS_DIR / "corpus.jsonl"
    files = [corpus] if corpus.exists() else sorted(CORPUS_DIR.glob("batches/*.jsonl"))
    texts = []
    for name in files:
        with open(name, encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts


def test_every_corpus_text():
    texts = _corpus_texts()
    if not texts:
        pytest.skip("no corpus files")
    for text in texts:
        facts = extract_facts(text)
        assert set(facts) == {"pejabat", "instansi", "jumlah_uang", "tanggal"}
        for official in facts["pejabat"]:
            assert official["jabatan"] in POSITION_TITLES
            assert official["tingkat"] == POSITION_TITLES[official["jabatan"]]
            assert official["teks"] in text
        for institution in facts["instansi"]:
            assert institution["teks"] in text
        for amount in facts["jumlah_uang"]:
            assert isinstance(amount["rupiah"], int) and amount["rupiah"] > 0
        for found in facts["tanggal"]:
            assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", found["iso"])
        strings = [item["teks"] for values in facts.values() for item in values]
        assert not any(find_personal_data(s) for s in strings), text


def test_currency_word_is_not_an_institution_name():
    facts = extract_facts("proyek rehab jalan desa Rp 850 juta lewat penunjukan langsung")
    assert facts["instansi"] == []
    assert facts["jumlah_uang"][0]["rupiah"] == 850_000_000


def test_non_ascii_digits_are_not_dates():
    # schemathesis found these: Python's isdigit() accepts superscripts and Arabic digits
    for text in ["pada 12/08/202¹ kades minta", "tanggal ١٢/٠٨/٢٠٢٤", "x ²⁰²⁴", "12 Agustus ٢٠٢٤"]:
        assert extract_facts(text)["tanggal"] == []


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200)
       | st.from_regex(r"\A[0-9 ./\-]{1,20}(Agustus|Agt|Mei)?[0-9 ./\-]{0,10}\Z"))
def test_any_text_gives_facts_without_error(text):
    facts = extract_facts(text)
    assert set(facts) == {"pejabat", "instansi", "jumlah_uang", "tanggal"}
    for item in facts["tanggal"]:
        assert item["iso"][:4].isdigit()
