"""Routing suggestions: who handles a triaged complaint, and by when.

The steps come from :mod:`coi_nlp.taxonomy` (``BASE_PROCEDURE`` and each label's
``extra_routing``); an :class:`~coi_nlp.institution_config.InstitutionConfig` may rename units
and change deadlines. Due dates count Indonesian working days (*hari kerja*: no Saturdays,
Sundays or national holidays from the ``holidays`` package) or calendar days (*hari kalender*).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, datetime, timedelta

import holidays

from coi_nlp.errors import ConfigError
from coi_nlp.institution_config import InstitutionConfig
from coi_nlp.memo import Memo
from coi_nlp.taxonomy import BASE_PROCEDURE, NOT_COI, RoutingStep, get_label, validate_labels

__all__ = ["DAY_KINDS", "WorkingCalendar", "route"]

DAY_KINDS = ("kerja", "kalender")

# The ``holidays`` category of the national *cuti bersama* (joint leave) days for ID.
_CUTI_BERSAMA_CATEGORY = "government"

# Notes for steps whose suggested due date is not the legal one.
_NOTES = {
    "lapor_kpk": (
        "Tenggat hukum 30 hari kerja dihitung sejak tanggal gratifikasi diterima pejabat "
        "(UU 20/2001 Pasal 12C). Tanggal itu belum diketahui, jadi tanggal jatuh tempo ini "
        "dihitung dari tanggal laporan diterima; tenggat sebenarnya bisa lebih awal. "
        "(The legal deadline counts from the date the gratification was received; that date "
        "is unknown, so this due date counts from the report date and the real deadline may "
        "be earlier.)"
    ),
}


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date, not {type(value).__name__}")


def _check_days(n) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"the number of days must be a non-negative int, not {n!r}")
    return n


class WorkingCalendar:
    """Indonesian working days (*hari kerja*).

    A working day is Monday to Friday, not a national public holiday of the ``holidays``
    package (``country_holidays("ID")``, computed per year on first use and cached), and not
    one of ``extra_holidays``.

    Parameters
    ----------
    extra_holidays : iterable of date, optional
        More days off, e.g. the *cuti bersama* or regional holidays an institution observes.
    include_cuti_bersama : bool, default False
        Also skip the national *cuti bersama* days the ``holidays`` package knows (its
        ``"government"`` category for ID).

    Examples
    --------
    >>> cal = WorkingCalendar()
    >>> cal.add_working_days(date(2026, 8, 14), 1)  # Friday; Monday 17 August is a holiday
    datetime.date(2026, 8, 18)
    """

    def __init__(self, extra_holidays: Iterable[date] = (), include_cuti_bersama: bool = False):
        self.extra_holidays = frozenset(_as_date(day) for day in extra_holidays)
        self.include_cuti_bersama = bool(include_cuti_bersama)
        self._categories = ("public",)
        if self.include_cuti_bersama:
            if _CUTI_BERSAMA_CATEGORY not in holidays.Indonesia.supported_categories:
                raise ConfigError(
                    f"Paket holidays {holidays.__version__} tidak mengenal cuti bersama; "
                    "cantumkan tanggalnya di extra_holidays.",
                    f"holidays {holidays.__version__} has no cuti bersama category; "
                    "list the dates in extra_holidays.",
                )
            self._categories += (_CUTI_BERSAMA_CATEGORY,)
        self._by_year: dict[int, frozenset[date]] = {}
        self._counted = Memo(self._count_working_days, maxsize=4096)

    @classmethod
    def from_config(cls, config: InstitutionConfig | None) -> WorkingCalendar:
        """The calendar an institution's configuration asks for (the default if None)."""
        if config is None:
            return cls()
        return cls(config.extra_holidays, config.include_cuti_bersama)

    def holidays_in(self, year: int) -> frozenset[date]:
        """National holidays of ``year`` (and cuti bersama if included); not the extra ones."""
        if year not in self._by_year:
            found = holidays.country_holidays("ID", years=year, categories=self._categories)
            self._by_year[year] = frozenset(found)
        return self._by_year[year]

    def is_working_day(self, d: date) -> bool:
        """True if ``d`` is a weekday that is neither a holiday nor an extra day off."""
        d = _as_date(d)
        return (d.weekday() < 5 and d not in self.extra_holidays
                and d not in self.holidays_in(d.year))

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` never counts; ``n=0`` gives it)."""
        # A batch routes every complaint from the same received date: count each span once.
        return self._counted[(_as_date(start), _check_days(n))]

    def _count_working_days(self, start_and_n: tuple[date, int]) -> date:
        day, left = start_and_n
        while left:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def add_days(self, start: date, n: int, day_kind: str) -> date:
        """``n`` working days (``day_kind="kerja"``) or calendar days (``"kalender"``) later."""
        if day_kind == "kerja":
            return self.add_working_days(start, n)
        if day_kind == "kalender":
            return _as_date(start) + timedelta(days=_check_days(n))
        raise ValueError(f"day_kind must be one of {DAY_KINDS}, not {day_kind!r}")


@functools.lru_cache(maxsize=16)
def _calendar_for(extra_holidays: tuple[date, ...], include_cuti_bersama: bool):
    # One calendar per distinct configuration, so its holiday cache outlives a single call.
    return WorkingCalendar(extra_holidays, include_cuti_bersama)


def _suggestion(step: RoutingStep, config: InstitutionConfig, due: date | None,
                labels: list[str]) -> dict:
    deadline = config.deadlines.get(step.key, step.deadline_days)
    return {
        "key": step.key,
        "unit": config.units.get(step.key, step.unit),
        "action": step.action,
        "deadline_days": deadline,
        "day_kind": step.day_kind if deadline is not None else None,
        "due_date": due.isoformat() if due else None,
        "condition": step.condition,
        "labels": labels,
        "note": _NOTES.get(step.key),
    }


def route(labels: list[str], received: date, config: InstitutionConfig | None = None,
          calendar: WorkingCalendar | None = None) -> list[dict]:
    """The routing suggestion for a triage result.

    Parameters
    ----------
    labels : list of str
        The triage labels (validated against the taxonomy; the first is the primary one).
    received : date
        The date the complaint was received.
    config : InstitutionConfig, optional
        The institution's unit names, deadlines and holidays; the taxonomy defaults if None.
    calendar : WorkingCalendar, optional
        The calendar for working days; if None, the one ``config`` describes.

    Returns
    -------
    list of dict
        One dict per step with ``key``, ``unit``, ``action``, ``deadline_days``, ``day_kind``
        (None when there is no deadline), ``due_date`` (ISO date or None), ``condition``,
        ``labels`` (the labels that added the step; empty for the base procedure) and ``note``
        (None unless the due date needs a caveat). For a conflict of interest: the base
        procedure, each step counted from ``received`` or from the due date of the step in its
        ``after`` (or that step's own start if it has no deadline), then every label's extra
        steps, once per key, counted from ``received``. For ``bukan_benturan_kepentingan``:
        only the ordinary complaint channel.

    Raises
    ------
    ValueError
        For labels that break the taxonomy rules (see :func:`~coi_nlp.taxonomy.validate_labels`).
    """
    labels = validate_labels(labels)
    received = _as_date(received)
    if config is None:
        config = InstitutionConfig()
    if calendar is None:
        calendar = _calendar_for(config.extra_holidays, config.include_cuti_bersama)

    def due_from(step: RoutingStep, start: date) -> date | None:
        deadline = config.deadlines.get(step.key, step.deadline_days)
        return None if deadline is None else calendar.add_days(start, deadline, step.day_kind)

    suggestions = []
    if labels != [NOT_COI]:
        reached: dict[str, date] = {}  # per step: its due date, or its start if it has none
        for step in BASE_PROCEDURE:
            start = reached[step.after] if step.after else received
            due = due_from(step, start)
            reached[step.key] = due or start
            suggestions.append(_suggestion(step, config, due, []))

    extra: dict[str, tuple[RoutingStep, list[str]]] = {}
    for code in labels:
        for step in get_label(code).extra_routing:
            extra.setdefault(step.key, (step, []))[1].append(code)
    for step, causes in extra.values():
        suggestions.append(_suggestion(step, config, due_from(step, received), causes))
    return suggestions
