"""The CLI run as a real process, as users and intake scripts run it."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "coi_nlp", *args], input=stdin,
                          capture_output=True, cwd=ROOT, timeout=120)


def test_labels_table_and_json():
    table = run("labels")
    assert table.returncode == 0 and b"rekrutmen_nepotisme" in table.stdout
    data = json.loads(run("labels", "--json").stdout)
    assert len(data["labels"]) == 13


def test_preprocess_example_file_redacts():
    out = run("preprocess", "--file", "corpora/contoh/pengaduan_1.txt")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert "[TELEPON]" in result["teks_tersamarkan"] and "0812" not in out.stdout.decode()
    assert result["jumlah_uang_rupiah"] == [850_000_000]


def test_stdin_and_bad_input_errors_without_traceback():
    ok = run("preprocess", "-", stdin="Kades minta 500rb".encode())
    assert ok.returncode == 0 and "xxuang" in json.loads(ok.stdout)["token"]
    for stdin in (b"   ", b"\xff\xfe bukan utf8 \xc3"):
        bad = run("preprocess", "-", stdin=stdin)
        assert bad.returncode == 2
        assert b"Traceback" not in bad.stderr and b"galat" in bad.stderr
    missing = run("preprocess", "--file", "tidak/ada.txt")
    assert missing.returncode == 2 and b"Traceback" not in missing.stderr
