"""The ``coi-nlp`` command line. Help texts in Bahasa Indonesia.

Each sub-command is a thin function over the library: it parses arguments, calls
:mod:`coi_nlp`, and prints. Errors meant for users (:class:`CoiNlpError`) are printed without
a traceback and give exit status 2; failed checks (e.g. an invalid corpus) give 1.
"""

from __future__ import annotations

import argparse
import json
import sys

from coi_nlp import __version__
from coi_nlp.errors import CoiNlpError, InputError
from coi_nlp.inputs import decode_text, validate_text

__all__ = ["main", "build_parser"]


def _read_text_argument(args) -> str:
    """The complaint from ``TEXT``, ``-`` (stdin) or ``--file``."""
    if getattr(args, "file", None):
        try:
            with open(args.file, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            raise InputError(f"Berkas tidak bisa dibaca: {args.file} ({exc.strerror}).",
                             f"Cannot read file {args.file}.", code="berkas_tidak_terbaca")
        return validate_text(decode_text(raw))
    if args.text is None:
        raise InputError("Berikan TEKS, '-' untuk stdin, atau --file.",
                         "Give TEXT, '-' for stdin, or --file.", code="teks_kosong")
    if args.text == "-":
        return validate_text(decode_text(sys.stdin.buffer.read()))
    return validate_text(args.text)


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# --- labels ------------------------------------------------------------------------------

def cmd_labels(args) -> int:
    from coi_nlp.taxonomy import LABELS, taxonomy_as_dict

    if args.json:
        _print_json(taxonomy_as_dict())
        return 0
    width = max(len(label.code) for label in LABELS)
    print(f"{'#':>2}  {'kode':<{width}}  nama (Indonesia) / English")
    for label in LABELS:
        print(f"{label.number:>2}  {label.code:<{width}}  {label.name_id}")
        print(f"{'':>2}  {'':<{width}}  {label.name_en}")
    print("\nLabel pertama sebuah rekaman adalah label utama; "
          "bukan_benturan_kepentingan tidak boleh digabung dengan label lain.")
    return 0


# --- preprocess --------------------------------------------------------------------------

def cmd_preprocess(args) -> int:
    from coi_nlp.text import IndonesianPreprocessor, extract_amounts, redact_text

    text = _read_text_argument(args)
    pre = IndonesianPreprocessor()
    _print_json({
        "teks_tersamarkan": redact_text(text),
        "jumlah_uang_rupiah": [amount.value for amount in extract_amounts(redact_text(text))],
        "token": pre.tokens(text),
    })
    return 0


# --- corpus ------------------------------------------------------------------------------

def cmd_corpus_validate(args) -> int:
    from coi_nlp.corpus.validate import validate_file

    report = validate_file(args.file, args.format)
    if args.json:
        _print_json(report.to_dict())
    else:
        for error in report.errors[: args.max_shown]:
            print(f"GALAT  {error}")
        if len(report.errors) > args.max_shown:
            print(f"... dan {len(report.errors) - args.max_shown} galat lain")
        for warning in report.warnings[: args.max_shown]:
            print(f"PERINGATAN  {warning}")
        status = "LULUS (valid)" if report.ok else f"GAGAL: {len(report.errors)} galat (invalid)"
        print(f"{args.file}: {report.n_records} rekaman, {status}")
    return 0 if report.ok else 1


def cmd_corpus_stats(args) -> int:
    from coi_nlp.corpus.records import read_records
    from coi_nlp.corpus.stats import corpus_stats, format_stats

    stats = corpus_stats(read_records(args.file, args.format))
    if args.json:
        _print_json(stats)
    else:
        print(format_stats(stats))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coi-nlp",
        description="Triase pengaduan benturan kepentingan berbahasa Indonesia "
                    "(conflict-of-interest complaint triage).",
    )
    parser.add_argument("--version", action="version", version=f"coi-nlp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    sub.required = True

    p = sub.add_parser("labels", help="tampilkan daftar label (taksonomi)")
    p.add_argument("--json", action="store_true", help="keluaran JSON untuk program")
    p.set_defaults(func=cmd_labels)

    p = sub.add_parser("preprocess", help="jalankan praproses teks pada satu pengaduan")
    p.add_argument("text", nargs="?", metavar="TEKS", help="teks pengaduan, atau '-' untuk stdin")
    p.add_argument("--file", help="baca teks pengaduan dari berkas UTF-8")
    p.set_defaults(func=cmd_preprocess)

    corpus = sub.add_parser("corpus", help="alat korpus berlabel (validate, stats)")
    corpus_sub = corpus.add_subparsers(dest="corpus_command", metavar="PERINTAH")
    corpus_sub.required = True
    p = corpus_sub.add_parser("validate", help="periksa berkas berlabel (skema, label, duplikat)")
    p.add_argument("file", metavar="BERKAS", help="berkas JSONL atau CSV berformat rekaman")
    p.add_argument("--format", choices=["jsonl", "csv"], help="format berkas (bawaan: dari akhiran)")
    p.add_argument("--json", action="store_true", help="laporan JSON")
    p.add_argument("--max-shown", type=int, default=50, help="jumlah galat yang ditampilkan")
    p.set_defaults(func=cmd_corpus_validate)
    p = corpus_sub.add_parser("stats", help="statistik berkas berlabel")
    p.add_argument("file", metavar="BERKAS", help="berkas JSONL atau CSV berformat rekaman")
    p.add_argument("--format", choices=["jsonl", "csv"], help="format berkas (bawaan: dari akhiran)")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_corpus_stats)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CoiNlpError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("dibatalkan (interrupted)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
