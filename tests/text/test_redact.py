import pytest

from coi_nlp.text.redact import find_personal_data, redact_for_model, redact_text


@pytest.mark.parametrize("text,kind", [
    ("NIK saya 3273014506880002.", "nik"),
    ("KTP 3273 0145 0688 0002", "nik"),
    ("nik:3201.0112.0385.0004", "nik"),
    ("NIP 198503122010011003", "nip"),
    ("NIP. 19850312 201001 1 003", "nip"),
    ("hubungi 081234567890", "telepon"),
    ("WA 0812-3456-7890 ya", "telepon"),
    ("telp +62 857 1234 5678", "telepon"),
    ("hp 62 813 9876 5432", "telepon"),
    ("no 0813.9876.5432", "telepon"),
    ("kantor (021) 555-1234", "telepon"),
    ("email: warga.cikarang@gmail.com", "email"),
    ("surel budi_s+lapor@desa-maju.go.id", "email"),
    ("mobil dinas B 1234 XYZ dipakai mudik", "plat"),
    ("motor AB 123 CD", "plat"),
    ("truk DK 8812 AF", "plat"),
])
def test_reporter_data_is_found(text, kind):
    kinds = [item.kind for item in find_personal_data(text)]
    assert kinds == [kind]


@pytest.mark.parametrize("text", [
    "diminta Rp 2.500.000 pada tanggal 12-08-2023",
    "Rp1.500.000.000,- untuk proyek tahun 2024",
    "sebesar 15.000.000 rupiah",
    "RT 05 RW 02 Kelurahan Sukajadi",
    "nomor surat 800/123/BKD/2023",
    "pukul 08.30 sampai 14.00 WIB",
    "anggaran 2023/2024 sebesar Rp 850 juta",
    "tanggal 17/08/2024",
    "skor 85,5 dan 90",
    "kode pos 40123",
    "pasal 12C UU 20/2001",
    "dana Rp 3.273.014.506",
])
def test_ordinary_numbers_are_not_redacted(text):
    assert redact_text(text) == text


def test_redact_text_keeps_everything_else():
    text = ("Saya Siti (NIK 3273014506880002), HP 0812-3456-7890, e-mail siti@contoh.id. "
            "Kepala Dinas meminta Rp 5 juta.")
    assert redact_text(text) == (
        "Saya Siti (NIK [NIK]), HP [TELEPON], e-mail [EMAIL]. Kepala Dinas meminta Rp 5 juta.")


def test_model_placeholders_are_single_tokens():
    out = redact_for_model("hp 0812-3456-7890 nik 3273014506880002 x@y.id B 1234 XYZ")
    assert out == "hp xxtelepon nik xxnik xxemail xxplat"


def test_plates_need_upper_case_region_code():
    # "di 2023 ada" must not look like a plate
    assert redact_text("di 2023 ada rapat") == "di 2023 ada rapat"


def test_nip_is_not_taken_for_nik_plus_digits():
    assert redact_text("198503122010011003") == "[NIP]"
