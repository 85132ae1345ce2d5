import csv
import json
from datetime import date

import pytest

from coi_nlp.batch import run_batch

ROWS = [
    {"id": "a1", "text": "Kades minta 500rb untuk surat pengantar yang seharusnya gratis."},
    {"id": "a2", "text": "   "},
    {"id": "a3", "text": "Jalan desa rusak parah sejak musim hujan, mohon diperbaiki.",
     "received_at": "2026-03-02"},
    {"id": "a4", "text": 12345},
    {"id": "a5", "text": "Anak camat diangkat jadi honorer tanpa tes.", "received_at": "kemarin"},
    {"id": "a6", "text": "Pak lurah terima parsel dari pengembang perumahan, hp saya 081234567890"},
]


def write_jsonl(path, rows, extra_lines=()):
    with open(path, "wb") as handle:
        for row in rows:
            handle.write(json.dumps(row).encode() + b"\n")
        for line in extra_lines:
            handle.write(line + b"\n")


def test_jsonl_bad_rows_are_skipped_and_reported(small_model_dir, tmp_path):
    source, target = tmp_path / "masuk.jsonl", tmp_path / "keluar.jsonl"
    write_jsonl(source, ROWS, [b"{rusak", b"\xff\xfe"])
    messages = []
    summary = run_batch(source, target, model_dir=small_model_dir, show_progress=False,
                        report=messages.append)
    out = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["id"] for r in out] == ["a1", "a3", "a6"]
    assert (summary.read, summary.written, summary.skipped) == (8, 3, 5)
    assert len(messages) == 5 and all("dilewati" in m for m in messages)
    assert out[1]["received_at"] == "2026-03-02"
    assert "081234567890" not in target.read_text()
    assert not any("081234567890" in m for m in messages)


def test_csv_in_and_out(small_model_dir, tmp_path):
    source, target = tmp_path / "masuk.csv", tmp_path / "keluar.csv"
    with open(source, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "text"])
        writer.writeheader()
        writer.writerow({"id": "c1", "text": "Petugas samsat minta uang tambahan, ditolak."})
        writer.writerow({"id": "c2", "text": ""})
    summary = run_batch(source, target, model_dir=small_model_dir, show_progress=False,
                        report=lambda m: None)
    rows = list(csv.DictReader(open(target, encoding="utf-8")))
    assert summary.written == 1 and rows[0]["id"] == "c1"
    assert json.loads(rows[0]["probabilities"]) and rows[0]["priority"] in (
        "tinggi", "sedang", "rendah")


def test_parallel_jobs_give_the_same_results(small_model_dir, tmp_path):
    rows = [{"id": f"r{i}", "text": f"Kepala dinas nomor {i} memberi proyek ke adiknya."}
            for i in range(600)]
    source = tmp_path / "banyak.jsonl"
    write_jsonl(source, rows)
    one, two = tmp_path / "satu.jsonl", tmp_path / "dua.jsonl"
    run_batch(source, one, model_dir=small_model_dir, show_progress=False, jobs=1,
              explain_labels=False)
    run_batch(source, two, model_dir=small_model_dir, show_progress=False, jobs=2,
              explain_labels=False)
    assert one.read_text() == two.read_text()


def test_dask_cluster_backend(small_model_dir, tmp_path):
    distributed = pytest.importorskip("distributed")
    rows = [{"id": f"d{i}", "text": f"Camat {i} memakai mobil dinas untuk mudik keluarga."}
            for i in range(300)]
    source = tmp_path / "dask.jsonl"
    write_jsonl(source, rows)
    local, remote = tmp_path / "lokal.jsonl", tmp_path / "dask-out.jsonl"
    run_batch(source, local, model_dir=small_model_dir, show_progress=False,
              explain_labels=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        run_batch(source, remote, model_dir=small_model_dir, show_progress=False, jobs=2,
                  dask_scheduler=cluster.scheduler_address, explain_labels=False)
    assert remote.read_text() == local.read_text()


def test_missing_input_is_a_clear_error(small_model_dir, tmp_path):
    from coi_nlp.errors import InputError

    with pytest.raises(InputError):
        run_batch(tmp_path / "tidak-ada.jsonl", tmp_path / "o.jsonl",
                  model_dir=small_model_dir, show_progress=False)


_FROZEN_BATCH = """
import gc, sys
from datetime import date
from coi_nlp.batch import run_batch
run_batch(sys.argv[1], sys.argv[2], model_dir=sys.argv[3], show_progress=False,
          report=lambda m: None, received=date(2026, 1, 5), freeze_loaded=True)
print(gc.get_freeze_count())
"""


def test_freeze_loaded_freezes_the_model_and_changes_no_result(small_model_dir, tmp_path):
    """Run in its own process: gc.freeze affects the whole process."""
    import subprocess
    import sys

    source = tmp_path / "masuk.jsonl"
    write_jsonl(source, ROWS)
    plain, frozen = tmp_path / "biasa.jsonl", tmp_path / "beku.jsonl"
    run_batch(source, plain, model_dir=small_model_dir, show_progress=False,
              report=lambda m: None, received=date(2026, 1, 5))
    done = subprocess.run([sys.executable, "-c", _FROZEN_BATCH, str(source), str(frozen),
                           str(small_model_dir)], capture_output=True, text=True, check=True)
    assert int(done.stdout.strip()) > 50_000  # the model and libraries, frozen after load
    assert frozen.read_text() == plain.read_text()
