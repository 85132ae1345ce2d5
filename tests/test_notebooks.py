"""The analyst notebooks: stored clean, run top to bottom, and their example data is valid.

Each notebook is executed with nbclient in a kernel of the current virtualenv (``python3``),
with ``notebooks/`` as the working directory, exactly as an analyst opens it; any failing cell
fails the test. Together they take about two minutes on two cores (02 retrains a model).
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from coi_nlp.corpus.near_duplicates import near_duplicate_pairs
from coi_nlp.corpus.records import read_records
from coi_nlp.corpus.validate import NEAR_DUPLICATE_THRESHOLD, validate_file
from coi_nlp.text.redact import find_personal_data

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = ["01_jelajah_korpus.ipynb", "02_latih_ulang.ipynb", "03_analisis_kesalahan.ipynb"]
FEEDBACK = NOTEBOOKS_DIR / "data" / "contoh_umpan_balik.jsonl"
CORPUS = ROOT / "corpora" / "coi" / "corpus.jsonl"
CELL_TIMEOUT = 600  # seconds per cell
EXPORT_KEYS = {"id", "text", "labels", "source", "predicted_labels", "confirmed", "note",
               "analyst", "feedback_at"}


def _snapshot() -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under the bundled model and notebooks/."""
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns)
            for folder in (ROOT / "models" / "coi-default", NOTEBOOKS_DIR)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_stored_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code_cells
    for cell in code_cells:
        assert cell.outputs == [], f"{name}: cell {cell.get('id')} has stored outputs"
        assert cell.execution_count is None, f"{name}: cell {cell.get('id')} has a count"
    # one papermill-style parameters cell, so an analyst can point at their own files
    tagged = [c for c in code_cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{name}: expected one cell tagged 'parameters'"


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_top_to_bottom(name, tmp_path):
    from nbclient import NotebookClient

    watched = _snapshot()
    nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS_DIR)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    errors = [out for cell in nb.cells if cell.cell_type == "code"
              for out in cell.outputs if out.output_type == "error"]
    assert not errors
    # running never writes into the bundled model nor leaves files next to the notebooks
    assert _snapshot() == watched


def test_example_feedback_is_a_valid_export():
    report = validate_file(FEEDBACK)
    assert report.ok, report.errors
    assert not report.warnings
    assert 25 <= report.n_records <= 40
    rows = [json.loads(line) for line in FEEDBACK.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        assert set(row) == EXPORT_KEYS, row["id"]  # the GET /v1/feedback/export format
        assert row["source"] == "feedback"
        assert "split" not in row  # the notebook puts new cases in train
        assert row["confirmed"] == (row["labels"] == row["predicted_labels"]), row["id"]
        assert (row["note"] is None) == row["confirmed"], row["id"]  # corrections explained
        # the service stores redacted texts: no reporter data may be left in them
        assert find_personal_data(row["text"]) == [], row["id"]
    assert any(r["confirmed"] for r in rows) and not all(r["confirmed"] for r in rows)
    assert any("[" in r["text"] and "]" in r["text"] for r in rows)  # placeholders present


def test_example_feedback_is_not_a_near_duplicate_of_the_corpus():
    corpus = read_records(CORPUS)
    feedback = read_records(FEEDBACK)
    assert not {r.id for r in corpus} & {r.id for r in feedback}
    pairs = near_duplicate_pairs([r.text for r in corpus] + [r.text for r in feedback],
                                 NEAR_DUPLICATE_THRESHOLD)
    crossing = [(corpus[i].id, feedback[j - len(corpus)].id, score)
                for i, j, score in pairs if i < len(corpus) <= j]
    assert not crossing
