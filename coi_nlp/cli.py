"""The ``coi-nlp`` command line. Help texts in Bahasa Indonesia.

Each sub-command is a thin function over the library: it parses arguments, calls
:mod:`coi_nlp`, and prints. Errors meant for users (:class:`CoiNlpError`) are printed without
a traceback and give exit status 2; failed checks (e.g. an invalid corpus) give 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coi_nlp import __version__
from coi_nlp.cli_loop import add_corpus_loop_commands, add_suggest_command
from coi_nlp.cli_models import add_model_commands
from coi_nlp.cli_output import print_json
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


# --- labels ------------------------------------------------------------------------------

def cmd_labels(args) -> int:
    from coi_nlp.taxonomy import LABELS, taxonomy_as_dict

    if args.json:
        print_json(taxonomy_as_dict())
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
    print_json({
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
        print_json(report.to_dict())
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
        print_json(stats)
    else:
        print(format_stats(stats))
    return 0


# --- model: train, evaluate, triage, batch ------------------------------------------------

def _load(args):
    from coi_nlp.model.artifacts import load_model

    return load_model(args.model)


def _institution(args):
    if not getattr(args, "institution_config", None):
        return None
    from coi_nlp.institution_config import load_institution_config

    return load_institution_config(args.institution_config)


def _date(value):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bukan tanggal ISO (YYYY-MM-DD): {value}") from None


def cmd_train(args) -> int:
    from coi_nlp.corpus.records import read_records
    from coi_nlp.model.artifacts import save_model
    from coi_nlp.model.card import card_markdown
    from coi_nlp.model.training import train_model

    records = read_records(args.data)
    name = args.name or args.out.rstrip("/").split("/")[-1]
    model, card = train_model(records, name=name, seed=args.seed, search=not args.no_search,
                              show_progress=not args.quiet)
    card["data_version"]["source"] = Path(args.data).name
    loaded = save_model(model, args.out, card, card_markdown(card))
    summary = {"model": str(args.out), "version": loaded.version,
               "dev": {k: card["metrics"]["dev"][k] for k in ("macro_f1", "coi_f1",
                                                               "review_rate")}}
    if card["metrics"]["test"]:
        summary["test"] = {k: card["metrics"]["test"][k] for k in ("macro_f1", "coi_f1",
                                                                   "review_rate")}
    print_json(summary)
    return 0


def cmd_evaluate(args) -> int:
    from coi_nlp.corpus.records import read_records
    from coi_nlp.model.evaluation import evaluate_decisions

    records = read_records(args.data)
    if args.split:
        records = [r for r in records if r.split == args.split]
    if not records:
        raise InputError("Tidak ada rekaman untuk dievaluasi.", "No records to evaluate.",
                         code="data_kosong")
    model = _load(args).classifier
    decisions = model.decide_texts([r.text for r in records])
    metrics = evaluate_decisions([r.labels for r in records], decisions)
    if args.json:
        print_json(metrics)
        return 0
    print(f"{'label':<30}{'presisi':>9}{'recall':>9}{'F1':>9}{'dukungan':>10}")
    for code, m in metrics["per_label"].items():
        print(f"{code:<30}{m['precision']:>9.3f}{m['recall']:>9.3f}{m['f1']:>9.3f}"
              f"{m['support']:>10}")
    labels = metrics["confusion"]["labels"]
    print("\nKonfusi label utama (baris: sebenarnya, kolom: prediksi; nomor = urutan taksonomi)")
    print("    " + "".join(f"{i + 1:>4}" for i in range(len(labels))))
    for i, row in enumerate(metrics["confusion"]["matrix"]):
        print(f"{i + 1:>3} " + "".join(f"{v:>4}" for v in row) + f"  {labels[i]}")
    print("\nRingkasan:")
    for key in ("n", "macro_f1", "accuracy", "micro_f1", "samples_f1", "coi_f1",
                "review_rate", "selective_macro_f1", "selective_accuracy"):
        print(f"  {key:<20} {metrics[key]}")
    return 0


def cmd_triage(args) -> int:
    from coi_nlp.triage import Triager

    text = _read_text_argument(args)
    triager = Triager(_load(args), _institution(args))
    print_json(triager.triage(text, args.received_at, explain_labels=not args.no_explain))
    return 0


def cmd_batch(args) -> int:
    from coi_nlp.batch import run_batch

    summary = run_batch(args.input, args.output, model_dir=args.model,
                        institution_path=args.institution_config, input_format=args.input_format,
                        output_format=args.output_format, jobs=args.jobs,
                        dask_scheduler=args.dask_scheduler, received=args.received_at,
                        explain_labels=not args.no_explain, show_progress=not args.quiet,
                        freeze_loaded=True)  # this process exists to run the batch
    print(f"selesai: {summary.read} baris dibaca, {summary.written} ditulis, "
          f"{summary.skipped} dilewati", file=sys.stderr)
    return 0


# --- report ------------------------------------------------------------------------------

def cmd_report(args) -> int:
    from coi_nlp.report import build_intake_report, build_model_report, write_report

    if args.report_command == "model":
        page = build_model_report(args.data, model_dir=args.model, split=args.split)
    else:
        page = build_intake_report(batch_path=args.input, database_url=args.database_url,
                                   date_from=args.date_from, date_to=args.date_to,
                                   today=args.today)
    for path in write_report(page, args.out, pdf=args.pdf):
        print(f"ditulis: {path}")
    return 0


# --- service: serve, keys ----------------------------------------------------------------

def _service_missing() -> InputError:
    return InputError("Paket layanan belum terpasang: pip install 'coi-nlp[service]'.",
                      "Service extras not installed.", code="layanan_tidak_terpasang")


def cmd_serve(args) -> int:
    try:
        import uvicorn
    except ImportError:
        raise _service_missing() from None
    uvicorn.run("service.app.main:app_from_env", factory=True, host=args.host, port=args.port,
                workers=args.workers, log_config=None, access_log=False)
    return 0


def _storage():
    try:
        from service.app.core.config import Settings
        from service.app.storage import SqlStorage
    except ImportError:
        raise _service_missing() from None
    return SqlStorage(Settings().sqlalchemy_url)


def cmd_keys(args) -> int:
    from service.app.core.security import create_key

    storage = _storage()
    if args.keys_command == "create":
        try:
            record, full_key = create_key(storage, args.name, args.role, args.webhook_url)
        except ValueError as exc:
            raise InputError(str(exc), "Invalid role.", code="peran_tidak_dikenal") from None
        out = {"key_id": record.key_id, "name": record.name, "role": record.role,
               "api_key": full_key}
        if record.webhook_secret:
            out["webhook_url"] = record.webhook_url
            out["webhook_secret"] = record.webhook_secret
        print_json(out)
        print("Simpan kunci ini sekarang: hanya hash-nya yang disimpan.", file=sys.stderr)
    elif args.keys_command == "list":
        print_json([{"key_id": k.key_id, "name": k.name, "role": k.role,
                      "created_at": k.created_at.isoformat(),
                      "revoked_at": k.revoked_at.isoformat() if k.revoked_at else None,
                      "webhook_url": k.webhook_url} for k in storage.list_api_keys()])
    else:
        if not storage.revoke_api_key(args.key_id):
            raise InputError(f"Kunci tidak ditemukan atau sudah dicabut: {args.key_id}",
                             "Key not found or already revoked.", code="kunci_tidak_ditemukan")
        print(f"dicabut: {args.key_id}")
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

    corpus = sub.add_parser("corpus", help="alat korpus berlabel (validate, stats, merge, audit)")
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
    add_corpus_loop_commands(corpus_sub)  # corpus merge, corpus audit

    p = sub.add_parser("train", help="latih model dari berkas berlabel")
    p.add_argument("--data", required=True, help="berkas JSONL/CSV berlabel dengan kunci split "
                   "(tanpa split: dibagi otomatis 70/15/15)")
    p.add_argument("--out", required=True, help="direktori model keluaran, mis. models/NAMA")
    p.add_argument("--name", help="nama model (bawaan: nama direktori)")
    p.add_argument("--seed", type=int, default=0, help="benih acak (hasil dapat diulang)")
    p.add_argument("--no-search", action="store_true",
                   help="lewati pencarian hiperparameter (pakai bawaan)")
    p.add_argument("--quiet", action="store_true", help="tanpa tampilan kemajuan")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="evaluasi model pada berkas berlabel")
    p.add_argument("--data", required=True, help="berkas JSONL/CSV berformat rekaman")
    p.add_argument("--model", help="direktori model (bawaan: model terpaket)")
    p.add_argument("--split", choices=["train", "dev", "test"], help="hanya rekaman split ini")
    p.add_argument("--json", action="store_true", help="satu objek JSON")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("triage", help="triase satu pengaduan (keluaran JSON)")
    p.add_argument("text", nargs="?", metavar="TEKS", help="teks pengaduan, atau '-' untuk stdin")
    p.add_argument("--file", help="baca teks pengaduan dari berkas UTF-8")
    p.add_argument("--model", help="direktori model (bawaan: model terpaket)")
    p.add_argument("--institution-config", help="berkas TOML konfigurasi instansi")
    p.add_argument("--received-at", type=_date, help="tanggal laporan diterima (YYYY-MM-DD; "
                   "bawaan: hari ini)")
    p.add_argument("--no-explain", action="store_true", help="tanpa penjelasan kata")
    p.set_defaults(func=cmd_triage)

    p = sub.add_parser("batch", help="triase berkas JSONL/CSV (kolom text, id, received_at)")
    p.add_argument("--input", required=True, help="berkas masukan JSONL atau CSV")
    p.add_argument("--output", required=True, help="berkas keluaran JSONL atau CSV")
    p.add_argument("--input-format", choices=["jsonl", "csv"])
    p.add_argument("--output-format", choices=["jsonl", "csv"])
    p.add_argument("--model", help="direktori model (bawaan: model terpaket)")
    p.add_argument("--institution-config", help="berkas TOML konfigurasi instansi")
    p.add_argument("--received-at", type=_date, help="tanggal bawaan bila baris tanpa received_at")
    p.add_argument("--jobs", type=int, default=1, help="jumlah proses paralel (joblib)")
    p.add_argument("--dask-scheduler", help="alamat scheduler Dask, mis. tcp://10.0.0.5:8786")
    p.add_argument("--no-explain", action="store_true", help="tanpa penjelasan kata (lebih cepat)")
    p.add_argument("--quiet", action="store_true", help="tanpa tampilan kemajuan")
    p.set_defaults(func=cmd_batch)

    report = sub.add_parser("report", help="laporan HTML/PDF: kualitas model, pengaduan masuk")
    report_sub = report.add_subparsers(dest="report_command", metavar="PERINTAH")
    report_sub.required = True
    p = report_sub.add_parser("model", help="laporan kualitas model pada berkas berlabel")
    p.add_argument("--data", required=True, metavar="BERKAS",
                   help="berkas JSONL/CSV berlabel (format rekaman)")
    p.add_argument("--model", metavar="DIR", help="direktori model (bawaan: model terpaket)")
    p.add_argument("--split", choices=["train", "dev", "test"],
                   help="hanya rekaman split ini (disarankan: test)")
    p.add_argument("--out", required=True, metavar="HTML",
                   help="berkas HTML keluaran, mis. laporan.html")
    p.add_argument("--pdf", metavar="PDF", help="juga cetak ke PDF ini (butuh Chromium)")
    p.set_defaults(func=cmd_report)
    p = report_sub.add_parser("intake", help="laporan pengaduan masuk dari keluaran batch "
                              "atau log audit layanan")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--input", metavar="BERKAS",
                        help="berkas keluaran coi-nlp batch (JSONL atau CSV)")
    source.add_argument("--database-url", metavar="URL", help="URL basis data layanan (log "
                        "audit), mis. sqlite:///data/coi.db")
    p.add_argument("--from", dest="date_from", type=_date, metavar="TANGGAL",
                   help="awal periode (YYYY-MM-DD, termasuk)")
    p.add_argument("--to", dest="date_to", type=_date, metavar="TANGGAL",
                   help="akhir periode (YYYY-MM-DD, termasuk)")
    p.add_argument("--today", type=_date, metavar="TANGGAL", help="tanggal laporan: tenggat "
                   "sebelum tanggal ini terlewat (bawaan: hari ini)")
    p.add_argument("--out", required=True, metavar="HTML",
                   help="berkas HTML keluaran, mis. laporan.html")
    p.add_argument("--pdf", metavar="PDF", help="juga cetak ke PDF ini (butuh Chromium)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("serve", help="jalankan layanan HTTP triase (FastAPI)")
    p.add_argument("--host", default="127.0.0.1", help="alamat (bawaan 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (bawaan 8000)")
    p.add_argument("--workers", type=int, default=1, help="jumlah proses pekerja")
    p.set_defaults(func=cmd_serve)

    keys = sub.add_parser("keys", help="kelola kunci API layanan (create, list, revoke)")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="PERINTAH")
    keys_sub.required = True
    p = keys_sub.add_parser("create", help="buat kunci baru (ditampilkan sekali)")
    p.add_argument("--name", required=True, help="nama klien, mis. portal-lapor")
    p.add_argument("--role", choices=["intake", "analyst"], default="intake")
    p.add_argument("--webhook-url", help="URL webhook klien (opsional)")
    p.set_defaults(func=cmd_keys)
    p = keys_sub.add_parser("list", help="daftar kunci (tanpa rahasia)")
    p.set_defaults(func=cmd_keys)
    p = keys_sub.add_parser("revoke", help="cabut kunci")
    p.add_argument("key_id", help="id kunci (bagian tengah coi_<id>_...)")
    p.set_defaults(func=cmd_keys)
    add_suggest_command(sub)
    add_model_commands(sub)  # promote, rollback, models list
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
