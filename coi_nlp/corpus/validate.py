"""``coi-nlp corpus validate``: is a labelled file fit to train or evaluate on?

Errors (non-zero exit): unreadable rows, schema, unknown codes, the
``bukan_benturan_kepentingan`` exclusivity rule, repeated ids, exact duplicates, and
near-duplicates (word 3-gram Jaccard above 0.5), and unknown ``split`` values.
Warnings: unknown ``style`` values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coi_nlp.corpus.near_duplicates import near_duplicate_pairs
from coi_nlp.corpus.records import SPLITS, STYLES, Record, read_records_lenient

__all__ = ["ValidationReport", "exact_duplicate_key", "validate_file", "validate_records"]

NEAR_DUPLICATE_THRESHOLD = 0.5


@dataclass
class ValidationReport:
    n_records: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        return {"ok": self.ok, "n_records": self.n_records, "errors": self.errors,
                "warnings": self.warnings}


def exact_duplicate_key(text: str) -> str:
    """The text lower-cased with runs of white space made one space: two texts with the same
    key are exact duplicates."""
    return re.sub(r"\s+", " ", text.lower()).strip()


def validate_records(records: list[Record], report: ValidationReport | None = None,
                     threshold: float = NEAR_DUPLICATE_THRESHOLD) -> ValidationReport:
    """Check records that were read successfully (labels are already contract-checked)."""
    report = report or ValidationReport()
    report.n_records = len(records)
    seen_ids: dict[str, int] = {}
    seen_texts: dict[str, str] = {}
    for record in records:
        if record.id in seen_ids:
            report.errors.append(f"id {record.id}: id ganda (duplicate id)")
        seen_ids[record.id] = 1
        key = exact_duplicate_key(record.text)
        if key in seen_texts:
            report.errors.append(
                f"id {record.id}: teks sama persis dengan id {seen_texts[key]} (exact duplicate)")
        else:
            seen_texts[key] = record.id
        split = record.extra.get("split")
        if split is not None and split not in SPLITS:
            report.errors.append(f"id {record.id}: split tidak dikenal {split!r} "
                                 f"(unknown split; use {', '.join(SPLITS)})")
        style = record.extra.get("style")
        if style is not None and style not in STYLES:
            report.warnings.append(f"id {record.id}: style tidak dikenal {style!r}")
    for i, j, score in near_duplicate_pairs([r.text for r in records], threshold):
        a, b = records[i], records[j]
        if exact_duplicate_key(a.text) == exact_duplicate_key(b.text):
            continue  # already reported as an exact duplicate
        report.errors.append(f"id {a.id} ~ id {b.id}: hampir sama, Jaccard 3-gram {score:.2f} "
                             f"(near-duplicate)")
    return report


def validate_file(path, fmt: str | None = None) -> ValidationReport:
    """Read and check a labelled file, collecting every problem."""
    records, row_errors = read_records_lenient(path, fmt)
    report = ValidationReport(errors=[str(e) for e in row_errors])
    validate_records(records, report)
    report.n_records = len(records) + len(row_errors)
    return report
