"""An institution's own routing settings: unit names, deadlines and extra holidays.

Every institution (a *Pemerintah Kabupaten*, a ministry, an agency) handles conflict-of-interest
reports with its own units and may set stricter deadlines or add *cuti bersama* days. It writes
them in a small TOML file; anything it leaves out keeps the defaults of
:mod:`coi_nlp.taxonomy`. The example is ``corpora/contoh/instansi_contoh.toml``::

    name = "Pemerintah Kabupaten Lembah Hijau"

    [units]
    verifikasi_atasan = "Kepala Perangkat Daerah pejabat terlapor"

    [deadlines]
    verifikasi_atasan = 2

    [calendar]
    include_cuti_bersama = true
    extra_holidays = [2026-04-06]

Validation is strict: an unknown key, a wrong type, a deadline outside 1..365 or a bad date is a
:class:`~coi_nlp.errors.ConfigError` naming the key and the problem, never a silent default.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType

from coi_nlp.errors import ConfigError
from coi_nlp.taxonomy import BASE_PROCEDURE, LABELS

__all__ = [
    "MAX_DEADLINE_DAYS",
    "STATUTORY_DEADLINES",
    "STEP_KEYS",
    "InstitutionConfig",
    "load_institution_config",
]

# Every routing step key the taxonomy knows, in procedure order, then label order.
STEP_KEYS: tuple[str, ...] = tuple(dict.fromkeys(
    [step.key for step in BASE_PROCEDURE]
    + [step.key for label in LABELS for step in label.extra_routing]
))

# Deadlines fixed by law that an institution cannot change (its units may still be renamed).
STATUTORY_DEADLINES: dict[str, str] = {"lapor_kpk": "UU 20/2001 Pasal 12C"}

# A deadline longer than a year is a typo, not a procedure.
MAX_DEADLINE_DAYS = 365
MAX_TEXT_CHARS = 300

_TOP_LEVEL_KEYS = ("name", "units", "deadlines", "calendar")
_CALENDAR_KEYS = ("include_cuti_bersama", "extra_holidays")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _error(where: str, problem_id: str, problem_en: str, code: str) -> ConfigError:
    return ConfigError(f"{where}: {problem_id}", f"{where}: {problem_en}", code=code)


def _type_name(value) -> str:
    return type(value).__name__


def _check_known(key, valid: Iterable[str], where: str) -> None:
    """Raise for a key that is not in ``valid``, suggesting the closest valid one."""
    valid = tuple(valid)
    if key in valid:
        return
    close = difflib.get_close_matches(str(key), valid, n=1)
    hint_id = f" Mungkin maksud Anda {close[0]!r}?" if close else ""
    hint_en = f" Did you mean {close[0]!r}?" if close else ""
    raise _error(
        f"{where}{key}",
        f"kunci tidak dikenal.{hint_id} Kunci yang sah: {', '.join(valid)}.",
        f"unknown key.{hint_en} Valid keys: {', '.join(valid)}.",
        "kunci_tidak_dikenal",
    )


def _check_text(value, where: str) -> str:
    if not isinstance(value, str):
        raise _error(where, f"harus berupa teks, bukan {_type_name(value)}.",
                     f"must be a string, not {_type_name(value)}.", "tipe_salah")
    text = value.strip()
    if not text or len(text) > MAX_TEXT_CHARS:
        raise _error(where, f"teks harus berisi 1 sampai {MAX_TEXT_CHARS} karakter.",
                     f"text must have 1 to {MAX_TEXT_CHARS} characters.", "teks_tidak_valid")
    return text


def _check_table(value, where: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise _error(where, f"harus berupa tabel/bagian, bukan {_type_name(value)}.",
                     f"must be a table (section), not {_type_name(value)}.", "tipe_salah")
    return value


def _check_units(units: Mapping) -> dict[str, str]:
    checked = {}
    for key, value in _check_table(units, "[units]").items():
        _check_known(key, STEP_KEYS, "[units] ")
        checked[key] = _check_text(value, f"[units] {key}")
    return checked


def _check_deadlines(deadlines: Mapping) -> dict[str, int]:
    checked = {}
    for key, value in _check_table(deadlines, "[deadlines]").items():
        where = f"[deadlines] {key}"
        _check_known(key, STEP_KEYS, "[deadlines] ")
        if key in STATUTORY_DEADLINES:
            raise _error(
                where,
                f"tenggat ini ditetapkan undang-undang ({STATUTORY_DEADLINES[key]}) "
                "dan tidak dapat diubah; ubah hanya nama unitnya di [units].",
                f"this deadline is set by law ({STATUTORY_DEADLINES[key]}) and cannot be "
                "changed; only its unit name may be changed in [units].",
                "tenggat_tidak_valid",
            )
        if isinstance(value, bool) or not isinstance(value, int):
            raise _error(where, f"harus bilangan bulat (hari), bukan {_type_name(value)}.",
                         f"must be a whole number of days, not {_type_name(value)}.",
                         "tipe_salah")
        if not 1 <= value <= MAX_DEADLINE_DAYS:
            raise _error(where, f"tenggat {value} hari tidak masuk akal (harus 1 sampai "
                         f"{MAX_DEADLINE_DAYS}).",
                         f"deadline of {value} days is out of range (must be 1 to "
                         f"{MAX_DEADLINE_DAYS}).", "tenggat_tidak_valid")
        checked[key] = value
    return checked


def _check_date(value, where: str) -> date:
    if isinstance(value, datetime):  # a datetime is also a date: reject it explicitly
        raise _error(where, f"harus tanggal saja (YYYY-MM-DD), bukan tanggal dan jam {value}.",
                     f"must be a date only (YYYY-MM-DD), not a date and time {value}.",
                     "tanggal_tidak_valid")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _error(where, f"tanggal tidak sah: {value!r} (format YYYY-MM-DD).",
                 f"invalid date: {value!r} (format YYYY-MM-DD).", "tanggal_tidak_valid")


def _check_cuti(value) -> bool:
    if not isinstance(value, bool):
        raise _error("[calendar] include_cuti_bersama",
                     f"harus true atau false, bukan {_type_name(value)}.",
                     f"must be true or false, not {_type_name(value)}.", "tipe_salah")
    return value


def _check_holidays(days) -> tuple[date, ...]:
    if isinstance(days, (str, bytes)) or not isinstance(days, (list, tuple)):
        raise _error("[calendar] extra_holidays",
                     f"harus berupa daftar tanggal, bukan {_type_name(days)}.",
                     f"must be a list of dates, not {_type_name(days)}.", "tipe_salah")
    dates = {_check_date(day, f"[calendar] extra_holidays[{i}]") for i, day in enumerate(days)}
    return tuple(sorted(dates))


@dataclass(frozen=True)
class InstitutionConfig:
    """An institution's overrides of the routing defaults.

    Parameters
    ----------
    name : str or None
        The institution's name, e.g. ``"Pemerintah Kabupaten Lembah Hijau"``.
    units : mapping of str to str
        Unit name per routing step key (see :data:`STEP_KEYS`).
    deadlines : mapping of str to int
        Deadline in days per routing step key, 1 to :data:`MAX_DEADLINE_DAYS`; the kind of
        day (working or calendar) stays the one of the default step.
    extra_holidays : tuple of date
        Days off besides the national holidays (e.g. *cuti bersama*, a regional holiday).
    include_cuti_bersama : bool
        Also skip the national *cuti bersama* days known to the ``holidays`` package.

    All values are validated on construction; the mappings are stored read-only.
    """

    name: str | None = None
    units: Mapping[str, str] = field(default_factory=dict)
    deadlines: Mapping[str, int] = field(default_factory=dict)
    extra_holidays: tuple[date, ...] = ()
    include_cuti_bersama: bool = False

    def __post_init__(self):
        if self.name is not None:
            object.__setattr__(self, "name", _check_text(self.name, "name"))
        object.__setattr__(self, "units", MappingProxyType(_check_units(self.units)))
        object.__setattr__(self, "deadlines", MappingProxyType(_check_deadlines(self.deadlines)))
        object.__setattr__(self, "extra_holidays", _check_holidays(self.extra_holidays))
        _check_cuti(self.include_cuti_bersama)

    @classmethod
    def from_dict(cls, data: Mapping) -> InstitutionConfig:
        """Build a configuration from parsed TOML or JSON data (same layout as the file).

        Parameters
        ----------
        data : mapping
            Top-level keys ``name``, ``units``, ``deadlines`` and ``calendar``, all optional.

        Returns
        -------
        InstitutionConfig

        Raises
        ------
        ConfigError
            For any unknown key, wrong type or invalid value.
        """
        data = _check_table(data, "konfigurasi")
        for key in data:
            _check_known(key, _TOP_LEVEL_KEYS, "")
        calendar = _check_table(data.get("calendar", {}), "[calendar]")
        for key in calendar:
            _check_known(key, _CALENDAR_KEYS, "[calendar] ")
        return cls(
            name=data.get("name"),
            units=data.get("units", {}),
            deadlines=data.get("deadlines", {}),
            extra_holidays=calendar.get("extra_holidays", ()),
            include_cuti_bersama=calendar.get("include_cuti_bersama", False),
        )

    def to_dict(self) -> dict:
        """The configuration as JSON-ready data in the layout :meth:`from_dict` reads."""
        return {
            "name": self.name,
            "units": dict(self.units),
            "deadlines": dict(self.deadlines),
            "calendar": {
                "include_cuti_bersama": self.include_cuti_bersama,
                "extra_holidays": [day.isoformat() for day in self.extra_holidays],
            },
        }


def load_institution_config(path: str | os.PathLike) -> InstitutionConfig:
    """Read and validate an institution's TOML configuration file.

    Parameters
    ----------
    path : str or path-like
        The TOML file (UTF-8; a leading BOM is allowed).

    Returns
    -------
    InstitutionConfig

    Raises
    ------
    ConfigError
        If the file cannot be read, is not UTF-8, is not valid TOML (the message gives the
        line), or has an invalid setting. The message starts with the file name.
    """
    path = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise ConfigError(f"Berkas konfigurasi tidak bisa dibaca: {path} ({exc.strerror}).",
                          f"Cannot read configuration file {path} ({exc.strerror}).",
                          code="berkas_tidak_terbaca") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}: berkas bukan UTF-8 yang sah (baris {line}, byte ke-{exc.start}).",
            f"{path}: file is not valid UTF-8 (line {line}, byte {exc.start}).",
            code="utf8_tidak_valid",
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        place_id = f"baris {found[1]}, kolom {found[2]}" if found else "akhir berkas"
        place_en = f"line {found[1]}, column {found[2]}" if found else "end of file"
        raise ConfigError(f"{path}: TOML tidak sah di {place_id}: {exc}.",
                          f"{path}: invalid TOML at {place_en}: {exc}.",
                          code="toml_tidak_valid") from None
    try:
        return InstitutionConfig.from_dict(data)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc.message_id}", f"{path}: {exc.message_en}",
                          code=exc.code) from None
