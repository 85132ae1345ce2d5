"""Reading labelled files in the record format of the contract.

JSON Lines (one object per line: ``id``, ``text``, ``labels``; extra keys kept in
``extra``) or CSV (columns ``id``, ``text``, ``labels``, where ``labels`` is a JSON list or
codes separated by ``;`` or ``|``). Unknown extra keys are carried along, never rejected.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from coi_nlp.errors import InputError
from coi_nlp.taxonomy import NOT_COI, UnknownLabelError, validate_labels

__all__ = ["Record", "RecordError", "read_records", "read_records_lenient", "iter_rows",
           "write_records", "dump_records", "data_hash", "SPLITS", "STYLES"]

SPLITS = ("train", "dev", "test")
STYLES = ("formal", "chat", "short", "long", "typo", "mixed")


@dataclass
class Record:
    id: str
    text: str
    labels: list[str]
    extra: dict = field(default_factory=dict)

    @property
    def primary(self) -> str:
        return self.labels[0]

    @property
    def is_coi(self) -> bool:
        return self.labels[0] != NOT_COI

    @property
    def split(self) -> str | None:
        return self.extra.get("split")

    def to_dict(self) -> dict:
        return {"id": self.id, "text": self.text, "labels": list(self.labels), **self.extra}


@dataclass
class RecordError:
    """A row that could not be read, with where it is and why (Indonesian and English)."""

    line: int
    message: str
    record_id: str | None = None

    def __str__(self) -> str:
        where = f"baris {self.line}" + (f" (id {self.record_id})" if self.record_id else "")
        return f"{where}: {self.message}"


def _format(path: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    return "csv" if path.suffix.lower() == ".csv" else "jsonl"


def iter_rows(path, fmt: str | None = None) -> Iterator[tuple[int, dict | None, str | None]]:
    """Yield ``(line number, row dict or None, error message or None)`` for a file, lazily
    (a file of any size streams through; one bad row never stops the others)."""
    path = Path(path)
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise InputError(f"Berkas tidak bisa dibaca: {path} ({exc.strerror}).",
                         f"Cannot read file {path}.", code="berkas_tidak_terbaca") from None
    with handle:
        if _format(path, fmt) == "csv":
            yield from _csv_rows(handle)
        else:
            yield from _jsonl_rows(handle)


def _jsonl_rows(handle):
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield number, None, "bukan UTF-8 yang sah (invalid UTF-8)"
            continue
        try:
            row = json.loads(text)
        except json.JSONDecodeError as exc:
            yield number, None, f"JSON rusak: {exc.msg} (malformed JSON)"
            continue
        if not isinstance(row, dict):
            yield number, None, "baris harus objek JSON (each line must be a JSON object)"
            continue
        yield number, row, None


def _csv_rows(handle):
    reader = csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8-sig", newline=""))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            yield reader.line_num + 1, None, ("bukan UTF-8 yang sah; sisa berkas dilewati "
                                              "(invalid UTF-8; rest of file skipped)")
            return
        except csv.Error as exc:
            yield reader.line_num, None, f"CSV rusak: {exc} (malformed CSV)"
            continue
        labels = (row.get("labels") or "").strip()
        if labels.startswith("["):
            try:
                row["labels"] = json.loads(labels)
            except json.JSONDecodeError:
                yield reader.line_num, None, "kolom labels bukan daftar JSON (bad labels column)"
                continue
        elif labels:
            row["labels"] = [c.strip() for c in labels.replace("|", ";").split(";") if c.strip()]
        else:
            row.pop("labels", None)
        yield reader.line_num, {k: v for k, v in row.items() if k is not None}, None


def parse_record(row: dict, line: int, require_labels: bool = True) -> Record:
    """Build a :class:`Record` from a row, or raise ``ValueError`` with the reason."""
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("text kosong atau bukan string (text missing or not a string)")
    record_id = row.get("id")
    if record_id is None:
        record_id = f"baris-{line}"
    if not isinstance(record_id, (str, int)) or isinstance(record_id, bool):
        raise ValueError("id harus string (id must be a string)")
    labels = row.get("labels")
    if labels is None and not require_labels:
        labels = []
    else:
        try:
            labels = validate_labels(labels)
        except UnknownLabelError as exc:
            raise ValueError(str(exc)) from None
    extra = {k: v for k, v in row.items() if k not in ("id", "text", "labels")}
    return Record(str(record_id), text, labels, extra)


def read_records_lenient(path, fmt: str | None = None, require_labels: bool = True
                         ) -> tuple[list[Record], list[RecordError]]:
    """Read every good record and collect the bad rows instead of stopping at the first."""
    records, errors = [], []
    for line, row, problem in iter_rows(path, fmt):
        if problem:
            errors.append(RecordError(line, problem))
            continue
        try:
            records.append(parse_record(row, line, require_labels))
        except ValueError as exc:
            errors.append(RecordError(line, str(exc), str(row.get("id")) if row.get("id") else None))
    return records, errors


def read_records(path, fmt: str | None = None) -> list[Record]:
    """Read a labelled file; any bad row is an :class:`InputError` naming the line."""
    records, errors = read_records_lenient(path, fmt)
    if errors:
        shown = "; ".join(str(e) for e in errors[:5])
        raise InputError(f"{len(errors)} baris tidak valid di {path}: {shown}",
                         f"{len(errors)} invalid rows in {path}", code="berkas_tidak_valid")
    return records


def dump_records(records, handle) -> None:
    """Write records as JSON Lines (one object per line) to an open text ``handle``."""
    for record in records:
        handle.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")


def write_records(path, records) -> None:
    """Write records as JSON Lines (UTF-8, one object per line)."""
    with open(path, "w", encoding="utf-8") as handle:
        dump_records(records, handle)


def data_hash(records: list[Record]) -> str:
    """SHA-256 of the records' ids, texts, labels and splits, in file order.

    The corpus version: a model card records it under ``data.sha256``.
    """
    digest = hashlib.sha256()
    for r in records:
        digest.update(json.dumps([r.id, r.text, r.labels, r.split],
                                 ensure_ascii=False).encode())
    return digest.hexdigest()
