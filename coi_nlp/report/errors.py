"""Errors of the reports: shown to users as one ``galat: ...`` line (exit status 2)."""

from __future__ import annotations

from coi_nlp.errors import CoiNlpError

__all__ = ["ReportError", "PdfExportError"]


class ReportError(CoiNlpError):
    """A report cannot be built: unreadable source, empty data, bad date range, unwritable file."""

    code = "laporan_gagal"


class PdfExportError(ReportError):
    """The PDF export needs Chromium, ChromeDriver and Selenium, and one of them is missing
    or failed."""

    code = "pdf_gagal"
