"""The intake report (``coi-nlp report intake``): what came in, and what is waiting.

:func:`intake_report_data` counts the cases of an :class:`~coi_nlp.report.intake_sources.
IntakeSource` per type (primary label), per priority, per institution named and per week
(Monday to Sunday, by date received), the share sent to human review, the routing deadlines
already passed for cases nobody has reviewed, and the cases waiting for review.
:func:`render_intake_report` turns that into one HTML page; :func:`build_intake_report`
does both from a batch output file or the audit log.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from coi_nlp.report import charts
from coi_nlp.report.errors import ReportError
from coi_nlp.report.formatting import fmt_date, fmt_date_short, fmt_int, fmt_percent
from coi_nlp.report.html import (
    Section,
    badge,
    figure,
    join,
    lines,
    note,
    paragraph,
    render_page,
    summary_grid,
    table,
)
from coi_nlp.report.intake_sources import (
    PRIORITY_LEVELS,
    IntakeCase,
    IntakeSource,
    check_period,
    read_audit_log,
    read_batch_output,
)
from coi_nlp.taxonomy import CODES, get_label
from coi_nlp.text.redact import redact_text

__all__ = ["OverdueStep", "Week", "IntakeReportData", "intake_report_data",
           "render_intake_report", "build_intake_report", "NO_INSTITUTION", "MAX_ROWS",
           "TOP_INSTITUTIONS"]

NO_INSTITUTION = "(instansi tidak disebut)"
TOP_INSTITUTIONS = 12  # bars in the institution chart (the table lists more)
MAX_ROWS = 300  # longest list printed (waiting for review, overdue deadlines)
EXCERPT_CHARS = 240


@dataclass(frozen=True)
class OverdueStep:
    """A routing step whose due date passed before the report date, case not reviewed."""

    case: IntakeCase
    key: str
    unit: str
    due: date
    days_late: int


@dataclass(frozen=True)
class Week:
    """One week (Monday..Sunday) of received complaints."""

    monday: date
    total: int
    review: int

    @property
    def label(self) -> str:
        year, week, _ = self.monday.isocalendar()
        return f"{year}-W{week:02d}"


@dataclass
class IntakeReportData:
    """Everything the intake report shows; see :func:`intake_report_data`."""

    source: IntakeSource
    date_from: date | None
    date_to: date | None
    today: date
    by_type: list[tuple[str, int, int]]
    by_priority: list[tuple[str, int]]
    by_institution: list[tuple[str, int]]
    by_receiver: list[tuple[str, int]]
    weeks: list[Week]
    overdue: list[OverdueStep]
    waiting: list[IntakeCase]

    @property
    def cases(self) -> list[IntakeCase]:
        return self.source.cases

    @property
    def review_count(self) -> int:
        return sum(case.needs_review for case in self.cases)


def _institution_counts(cases: list[IntakeCase]) -> list[tuple[str, int]]:
    """Cases per institution named (a case counts once per institution; spelling variants
    that differ only in case or spaces are merged under their most common spelling)."""
    counts: Counter = Counter()
    spellings: dict[str, Counter] = {}
    for case in cases:
        keys = set()
        for name in case.institutions:
            key = " ".join(name.lower().split())
            spellings.setdefault(key, Counter())[" ".join(name.split())] += 1
            keys.add(key)
        for key in keys or {NO_INSTITUTION}:
            counts[key] += 1
    named = [(spellings[key].most_common(1)[0][0] if key in spellings else key, n)
             for key, n in counts.items()]
    return sorted(named, key=lambda item: (item[0] == NO_INSTITUTION, -item[1], item[0]))


def _weeks(cases: list[IntakeCase]) -> list[Week]:
    """Complaints per week by date received, with empty weeks in between kept."""
    dated = [case for case in cases if case.received]
    if not dated:
        return []
    totals, reviews = Counter(), Counter()
    for case in dated:
        monday = case.received - timedelta(days=case.received.weekday())
        totals[monday] += 1
        reviews[monday] += case.needs_review
    first, last = min(totals), max(totals)
    weeks, current = [], first
    while current <= last:
        weeks.append(Week(current, totals[current], reviews[current]))
        current += timedelta(days=7)
    return weeks


def _overdue(cases: list[IntakeCase], today: date) -> list[OverdueStep]:
    found = []
    for case in cases:
        if case.reviewed:
            continue
        for step in case.routing:
            try:
                due = date.fromisoformat(str(step.get("due_date"))[:10])
            except ValueError:
                continue  # a step without a deadline
            if due < today:
                found.append(OverdueStep(case, str(step.get("key", "")),
                                         str(step.get("unit", "")), due, (today - due).days))
    return sorted(found, key=lambda s: (-s.days_late, s.case.case_id, s.key))


def _priority_order(case: IntakeCase):
    return (PRIORITY_LEVELS.index(case.priority), case.received or date.max, case.case_id)


def intake_report_data(source: IntakeSource, today: date | None = None,
                       date_from: date | None = None, date_to: date | None = None
                       ) -> IntakeReportData:
    """Count and list what the intake report shows.

    Parameters
    ----------
    source : IntakeSource
        The cases (already limited to the period by the reader).
    today : date, optional
        The report date: deadlines before it are overdue (default today).
    date_from, date_to : date, optional
        The period, shown in the report.
    """
    cases = source.cases
    today = today or date.today()
    types = Counter(case.primary for case in cases)
    type_reviews = Counter(case.primary for case in cases if case.needs_review)
    priorities = Counter(case.priority for case in cases)
    receivers = Counter(case.receiving_institution for case in cases
                        if case.receiving_institution)
    return IntakeReportData(
        source=source, date_from=date_from, date_to=date_to, today=today,
        by_type=[(code, types[code], type_reviews[code]) for code in CODES],
        by_priority=[(level, priorities[level]) for level in PRIORITY_LEVELS],
        by_institution=_institution_counts(cases),
        by_receiver=sorted(receivers.items(), key=lambda item: (-item[1], item[0])),
        weeks=_weeks(cases), overdue=_overdue(cases, today),
        waiting=sorted((c for c in cases if c.needs_review and not c.reviewed),
                       key=_priority_order))


# --- rendering -----------------------------------------------------------------------------

def _share(part: int, whole: int) -> str:
    return fmt_percent(part / whole) if whole else "-"


def _period(data: IntakeReportData) -> str:
    if not data.date_from and not data.date_to:
        return "semua tanggal"
    start = fmt_date(data.date_from) if data.date_from else "awal"
    end = fmt_date(data.date_to) if data.date_to else "akhir"
    return f"{start} s.d. {end}"


def _summary_section(data: IntakeReportData) -> Section:
    n = len(data.cases)
    coi = sum(case.is_coi for case in data.cases)
    high = dict(data.by_priority)["tinggi"]
    late_cases = len({step.case.case_id for step in data.overdue})
    parts = [summary_grid([
        ("pengaduan", fmt_int(n)),
        ("benturan kepentingan", f"{fmt_int(coi)} ({_share(coi, n)})"),
        ("prioritas tinggi", f"{fmt_int(high)} ({_share(high, n)})"),
        ("dikirim ke tinjauan petugas",
         f"{fmt_int(data.review_count)} ({_share(data.review_count, n)})"),
        ("menunggu tinjauan", fmt_int(len(data.waiting))),
        ("tenggat terlewat (langkah / kasus)",
         f"{fmt_int(len(data.overdue))} / {fmt_int(late_cases)}"),
    ], "ringkasan-angka")]
    if data.source.kind == "batch":
        parts.append(note("Berkas keluaran batch tidak memuat tindak lanjut, jadi setiap kasus "
                          "dianggap belum ditinjau: semua tenggat yang sudah lewat dihitung dan "
                          "semua kasus needs_review dianggap menunggu tinjauan."))
    else:
        reviewed = sum(case.reviewed for case in data.cases)
        parts.append(note(f"{fmt_int(reviewed)} kasus sudah diberi umpan balik oleh analis "
                          "(dianggap sudah ditinjau; tenggatnya tidak dihitung terlewat)."))
    if data.source.outside_period:
        parts.append(note(f"{fmt_int(data.source.outside_period)} baris di luar periode "
                          "tidak dihitung."))
    if data.source.skipped:
        shown = "; ".join(data.source.skipped[:10])
        more = len(data.source.skipped) - 10
        parts.append(note(f"{fmt_int(len(data.source.skipped))} baris tidak bisa dibaca dan "
                          f"dilewati: {shown}" + (f"; dan {more} lainnya" if more > 0 else ""),
                          "warning"))
    if not data.cases:
        parts.append(paragraph("Tidak ada pengaduan pada periode ini.", "empty"))
    return Section("ringkasan", "Ringkasan", join(parts))


def _type_section(data: IntakeReportData, number: int) -> Section:
    n = len(data.cases)
    rows = [[str(i), code, get_label(code).name_id, fmt_int(count), _share(count, n),
             fmt_int(review)] for i, (code, count, review) in enumerate(data.by_type, 1)]
    parts = []
    if n:
        parts.append(figure(charts.bar_chart(
            [f"{i} {code}" for i, (code, _, _) in enumerate(data.by_type, 1)],
            [count for _, count, _ in data.by_type], "Pengaduan per jenis (label utama)",
            "Jumlah pengaduan", "Jenis (kode taksonomi)",
            "Panjang batang = jumlah pengaduan dengan jenis itu sebagai label utama; urutan "
            "mengikuti taksonomi. Sebuah pengaduan dihitung sekali, pada label utamanya."),
            number))
    parts.append(table(["No", "Kode", "Jenis", "Jumlah", "Bagian", "Perlu tinjauan"],
                       rows if n else [], "tabel-jenis", numeric=(0, 3, 4, 5)))
    return Section("jenis", "Pengaduan per jenis", join(parts))


def _priority_section(data: IntakeReportData, number: int) -> Section:
    n = len(data.cases)
    parts = []
    if n:
        parts.append(figure(charts.bar_chart(
            [level for level, _ in data.by_priority], [c for _, c in data.by_priority],
            "Pengaduan per prioritas", "Jumlah pengaduan", "Prioritas",
            "Panjang batang = jumlah pengaduan per tingkat prioritas (tinggi: uang besar, "
            "pejabat tinggi, penegakan hukum, atau gratifikasi terkait keputusan).",
            colours=[charts.PRIORITY_COLOURS[level] for level, _ in data.by_priority]),
            number))
    rows = [[badge(level, level), fmt_int(count), _share(count, n)]
            for level, count in data.by_priority]
    parts.append(table(["Prioritas", "Jumlah", "Bagian"], rows if n else [], "tabel-prioritas",
                       numeric=(1, 2), compact=True))
    return Section("prioritas", "Pengaduan per prioritas", join(parts))


def _institution_section(data: IntakeReportData, number: int) -> Section:
    n = len(data.cases)
    parts = [paragraph("Instansi yang disebut dalam pengaduan (fakta kunci). Pengaduan yang "
                       "menyebut dua instansi dihitung pada keduanya, jadi jumlahnya bisa "
                       "lebih dari total pengaduan.")]
    named = [(name, count) for name, count in data.by_institution if name != NO_INSTITUTION]
    if named:
        top = named[:TOP_INSTITUTIONS]
        parts.append(figure(charts.bar_chart(
            [name for name, _ in top], [count for _, count in top],
            "Pengaduan per instansi yang disebut", "Jumlah pengaduan", "Instansi",
            f"Panjang batang = jumlah pengaduan yang menyebut instansi itu; "
            f"{len(top)} instansi terbanyak (pengaduan tanpa instansi tidak digambar).",
            colours=[charts.OKABE_ITO["bluish_green"]] * len(top)), number))
    rows = [[name, fmt_int(count), _share(count, n)] for name, count in data.by_institution]
    parts.append(table(["Instansi", "Jumlah", "Bagian dari pengaduan"], rows[:MAX_ROWS],
                       "tabel-instansi", numeric=(1, 2)))
    if data.by_receiver:
        parts.append(table(["Instansi penerima (konfigurasi layanan)", "Jumlah"],
                           [[name, fmt_int(count)] for name, count in data.by_receiver],
                           "tabel-instansi-penerima", numeric=(1,)))
    return Section("instansi", "Pengaduan per instansi", join(parts))


def _week_section(data: IntakeReportData, number: int) -> Section:
    parts = []
    if data.weeks:
        labels = [fmt_date_short(week.monday) for week in data.weeks]
        series = {"diputuskan otomatis": [w.total - w.review for w in data.weeks],
                  "dikirim ke tinjauan petugas": [w.review for w in data.weeks]}
        colours = {"diputuskan otomatis": charts.OKABE_ITO["blue"],
                   "dikirim ke tinjauan petugas": charts.OKABE_ITO["orange"]}
        parts.append(figure(charts.stacked_bar_chart(
            labels, series, colours, "Pengaduan per minggu", "Jumlah pengaduan",
            "Minggu (tanggal Senin, menurut tanggal diterima)",
            "Tinggi batang = pengaduan yang diterima dalam minggu itu (Senin-Minggu); bagian "
            "oranye = yang dikirim ke tinjauan petugas (needs_review). Angka di atas batang "
            "= total minggu itu."), number))
    rows = [[w.label, f"{fmt_date(w.monday)} - {fmt_date(w.monday + timedelta(days=6))}",
             fmt_int(w.total), fmt_int(w.review), _share(w.review, w.total)]
            for w in data.weeks]
    parts.append(table(["Minggu", "Rentang", "Jumlah", "Perlu tinjauan", "Bagian tinjauan"],
                       rows, "tabel-minggu", numeric=(2, 3, 4)))
    return Section("mingguan", "Pengaduan per minggu", join(parts))


def _limited(rows: list, what: str) -> tuple[list, str | None]:
    if len(rows) <= MAX_ROWS:
        return rows, None
    return rows[:MAX_ROWS], f"Ditampilkan {MAX_ROWS} dari {fmt_int(len(rows))} {what}."


def _excerpt(text: str | None) -> str:
    shown = redact_text(text or "")  # redact before cutting, never after
    if len(shown) <= EXCERPT_CHARS:
        return shown
    return shown[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"


def _review_section(data: IntakeReportData) -> Section:
    n = len(data.cases)
    with_text = data.source.kind == "audit"
    parts = [paragraph(
        f"{fmt_int(data.review_count)} dari {fmt_int(n)} pengaduan ({_share(data.review_count, n)})"
        " dikirim ke tinjauan petugas karena model ragu (probabilitas label utama rendah atau "
        f"dua label teratas berdekatan). {fmt_int(len(data.waiting))} di antaranya menunggu "
        "tinjauan; daftar diurutkan menurut prioritas, lalu tanggal diterima (terlama dulu).")]
    with_reasons = any(case.review_reasons for case in data.waiting)  # not in the audit log
    headers = ["Id", "Diterima", "Label (utama dulu)", "Prioritas"]
    headers += ["Alasan"] if with_reasons else []
    headers += ["Instansi"] + (["Ringkasan teks (disamarkan)"] if with_text else [])
    rows = []
    for case in data.waiting:
        row = [case.case_id, case.received.isoformat() if case.received else "-",
               lines(case.labels), badge(case.priority, case.priority)]
        if with_reasons:
            row.append("; ".join(case.review_reasons) or "-")
        row.append(", ".join(case.institutions) or "-")
        if with_text:
            row.append(_excerpt(case.text))
        rows.append(row)
    rows, more = _limited(rows, "kasus")
    parts.append(table(headers, rows, "tabel-menunggu", nowrap=(0, 1),
                       empty="Tidak ada kasus yang menunggu tinjauan."))
    if more:
        parts.append(note(more))
    return Section("tinjauan", "Tinjauan petugas: kasus yang menunggu", join(parts))


def _overdue_by_case(steps: list[OverdueStep]) -> list[list[OverdueStep]]:
    """Overdue steps grouped per case, the longest overdue case first."""
    groups: dict[int, list[OverdueStep]] = {}
    for step in steps:
        groups.setdefault(id(step.case), []).append(step)
    ordered = [sorted(group, key=lambda s: s.due) for group in groups.values()]
    return sorted(ordered, key=lambda g: (-g[0].days_late,
                                          PRIORITY_LEVELS.index(g[0].case.priority),
                                          g[0].case.case_id))


def _overdue_section(data: IntakeReportData) -> Section:
    groups = _overdue_by_case(data.overdue)
    parts = [paragraph(
        f"Langkah penanganan dengan tanggal jatuh tempo sebelum {fmt_date(data.today)} pada "
        f"kasus yang belum ditinjau: {fmt_int(len(data.overdue))} langkah pada "
        f"{fmt_int(len(groups))} kasus. Terlambat = hari kalender sejak jatuh tempo; kasus yang "
        "paling lama terlambat di atas.")]
    per_step = Counter((s.key, s.unit) for s in data.overdue)
    parts.append(table(["Langkah", "Unit", "Kasus terlambat"],
                       [[key, unit, fmt_int(n)] for (key, unit), n in per_step.most_common()],
                       "tabel-terlambat-langkah", numeric=(2,), compact=True,
                       empty="Tidak ada tenggat yang terlewat."))
    rows = [[g[0].case.case_id,
             g[0].case.received.isoformat() if g[0].case.received else "-",
             badge(g[0].case.priority, g[0].case.priority), g[0].case.primary,
             lines(f"{s.key}: {s.due.isoformat()} ({fmt_int(s.days_late)} hari)" for s in g),
             fmt_int(g[0].days_late)] for g in groups]
    rows, more = _limited(rows, "kasus")
    if rows:
        parts.append(table(["Id", "Diterima", "Prioritas", "Jenis utama",
                            "Langkah terlewat: jatuh tempo", "Terlambat (hari)"],
                           rows, "tabel-terlambat", numeric=(5,), nowrap=(0, 1)))
    if more:
        parts.append(note(more))
    return Section("tenggat", "Tenggat penanganan yang terlewat", join(parts))


def render_intake_report(data: IntakeReportData) -> str:
    """The intake report as a self-contained HTML page."""
    sections = [_summary_section(data), _type_section(data, 1), _priority_section(data, 2),
                _institution_section(data, 3), _week_section(data, 4), _review_section(data),
                _overdue_section(data)]
    basis = ("tanggal diterima (received_at)" if data.source.kind == "batch"
             else "waktu triase di log audit")
    versions = sorted({c.model_version for c in data.cases if c.model_version})
    meta = [("Sumber", data.source.description), ("Periode", f"{_period(data)} ({basis})"),
            ("Tanggal laporan",
             f"{fmt_date(data.today)} (tenggat sebelum tanggal ini terlewat)"),
            ("Jumlah pengaduan", fmt_int(len(data.cases)))]
    if versions:
        meta.append(("Versi model", ", ".join(versions)))
    return render_page(
        "Laporan Pengaduan Masuk", "Triase pengaduan benturan kepentingan (coi-nlp)", meta,
        sections, f"Dibuat dengan coi-nlp report intake pada {fmt_date(data.today)}. "
                  "Teks pengaduan disamarkan sebelum ditampilkan.")


def build_intake_report(batch_path=None, database_url: str | None = None,
                        date_from: date | None = None, date_to: date | None = None,
                        today: date | None = None) -> str:
    """Read a batch output file or the audit log and return the intake report's HTML.

    Parameters
    ----------
    batch_path : path, optional
        Output of ``coi-nlp batch`` (JSONL or CSV).
    database_url : str, optional
        SQLAlchemy URL of the service's database (give this or ``batch_path``).
    date_from, date_to : date, optional
        The period (inclusive).
    today : date, optional
        The report date (default today).
    """
    if (batch_path is None) == (database_url is None):
        raise ReportError("Berikan tepat satu sumber: --input atau --database-url.",
                          "Give exactly one source.", code="sumber_tidak_sah")
    check_period(date_from, date_to)
    if batch_path is not None:
        source = read_batch_output(batch_path, date_from, date_to)
    else:
        source = read_audit_log(database_url, date_from, date_to)
    return render_intake_report(intake_report_data(source, today, date_from, date_to))
