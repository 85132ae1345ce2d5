"""``coi-nlp promote``, ``coi-nlp rollback`` and ``coi-nlp models list``: model versions.

:func:`add_model_commands` adds the three commands to the sub-parsers of
:func:`coi_nlp.cli.build_parser`; the work is in :mod:`coi_nlp.model.promotion` and
:mod:`coi_nlp.model.registry`. Exit status of ``promote``: 0 whether or not the candidate was
promoted (the output says which), 1 with ``--fail-if-not-promoted`` when the candidate fails
the promotion rule, 2 for user errors (``galat: ...``).
"""

from __future__ import annotations

import argparse
import os
import sys

from coi_nlp.cli_output import print_json

__all__ = ["add_model_commands", "format_comparison"]


def format_comparison(comparison) -> str:
    """The comparison as tables for people (Indonesian headers)."""
    lines = [f"Model saat ini: {comparison.current_version}",
             f"Kandidat:       {comparison.candidate_version}"]
    for s in (comparison.test, comparison.new_cases):
        if s is None:
            continue
        title = "split test" if s.name == "test" else "kasus baru yang disisihkan"
        lines += ["", f"== {title} (n = {s.n}) ==",
                  f"{'metrik':<14}{'saat ini':>10}{'kandidat':>10}{'selisih':>10}"]
        lines += [f"{k:<14}{s.current[k]:>10.4f}{s.candidate[k]:>10.4f}{s.delta[k]:>+10.4f}"
                  for k in s.delta]
        lines += ["", (f"{'label (F1)':<30}{'saat ini':>10}{'kandidat':>10}{'selisih':>10}"
                       f"{'dukungan':>10}")]
        lines += [f"{code:<30}{m['current']:>10.3f}{m['candidate']:>10.3f}"
                  f"{m['delta']:>+10.3f}{m['support']:>10}" for code, m in s.per_label.items()]
        m, b = s.mcnemar, s.bootstrap
        lines += ["", (f"McNemar (eksak): hanya kandidat salah {m['only_candidate_wrong']}, "
                       f"hanya model saat ini salah {m['only_current_wrong']}, "
                       f"p = {m['p_value']:.4g}"),
                  (f"Bootstrap berpasangan ({b['resamples']} sampel ulang, benih {b['seed']}): "
                   f"selisih macro-F1 {b['delta_macro_f1']:+.4f}, "
                   f"IK 95% [{b['ci_low']:+.4f}, {b['ci_high']:+.4f}]")]
    lines += ["", "Aturan promosi:", *[f"  {reason}" for reason in comparison.reasons]]
    return "\n".join(lines)


def cmd_promote(args) -> int:
    from coi_nlp.model.promotion import COMPARISON_FILE, promote

    if os.environ.get("COI_MODEL_DIR"):
        print("peringatan: COI_MODEL_DIR diset; layanan dan perintah yang memakainya tidak "
              "mengikuti model bawaan registri (CURRENT).", file=sys.stderr)
    result = promote(args.data, args.new_cases, args.models_root, args.name, args.seed,
                     search=not args.no_search, compare_only=args.compare_only,
                     show_progress=not args.quiet)
    c = result.comparison
    if result.promoted:
        verdict = (f"DIPROMOSIKAN: {result.candidate.directory.name} kini model bawaan "
                   f"(sebelumnya {result.entry['from']}; kembalikan dengan `coi-nlp rollback`).")
    elif c.promote:
        verdict = (f"TIDAK DIALIHKAN (--force-compare-only): kandidat lolos aturan; model bawaan "
                   f"tetap {result.current.directory.name}.")
    else:
        verdict = (f"TIDAK DIPROMOSIKAN: model bawaan tetap {result.current.directory.name}. "
                   f"Kandidat disimpan untuk diperiksa di {result.candidate.directory} "
                   f"({COMPARISON_FILE}).")
    if args.json:
        print_json({"promoted": result.promoted, "passes_rule": c.promote,
                     "current": {"name": result.current.directory.name,
                                 "version": result.current.version},
                     "candidate": {"name": result.candidate.directory.name,
                                   "directory": str(result.candidate.directory),
                                   "version": result.candidate.version,
                                   "data_version": result.candidate.card.get("data_version")},
                     "new_cases": result.new_cases, "comparison": c.to_dict(),
                     "message": verdict})
    else:
        print(format_comparison(c))
        print("\n" + verdict)
    return 1 if args.fail_if_not_promoted and not c.promote else 0


def cmd_rollback(args) -> int:
    from coi_nlp.model.registry import ModelRegistry

    entry = ModelRegistry(args.models_root).rollback(args.reason or "rollback manual")
    if args.json:
        print_json(entry)
    else:
        print(f"dikembalikan: model bawaan {entry['from']} -> {entry['to']} "
              f"({entry['version']})")
    return 0


def cmd_models_list(args) -> int:
    from coi_nlp.model.registry import ModelRegistry

    registry = ModelRegistry(args.models_root)
    versions, history = registry.versions(), registry.history()
    if args.json:
        print_json({"root": str(registry.root), "current": registry.current(),
                     "rollback_to": registry.previous(), "versions": versions,
                     "history": history})
        return 0
    print(f"Registri model: {registry.root}  (* = model bawaan)")
    print(f"  {'versi':<28}{'dibuat':<27}{'data':<30}{'test macro-F1':>14}")
    for v in versions:
        data = v["data_version"]
        label = f"{data.get('source') or '?'}@{(data.get('sha256') or '?')[:10]}"
        f1 = "-" if v["test_macro_f1"] is None else f"{v['test_macro_f1']:.4f}"
        print(f"{'*' if v['current'] else ' '} {v['name']:<28}{v['created'] or '?':<27}"
              f"{label:<30}{f1:>14}")
    print(f"\nRiwayat ({len(history)} peralihan, terbaru di bawah):")
    for entry in (history[-args.last:] if args.last > 0 else []):
        print(f"  {entry['time']}  {entry['action']:<9}{entry['from']} -> {entry['to']}"
              f"  {entry.get('reason') or ''}")
    previous = registry.previous()
    print(f"\nrollback akan kembali ke: {previous or '(tidak ada)'}")
    return 0


def _count(value: str) -> int:
    """argparse type: a whole number, 0 or more."""
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < 0:
        raise argparse.ArgumentTypeError(f"harus bilangan bulat 0 atau lebih: {value}")
    return number


def _root_argument(parser) -> None:
    parser.add_argument("--models-root", metavar="DIR",
                        help="direktori registri model (bawaan: $COI_MODELS_ROOT atau models/)")


def add_model_commands(subparsers) -> None:
    """Add ``promote``, ``rollback`` and ``models list`` to ``coi-nlp``'s sub-parsers."""
    p = subparsers.add_parser(
        "promote", help="latih kandidat, bandingkan dengan model bawaan, promosikan bila "
                        "lebih baik",
        description="Melatih model kandidat ke versi baru di registri, membandingkannya dengan "
                    "model bawaan pada split test yang tetap (dan pada kasus baru yang "
                    "disisihkan), lalu menjadikannya model bawaan hanya bila lolos aturan: "
                    "macro-F1 test tidak turun, coi_f1 tidak turun lebih dari 0,005, uji "
                    "McNemar tidak menunjukkan kandidat nyata lebih buruk, dan tidak lebih "
                    "buruk pada kasus baru. Model sebelumnya disimpan untuk rollback.")
    p.add_argument("--data", required=True,
                   help="korpus berlabel JSONL/CSV dengan split tetap, "
                        "mis. corpora/coi/corpus.jsonl")
    p.add_argument("--new-cases", metavar="BERKAS",
                   help="kasus baru berlabel (mis. ekspor umpan balik): bagian train/dev ikut "
                        "dilatih, bagian test disisihkan untuk perbandingan")
    p.add_argument("--name", help="nama versi (bawaan: coi-YYYYMMDD-HHMM menurut UTC)")
    p.add_argument("--seed", type=int, default=0, help="benih acak (hasil dapat diulang)")
    p.add_argument("--no-search", action="store_true",
                   help="lewati pencarian hiperparameter (pakai bawaan; lebih cepat)")
    p.add_argument("--force-compare-only", "--compare-only", dest="compare_only",
                   action="store_true",
                   help="latih dan bandingkan saja; jangan pernah mengganti model bawaan")
    p.add_argument("--fail-if-not-promoted", action="store_true",
                   help="keluar dengan status 1 bila kandidat tidak lolos aturan promosi")
    p.add_argument("--json", action="store_true", help="keluaran satu objek JSON")
    p.add_argument("--quiet", action="store_true", help="tanpa tampilan kemajuan")
    _root_argument(p)
    p.set_defaults(func=cmd_promote)

    p = subparsers.add_parser("rollback", help="kembalikan model bawaan ke versi sebelum "
                                               "promosi terakhir")
    p.add_argument("--reason", help="alasan, dicatat di HISTORY.jsonl")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    _root_argument(p)
    p.set_defaults(func=cmd_rollback)

    models = subparsers.add_parser("models", help="registri model (list)")
    models_sub = models.add_subparsers(dest="models_command", metavar="PERINTAH")
    models_sub.required = True
    p = models_sub.add_parser("list", help="daftar versi, model bawaan, dan riwayat peralihan")
    p.add_argument("--last", type=_count, default=20,
                   help="jumlah entri riwayat yang ditampilkan (0: tanpa riwayat)")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    _root_argument(p)
    p.set_defaults(func=cmd_models_list)
