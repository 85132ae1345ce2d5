"""Batch triage of files: JSONL or CSV in, JSONL or CSV out, streaming.

Rows are read lazily and processed in chunks; each result is written (and flushed) as soon
as its chunk is done, so an interrupted run keeps everything finished so far. A bad row
(no text, empty text, too long, invalid JSON, bad date) is reported and skipped; it never
stops the run. Reported problems never quote the text (it may hold reporter data).

Parallelism goes through joblib (``jobs``): local processes by default, or a Dask cluster
through joblib's Dask backend when ``dask_scheduler`` is given (workers must be able to
import coi_nlp and read the model directory).
"""

from __future__ import annotations

import csv
import gc
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coi_nlp.corpus.records import iter_rows
from coi_nlp.errors import CoiNlpError, InputError
from coi_nlp.inputs import MAX_CHARS, validate_text

__all__ = ["BatchSummary", "run_batch"]

CHUNK = 256
_CSV_FIELDS = ["id", "primary", "labels", "is_coi", "coi_probability", "needs_review",
               "priority", "model_version", "received_at", "probabilities", "explanation",
               "key_facts", "routing"]


@dataclass
class BatchSummary:
    read: int = 0
    written: int = 0
    skipped: int = 0


def _fmt(path: Path, explicit: str | None) -> str:
    return explicit or ("csv" if path.suffix.lower() == ".csv" else "jsonl")


def _prepare(number: int, row: dict, max_chars: int) -> tuple[str, str, date | None]:
    text = validate_text(row.get("text"), max_chars)
    row_id = row.get("id") or row.get("external_id") or f"baris-{number}"
    received = row.get("received_at") or None
    if received is not None:
        try:
            received = date.fromisoformat(str(received)[:10])
        except ValueError:
            raise InputError(f"received_at bukan tanggal ISO: {received!r}",
                             "received_at is not an ISO date", code="tanggal_tidak_valid")
    return str(row_id), text, received


_WORKER_TRIAGERS: dict = {}


def _triage_chunk(items, model_dir, institution_path, default_received, explain_labels,
                  freeze_loaded=False):
    """Worker: triage one chunk with a process-wide Triager (loaded once per worker)."""
    from coi_nlp.institution_config import load_institution_config
    from coi_nlp.model.artifacts import load_model
    from coi_nlp.triage import Triager

    key = (str(model_dir), str(institution_path))
    triager = _WORKER_TRIAGERS.get(key)
    if triager is None:
        institution = load_institution_config(institution_path) if institution_path else None
        triager = Triager(load_model(model_dir), institution)
        _WORKER_TRIAGERS[key] = triager
        if freeze_loaded:
            # The model and the imported libraries live as long as the process (~250,000
            # objects): frozen, the garbage collector stops walking them on every full
            # collection (~0.15 s each, several per thousand complaints).
            gc.freeze()
    out = []
    by_date: dict = {}
    for index, (row_id, text, received) in enumerate(items):
        by_date.setdefault(received or default_received, []).append(index)
    results: list = [None] * len(items)
    for received, indices in by_date.items():
        triaged = triager.triage_many([items[i][1] for i in indices], received, explain_labels)
        for i, result in zip(indices, triaged):
            results[i] = result
    for (row_id, _, _), result in zip(items, results):
        out.append({"id": row_id, **result})
    return out


def _writer(handle, fmt: str):
    if fmt == "csv":
        writer = csv.DictWriter(handle, fieldnames=_CSV_FIELDS)
        writer.writeheader()

        def write(result):
            flat = {k: result.get(k) for k in _CSV_FIELDS}
            flat["labels"] = ";".join(result["labels"])
            flat["priority"] = result["priority"]["tingkat"]
            for k in ("probabilities", "explanation", "key_facts", "routing"):
                flat[k] = json.dumps(result[k], ensure_ascii=False)
            writer.writerow(flat)
        return write
    return lambda result: handle.write(json.dumps(result, ensure_ascii=False) + "\n")


def run_batch(input_path, output_path, model_dir=None, institution_path=None,
              input_format=None, output_format=None, jobs: int = 1, dask_scheduler=None,
              received: date | None = None, explain_labels: bool = True,
              max_chars: int = MAX_CHARS, show_progress: bool = True, report=None,
              freeze_loaded: bool = False) -> BatchSummary:
    """Triage every row of ``input_path`` into ``output_path``; returns counts.

    ``freeze_loaded``: once the model is loaded, move every object alive to the garbage
    collector's permanent generation (:func:`gc.freeze`), in this process or in each
    worker. Worth it in a process that exists to run the batch (the ``coi-nlp batch``
    command sets it); objects alive at that moment are then never collected as cycles.
    """
    from joblib import Parallel, delayed, parallel_config
    from tqdm.auto import tqdm

    from coi_nlp.model.artifacts import default_model_dir

    input_path, output_path = Path(input_path), Path(output_path)
    if not input_path.is_file():
        raise InputError(f"Berkas masukan tidak ditemukan: {input_path}",
                         f"Input file not found: {input_path}", code="berkas_tidak_terbaca")
    in_fmt, out_fmt = _fmt(input_path, input_format), _fmt(output_path, output_format)
    model_dir = Path(model_dir) if model_dir else default_model_dir()
    report = report or (lambda message: print(message, file=sys.stderr))
    default_received = received or date.today()
    summary = BatchSummary()

    def chunks():
        items = []
        for number, row, problem in iter_rows(input_path, in_fmt):
            summary.read += 1
            if problem is None:
                try:
                    items.append(_prepare(number, row, max_chars))
                except CoiNlpError as exc:
                    problem = str(exc)
            if problem is not None:
                summary.skipped += 1
                report(f"baris {number} dilewati: {problem}")
            if len(items) >= CHUNK:
                yield items
                items = []
        if items:
            yield items

    # Load once here so that a bad model fails before any row is read.
    _triage_chunk([], model_dir, institution_path, default_received, explain_labels,
                  freeze_loaded)
    with open(output_path, "w", encoding="utf-8", newline="") as handle, \
            tqdm(desc="Triase", unit="pengaduan", disable=not show_progress) as bar:
        write = _writer(handle, out_fmt)
        task = delayed(_triage_chunk)
        calls = (task(items, model_dir, institution_path, default_received, explain_labels,
                      freeze_loaded) for items in chunks())
        if jobs == 1 and not dask_scheduler:
            results = (_triage_chunk(items, model_dir, institution_path, default_received,
                                     explain_labels) for items in chunks())
            _drain(results, write, handle, bar, summary)
        elif dask_scheduler:
            from distributed import Client

            with Client(dask_scheduler), parallel_config(backend="dask"):
                _drain(Parallel(n_jobs=jobs, return_as="generator")(calls), write, handle,
                       bar, summary)
        else:
            _drain(Parallel(n_jobs=jobs, return_as="generator")(calls), write, handle, bar,
                   summary)
    return summary


def _drain(chunk_results, write, handle, bar, summary):
    for chunk in chunk_results:
        for result in chunk:
            write(result)
        handle.flush()
        summary.written += len(chunk)
        bar.update(len(chunk))
