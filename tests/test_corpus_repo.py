"""The corpus in the repository meets the requirements of its datasheet and of the guide."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coi_nlp.corpus.records import STYLES, read_records
from coi_nlp.corpus.stats import corpus_stats
from coi_nlp.corpus.validate import validate_records
from coi_nlp.taxonomy import CONFLICT_CODES, NOT_COI

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "coi" / "corpus.jsonl"


@pytest.fixture(scope="module")
def records():
    return read_records(CORPUS)


def test_validate_command_passes_on_the_corpus():
    out = subprocess.run([sys.executable, "-m", "coi_nlp", "corpus", "validate", str(CORPUS),
                          "--json"], capture_output=True, timeout=300)
    report = json.loads(out.stdout)
    assert out.returncode == 0 and report["ok"] and not report["errors"]


def test_size_and_balance(records):
    stats = corpus_stats(records)
    assert stats["n"] >= 1500
    for code in CONFLICT_CODES:
        assert stats["any_position"][code] >= 100, code
    assert stats["primary"][NOT_COI] >= 250
    assert stats["multi_label_share_of_conflicts"] >= 0.15
    assert stats["category_phrase_records"] <= 0.05 * stats["n"]


def test_every_record_has_style_and_split(records):
    for record in records:
        assert record.extra.get("style") in STYLES
        assert record.split in ("train", "dev", "test")


def test_splits_are_stratified_about_70_15_15(records):
    for code in CONFLICT_CODES + (NOT_COI,):
        group = [r for r in records if r.primary == code]
        share = {s: sum(r.split == s for r in group) / len(group) for s in ("train", "dev", "test")}
        assert abs(share["train"] - 0.70) < 0.03 and abs(share["test"] - 0.15) < 0.03, code


def test_style_mix_includes_short_and_long(records):
    short = [r for r in records if r.extra["style"] == "short"]
    long = [r for r in records if r.extra["style"] == "long"]
    assert all(len(r.text.split()) < 20 for r in short)
    assert all(len(r.text.split()) > 120 for r in long)
    assert len(short) > 0.1 * len(records) and len(long) > 0.1 * len(records)


def test_validator_catches_planted_problems(records):
    import copy

    from coi_nlp.corpus.records import Record

    planted = copy.deepcopy(records[:50])
    planted.append(Record(planted[0].id, "teks baru yang lain sekali", ["gratifikasi"], {}))
    near = planted[1].text.split()
    near[len(near) // 2] = "berbeda"
    planted.append(Record("c-baru", " ".join(near), planted[1].labels, {}))
    report = validate_records(planted)
    assert any("id ganda" in e for e in report.errors)
    assert any("hampir sama" in e for e in report.errors)
