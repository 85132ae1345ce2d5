"""Where the intake report's cases come from: a batch output file or the service's audit log.

Both sources become the same list of :class:`IntakeCase`, so the report does not care which
one it reads:

* :func:`read_batch_output` - the JSONL or CSV written by ``coi-nlp batch``; the period
  selects on ``received_at`` (the date the routing deadlines count from). A batch file says
  nothing about follow-up, so every case counts as not yet reviewed.
* :func:`read_audit_log` - the triage audit log of the service, through
  ``service.app.storage.SqlStorage`` (imported only here, so the library works without the
  service extras); the period selects on the time of triage (``created_at``, local time).
  A case with analyst feedback counts as reviewed.

Texts are kept only from the audit log (a batch output has none), and they are passed
through :func:`~coi_nlp.text.redact.redact_text` again on the way into the report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from coi_nlp.corpus.records import iter_rows
from coi_nlp.errors import InputError
from coi_nlp.report.errors import ReportError
from coi_nlp.taxonomy import NOT_COI, UnknownLabelError, validate_labels
from coi_nlp.text.redact import redact_text

__all__ = ["IntakeCase", "IntakeSource", "read_batch_output", "read_audit_log",
           "check_period", "PRIORITY_LEVELS"]

PRIORITY_LEVELS = ("tinggi", "sedang", "rendah")


@dataclass
class IntakeCase:
    """One triaged complaint, as the intake report needs it.

    Attributes
    ----------
    case_id : str
        The row ``id`` (batch) or ``external_id``/``triage_id`` (audit log).
    received : date or None
        The date the complaint was received (deadlines count from it).
    institutions : list of str
        Institutions the complaint names (key facts ``instansi``).
    routing : list of dict
        Routing steps with ``key``, ``unit`` and ``due_date`` (ISO) as triage made them.
    text : str or None
        The redacted complaint (audit log only).
    reviewed : bool
        An analyst has given feedback on it (audit log only; always False for batch files).
    """

    case_id: str
    received: date | None
    labels: list[str]
    primary: str
    is_coi: bool
    needs_review: bool
    priority: str
    review_reasons: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)
    routing: list[dict] = field(default_factory=list)
    text: str | None = None
    reviewed: bool = False
    receiving_institution: str | None = None
    model_version: str | None = None


@dataclass
class IntakeSource:
    """Cases read from one source, with what was skipped and how to name the source."""

    kind: str  # "batch" or "audit"
    description: str
    cases: list[IntakeCase]
    skipped: list[str] = field(default_factory=list)
    outside_period: int = 0


def check_period(date_from: date | None, date_to: date | None) -> None:
    """Raise :class:`ReportError` when the period ends before it starts."""
    if date_from and date_to and date_to < date_from:
        raise ReportError(f"Periode tidak sah: --to {date_to} sebelum --from {date_from}.",
                          "The period ends before it starts.", code="periode_tidak_sah")


def _in_period(day: date | None, date_from: date | None, date_to: date | None) -> bool:
    if date_from is None and date_to is None:
        return True
    if day is None:
        return False
    return (date_from is None or day >= date_from) and (date_to is None or day <= date_to)


def _as_bool(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "ya", "yes")
    return bool(value)


def _as_json(value, default):
    if isinstance(value, str):
        value = value.strip()
        return json.loads(value) if value else default
    return default if value is None else value


def _case_from_row(row: dict, number: int) -> IntakeCase:
    """One batch output row (JSONL object or CSV row) -> IntakeCase; ValueError if unusable."""
    labels = row.get("labels")  # CSV "a;b" is already a list (corpus.records.iter_rows)
    try:
        labels = validate_labels(labels)
    except (UnknownLabelError, ValueError) as exc:
        reason = str(exc).split(". Label yang sah")[0]  # not the whole list of codes
        raise ValueError(f"labels tidak sah: {reason}") from None
    primary = row.get("primary") or labels[0]
    if primary not in labels:
        raise ValueError("primary tidak ada di labels")
    priority = row.get("priority")
    level = priority.get("tingkat") if isinstance(priority, dict) else priority
    if level not in PRIORITY_LEVELS:
        raise ValueError(f"prioritas tidak dikenal: {level!r}")
    received = row.get("received_at") or None
    if received is not None:
        try:
            received = date.fromisoformat(str(received)[:10])
        except ValueError:
            raise ValueError(f"received_at bukan tanggal ISO: {received!r}") from None
    try:
        facts = _as_json(row.get("key_facts"), {})
        routing = _as_json(row.get("routing"), [])
    except json.JSONDecodeError:
        raise ValueError("key_facts atau routing bukan JSON") from None
    institutions = [item["teks"] for item in facts.get("instansi", ())
                    if isinstance(item, dict) and item.get("teks")]
    return IntakeCase(
        case_id=str(row.get("id") or f"baris-{number}"), received=received, labels=labels,
        primary=primary, is_coi=_as_bool(row.get("is_coi", primary != NOT_COI)),
        needs_review=_as_bool(row.get("needs_review")), priority=level,
        review_reasons=list(row.get("review_reasons") or []),
        institutions=[redact_text(name) for name in institutions],
        routing=[step for step in routing if isinstance(step, dict)],
        model_version=row.get("model_version"))


def read_batch_output(path, date_from: date | None = None, date_to: date | None = None
                      ) -> IntakeSource:
    """Read the output of ``coi-nlp batch`` (JSONL or CSV, by the file's suffix).

    Rows that cannot be used are skipped and listed (line and reason, never a text);
    rows received outside ``[date_from, date_to]`` are left out and counted.

    Raises
    ------
    ReportError
        The file is missing or unreadable.
    """
    check_period(date_from, date_to)
    path = Path(path)
    source = IntakeSource("batch", f"berkas keluaran batch {path.name}", [])
    try:
        for number, row, problem in iter_rows(path):  # the corpus tools' streaming reader
            if problem is None:
                try:
                    case = _case_from_row(row, number)
                except (ValueError, TypeError, AttributeError, KeyError) as exc:
                    problem = str(exc) or type(exc).__name__
            if problem is not None:
                source.skipped.append(f"baris {number}: {problem}")
                continue
            if _in_period(case.received, date_from, date_to):
                source.cases.append(case)
            else:
                source.outside_period += 1
    except InputError:  # iter_rows raises it only when the file cannot be opened
        raise ReportError(f"Berkas keluaran batch tidak bisa dibaca: {path}.",
                          f"Cannot read batch output {path}.",
                          code="berkas_tidak_terbaca") from None
    return source


def _local_midnight(day: date) -> datetime:
    """Midnight of ``day`` in this computer's time zone (the office's local date)."""
    return datetime.combine(day, time()).astimezone()


def _safe_url(url: str) -> str:
    try:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        return make_url(url).render_as_string(hide_password=True)
    except (ImportError, ArgumentError, ValueError):  # unparsable: show only the scheme
        return url.split(":", 1)[0] + ":..."


def _sqlite_path(url: str) -> Path | None:
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[-1] if "///" in url else ""
    return Path(path) if path and path != ":memory:" else None


def _open_storage(url: str):
    try:
        from sqlalchemy.exc import SQLAlchemyError

        from service.app.storage import SqlStorage
    except ImportError:
        raise ReportError("Membaca log audit butuh paket layanan: pip install 'coi-nlp[service]'.",
                          "Reading the audit log needs the service extras.",
                          code="layanan_tidak_terpasang") from None
    path = _sqlite_path(url)
    if path is not None and not path.is_file():
        # SqlStorage would create an empty database: refuse a mistyped path instead.
        raise ReportError(f"Basis data SQLite tidak ditemukan: {path}",
                          f"SQLite database not found: {path}", code="basis_data_tidak_ada")
    try:
        return SqlStorage(url)
    except (SQLAlchemyError, ImportError, OSError) as exc:  # bad URL, no server, no driver
        raise ReportError(f"Basis data tidak bisa dibuka: {_safe_url(url)} "
                          f"({type(exc).__name__}).", "Cannot open the database.",
                          code="basis_data_gagal") from None


def _case_from_triage(record, reviewed: set[str]) -> IntakeCase:
    from coi_nlp.facts import extract_facts

    text = redact_text(record.redacted_text or "")
    received = None
    if record.received_at:
        try:
            received = date.fromisoformat(str(record.received_at)[:10])
        except ValueError:
            received = None
    if received is None and record.created_at:
        received = record.created_at.astimezone().date()
    return IntakeCase(
        case_id=record.external_id or record.triage_id, received=received,
        labels=list(record.labels), primary=record.primary, is_coi=record.is_coi,
        needs_review=record.needs_review, priority=record.priority,
        institutions=[item["teks"] for item in extract_facts(text)["instansi"]],
        routing=list(record.routing or []), text=text,
        reviewed=record.triage_id in reviewed,
        receiving_institution=record.institution, model_version=record.model_version)


def read_audit_log(url: str, date_from: date | None = None, date_to: date | None = None
                   ) -> IntakeSource:
    """Read the service's triage audit log triaged in ``[date_from, date_to]`` (local dates).

    A case counts as reviewed when analyst feedback exists for it (the storage's feedback
    export). Institutions are the ones the (redacted) text names.

    Raises
    ------
    ReportError
        Service extras missing, database missing or unreadable.
    """
    check_period(date_from, date_to)
    storage = _open_storage(url)
    since = _local_midnight(date_from) if date_from else None
    until = _local_midnight(date_to + timedelta(days=1)) if date_to else None
    from sqlalchemy.exc import SQLAlchemyError

    try:
        records = list(storage.list_triages(since, until))
        reviewed = {row["id"] for row in storage.export_feedback()}
    except SQLAlchemyError as exc:
        raise ReportError(f"Log audit tidak bisa dibaca dari {_safe_url(url)} "
                          f"({type(exc).__name__}).", "Cannot read the audit log.",
                          code="basis_data_gagal") from None
    finally:
        storage.engine.dispose()
    cases = [_case_from_triage(record, reviewed) for record in records]
    return IntakeSource("audit", f"log audit layanan {_safe_url(url)}", cases)
