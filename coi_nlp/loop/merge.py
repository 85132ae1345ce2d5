"""``coi-nlp corpus merge``: labelled cases into a new version of the corpus.

Incoming cases come from the service's feedback export (``GET /v1/feedback/export``) or from
an analyst's own JSONL/CSV file in the record format. Each incoming row is

1. **checked** like any labelled row (:func:`coi_nlp.corpus.records.parse_record`: text,
   known codes, ``bukan_benturan_kepentingan`` alone; plus at most two labels and the text
   length limit of :func:`coi_nlp.inputs.validate_text`); bad rows are reported with the
   reason and left out;
2. **redacted** with :func:`coi_nlp.text.redact.redact_text` (the analyst's note too);
3. **de-duplicated** against the corpus and the rows accepted before it: a case already
   merged (same ``source`` and original id), an exact duplicate (same text up to case and
   spaces), or a near-duplicate (word 3-gram Jaccard above 0.5, the validator's threshold).
   Texts are compared after redaction on both sides, so a phone number does not hide a
   duplicate. Every skipped row is reported with the record it matches and, for duplicates
   whose labels differ, both label lists: a disagreement worth a look;
4. **numbered** after the corpus's highest ``c-NNNNN`` id and given a split by
   :func:`coi_nlp.corpus.splits.assign_splits`, which never moves an old record;
5. **traced**: extra keys ``source``, ``original_id``, ``analyst``, ``note``, ``merged_at``
   (and, from the feedback export, ``predicted_labels``, ``confirmed``, ``feedback_at``).
   A valid ``style`` is kept; without one, ``short`` / ``long`` are set by word count (the
   guide's rules 1-2 in table 1.4) and the other records are listed under
   ``without_style`` for an analyst to complete (the repository's corpus requires a style).
   Other keys of the incoming row (including its ``split``) are dropped and named in the
   summary.

The merged corpus is checked again with :func:`coi_nlp.corpus.validate.validate_records`
before anything is written, and written to a new file; the input is replaced only with
``in_place=True`` (atomically, through a temporary file).

Corpus versions
---------------
A corpus version is identified by its **data hash**,
:func:`coi_nlp.corpus.records.data_hash` (SHA-256 of ids, texts, labels and splits in file
order), the same value a model card records under ``data.sha256``. The merge summary records
the hash and size before and after the merge, so a model can be traced to the merge that
produced its data. There is deliberately no separate ``VERSION`` file: it would have to be
kept in step by hand with every edit of the corpus, and a hash cannot drift. Keep the
summaries (``--summary FILE``) next to the corpus, or in the commit message, as the log.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from coi_nlp.corpus.near_duplicates import near_duplicate_pairs
from coi_nlp.corpus.records import (
    STYLES,
    Record,
    data_hash,
    dump_records,
    iter_rows,
    parse_record,
    read_records,
)
from coi_nlp.corpus.splits import assign_splits
from coi_nlp.corpus.validate import (
    NEAR_DUPLICATE_THRESHOLD,
    exact_duplicate_key,
    validate_records,
)
from coi_nlp.errors import InputError
from coi_nlp.fileio import atomic_writer
from coi_nlp.inputs import validate_text
from coi_nlp.taxonomy import CODES
from coi_nlp.text.redact import redact_text

__all__ = [
    "MAX_LABELS",
    "PROVENANCE_KEYS",
    "Incoming",
    "MergeResult",
    "merge_files",
    "merge_records",
    "next_id_number",
    "read_incoming",
]

MAX_LABELS = 2
# Extra keys kept from an incoming row (besides id, text, labels); ``merged_at`` and
# ``original_id`` are set by the merge itself.
PROVENANCE_KEYS = ("source", "original_id", "analyst", "note", "merged_at", "feedback_at",
                   "predicted_labels", "confirmed")
_KEPT_FROM_ROW = ("source", "analyst", "note", "feedback_at", "predicted_labels", "confirmed",
                  "style")
_ID = re.compile(r"^c-(\d+)$")


@dataclass
class Incoming:
    """One accepted-so-far incoming case: the redacted record and where it came from."""

    record: Record
    file: str
    line: int
    original_id: str | None = None

    def where(self) -> dict:
        return {"file": self.file, "line": self.line, "original_id": self.original_id}


@dataclass
class MergeResult:
    """What :func:`merge_records` did.

    Attributes
    ----------
    records : list of Record
        The new corpus version: the old records, unchanged and in order, then the added ones.
    added : list of Record
        The new records (ids, splits and provenance set).
    skipped : list of dict
        Rows left out as already merged, exact or near duplicates, with the matching record.
    summary : dict
        Counts for people and scripts (see :func:`merge_records`).
    """

    records: list[Record]
    added: list[Record]
    skipped: list[dict] = field(default_factory=list)
    summary: dict = field(default_factory=dict)


def next_id_number(records: list[Record]) -> int:
    """The number after the highest ``c-NNNNN`` id (1 for a file without such ids)."""
    numbers = [int(m.group(1)) for r in records if (m := _ID.match(r.id))]
    return max(numbers, default=0) + 1


def _id_width(records: list[Record]) -> int:
    widths = Counter(len(m.group(1)) for r in records if (m := _ID.match(r.id)))
    return widths.most_common(1)[0][0] if widths else 5


def _mechanical_style(text: str) -> str | None:
    """``short`` / ``long`` by word count (rules 1-2 of the guide's table 1.4); the other
    styles need a person's judgement and are left unset."""
    words = len(text.split())
    return "short" if words < 20 else "long" if words > 120 else None


def read_incoming(path, fmt: str | None = None, source: str | None = None
                  ) -> tuple[list[Incoming], list[dict]]:
    """Read a file of labelled cases to merge.

    Parameters
    ----------
    path : str or Path
        JSONL (e.g. the feedback export) or CSV in the record format.
    fmt : {"jsonl", "csv"}, optional
        Format; by default from the file name.
    source : str, optional
        Provenance for rows without a ``source`` key (default: the file name).

    Returns
    -------
    incoming : list of Incoming
        Valid rows, text and note already redacted, provenance in ``record.extra``.
    invalid : list of dict
        ``{"file", "line", "original_id", "reason"}`` for each row left out (never the text).
    """
    path = Path(path)
    default_source = source or path.name
    incoming, invalid = [], []
    for line, row, problem in iter_rows(path, fmt):
        if problem:
            invalid.append({"file": str(path), "line": line, "original_id": None,
                            "reason": problem})
            continue
        original_id = row.get("id")
        original_id = None if original_id in (None, "") else str(original_id)
        try:
            record = parse_record(row, line)
            if len(record.labels) > MAX_LABELS:
                raise ValueError("paling banyak dua label (at most two labels)")
            validate_text(record.text)
        except (ValueError, InputError) as exc:
            invalid.append({"file": str(path), "line": line, "original_id": original_id,
                            "reason": str(exc)})
            continue
        extra = {key: row[key] for key in _KEPT_FROM_ROW if row.get(key) not in (None, "")}
        if extra.get("style") not in STYLES:
            extra.pop("style", None)
            style = _mechanical_style(record.text)
            if style:
                extra["style"] = style
        if isinstance(extra.get("note"), str):
            extra["note"] = redact_text(extra["note"])
        extra.setdefault("source", default_source)
        if original_id is not None:
            extra["original_id"] = original_id
        dropped = sorted(set(row) - {"id", "text", "labels", *_KEPT_FROM_ROW})
        if dropped:
            extra["_dropped_keys"] = dropped  # reported in the summary, never written
        redacted = Record(original_id or f"baris-{line}", redact_text(record.text),
                          record.labels, extra)
        incoming.append(Incoming(redacted, str(path), line, original_id))
    return incoming, invalid


def _match(kind: str, item: Incoming, other: Record, jaccard: float | None = None) -> dict:
    entry = {**item.where(), "reason": kind, "labels": item.record.labels,
             "matches_id": other.id, "matches_labels": other.labels}
    if jaccard is not None:
        entry["jaccard"] = round(float(jaccard), 3)
    entry["labels_differ"] = item.record.labels != other.labels
    return entry


def merge_records(existing: list[Record], incoming: list[Incoming],
                  merged_at: str | None = None,
                  threshold: float = NEAR_DUPLICATE_THRESHOLD, seed: int = 13) -> MergeResult:
    """Merge redacted incoming cases into ``existing`` (which is not modified).

    Parameters
    ----------
    existing : list of Record
        The current corpus; its records are copied into the result unchanged.
    incoming : list of Incoming
        From :func:`read_incoming` (texts already redacted).
    merged_at : str, optional
        ISO time stamp stored on every added record (default: now, UTC).
    threshold : float, default 0.5
        Word 3-gram Jaccard above which a text is a near-duplicate.
    seed : int, default 13
        Seed of :func:`assign_splits` (the corpus's own).

    Returns
    -------
    MergeResult
        ``summary`` holds ``added``, ``skipped_already_merged``, ``skipped_exact``,
        ``skipped_near_duplicate``, ``added_records``, ``skipped``, ``per_label``,
        ``added_per_split``, ``dropped_keys`` and ``version`` (data hash and size before
        and after).

    Raises
    ------
    InputError
        If the merged corpus does not pass :func:`validate_records`.
    """
    merged_at = merged_at or datetime.now(UTC).isoformat(timespec="seconds")
    old = [Record(r.id, r.text, list(r.labels), dict(r.extra)) for r in existing]
    merged_before = {(r.extra.get("source"), str(r.extra.get("original_id")))
                     for r in old if r.extra.get("original_id") is not None}
    old_texts = [redact_text(r.text) for r in old]
    by_text = {}
    for record, text in zip(old, old_texts):
        by_text.setdefault(exact_duplicate_key(text), record)

    skipped, candidates = [], []
    for item in incoming:
        key = (item.record.extra.get("source"), item.original_id)
        if item.original_id is not None and key in merged_before:
            skipped.append({**item.where(), "reason": "sudah_digabung",
                            "labels": item.record.labels})
            continue
        candidates.append(item)

    # near-duplicate pairs among (old texts, redacted) + (candidate texts): one sparse product.
    # The pairs come with i < j, and a candidate is only compared with old texts and the
    # candidates accepted before it (smaller indices), so each text keeps its earlier partners.
    texts = old_texts + [c.record.text for c in candidates]
    neighbours: dict[int, list[tuple[int, float]]] = {}
    for i, j, score in near_duplicate_pairs(texts, threshold):
        neighbours.setdefault(j, []).append((i, score))

    number, width = next_id_number(old), _id_width(old)
    added: list[Record] = []
    accepted: dict[int, Record] = {}  # global text index -> added record
    for k, item in enumerate(candidates):
        index = len(old) + k
        key = exact_duplicate_key(item.record.text)
        if key in by_text:
            skipped.append(_match("duplikat_persis", item, by_text[key]))
            continue
        matches = [(i, s) for i, s in neighbours.get(index, [])
                   if i < len(old) or i in accepted]
        if matches:
            i, score = max(matches, key=lambda m: (m[1], -m[0]))
            other = old[i] if i < len(old) else accepted[i]
            skipped.append(_match("hampir_sama", item, other, score))
            continue
        extra = {k_: v for k_, v in item.record.extra.items() if k_ != "_dropped_keys"}
        extra["merged_at"] = merged_at
        record = Record(f"c-{number:0{width}d}", item.record.text, list(item.record.labels),
                        extra)
        number += 1
        added.append(record)
        accepted[index] = record
        by_text[key] = record

    # splits: only records without one are assigned; old records with a split keep it
    assign_splits([r for r in old if r.split is not None] + added, seed=seed)
    records = old + added
    report = validate_records(records, threshold=threshold)
    if not report.ok:
        shown = "; ".join(report.errors[:5])
        raise InputError(f"Korpus hasil penggabungan tidak valid ({len(report.errors)} galat): "
                         f"{shown}", "The merged corpus does not validate.",
                         code="korpus_tidak_valid")
    summary = _summary(old, records, added, skipped, incoming, merged_at)
    return MergeResult(records, added, skipped, summary)


def _summary(old, records, added, skipped, incoming, merged_at) -> dict:
    reasons = Counter(s["reason"] for s in skipped)
    dropped = sorted({key for item in incoming
                      for key in item.record.extra.get("_dropped_keys", [])})
    return {
        "merged_at": merged_at,
        "added": len(added),
        "skipped_already_merged": reasons["sudah_digabung"],
        "skipped_exact": reasons["duplikat_persis"],
        "skipped_near_duplicate": reasons["hampir_sama"],
        "added_records": [{"id": r.id, "original_id": r.extra.get("original_id"),
                           "source": r.extra.get("source"), "labels": r.labels,
                           "split": r.split} for r in added],
        "skipped": skipped,
        "per_label": {
            "added_primary": {code: sum(r.primary == code for r in added) for code in CODES},
            "added_any_position": {code: sum(code in r.labels for r in added)
                                   for code in CODES},
            "corpus_primary_after": {code: sum(r.primary == code for r in records)
                                     for code in CODES},
        },
        "added_per_split": dict(Counter(r.split for r in added)),
        "without_style": [r.id for r in added if "style" not in r.extra],
        "dropped_keys": dropped,
        "version": {"before": {"sha256": data_hash(old), "n": len(old)},
                    "after": {"sha256": data_hash(records), "n": len(records)}},
    }


def _write_atomically(path: Path, records: list[Record]) -> None:
    with atomic_writer(path) as handle:
        dump_records(records, handle)


def merge_files(corpus, inputs, output=None, in_place: bool = False, force: bool = False,
                source: str | None = None, merged_at: str | None = None,
                input_format: str | None = None, dry_run: bool = False) -> dict:
    """Merge labelled files into a corpus file and write the new version.

    Parameters
    ----------
    corpus : str or Path
        The current corpus (JSONL or CSV in the record format; must read without errors).
    inputs : list of str or Path
        Feedback exports or analysts' files.
    output : str or Path, optional
        Where the new version goes (JSON Lines). Required unless ``in_place``.
    in_place : bool, default False
        Replace ``corpus`` itself (atomically).
    force : bool, default False
        Overwrite an existing ``output`` that is not the corpus or an input.
    source, merged_at, input_format
        See :func:`read_incoming` and :func:`merge_records`.
    dry_run : bool, default False
        Compute the summary, write nothing.

    Returns
    -------
    dict
        The summary of :func:`merge_records` plus ``corpus``, ``output``, ``written``,
        ``read`` and ``invalid`` / ``invalid_rows``.
    """
    corpus = Path(corpus)
    inputs = [Path(p) for p in inputs]
    if not inputs:
        raise InputError("Berikan minimal satu berkas masukan.", "Give at least one input.",
                         code="masukan_kosong")
    if in_place and output is not None and Path(output).resolve() != corpus.resolve():
        raise InputError("--in-place tidak bisa digabung dengan --output berkas lain.",
                         "--in-place and --output name different files.",
                         code="keluaran_bentrok")
    if not in_place and output is None:
        raise InputError("Berikan --output BERKAS, atau --in-place untuk menimpa korpus.",
                         "Give --output FILE, or --in-place.", code="keluaran_tidak_ada")
    target = corpus if in_place else Path(output)
    if not in_place and target.resolve() == corpus.resolve():
        raise InputError("Keluaran sama dengan korpus asal: pakai --in-place untuk menimpanya.",
                         "Output is the input corpus: use --in-place.", code="keluaran_bentrok")
    if any(target.resolve() == p.resolve() for p in inputs):
        raise InputError(f"Keluaran tidak boleh menimpa berkas masukan: {target}.",
                         "Output must not overwrite an input file.", code="keluaran_bentrok")
    if not in_place and target.exists() and not force and not dry_run:
        raise InputError(f"Berkas keluaran sudah ada: {target} (pakai --force untuk menimpa).",
                         f"Output file exists: {target} (use --force).",
                         code="keluaran_sudah_ada")
    existing = read_records(corpus)
    incoming, invalid = [], []
    for path in inputs:
        good, bad = read_incoming(path, input_format, source)
        incoming += good
        invalid += bad
    result = merge_records(existing, incoming, merged_at)
    if not dry_run:
        _write_atomically(target, result.records)
    return {"corpus": str(corpus), "output": str(target), "written": not dry_run,
            "read": len(incoming) + len(invalid), "invalid": len(invalid),
            **result.summary, "invalid_rows": invalid}
