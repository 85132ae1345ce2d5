"""Reports in Bahasa Indonesia (``coi-nlp report``): one self-contained HTML file, and a PDF.

* :func:`build_model_report` - model quality on a labelled file (:mod:`.model_report`);
* :func:`build_intake_report` - complaints received, from a batch output file or the
  service's audit log (:mod:`.intake_sources`, :mod:`.intake_report`);
* :func:`write_report` - writes the HTML and, if asked, prints it to PDF (:mod:`.pdf`).

The parts: :mod:`.charts` (matplotlib figures as embedded PNG, colour-blind-safe palette),
:mod:`.html` (the page, its print CSS and escaping), :mod:`.formatting` (Indonesian numbers
and dates), :mod:`.errors`.

Examples
--------
>>> from coi_nlp.report import build_intake_report, write_report
>>> page = build_intake_report(batch_path="hasil.jsonl")            # doctest: +SKIP
>>> write_report(page, "laporan.html", pdf="laporan.pdf")            # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from coi_nlp.report.errors import PdfExportError, ReportError
from coi_nlp.report.intake_report import build_intake_report
from coi_nlp.report.model_report import build_model_report
from coi_nlp.report.pdf import html_to_pdf

__all__ = ["build_model_report", "build_intake_report", "write_report", "html_to_pdf",
           "ReportError", "PdfExportError"]


def write_report(page: str, out, pdf=None) -> list[Path]:
    """Write the HTML ``page`` to ``out`` and, when ``pdf`` is given, print it to that PDF.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ReportError
        The HTML file cannot be written; :class:`PdfExportError` when the PDF fails.
    """
    out = Path(out)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"Laporan tidak bisa ditulis: {out} ({exc.strerror}).",
                          f"Cannot write {out}.", code="berkas_tidak_tertulis") from None
    written = [out]
    if pdf:
        try:
            written.append(html_to_pdf(out, pdf))
        except PdfExportError as exc:
            raise PdfExportError(f"{exc.message_id} Berkas HTML sudah ditulis: {out}.",
                                 f"{exc.message_en} The HTML file was written: {out}.",
                                 code=exc.code) from None
    return written
