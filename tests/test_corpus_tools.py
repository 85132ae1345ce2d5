"""corpus validate / stats on analysts' own files, JSONL and CSV, and the split assignment."""

import json
import subprocess
import sys
import time

from coi_nlp.corpus.near_duplicates import near_duplicate_pairs
from coi_nlp.corpus.records import Record, read_records_lenient
from coi_nlp.corpus.splits import assign_splits


def run(*args):
    return subprocess.run([sys.executable, "-m", "coi_nlp", *args], capture_output=True,
                          timeout=120)


def test_validate_reports_every_problem_with_line_numbers(tmp_path):
    path = tmp_path / "analis.jsonl"
    lines = [
        {"id": "a", "text": "Kades minta uang untuk surat pengantar.", "labels": ["komersialisasi_layanan"]},
        {"id": "a", "text": "Teks lain tentang proyek jalan desa.", "labels": ["pengadaan_rekanan"]},
        {"id": "b", "text": "Teks dengan label asing.", "labels": ["korupsi"]},
        {"id": "c", "text": "Campur label.", "labels": ["bukan_benturan_kepentingan", "gratifikasi"]},
        {"id": "d", "text": "", "labels": ["gratifikasi"]},
        {"id": "e", "text": "Kades minta uang untuk surat pengantar.", "labels": ["gratifikasi"]},
        {"id": "f", "text": "Split salah.", "labels": ["gratifikasi"], "split": "latih"},
    ]
    body = "\n".join(json.dumps(r) for r in lines) + "\n{rusak\n"
    path.write_bytes(body.encode() + b"\xff\xfe\n")
    out = run("corpus", "validate", str(path), "--json")
    report = json.loads(out.stdout)
    assert out.returncode == 1 and not report["ok"]
    text = "\n".join(report["errors"])
    for needle in ("id ganda", "korupsi", "tidak boleh digabung", "text kosong", "sama persis",
                   "split tidak dikenal", "JSON rusak", "UTF-8", "baris 8", "baris 9"):
        assert needle in text, needle


def test_csv_files_are_accepted(tmp_path):
    path = tmp_path / "analis.csv"
    path.write_text("id,text,labels\n"
                    "x1,Camat pakai mobil dinas buat mudik,penyalahgunaan_aset\n"
                    'x2,"Izin toko ipar kadis keluar cepat, ada parsel",izin_diskriminatif;gratifikasi\n',
                    encoding="utf-8")
    records, errors = read_records_lenient(path)
    assert not errors and records[1].labels == ["izin_diskriminatif", "gratifikasi"]
    assert run("corpus", "validate", str(path)).returncode == 0
    stats = json.loads(run("corpus", "stats", str(path), "--json").stdout)
    assert stats["n"] == 2 and stats["multi_label"] == 1


def test_near_duplicates_exact_jaccard():
    a = "kepala dinas memberikan proyek jalan kepada perusahaan milik adik iparnya sendiri"
    b = a.replace("sendiri", "juga")
    c = "lampu jalan mati di depan rumah warga sejak minggu lalu"
    pairs = near_duplicate_pairs([a, b, c], threshold=0.5)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]
    assert 0.5 < pairs[0][2] < 1


def test_near_duplicates_scale_to_ten_thousand_records():
    import random

    rng = random.Random(0)
    vocabulary = [f"kata{i}" for i in range(3000)]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(60)) for _ in range(10_000)]
    texts.append(texts[123] + " tambahan")
    start = time.perf_counter()
    pairs = near_duplicate_pairs(texts)
    assert (123, 10_000) in {(i, j) for i, j, _ in pairs}
    assert time.perf_counter() - start < 120  # generous: a double loop would take hours


def test_splits_stay_put_when_records_are_added():
    old = [Record(f"o{i}", f"teks {i}", ["gratifikasi" if i % 2 else "penilaian_bias"], {})
           for i in range(100)]
    assign_splits(old)
    before = {r.id: r.split for r in old}
    new = [Record(f"n{i}", f"baru {i}", ["gratifikasi"], {}) for i in range(40)]
    assign_splits(old + new)
    assert all(r.split == before[r.id] for r in old)
    counts = {s: sum(r.split == s for r in old + new if r.primary == "gratifikasi")
              for s in ("train", "dev", "test")}
    assert counts["train"] == round(0.7 * 90) and abs(counts["dev"] - counts["test"]) <= 1
