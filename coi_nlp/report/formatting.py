"""Numbers and dates written the Indonesian way: ``0,912``, ``1.234``, ``24,9%``, ``2 Maret 2026``.

Every number a reader sees in a report (tables, summaries, chart ticks) goes through these
functions, so the tests can compare the tables with the data using the same formatting.
"""

from __future__ import annotations

from datetime import date

__all__ = ["MONTHS", "MONTHS_SHORT", "fmt_int", "fmt_decimal", "fmt_percent", "fmt_date",
           "fmt_date_short"]

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov",
                "Des")


def fmt_int(value: int) -> str:
    """Whole number with a dot between thousands.

    Examples
    --------
    >>> fmt_int(1234567)
    '1.234.567'
    """
    return f"{int(value):,}".replace(",", ".")


def fmt_decimal(value: float, digits: int = 3) -> str:
    """Decimal number with a decimal comma.

    Examples
    --------
    >>> fmt_decimal(0.91234)
    '0,912'
    """
    whole = f"{float(value):,.{digits}f}"
    return whole.replace(",", "\0").replace(".", ",").replace("\0", ".")


def fmt_percent(share: float, digits: int = 1) -> str:
    """A share between 0 and 1 as a percentage.

    Examples
    --------
    >>> fmt_percent(0.2491)
    '24,9%'
    """
    return fmt_decimal(100 * float(share), digits) + "%"


def fmt_date(day: date) -> str:
    """Long date, e.g. ``2 Maret 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def fmt_date_short(day: date) -> str:
    """Short date for chart ticks, e.g. ``2 Mar``."""
    return f"{day.day} {MONTHS_SHORT[day.month - 1]}"
