import dataclasses
from datetime import date, datetime, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coi_nlp import routing
from coi_nlp.institution_config import InstitutionConfig
from coi_nlp.routing import WorkingCalendar, route
from coi_nlp.taxonomy import BASE_PROCEDURE, NOT_COI, UnknownLabelError, get_label

BASE_KEYS = [step.key for step in BASE_PROCEDURE]
FIELDS = {"key", "unit", "action", "deadline_days", "day_kind", "due_date", "condition",
          "labels", "note"}


@pytest.fixture(scope="module")
def cal():
    return WorkingCalendar()


def package_holidays(year, name, categories=("public",)):
    """Dates the installed ``holidays`` package gives for ID under an English name."""
    found = holidays.country_holidays("ID", years=year, language="en_US", categories=categories)
    return sorted(d for d, n in found.items() if name in n)


def by_key(steps):
    return {step["key"]: step for step in steps}


# --- WorkingCalendar ---------------------------------------------------------------------

def test_weekend_is_skipped(cal):
    assert not cal.is_working_day(date(2026, 1, 10))  # Saturday
    assert not cal.is_working_day(date(2026, 1, 11))  # Sunday
    assert cal.is_working_day(date(2026, 1, 9))       # Friday
    assert cal.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 12)
    assert cal.add_working_days(date(2026, 1, 8), 3) == date(2026, 1, 13)


def test_start_never_counts_and_zero_returns_start(cal):
    assert cal.add_working_days(date(2026, 1, 10), 0) == date(2026, 1, 10)
    assert cal.add_working_days(date(2026, 1, 10), 1) == date(2026, 1, 12)  # Sat -> Mon
    assert cal.add_working_days(date(2026, 1, 12), 1) == date(2026, 1, 13)


def test_fixed_date_national_holidays(cal):
    assert not cal.is_working_day(date(2026, 8, 17))  # Monday, Hari Kemerdekaan
    assert not cal.is_working_day(date(2026, 12, 25))  # Friday, Natal
    assert cal.add_working_days(date(2026, 8, 14), 1) == date(2026, 8, 18)
    assert cal.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)
    assert cal.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)  # over 1 January


def test_idul_fitri_as_the_package_knows_it(cal):
    eid_2025 = package_holidays(2025, "Eid al-Fitr")
    assert eid_2025 == [date(2025, 3, 31), date(2025, 4, 1)]
    assert all(not cal.is_working_day(d) for d in eid_2025)
    # Friday 28 March 2025 -> Saturday (Nyepi), Sunday, Monday and Tuesday (Idul Fitri) off.
    assert cal.add_working_days(date(2025, 3, 28), 1) == date(2025, 4, 2)
    eid_2026 = package_holidays(2026, "Eid al-Fitr")
    assert eid_2026 and all(not cal.is_working_day(d) for d in eid_2026)


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_package_holiday_is_a_day_off(cal, year):
    national = holidays.country_holidays("ID", years=year)
    assert date(year, 8, 17) in national and len(national) >= 15
    assert cal.holidays_in(year) == frozenset(national)
    assert all(not cal.is_working_day(d) for d in national)


def test_extra_holidays():
    cal = WorkingCalendar(extra_holidays=[date(2026, 1, 12), date(2026, 1, 13)])
    assert not cal.is_working_day(date(2026, 1, 12))
    assert cal.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 14)
    assert WorkingCalendar().add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 12)


@pytest.mark.skipif("government" not in holidays.Indonesia.supported_categories,
                    reason="this holidays version has no cuti bersama for ID")
def test_cuti_bersama_only_when_asked():
    cuti = [d for d in package_holidays(2026, "Joint Holiday", ("government",))
            if d.weekday() < 5]
    assert cuti
    assert all(WorkingCalendar().is_working_day(d) for d in cuti)
    assert all(not WorkingCalendar(include_cuti_bersama=True).is_working_day(d) for d in cuti)


def test_add_days_kinds(cal):
    assert cal.add_days(date(2026, 8, 14), 2, "kalender") == date(2026, 8, 16)
    assert cal.add_days(date(2026, 8, 14), 2, "kerja") == date(2026, 8, 19)
    with pytest.raises(ValueError):
        cal.add_days(date(2026, 8, 14), 2, "minggu")
    with pytest.raises(ValueError):
        cal.add_working_days(date(2026, 8, 14), -1)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
       st.integers(min_value=0, max_value=40))
def test_add_working_days_counts_exactly_n(start, n):
    cal = WorkingCalendar()
    end = cal.add_working_days(start, n)
    between = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(cal.is_working_day(d) for d in between) == n
    assert n == 0 or cal.is_working_day(end)


# --- route -------------------------------------------------------------------------------

def test_base_procedure_with_due_dates():
    steps = route(["pengadaan_rekanan"], date(2026, 2, 2))  # a Monday
    assert [s["key"] for s in steps] == BASE_KEYS
    assert all(set(s) == FIELDS and s["labels"] == [] for s in steps)
    steps = by_key(steps)
    assert steps["laporan_diterima"]["due_date"] is None
    assert steps["verifikasi_atasan"]["due_date"] == "2026-02-05"  # 3 hari kerja
    assert steps["tinjau_ulang"]["due_date"] == "2026-02-07"  # 2 hari kalender after it
    assert steps["tinjau_ulang"]["day_kind"] == "kalender"
    assert steps["tinjau_ulang"]["condition"] == "jika laporan terbukti benar"
    assert steps["pengawasan_tindak_lanjut"]["due_date"] is None


def test_verification_skips_weekend_and_holiday():
    steps = by_key(route(["kebijakan_berpihak"], date(2026, 8, 14)))  # Friday before 17 Aug
    assert steps["verifikasi_atasan"]["due_date"] == "2026-08-20"
    assert steps["tinjau_ulang"]["due_date"] == "2026-08-22"


def test_gratifikasi_adds_upg_and_30_working_day_kpk_window():
    steps = route(["gratifikasi"], datetime(2026, 8, 14, 9, 30))
    assert [s["key"] for s in steps] == BASE_KEYS + ["upg", "lapor_kpk"]
    kpk = by_key(steps)["lapor_kpk"]
    assert (kpk["deadline_days"], kpk["day_kind"]) == (30, "kerja")
    # Skips 17 Aug, 25 Aug (Maulid Nabi 2026) and the weekends.
    assert kpk["due_date"] == "2026-09-29"
    assert kpk["labels"] == ["gratifikasi"]
    assert "sejak tanggal gratifikasi diterima" in kpk["note"]
    assert "date the gratification was received" in kpk["note"]
    assert by_key(steps)["upg"]["due_date"] is None
    assert by_key(steps)["verifikasi_atasan"]["note"] is None


def test_komersialisasi_layanan_goes_to_ombudsman():
    steps = route(["komersialisasi_layanan"], date(2026, 2, 2))
    assert [s["key"] for s in steps] == BASE_KEYS + ["ombudsman"]
    assert "Ombudsman RI" in steps[-1]["unit"]
    assert steps[-1]["labels"] == ["komersialisasi_layanan"]


def test_penegakan_hukum_goes_to_internal_oversight_and_kpk():
    steps = route(["penegakan_hukum_terpengaruh"], date(2026, 2, 2))
    assert [s["key"] for s in steps] == BASE_KEYS + ["pengawasan_internal_aph", "kpk"]
    assert "Propam" in steps[-2]["unit"] and "KPK" in steps[-1]["unit"]


def test_not_coi_gets_only_the_ordinary_channel():
    steps = route([NOT_COI], date(2026, 2, 2))
    assert [s["key"] for s in steps] == ["kanal_pengaduan"]
    assert "SP4N-LAPOR" in steps[0]["unit"]
    assert steps[0]["labels"] == [NOT_COI] and steps[0]["due_date"] is None


def test_two_labels_give_both_extra_steps_in_label_order():
    steps = route(["penegakan_hukum_terpengaruh", "gratifikasi"], date(2026, 2, 2))
    keys = [s["key"] for s in steps]
    assert keys == BASE_KEYS + ["pengawasan_internal_aph", "kpk", "upg", "lapor_kpk"]
    assert len(keys) == len(set(keys))


def test_a_step_shared_by_two_labels_appears_once(monkeypatch):
    upg = get_label("gratifikasi").extra_routing[0]
    komersial = get_label("komersialisasi_layanan")
    shared = dataclasses.replace(komersial, extra_routing=(upg,) + komersial.extra_routing)
    monkeypatch.setattr(routing, "get_label",
                        lambda code: shared if code == komersial.code else get_label(code))
    steps = route(["gratifikasi", "komersialisasi_layanan"], date(2026, 2, 2))
    assert [s["key"] for s in steps] == BASE_KEYS + ["upg", "lapor_kpk", "ombudsman"]
    assert by_key(steps)["upg"]["labels"] == ["gratifikasi", "komersialisasi_layanan"]


def test_config_overrides_units_deadlines_and_holidays():
    config = InstitutionConfig(
        units={"verifikasi_atasan": "Kepala Dinas terkait", "kanal_pengaduan": "Meja Aduan"},
        deadlines={"verifikasi_atasan": 5, "tinjau_ulang": 1, "pengawasan_tindak_lanjut": 10,
                   "upg": 7},
        extra_holidays=[date(2026, 2, 3)],
    )
    steps = by_key(route(["gratifikasi"], date(2026, 2, 2), config))
    verif = steps["verifikasi_atasan"]
    assert (verif["unit"], verif["deadline_days"]) == ("Kepala Dinas terkait", 5)
    assert verif["due_date"] == "2026-02-10"  # 3 Feb is the institution's day off
    assert steps["tinjau_ulang"]["due_date"] == "2026-02-11"
    # 10 working days after 11 Feb, skipping Imlek (17 Feb).
    assert steps["pengawasan_tindak_lanjut"]["due_date"] == "2026-02-26"
    assert steps["pengawasan_tindak_lanjut"]["day_kind"] == "kerja"
    assert steps["upg"]["due_date"] == "2026-02-12"
    assert steps["tinjau_ulang"]["unit"] == get_label_default_unit("tinjau_ulang")
    assert route([NOT_COI], date(2026, 2, 2), config)[0]["unit"] == "Meja Aduan"


def get_label_default_unit(key):
    return next(step.unit for step in BASE_PROCEDURE if step.key == key)


def test_explicit_calendar_wins_over_config():
    config = InstitutionConfig(extra_holidays=[date(2026, 2, 3)])
    steps = by_key(route(["gratifikasi"], date(2026, 2, 2), config, WorkingCalendar()))
    assert steps["verifikasi_atasan"]["due_date"] == "2026-02-05"


def test_invalid_labels_are_rejected():
    with pytest.raises(UnknownLabelError):
        route(["korupsi"], date(2026, 2, 2))
    with pytest.raises(ValueError):
        route([NOT_COI, "gratifikasi"], date(2026, 2, 2))
    with pytest.raises(ValueError):
        route([], date(2026, 2, 2))
