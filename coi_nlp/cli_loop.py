"""The retraining-loop commands of ``coi-nlp``: ``corpus merge``, ``corpus audit`` and
``suggest``. Help texts in Bahasa Indonesia.

Wired into :func:`coi_nlp.cli.build_parser` with::

    from coi_nlp.cli_loop import add_corpus_loop_commands, add_suggest_command
    add_corpus_loop_commands(corpus_sub)   # under `coi-nlp corpus`
    add_suggest_command(sub)               # top level

Handlers are thin, like those of :mod:`coi_nlp.cli`: they parse, call :mod:`coi_nlp.loop`,
print JSON or a table, and let :class:`CoiNlpError` reach ``main`` (``galat: ...``, exit 2).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from coi_nlp.cli_output import print_json
from coi_nlp.errors import InputError

__all__ = [
    "add_corpus_loop_commands",
    "add_suggest_command",
    "cmd_corpus_audit",
    "cmd_corpus_merge",
    "cmd_suggest",
]


def _write_json(path, data) -> None:
    try:
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                              encoding="utf-8")
    except OSError as exc:
        raise InputError(f"Berkas tidak bisa ditulis: {path} ({exc.strerror}).",
                         f"Cannot write {path}.", code="berkas_tidak_tertulis") from None


def _write_rows(path, rows: list[dict], fmt: str | None = None) -> None:
    """Rows as JSONL, or CSV (lists joined with ';'), chosen by ``fmt`` or the suffix."""
    fmt = fmt or ("csv" if str(path).lower().endswith(".csv") else "jsonl")
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            if fmt == "csv":
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["id"])
                writer.writeheader()
                for row in rows:
                    writer.writerow({k: ";".join(v) if isinstance(v, list) else v
                                     for k, v in row.items()})
            else:
                for row in rows:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise InputError(f"Berkas tidak bisa ditulis: {path} ({exc.strerror}).",
                         f"Cannot write {path}.", code="berkas_tidak_tertulis") from None


# --- corpus merge ------------------------------------------------------------------------

def cmd_corpus_merge(args) -> int:
    from coi_nlp.loop.merge import merge_files

    summary = merge_files(args.corpus, args.inputs, output=args.output, in_place=args.in_place,
                          force=args.force, source=args.source, merged_at=args.merged_at,
                          input_format=args.input_format, dry_run=args.dry_run)
    if args.summary:
        _write_json(args.summary, summary)
    print_json(summary)
    print(f"{summary['output']}: {summary['added']} ditambahkan, "
          f"{summary['skipped_exact']} duplikat persis, "
          f"{summary['skipped_near_duplicate']} hampir sama, "
          f"{summary['skipped_already_merged']} sudah digabung, {summary['invalid']} tidak valid"
          + ("" if summary["written"] else " (uji coba: tidak ada yang ditulis)"),
          file=sys.stderr)
    return 0


# --- corpus audit ------------------------------------------------------------------------

def _params(value: str) -> dict:
    try:
        params = json.loads(value)
    except json.JSONDecodeError:
        raise argparse.ArgumentTypeError(f"bukan objek JSON: {value}") from None
    if not isinstance(params, dict):
        raise argparse.ArgumentTypeError("--params harus objek JSON, mis. '{\"C\": 0.5}'")
    return params


def cmd_corpus_audit(args) -> int:
    from coi_nlp.corpus.records import read_records
    from coi_nlp.loop.audit import audit_records, card_settings, format_audit, stratified_subset

    records = read_records(args.file, args.format)
    if args.split:
        records = [r for r in records if r.split in args.split]
    if args.limit_records:
        records = stratified_subset(records, args.limit_records, args.seed)
    params, thresholds = card_settings(args.model)
    params.update(args.params or {})  # unknown names are refused by the audit itself
    print(f"audit: {len(records)} rekaman, {args.folds} lipatan, {args.jobs} proses ...",
          file=sys.stderr)
    report = audit_records(records, params, thresholds, folds=args.folds, seed=args.seed,
                           jobs=args.jobs, use_cleanlab=False if args.no_cleanlab else None,
                           ambiguity_margin=args.ambiguity_margin)
    if args.output:
        if str(args.output).lower().endswith(".json"):
            _write_json(args.output, report)
        else:
            _write_rows(args.output, report["findings"])
    top = args.top or None
    if args.json:
        print_json({**report, "findings": report["findings"][:top]})
    else:
        print(format_audit(report, top))
    return 0


# --- suggest -----------------------------------------------------------------------------

def _format_suggestions(rows: list[dict], width: int = 90) -> str:
    lines = [f"{'#':>3}  {'id':<14} {'skor':>5} {'ragu':>5} {'beda':>5}  tebakan model",
             "-" * 72]
    for row in rows:
        lines.append(f"{row['rank']:>3}  {row['id']:<14} {row['score']:>5.2f} "
                     f"{row['uncertainty']:>5.2f} {row['diversity']:>5.2f}  "
                     f"{'+'.join(row['predicted_labels'])}")
        text = " ".join(row["text"].split())
        lines.append(f"{'':>5}{text[:width]}{'…' if len(text) > width else ''}")
    return "\n".join(lines)


def cmd_suggest(args) -> int:
    from coi_nlp.corpus.records import read_records_lenient
    from coi_nlp.inputs import validate_text
    from coi_nlp.loop.suggest import suggest_records
    from coi_nlp.model.artifacts import load_model

    records, errors = read_records_lenient(args.input, args.input_format, require_labels=False)
    usable = []
    for record in records:
        try:
            validate_text(record.text)
        except InputError as exc:
            print(f"dilewati: id {record.id}: {exc}", file=sys.stderr)
            continue
        usable.append(record)
    for error in errors:
        print(f"dilewati: {error}", file=sys.stderr)
    if not usable:
        raise InputError("Tidak ada pengaduan yang bisa dipakai di berkas masukan.",
                         "No usable complaints in the input.", code="data_kosong")
    model = load_model(args.model).classifier
    rows = suggest_records(model, usable, n=args.n, diversity=args.diversity,
                           method=args.uncertainty)
    if args.output:
        _write_rows(args.output, rows, args.output_format)
        print(f"{len(rows)} saran ditulis ke {args.output} (dari {len(usable)} pengaduan)",
              file=sys.stderr)
    elif args.json:
        print_json(rows)
    else:
        print(_format_suggestions(rows))
    return 0


# --- parser wiring -----------------------------------------------------------------------

def add_corpus_loop_commands(corpus_subparsers) -> None:
    """Add ``merge`` and ``audit`` to the sub-parsers of ``coi-nlp corpus``."""
    p = corpus_subparsers.add_parser(
        "merge", help="gabungkan kasus berlabel (ekspor umpan balik/berkas analis) ke versi "
                      "korpus baru",
        description="Gabungkan kasus berlabel ke korpus: diperiksa, disamarkan, duplikat "
                    "(persis dan hampir sama, Jaccard 3-gram > 0,5) dilewati, id c-NNNNN "
                    "berlanjut, split rekaman lama tidak pernah dipindah, asal-usul disimpan "
                    "(source, original_id, analyst, note, merged_at). Versi korpus = hash data "
                    "(sama dengan data.sha256 di kartu model), dicatat sebelum dan sesudah di "
                    "ringkasan JSON.")
    p.add_argument("corpus", metavar="KORPUS", help="korpus saat ini (JSONL/CSV berformat rekaman)")
    p.add_argument("inputs", nargs="+", metavar="MASUKAN",
                   help="ekspor GET /v1/feedback/export atau berkas JSONL/CSV analis")
    p.add_argument("--output", help="berkas korpus baru (JSONL); tidak menimpa korpus asal")
    p.add_argument("--in-place", action="store_true",
                   help="timpa KORPUS itu sendiri (atomik)")
    p.add_argument("--force", action="store_true",
                   help="timpa --output bila sudah ada (tidak berlaku untuk korpus/masukan)")
    p.add_argument("--source", help="asal-usul untuk baris tanpa kunci source "
                   "(bawaan: nama berkas masukan)")
    p.add_argument("--merged-at", help="cap waktu ISO untuk merged_at (bawaan: sekarang, UTC)")
    p.add_argument("--input-format", choices=["jsonl", "csv"],
                   help="format berkas masukan (bawaan: dari akhiran)")
    p.add_argument("--summary", help="simpan ringkasan JSON ke berkas ini juga")
    p.add_argument("--dry-run", action="store_true", help="hanya ringkasan, tidak menulis apa pun")
    p.set_defaults(func=cmd_corpus_merge)

    p = corpus_subparsers.add_parser(
        "audit", help="cari label yang mungkin salah dan rekaman ambigu",
        description="Probabilitas di luar lipatan (K-fold berstrata, CoiClassifier dengan "
                    "hiperparameter kartu model, tanpa pencarian), skor mutu label "
                    "(cleanlab bila terpasang) dan ambiguitas; daftar berperingkat untuk "
                    "ditinjau analis. Berkas tidak diubah.")
    p.add_argument("file", metavar="BERKAS", help="berkas JSONL atau CSV berlabel")
    p.add_argument("--format", choices=["jsonl", "csv"], help="format berkas (bawaan: dari akhiran)")
    p.add_argument("--model", help="direktori model yang kartunya memberi hiperparameter dan "
                   "ambang (bawaan: model terpaket; hanya model_card.json yang dibaca)")
    p.add_argument("--params", type=_params, help="hiperparameter JSON yang menimpa kartu, "
                   "mis. '{\"C\": 1.0}'")
    p.add_argument("--folds", type=int, default=5, help="jumlah lipatan (bawaan 5)")
    p.add_argument("--seed", type=int, default=0, help="benih acak lipatan dan model")
    p.add_argument("--jobs", type=int, default=1, help="lipatan yang dilatih paralel (proses)")
    p.add_argument("--limit-records", type=int, help="audit cepat: paling banyak N rekaman, "
                   "diambil bergiliran per label utama")
    p.add_argument("--split", action="append", choices=["train", "dev", "test"],
                   help="hanya split ini (boleh diulang)")
    p.add_argument("--top", type=int, default=40, help="jumlah temuan yang ditampilkan "
                   "(0 = semua)")
    p.add_argument("--ambiguity-margin", type=float, default=0.1,
                   help="selisih dua label teratas di bawah ini = ambigu (bawaan 0,1)")
    p.add_argument("--no-cleanlab", action="store_true", help="jangan pakai cleanlab")
    p.add_argument("--json", action="store_true", help="laporan JSON")
    p.add_argument("--output", help="simpan semua temuan: .json (laporan), .jsonl atau .csv")
    p.set_defaults(func=cmd_corpus_audit)


def add_suggest_command(subparsers) -> None:
    """Add ``suggest`` to the top-level sub-parsers of ``coi-nlp``."""
    p = subparsers.add_parser(
        "suggest", help="pilih pengaduan tak berlabel yang paling berguna untuk dilabeli",
        description="Urutkan pengaduan tak berlabel: ketidakpastian model (bawaan: 1 - "
                    "probabilitas tertinggi) digabung keragaman (jarak kosinus terdekat ke "
                    "yang sudah dipilih, fitur TF-IDF model), dipilih rakus satu per satu: "
                    "skor = (1 - d) * ragu + d * jarak, d = --diversity.")
    p.add_argument("--input", required=True, help="berkas JSONL/CSV (kolom text, id opsional)")
    p.add_argument("--output", help="berkas keluaran JSONL atau CSV (bawaan: tabel di layar)")
    p.add_argument("--input-format", choices=["jsonl", "csv"])
    p.add_argument("--output-format", choices=["jsonl", "csv"])
    p.add_argument("-n", type=int, default=20, help="jumlah saran (bawaan 20)")
    p.add_argument("--model", help="direktori model (bawaan: model terpaket)")
    p.add_argument("--diversity", type=float, default=0.5,
                   help="bobot keragaman 0..1 (0 = hanya ketidakpastian; bawaan 0,5)")
    p.add_argument("--uncertainty", choices=["top", "margin"], default="top",
                   help="ukuran ketidakpastian: top (1 - probabilitas tertinggi; bawaan) atau "
                        "margin (1 - selisih dua teratas; dua label yang sama-sama yakin juga "
                        "tampak ragu)")
    p.add_argument("--json", action="store_true", help="keluaran JSON di layar")
    p.set_defaults(func=cmd_suggest)
