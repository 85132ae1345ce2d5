"""train / evaluate / triage / batch through the real command line."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import small_records

ROOT = Path(__file__).resolve().parents[1]


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "coi_nlp", *args], input=stdin,
                          capture_output=True, cwd=ROOT, timeout=600)


def test_evaluate_json_has_the_documented_keys(small_model_dir, tmp_path):
    data = tmp_path / "uji.jsonl"
    data.write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n"
                            for r in small_records()), encoding="utf-8")
    out = run("evaluate", "--data", str(data), "--model", str(small_model_dir), "--json")
    assert out.returncode == 0, out.stderr
    metrics = json.loads(out.stdout)
    for key in ("n", "macro_f1", "accuracy", "micro_f1", "samples_f1", "coi_f1", "review_rate",
                "selective_macro_f1", "selective_accuracy", "per_label"):
        assert key in metrics
    assert metrics["n"] == len(small_records())
    assert set(metrics["per_label"]["gratifikasi"]) == {"precision", "recall", "f1", "support"}
    human = run("evaluate", "--data", str(data), "--model", str(small_model_dir))
    assert b"Konfusi label utama" in human.stdout and b"macro_f1" in human.stdout


def test_triage_text_stdin_and_errors(small_model_dir, tmp_path):
    out = run("triage", "--model", str(small_model_dir), "--received-at", "2026-11-20",
              "Pak kades pakai mobil dinas buat kampanye istrinya")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["received_at"] == "2026-11-20"
    piped = run("triage", "--model", str(small_model_dir), "-",
                stdin="Lurah minta 200 ribu untuk KK".encode())
    assert piped.returncode == 0 and "labels" in json.loads(piped.stdout)
    for args, stdin in [(["triage", "--model", str(small_model_dir), "-"], b"\xff\xfe"),
                        (["triage", "--model", str(small_model_dir), ""], None),
                        (["triage", "--model", str(tmp_path / "kosong"), "teks"], None),
                        (["triage", "--model", str(small_model_dir), "--institution-config",
                          str(tmp_path / "tidak-ada.toml"), "teks"], None)]:
        bad = run(*args, stdin=stdin)
        assert bad.returncode == 2, (args, bad.stderr)
        assert b"Traceback" not in bad.stderr and b"galat" in bad.stderr


def test_batch_command(small_model_dir, tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.csv"
    source.write_text('{"id": "x", "text": "Kepsek jual LKS wajib dari toko istrinya"}\n'
                      '{"id": "y"}\n', encoding="utf-8")
    out = run("batch", "--input", str(source), "--output", str(target), "--model",
              str(small_model_dir), "--quiet")
    assert out.returncode == 0, out.stderr
    assert b"1 ditulis, 1 dilewati" in out.stderr
    assert target.read_text(encoding="utf-8").startswith("id,primary,labels")


def test_train_command_writes_a_loadable_model(tmp_path):
    data = tmp_path / "latih.jsonl"
    data.write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n"
                            for r in small_records(per_label=8)), encoding="utf-8")
    out = run("train", "--data", str(data), "--out", str(tmp_path / "m"), "--no-search",
              "--quiet")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["version"].startswith("m-")
    assert {p.name for p in (tmp_path / "m").iterdir()} == {
        "model.joblib", "model_card.json", "MODEL_CARD.md", "SHA256SUMS"}
