"""The retraining loop (coi_nlp.loop): corpus merge, label audit, suggest - on small data."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout

import numpy as np
import pytest

from coi_nlp.cli import main
from coi_nlp.corpus.records import SPLITS, Record, read_records, write_records
from coi_nlp.corpus.validate import validate_file
from coi_nlp.errors import InputError
from coi_nlp.loop.audit import (
    audit_records,
    label_quality,
    out_of_fold_probabilities,
    stratified_subset,
)
from coi_nlp.loop.merge import merge_files, next_id_number
from coi_nlp.loop.suggest import select_diverse, suggest_records, uncertainty_scores
from coi_nlp.model.training import data_hash
from coi_nlp.taxonomy import CODES, NOT_COI
from tests.conftest import small_records

PHONE, NIK = "0812-3456-7890", "3171234567890001"


# --- helpers -----------------------------------------------------------------------------

def run_cli(*argv) -> tuple[int, str, str]:
    """Run ``coi-nlp ARGV`` in-process through :func:`coi_nlp.cli.main`; returns the exit
    code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _jsonl(path, rows) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False))
                            + "\n" for r in rows), encoding="utf-8")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A small corpus file (a slice of ours, with its own ids and splits) and its records."""
    records = small_records(per_label=4)
    path = tmp_path_factory.mktemp("korpus") / "korpus.jsonl"
    write_records(path, records)
    return path, read_records(path)


def _feedback_rows(records):
    long_text = max(records, key=lambda r: len(r.text.split()))
    words = long_text.text.split()
    words[len(words) // 2] = "sangatberbeda"
    new = ("Kepala seksi di kantor kecamatan Lembang meminta uang 300 ribu untuk surat "
           f"keterangan usaha yang seharusnya gratis. Hubungi saya di {PHONE}, NIK {NIK}.")
    return [
        {"id": "tr-1", "text": new, "labels": ["komersialisasi_layanan"], "source": "feedback",
         "predicted_labels": ["gratifikasi"], "confirmed": False,
         "note": f"pelapor minta dihubungi di {PHONE}", "analyst": "analis-1",
         "feedback_at": "2026-11-20T10:00:00+00:00"},
        {"id": "tr-2", "text": "  " + records[3].text.replace(" ", "   ", 2) + "\n", "labels": [NOT_COI],
         "source": "feedback", "analyst": "analis-1"},
        {"id": "tr-3", "text": " ".join(words), "labels": long_text.labels,
         "source": "feedback", "analyst": "analis-2"},
        {"id": "tr-4", "text": new.replace("Lembang", "lembang"), "labels": ["gratifikasi"],
         "source": "feedback"},
        {"id": "tr-5", "text": "Teks dengan label asing.", "labels": ["korupsi"]},
        {"id": "tr-6", "text": "   ", "labels": ["gratifikasi"]},
        {"id": "tr-7", "text": "Kades bawa mobil dinas mudik dan terima parsel dari kontraktor.",
         "labels": [NOT_COI, "gratifikasi"]},
        {"id": "tr-8", "text": "Camat pakai ambulans desa untuk angkut hasil panen sendiri.",
         "labels": ["penyalahgunaan_aset", "gratifikasi", "rangkap_jabatan"]},
        "{rusak",
        {"id": "tr-9", "text": "Sekretaris desa menyewakan aula desa untuk pesta keluarganya "
                               "tanpa retribusi, dan genset desa ikut dipakai tiga hari.",
         "labels": ["penyalahgunaan_aset"], "source": "feedback", "analyst": "analis-2",
         "extra_field": "dibuang"},
    ]


# --- merge -------------------------------------------------------------------------------

def test_merge_does_not_import_the_model_stack():
    code = ("import sys, coi_nlp.loop.merge; "
            "print([m for m in ('coi_nlp.loop.audit', 'coi_nlp.loop.suggest', "
            "'coi_nlp.model.training', 'coi_nlp.text.pipeline', 'spacy', 'sklearn') "
            "if m in sys.modules])")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"


def test_merge_adds_redacts_skips_duplicates_and_keeps_old_records(base, tmp_path):
    corpus, existing = base
    before_bytes = corpus.read_bytes()
    feedback = tmp_path / "umpan_balik.jsonl"
    _jsonl(feedback, _feedback_rows(existing))
    out = tmp_path / "korpus_v2.jsonl"
    summary = merge_files(corpus, [feedback], output=out, merged_at="2026-11-21T08:00:00+00:00")

    assert corpus.read_bytes() == before_bytes  # the input is never touched
    merged = read_records(out)
    assert [r.to_dict() for r in merged[:len(existing)]] == [r.to_dict() for r in existing]
    added = merged[len(existing):]
    first = next_id_number(existing)
    assert [r.id for r in added] == [f"c-{first:05d}", f"c-{first + 1:05d}"]
    assert summary["added"] == 2 and summary["read"] == 10
    assert summary["skipped_exact"] == 2 and summary["skipped_near_duplicate"] == 1
    assert summary["invalid"] == 5

    # redaction of every incoming text (and the note)
    new = added[0]
    assert "[TELEPON]" in new.text and "[NIK]" in new.text
    assert PHONE not in out.read_text(encoding="utf-8") and NIK not in out.read_text("utf-8")
    assert PHONE not in json.dumps(summary)
    # provenance
    assert new.extra["source"] == "feedback" and new.extra["original_id"] == "tr-1"
    assert new.extra["analyst"] == "analis-1" and "[TELEPON]" in new.extra["note"]
    assert new.extra["merged_at"] == "2026-11-21T08:00:00+00:00"
    assert new.extra["predicted_labels"] == ["gratifikasi"] and new.extra["confirmed"] is False
    assert "extra_field" not in added[1].extra and summary["dropped_keys"] == ["extra_field"]
    assert all(r.split in SPLITS for r in added)
    assert "style" not in new.extra and summary["without_style"] == [new.id]
    assert added[1].extra["style"] == "short"  # under 20 words: the guide's rule 1

    reasons = {s["original_id"]: s for s in summary["skipped"]}
    assert reasons["tr-2"]["reason"] == "duplikat_persis"
    assert reasons["tr-2"]["matches_id"] == existing[3].id
    assert reasons["tr-2"]["labels_differ"] == (existing[3].labels != [NOT_COI])
    assert reasons["tr-3"]["reason"] == "hampir_sama" and reasons["tr-3"]["jaccard"] > 0.5
    assert reasons["tr-4"]["reason"] == "duplikat_persis"  # same as tr-1, accepted just before
    assert reasons["tr-4"]["matches_id"] == new.id and reasons["tr-4"]["labels_differ"]
    invalid = {row["original_id"]: row["reason"] for row in summary["invalid_rows"]}
    assert "korupsi" in invalid["tr-5"] and "text kosong" in invalid["tr-6"]
    assert "tidak boleh digabung" in invalid["tr-7"] and "dua label" in invalid["tr-8"]
    assert any("JSON rusak" in row["reason"] for row in summary["invalid_rows"])

    assert summary["per_label"]["added_primary"]["komersialisasi_layanan"] == 1
    assert summary["per_label"]["added_primary"]["penyalahgunaan_aset"] == 1
    assert sum(summary["per_label"]["corpus_primary_after"].values()) == len(merged)
    assert summary["version"]["before"] == {"sha256": data_hash(existing), "n": len(existing)}
    assert summary["version"]["after"] == {"sha256": data_hash(merged), "n": len(merged)}
    assert validate_file(out).ok


def test_merge_is_deterministic_and_a_second_merge_adds_nothing(base, tmp_path):
    corpus, existing = base
    feedback = tmp_path / "umpan_balik.jsonl"
    _jsonl(feedback, _feedback_rows(existing))
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out in (a, b):
        merge_files(corpus, [feedback], output=out, merged_at="2026-11-21T08:00:00+00:00")
    assert a.read_bytes() == b.read_bytes()
    again = merge_files(a, [feedback], output=tmp_path / "c.jsonl")
    assert again["added"] == 0 and again["skipped_already_merged"] == 2


def test_new_records_get_splits_without_moving_old_ones(base, tmp_path):
    corpus, existing = base
    rows = [{"text": f"Kepala bidang {place} memakai mobil dinas untuk mengantar anaknya "
                     f"ke sekolah setiap pagi, sopir kantor ikut disuruh {k} kali seminggu.",
             "labels": ["penyalahgunaan_aset"], "split": "test"}
            for k, place in enumerate(["Bima", "Dompu", "Sumbawa", "Lombok", "Sikka", "Ende",
                                       "Alor", "Flores", "Kupang", "Rote"])]
    analyst = tmp_path / "analis.jsonl"
    _jsonl(analyst, rows)
    out = tmp_path / "v2.jsonl"
    summary = merge_files(corpus, [analyst], output=out)
    merged = read_records(out)
    assert {r.id: r.split for r in merged[:len(existing)]} == {r.id: r.split for r in existing}
    added = merged[len(existing):]
    assert len(added) == summary["added"]
    # an analyst's own split means nothing here: assign_splits decides, stratified
    assert sum(r.split == "train" for r in added) >= 5
    assert all("original_id" not in r.extra and r.extra["source"] == "analis.jsonl"
               for r in added)
    assert summary["dropped_keys"] == ["split"]


def test_merge_reads_an_analysts_csv(base, tmp_path):
    corpus, _ = base
    path = tmp_path / "analis.csv"
    path.write_text("id,text,labels,analyst\n"
                    'a1,"Izin toko ipar kadis keluar dua hari setelah ia mengirim parsel, '
                    'izin kami empat bulan belum jadi",izin_diskriminatif;gratifikasi,rina\n',
                    encoding="utf-8")
    summary = merge_files(corpus, [path], output=tmp_path / "v2.jsonl", source="analis-rina")
    added = read_records(tmp_path / "v2.jsonl")[-1]
    assert summary["added"] == 1
    assert added.labels == ["izin_diskriminatif", "gratifikasi"]
    assert added.extra["source"] == "analis-rina" and added.extra["analyst"] == "rina"
    assert added.extra["style"] == "short" and summary["without_style"] == []


def test_merge_never_overwrites_without_in_place(base, tmp_path, monkeypatch):
    corpus, existing = base
    copy_ = tmp_path / "korpus.jsonl"
    copy_.write_bytes(corpus.read_bytes())
    feedback = tmp_path / "umpan_balik.jsonl"
    _jsonl(feedback, _feedback_rows(existing))
    with pytest.raises(InputError, match="in-place"):
        merge_files(copy_, [feedback], output=copy_)
    with pytest.raises(InputError):
        merge_files(copy_, [feedback])
    with pytest.raises(InputError, match="masukan"):
        merge_files(copy_, [feedback], output=feedback)
    taken = tmp_path / "ada.jsonl"
    taken.write_text("x\n")
    with pytest.raises(InputError, match="sudah ada"):
        merge_files(copy_, [feedback], output=taken)
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    summary = merge_files(copy_, [feedback], in_place=True)
    assert summary["output"] == str(copy_) and len(read_records(copy_)) == len(existing) + 2
    assert len(synced) == 1  # flushed to disk before it replaces the corpus
    assert not list(tmp_path.glob(".korpus.jsonl.*"))  # no temporary file left behind


def test_merge_cli_prints_the_summary_and_errors_cleanly(base, tmp_path):
    corpus, existing = base
    feedback = tmp_path / "umpan_balik.jsonl"
    _jsonl(feedback, _feedback_rows(existing))
    out = tmp_path / "v2.jsonl"
    code, stdout, stderr = run_cli("corpus", "merge", str(corpus), str(feedback), "--output",
                                   str(out), "--summary", str(tmp_path / "ringkasan.json"))
    assert code == 0, stderr
    summary = json.loads(stdout)
    assert summary["added"] == 2 and json.loads((tmp_path / "ringkasan.json").read_text())
    assert "2 ditambahkan" in stderr
    code, _, stderr = run_cli("corpus", "merge", str(corpus), str(feedback), "--output",
                              str(corpus))
    assert code == 2 and stderr.startswith("galat:") and "Traceback" not in stderr


# --- audit -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def audited():
    """A balanced slice of the corpus with eight planted label errors: the records whose text
    a first out-of-fold pass reads most clearly (one per label) get the code that pass found
    least likely. A second pass, on the corrupted labels, is what the audit sees."""
    from coi_nlp.loop.audit import card_settings

    params, thresholds = card_settings()
    records = small_records(per_label=14)  # fresh objects: labels are changed below
    clean = out_of_fold_probabilities([r.text for r in records], [r.labels for r in records],
                                      params, folds=3, seed=1)
    confidence = clean / clean.sum(axis=1, keepdims=True)
    clearest: dict[str, tuple[float, int]] = {}
    for i, record in enumerate(records):
        if record.split == "train" and len(record.labels) == 1:
            score = confidence[i, CODES.index(record.primary)]
            if score > clearest.get(record.primary, (-1.0, -1))[0]:
                clearest[record.primary] = (score, i)
    planted = {}
    for _, i in sorted(clearest.values(), reverse=True)[:8]:
        wrong = [CODES[int(np.argmin(clean[i]))]]
        planted[records[i].id] = (records[i].labels, wrong)
        records[i].labels = wrong
    probabilities = out_of_fold_probabilities([r.text for r in records],
                                              [r.labels for r in records], params, folds=3)
    return records, planted, probabilities, thresholds


def test_oof_probabilities_cover_every_record(audited):
    records, _, probabilities, _ = audited
    assert probabilities.shape == (len(records), len(CODES))
    assert ((probabilities > 0) & (probabilities < 1)).all()


@pytest.mark.parametrize("use_cleanlab", [None, False])
def test_audit_ranks_planted_label_errors_near_the_top(audited, use_cleanlab):
    records, planted, probabilities, thresholds = audited
    report = audit_records(records, thresholds=thresholds, probabilities=probabilities,
                           use_cleanlab=use_cleanlab)
    ranks = {f["id"]: f["rank"] for f in report["findings"]}
    caught = [i for i in planted if ranks.get(i, 10**6) <= 20]  # top 20 of 286 records
    assert len(caught) >= 7, sorted(ranks.get(i) for i in planted)
    assert all(ranks.get(i, 10**6) <= 40 for i in planted), sorted(ranks.get(i) for i in planted)
    for finding in report["findings"]:
        if finding["id"] in caught:
            _, given = planted[finding["id"]]
            assert finding["given_labels"] == given
            assert "label_utama_lain" in finding["reasons"]
            assert finding["reason"] and finding["snippet"]
    qualities = [f["quality"] for f in report["findings"]]
    assert qualities == sorted(qualities)
    assert [f["rank"] for f in report["findings"]] == list(range(1, len(qualities) + 1))
    installed = importlib.util.find_spec("cleanlab") is not None
    assert (report["cleanlab"] is not None) == (installed and use_cleanlab is not False)


def test_reasons_for_order_missing_weak_and_ambiguous_labels():
    texts = ["a", "b", "c", "d"]
    records = [Record(f"r{i}", t, labels, {"split": "train"}) for i, (t, labels) in enumerate(zip(
        texts, [["gratifikasi", "izin_diskriminatif"], ["gratifikasi", "rangkap_jabatan"],
                ["izin_diskriminatif"], ["pengawasan_bias"]]))]
    p = np.full((4, len(CODES)), 0.02)
    g, i, r, w, a = (CODES.index(c) for c in ("gratifikasi", "izin_diskriminatif",
                                              "rangkap_jabatan", "pengawasan_bias",
                                              "penilaian_bias"))
    p[0, [g, i]] = 0.30, 0.90   # the given order looks swapped
    p[1, [g, r]] = 0.95, 0.03   # the second label finds no support
    p[2, [i, g]] = 0.90, 0.85   # a second label seems missing (and the two are close)
    p[3, [w, a]] = 0.50, 0.48   # ambiguous between supervision and assessment
    report = audit_records(records, probabilities=p, use_cleanlab=False)
    reasons = {f["id"]: f["reasons"] for f in report["findings"]}
    assert "urutan_terbalik" in reasons["r0"]
    assert "label_kedua_lemah" in reasons["r1"]
    assert "label_kedua_hilang" in reasons["r2"]
    assert "ambigu" in reasons["r3"]
    by_id = {f["id"]: f for f in report["findings"]}
    assert by_id["r0"]["suggested_labels"][0] == "izin_diskriminatif"
    assert by_id["r2"]["suggested_labels"] == ["izin_diskriminatif", "gratifikasi"]


def test_quality_without_cleanlab_matches_cleanlab():
    pytest.importorskip("cleanlab")
    rng = np.random.default_rng(0)
    p = rng.uniform(0.01, 0.99, size=(40, len(CODES)))
    labels = [[CODES[k % 13]] + ([CODES[(k + 3) % 12]] if k % 4 == 0 else [])
              for k in range(40)]
    with_cl = label_quality(labels, p, use_cleanlab=True)
    without = label_quality(labels, p, use_cleanlab=False)
    assert np.allclose(with_cl["primary_quality"], without["primary_quality"])
    assert np.allclose(with_cl["multilabel_quality"], without["multilabel_quality"])


def test_stratified_subset_keeps_every_label():
    records = small_records(per_label=10)
    subset = stratified_subset(records, 52)
    assert len(subset) == 52 and {r.primary for r in subset} == set(CODES)
    assert [r.id for r in subset] == [r.id for r in records if r in subset]  # file order
    assert stratified_subset(records, 10_000) == records


def test_audit_needs_two_records_per_primary_label():
    records = [Record("a", "teks satu", ["gratifikasi"]), Record("b", "teks dua", [NOT_COI]),
               Record("c", "teks tiga", [NOT_COI])]
    with pytest.raises(InputError, match="minimal 2"):
        out_of_fold_probabilities([r.text for r in records], [r.labels for r in records])


def test_audit_cli_quick_run(tmp_path):
    records = small_records(per_label=8)
    path = tmp_path / "berlabel.jsonl"
    write_records(path, records)
    code, stdout, stderr = run_cli("corpus", "audit", str(path), "--limit-records", "104",
                                   "--folds", "2", "--top", "5", "--json",
                                   "--output", str(tmp_path / "temuan.csv"))
    assert code == 0, stderr
    report = json.loads(stdout)
    assert report["n"] == 104 and report["folds"] == 2 and len(report["findings"]) <= 5
    for key in ("id", "given_labels", "suggested_labels", "quality", "reason", "snippet"):
        assert key in report["findings"][0]
    with open(tmp_path / "temuan.csv", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == report["n_findings"]
    code, stdout, _ = run_cli("corpus", "audit", str(path), "--limit-records", "104",
                              "--folds", "2", "--top", "3", "--no-cleanlab")
    assert code == 0 and "label diberikan" in stdout and "tidak dipakai" in stdout
    code, _, stderr = run_cli("corpus", "audit", str(path), "--params", '{"bukan": 1}')
    assert code == 2 and "galat:" in stderr
    assert "Hiperparameter tidak dikenal: bukan" in stderr and "Traceback" not in stderr


def test_audit_refuses_unknown_hyper_parameters_before_fitting():
    records = small_records(per_label=4)
    texts, labels = [r.text for r in records], [r.labels for r in records]
    with pytest.raises(InputError, match="Hiperparameter tidak dikenal: bukan") as caught:
        out_of_fold_probabilities(texts, labels, {"bukan": 1, "C": 1.0}, jobs=2)
    assert caught.value.code == "parameter_tidak_valid"
    with pytest.raises(InputError, match="tidak dikenal") as caught:
        audit_records(records, params={"bukan": 1})
    assert caught.value.code == "parameter_tidak_valid"


# --- suggest -----------------------------------------------------------------------------

def test_uncertainty_scores():
    p = np.array([[0.9, 0.1, 0.0], [0.5, 0.45, 0.05], [0.4, 0.1, 0.1]])
    assert np.allclose(uncertainty_scores(p, "margin"), [0.2, 0.95, 0.7])
    assert np.allclose(uncertainty_scores(p, "top"), [0.1, 0.5, 0.6])
    with pytest.raises(InputError):
        uncertainty_scores(p, "entropi")


def test_select_diverse_prefers_uncertain_and_different():
    features = np.array([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    uncertainty = np.array([0.9, 0.9, 0.5, 0.1])
    picks = [k for k, _, _ in select_diverse(features, uncertainty, 3, diversity=0.5)]
    assert picks == [0, 2, 3]  # the copy of item 0 comes last, though it is as uncertain
    assert [k for k, _, _ in select_diverse(features, uncertainty, 4, diversity=0.0)] == \
        [0, 1, 2, 3]


def _pool():
    records = [r for r in small_records(per_label=6) if r.split == "test"][:60]
    return [Record(f"p{i}", r.text, [], {}) for i, r in enumerate(records)]


def test_suggest_returns_distinct_uncertain_and_diverse_records(small_model):
    model = small_model.classifier
    pool = _pool()
    uncertainty = uncertainty_scores(model.predict_proba([r.text for r in pool]))
    most = int(np.argmax(uncertainty))
    copies = [Record(f"salinan{k}", pool[most].text, [], {}) for k in range(5)]
    pool += copies
    rows = suggest_records(model, pool, n=10)
    ids = [row["id"] for row in rows]
    assert len(rows) == 10 and len(set(ids)) == 10
    assert ids[0] in {pool[most].id, *(c.id for c in copies)}
    assert sum(i == pool[most].id or i.startswith("salinan") for i in ids) == 1
    assert np.mean([row["uncertainty"] for row in rows]) > np.mean(uncertainty)
    for row in rows:
        assert row["predicted_labels"] and row["predicted_primary"] == row["predicted_labels"][0]
        assert 0 <= row["diversity"] <= 1 and 0 <= row["uncertainty"] <= 1
    ranked = suggest_records(model, pool, n=5, diversity=0.0)
    scores = [row["uncertainty"] for row in ranked]
    assert scores == sorted(scores, reverse=True)


def test_suggest_redacts_and_cli_writes_csv(small_model_dir, tmp_path):
    path = tmp_path / "masuk.csv"
    texts = [r.text for r in _pool()[:12]]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text"])
        writer.writerow([f"Pak lurah minta 200 ribu untuk surat pengantar, hubungi {PHONE}"])
        for text in texts:
            writer.writerow([text])
        writer.writerow([""])  # an empty row is skipped, not fatal
    out = tmp_path / "saran.csv"
    code, _, stderr = run_cli("suggest", "--input", str(path), "--output", str(out), "-n", "5",
                              "--model", str(small_model_dir))
    assert code == 0, stderr
    assert "dilewati" in stderr and "5 saran" in stderr
    with open(out, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 and len({row["id"] for row in rows}) == 5
    assert PHONE not in out.read_text(encoding="utf-8")
    for key in ("rank", "score", "uncertainty", "diversity", "predicted_labels", "text"):
        assert key in rows[0]
    code, stdout, _ = run_cli("suggest", "--input", str(path), "-n", "3", "--model",
                              str(small_model_dir))
    assert code == 0 and "tebakan model" in stdout


def test_suggest_redacts_the_text_it_returns(small_model):
    text = f"Pak lurah minta 200 ribu untuk surat pengantar, hubungi {PHONE}"
    rows = suggest_records(small_model.classifier, [Record("telepon", text, [], {})], n=1)
    assert [row["id"] for row in rows] == ["telepon"]
    assert "[TELEPON]" in rows[0]["text"] and PHONE not in rows[0]["text"]
