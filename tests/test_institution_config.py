import dataclasses
from datetime import date
from pathlib import Path

import pytest

from coi_nlp.errors import ConfigError
from coi_nlp.institution_config import STEP_KEYS, InstitutionConfig, load_institution_config

EXAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "contoh" / "instansi_contoh.toml"


def write(tmp_path, text, name="instansi.toml"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_step_keys_come_from_the_taxonomy():
    assert STEP_KEYS == ("laporan_diterima", "verifikasi_atasan", "tinjau_ulang",
                         "pengawasan_tindak_lanjut", "upg", "lapor_kpk", "ombudsman",
                         "pengawasan_internal_aph", "kpk", "kanal_pengaduan")


def test_example_file_loads():
    config = load_institution_config(EXAMPLE)
    assert config.name == "Pemerintah Kabupaten Lembah Hijau"
    assert config.units["tinjau_ulang"] == "Sekretaris Daerah Kabupaten Lembah Hijau"
    assert dict(config.deadlines) == {"verifikasi_atasan": 3, "pengawasan_tindak_lanjut": 14,
                                      "upg": 10}
    assert config.include_cuti_bersama is True
    assert config.extra_holidays == (date(2025, 7, 9), date(2026, 7, 9))


def test_empty_file_keeps_the_defaults(tmp_path):
    config = load_institution_config(write(tmp_path, "# kosong\n"))
    assert config == InstitutionConfig()
    assert (config.name, dict(config.units), config.extra_holidays) == (None, {}, ())


def test_iso_strings_bom_and_round_trip(tmp_path):
    text = ('\ufeffname = " Pemkab Contoh "\n'
            '[calendar]\nextra_holidays = ["2026-03-20", 2026-03-20]\n')
    config = load_institution_config(write(tmp_path, text))
    assert config.name == "Pemkab Contoh"
    assert config.extra_holidays == (date(2026, 3, 20),)
    assert InstitutionConfig.from_dict(config.to_dict()) == config


def test_config_is_read_only():
    config = InstitutionConfig(units={"upg": "UPG Pemkab"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.name = "lain"
    with pytest.raises(TypeError):
        config.units["upg"] = "lain"


# Each bad file: (TOML text, words the message must contain, error code).
BAD_FILES = {
    "unknown top-level key": ('nama = "Pemkab"\n', ["nama", "'name'"], "kunci_tidak_dikenal"),
    "unknown section": ('[unit]\nupg = "UPG"\n', ["unit", "'units'"], "kunci_tidak_dikenal"),
    "unknown unit key": ('[units]\nverifikasi_atasn = "Kadis"\n',
                         ["[units] verifikasi_atasn", "'verifikasi_atasan'"],
                         "kunci_tidak_dikenal"),
    "unknown deadline key": ("[deadlines]\natasan_langsung = 3\n",
                             ["[deadlines] atasan_langsung", "Kunci yang sah", "kanal_pengaduan"],
                             "kunci_tidak_dikenal"),
    "unknown calendar key": ('[calendar]\nextra_holiday = ["2026-01-02"]\n',
                             ["extra_holiday", "'extra_holidays'"], "kunci_tidak_dikenal"),
    "name not text": ("name = 5\n", ["name", "teks", "int"], "tipe_salah"),
    "unit not text": ("[units]\nupg = 1\n", ["[units] upg", "int"], "tipe_salah"),
    "empty unit": ('[units]\nupg = "  "\n', ["[units] upg", "1 sampai"], "teks_tidak_valid"),
    "units not a table": ('units = "UPG"\n', ["[units]", "tabel"], "tipe_salah"),
    "deadline as text": ('[deadlines]\nupg = "3"\n', ["[deadlines] upg", "str"], "tipe_salah"),
    "deadline as float": ("[deadlines]\nupg = 3.5\n", ["[deadlines] upg", "float"],
                          "tipe_salah"),
    "deadline as bool": ("[deadlines]\nupg = true\n", ["[deadlines] upg", "bool"], "tipe_salah"),
    "zero deadline": ("[deadlines]\nverifikasi_atasan = 0\n",
                      ["[deadlines] verifikasi_atasan", "0 hari", "1 sampai 365"],
                      "tenggat_tidak_valid"),
    "negative deadline": ("[deadlines]\ntinjau_ulang = -2\n", ["tinjau_ulang", "-2"],
                          "tenggat_tidak_valid"),
    "absurd deadline": ("[deadlines]\nupg = 366\n", ["[deadlines] upg", "366"],
                        "tenggat_tidak_valid"),
    "statutory deadline": ("[deadlines]\nlapor_kpk = 10\n", ["lapor_kpk", "Pasal 12C"],
                           "tenggat_tidak_valid"),
    "cuti bersama not bool": ('[calendar]\ninclude_cuti_bersama = "ya"\n',
                              ["include_cuti_bersama", "true atau false"], "tipe_salah"),
    "holidays not a list": ('[calendar]\nextra_holidays = "2026-01-02"\n',
                            ["extra_holidays", "daftar"], "tipe_salah"),
    "impossible date": ('[calendar]\nextra_holidays = ["2026-02-30"]\n',
                        ["extra_holidays[0]", "2026-02-30"], "tanggal_tidak_valid"),
    "Indonesian date order": ('[calendar]\nextra_holidays = [2026-01-02, "17-08-2026"]\n',
                              ["extra_holidays[1]", "YYYY-MM-DD"], "tanggal_tidak_valid"),
    "date with time": ("[calendar]\nextra_holidays = [2026-03-20T10:00:00]\n",
                       ["extra_holidays[0]", "jam"], "tanggal_tidak_valid"),
    "date as number": ("[calendar]\nextra_holidays = [20260320]\n",
                       ["extra_holidays[0]", "20260320"], "tanggal_tidak_valid"),
    "invalid TOML": ('name = "Pemkab"\n[units\nupg = "UPG"\n', ["TOML", "baris 2"],
                     "toml_tidak_valid"),
    "invalid TOML value": ("name = \n", ["TOML", "baris 1"], "toml_tidak_valid"),
    "invalid UTF-8": (b'name = "Pemkab \xff"\n', ["UTF-8", "baris 1"], "utf8_tidak_valid"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_file_gives_a_helpful_config_error(tmp_path, case):
    text, words, code = BAD_FILES[case]
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_institution_config(path)
    error = info.value
    assert error.code == code
    assert error.message_id.startswith(str(path))
    for word in words:
        assert word in error.message_id
    assert error.message_en != error.message_id and f"({error.message_en})" in str(error)


@pytest.mark.parametrize("make_path", [lambda tmp: tmp / "tidak_ada.toml", lambda tmp: tmp])
def test_unreadable_file(tmp_path, make_path):
    path = make_path(tmp_path)
    with pytest.raises(ConfigError) as info:
        load_institution_config(path)
    assert info.value.code == "berkas_tidak_terbaca"
    assert str(path) in info.value.message_id and "tidak bisa dibaca" in info.value.message_id


@pytest.mark.parametrize("data, word", [
    (["name"], "tabel"),
    ({1: "x"}, "1"),
    ({"units": {"upg": None}}, "NoneType"),
    ({"calendar": []}, "[calendar]"),
])
def test_from_dict_rejects_bad_data(data, word):
    with pytest.raises(ConfigError, match=word.replace("[", r"\[").replace("]", r"\]")):
        InstitutionConfig.from_dict(data)


def test_from_dict_matches_the_file(tmp_path):
    data = {"name": "Pemkab Contoh", "units": {"upg": "UPG Inspektorat"},
            "deadlines": {"verifikasi_atasan": 2},
            "calendar": {"include_cuti_bersama": True, "extra_holidays": ["2026-07-09"]}}
    text = ('name = "Pemkab Contoh"\n[units]\nupg = "UPG Inspektorat"\n'
            "[deadlines]\nverifikasi_atasan = 2\n"
            "[calendar]\ninclude_cuti_bersama = true\nextra_holidays = [2026-07-09]\n")
    assert InstitutionConfig.from_dict(data) == load_institution_config(write(tmp_path, text))


def test_constructor_validates_too():
    with pytest.raises(ConfigError, match="tinjau_ulangg"):
        InstitutionConfig(deadlines={"tinjau_ulangg": 2})
    with pytest.raises(ConfigError, match="extra_holidays"):
        InstitutionConfig(extra_holidays=["besok"])
