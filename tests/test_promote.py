"""Model versions: the registry (pointer, history, atomic writes, rollback), the comparison
of two models, and a simulated feedback loop through `coi-nlp promote` / `rollback` on small
slices of the corpus. Every test works in a temporary models root; the repository's
models/ directory is checked to be untouched."""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import sys
from collections import defaultdict
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from coi_nlp.cli_models import add_model_commands
from coi_nlp.corpus.records import Record, read_records, write_records
from coi_nlp.errors import CoiNlpError, InputError, ModelFileError
from coi_nlp.model import registry as registry_module
from coi_nlp.model.artifacts import default_model_dir, load_model, save_model
from coi_nlp.model.card import card_markdown
from coi_nlp.model.compare import compare_models
from coi_nlp.model.promotion import split_new_cases
from coi_nlp.model.registry import ModelRegistry
from coi_nlp.model.training import data_hash, train_model
from coi_nlp.taxonomy import CODES
from tests.conftest import CORPUS, ROOT

# Per primary label: the start model's train records, held-back train records whose
# mistakes become corrections, dev and test records (each in the corpus's own split).
N_START, N_HELD, N_DEV, N_TEST = 8, 30, 8, 20


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """``coi-nlp`` with the model commands and :func:`coi_nlp.cli.main`'s error handling;
    returns (exit status, stdout, stderr)."""
    parser = argparse.ArgumentParser(prog="coi-nlp")
    add_model_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = args.func(args)
        except CoiNlpError as exc:
            print(f"galat: {exc}", file=sys.stderr)
            code = 2
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module", autouse=True)
def repo_models_untouched():
    before = sorted(p.name for p in (ROOT / "models").iterdir())
    yield
    assert sorted(p.name for p in (ROOT / "models").iterdir()) == before


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The start model (trained on part of train) and the data files of the loop."""
    tmp = tmp_path_factory.mktemp("promote")
    taken = defaultdict(int)
    start, held, dev, test = [], [], [], []
    for record in read_records(CORPUS):
        taken[record.primary, record.split] += 1
        n = taken[record.primary, record.split]
        if record.split == "train" and n <= N_START:
            start.append(record)
        elif record.split == "train" and n <= N_START + N_HELD:
            held.append(record)
        elif record.split == "dev" and n <= N_DEV:
            dev.append(record)
        elif record.split == "test" and n <= N_TEST:
            test.append(record)
    data = tmp / "awal.jsonl"
    write_records(data, start + dev + test)
    model, card = train_model(start + dev + test, name="coi-awal", search=False,
                              show_progress=False)
    pristine = tmp / "coi-awal"
    save_model(model, pristine, card, card_markdown(card))

    # corrections: the held-back records the start model gets wrong, with their true labels,
    # as the service's feedback export gives them (no split)
    decisions = model.decide_texts([r.text for r in held])
    mistakes = [Record(r.id, r.text, r.labels, {"source": "feedback"})
                for r, d in zip(held, decisions) if d.primary != r.primary]
    corrections = tmp / "koreksi.jsonl"
    write_records(corrections, mistakes)

    # a corrupted corpus version: the start model's train labels shuffled (dev/test intact)
    labels = [r.labels for r in start]
    random.Random(0).shuffle(labels)
    shuffled = [Record(r.id, r.text, lab, dict(r.extra)) for r, lab in zip(start, labels)]
    bad_data = tmp / "acak.jsonl"
    write_records(bad_data, shuffled + dev + test)
    return SimpleNamespace(tmp=tmp, data=data, corrections=corrections, bad_data=bad_data,
                           pristine=pristine, test=test, mistakes=mistakes)


def make_root(tmp_path: Path, pristine: Path, *names: str) -> Path:
    """A models root holding copies of one model directory under the given names."""
    root = tmp_path / "models"
    root.mkdir()
    for name in names:
        shutil.copytree(pristine, root / name)
    return root


# --- registry ------------------------------------------------------------------------------

def test_default_is_coi_default_until_a_pointer_names_another(tmp_path, monkeypatch):
    root = tmp_path / "models"
    root.mkdir()
    monkeypatch.delenv("COI_MODEL_DIR", raising=False)
    monkeypatch.setenv("COI_MODELS_ROOT", str(root))
    assert ModelRegistry().root == root
    assert ModelRegistry().current() == "coi-default"
    assert default_model_dir() == root / "coi-default"
    (root / "CURRENT").write_text("coi-20261121-1530\n")
    assert default_model_dir() == root / "coi-20261121-1530"
    monkeypatch.setenv("COI_MODEL_DIR", str(tmp_path / "tetap"))  # a fixed dir wins
    assert default_model_dir() == tmp_path / "tetap"


def test_promote_writes_the_pointer_and_the_history(world, tmp_path):
    root = make_root(tmp_path, world.pristine, "coi-default", "v2")
    registry = ModelRegistry(root)
    entry = registry.promote("v2", reason="uji", comparison={"promote": True})
    assert (root / "CURRENT").read_text() == "v2\n"
    assert registry.current() == "v2" and registry.current_dir() == root / "v2"
    assert registry.history() == [entry]
    assert entry["action"] == "promote" and (entry["from"], entry["to"]) == ("coi-default", "v2")
    assert entry["version"] == load_model(root / "v2").version
    assert entry["reason"] == "uji" and entry["comparison"] == {"promote": True}
    assert datetime.fromisoformat(entry["time"]).tzinfo is not None
    assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]  # no temp files left
    listed = {v["name"]: v for v in registry.versions()}
    assert set(listed) == {"coi-default", "v2"} and listed["v2"]["current"]
    assert listed["v2"]["data_version"]["sha256"] == load_model(root / "v2").card["data"][
        "sha256"]


def test_rollback_undoes_promotions_in_order(world, tmp_path):
    root = make_root(tmp_path, world.pristine, "coi-default", "v2", "v3")
    registry = ModelRegistry(root)
    assert registry.previous() is None
    registry.promote("v2")
    registry.promote("v3")
    assert registry.previous() == "v2"
    assert registry.rollback("v3 buruk")["to"] == "v2"
    assert registry.rollback()["to"] == "coi-default" and registry.current() == "coi-default"
    with pytest.raises(InputError, match="Tidak ada model sebelumnya"):
        registry.rollback()
    assert [(e["action"], e["from"], e["to"]) for e in registry.history()] == [
        ("promote", "coi-default", "v2"), ("promote", "v2", "v3"),
        ("rollback", "v3", "v2"), ("rollback", "v2", "coi-default")]


def test_a_version_that_does_not_load_is_never_made_the_default(world, tmp_path):
    root = make_root(tmp_path, world.pristine, "coi-default", "rusak")
    card = root / "rusak" / "model_card.json"
    card.write_text(card.read_text().replace('"seed": 0', '"seed": 1'))  # checksum mismatch
    registry = ModelRegistry(root)
    with pytest.raises(ModelFileError, match="Checksum"):
        registry.promote("rusak")
    with pytest.raises(ModelFileError, match="tidak ditemukan"):
        registry.promote("tidak-ada")
    assert not (root / "CURRENT").exists() and registry.history() == []


def test_a_failed_pointer_write_changes_nothing(world, tmp_path, monkeypatch):
    root = make_root(tmp_path, world.pristine, "coi-default", "v2", "v3")
    registry = ModelRegistry(root)
    registry.promote("v2")
    real_replace = os.replace

    def failing_replace(src, dst):
        if Path(dst).name == "CURRENT":
            raise OSError("disk penuh")
        return real_replace(src, dst)

    monkeypatch.setattr(registry_module.os, "replace", failing_replace)
    with pytest.raises(OSError):
        registry.promote("v3")
    monkeypatch.undo()
    assert (root / "CURRENT").read_text() == "v2\n"
    assert [e["to"] for e in registry.history()] == ["v2"]
    assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]


def test_names_pointer_and_concurrent_promotion_are_checked(world, tmp_path):
    root = make_root(tmp_path, world.pristine, "coi-default", "v2")
    registry = ModelRegistry(root)
    for bad in ("../luar", "a/b", "", ".tersembunyi"):
        with pytest.raises(InputError):
            registry.path(bad)
    with pytest.raises(InputError, match="berubah"):
        registry.promote("v2", expect_current="v-lain")
    (root / "CURRENT").write_text("../../etc\n")
    with pytest.raises(ModelFileError, match="rusak"):
        registry.current()
    assert registry.promote("v2")["from"] is None  # a corrupted pointer is replaced
    assert registry.current() == "v2"
    when = datetime(2026, 11, 21, 15, 30, tzinfo=timezone.utc)
    assert registry.new_name(when) == "coi-20261121-1530"
    (root / "coi-20261121-1530").mkdir()
    assert registry.new_name(when) == "coi-20261121-1530-2"


def test_new_cases_split_stably_and_only_the_test_part_is_held_out(world):
    first = split_new_cases([Record(r.id, r.text, r.labels, {}) for r in world.mistakes])
    again = split_new_cases([Record(r.id, r.text, r.labels, {}) for r in world.mistakes])
    assert [r.id for r in first[1]] == [r.id for r in again[1]]
    train, held_out = first
    assert held_out and all(r.split == "test" for r in held_out)
    assert {r.split for r in train} == {"train", "dev"}
    assert len(train) + len(held_out) == len(world.mistakes)


# --- the simulated loop through the CLI -----------------------------------------------------

@pytest.fixture(scope="module")
def loop(world, tmp_path_factory):
    """Start: the start model is the default. Then `promote` with the corrections, then
    `promote` with a shuffled-label corpus. Rollback is left to the test."""
    root = tmp_path_factory.mktemp("loop") / "models"
    root.mkdir()
    shutil.copytree(world.pristine, root / "coi-default")
    common = ["--models-root", str(root), "--no-search", "--quiet"]
    good = run_cli(["promote", "--data", str(world.data), "--new-cases", str(world.corrections),
                    "--name", "coi-koreksi", *common])
    bad = run_cli(["promote", "--data", str(world.bad_data), "--name", "coi-acak", "--json",
                   "--fail-if-not-promoted", *common])
    return SimpleNamespace(root=root, good=good, bad=bad)


def test_simulated_loop_promotes_only_a_better_candidate_and_rolls_back(loop, world):
    registry = ModelRegistry(loop.root)
    start_version = load_model(loop.root / "coi-default").version

    # 1. corrections of the start model's mistakes: the candidate is better on test: promoted
    code, out, _ = loop.good
    assert code == 0 and "DIPROMOSIKAN: coi-koreksi kini model bawaan" in out
    assert "== split test (n = 260) ==" in out and "McNemar" in out and "Bootstrap" in out
    comparison = json.loads((loop.root / "coi-koreksi" / "comparison.json").read_text())
    test = comparison["test"]
    assert comparison["promote"] and test["n"] == len(world.test)
    assert test["candidate"]["macro_f1"] > test["current"]["macro_f1"]
    assert comparison["new_cases"]["n"] > 0  # held-out corrections, not trained on
    assert (comparison["new_cases"]["candidate"]["accuracy"]
            > comparison["new_cases"]["current"]["accuracy"] == 0.0)
    candidate = load_model(loop.root / "coi-koreksi")
    assert candidate.card["data_version"] == {"sha256": candidate.card["data"]["sha256"],
                                              "source": "awal.jsonl",
                                              "new_cases": "koreksi.jsonl"}
    trained_on = read_records(world.data) + split_new_cases(read_records(world.corrections))[0]
    assert candidate.card["data_version"]["sha256"] == data_hash(trained_on)

    # 2. a candidate from a corrupted corpus is worse: not promoted, kept for inspection
    code, out, _ = loop.bad
    assert code == 1  # --fail-if-not-promoted
    payload = json.loads(out)
    assert not payload["promoted"] and not payload["passes_rule"]
    test = payload["comparison"]["test"]
    assert test["candidate"]["macro_f1"] < test["current"]["macro_f1"]
    assert payload["current"]["name"] == "coi-koreksi"
    assert (loop.root / "coi-acak" / "comparison.json").is_file()
    assert registry.current() == "coi-koreksi"
    assert [e["to"] for e in registry.history()] == ["coi-koreksi"]

    # promotion happened exactly when the candidate was at least as good on the test split
    for name in ("coi-koreksi", "coi-acak"):
        c = json.loads((loop.root / name / "comparison.json").read_text())["test"]
        promoted = any(e["to"] == name for e in registry.history())
        assert promoted == (c["candidate"]["macro_f1"] >= c["current"]["macro_f1"])

    code, out, _ = run_cli(["models", "list", "--models-root", str(loop.root), "--json"])
    listed = json.loads(out)
    assert code == 0 and listed["current"] == "coi-koreksi"
    assert listed["rollback_to"] == "coi-default"
    assert {v["name"] for v in listed["versions"]} == {"coi-default", "coi-koreksi", "coi-acak"}
    code, out, _ = run_cli(["models", "list", "--models-root", str(loop.root)])
    assert code == 0 and "* coi-koreksi" in out

    # 3. rollback restores the start model; a second one has nothing to return to
    code, out, _ = run_cli(["rollback", "--models-root", str(loop.root), "--reason", "uji"])
    assert code == 0 and "coi-koreksi -> coi-default" in out
    assert registry.current() == "coi-default"
    assert load_model(registry.current_dir()).version == start_version
    assert registry.history()[-1]["reason"] == "uji"
    code, _, err = run_cli(["rollback", "--models-root", str(loop.root)])
    assert code == 2 and err.startswith("galat: Tidak ada model sebelumnya")


def test_promote_refuses_an_existing_version_name_before_training(loop, world, monkeypatch):
    monkeypatch.setattr("coi_nlp.model.promotion.train_model",
                        lambda *a, **k: pytest.fail("trained before the name check"))
    code, _, err = run_cli(["promote", "--data", str(world.data), "--name", "coi-koreksi",
                            "--models-root", str(loop.root), "--no-search", "--quiet"])
    assert code == 2 and "galat: Versi model sudah ada" in err


def test_models_list_last_limits_the_history(loop, capsys):
    history = ModelRegistry(loop.root).history()
    assert history  # the loop promoted at least once

    def shown(*last: str) -> list[str]:
        code, out, _ = run_cli(["models", "list", "--models-root", str(loop.root), *last])
        assert code == 0
        return [line for line in out.splitlines() if " -> " in line]

    assert len(shown()) == min(20, len(history))
    [latest] = shown("--last", "1")
    assert f"{history[-1]['from']} -> {history[-1]['to']}" in latest
    assert shown("--last", "0") == []
    for bad in ("-1", "dua"):
        with pytest.raises(SystemExit) as usage:
            run_cli(["models", "list", "--models-root", str(loop.root), "--last", bad])
        assert usage.value.code == 2
        assert "harus bilangan bulat 0 atau lebih" in capsys.readouterr().err


# --- comparison -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def models(loop):
    return SimpleNamespace(start=load_model(loop.root / "coi-default"),
                           better=load_model(loop.root / "coi-koreksi"),
                           worse=load_model(loop.root / "coi-acak"))


def test_compare_a_clearly_better_candidate(models, world):
    c = compare_models(models.start, models.better, world.test)
    assert c.promote and all(reason.startswith("LULUS") for reason in c.reasons)
    assert c.test.delta["macro_f1"] > 0 and c.new_cases is None
    assert set(c.test.per_label) == set(CODES)
    assert sum(m["support"] for m in c.test.per_label.values()) >= len(world.test)
    b = c.test.bootstrap
    assert b["delta_macro_f1"] == pytest.approx(c.test.delta["macro_f1"], abs=2e-4)
    assert b["ci_low"] <= b["delta_macro_f1"] <= b["ci_high"] and b["resamples"] == 1000
    m = c.test.mcnemar
    assert m["only_current_wrong"] > m["only_candidate_wrong"]
    assert c.to_dict()["test"]["bootstrap"] == b
    assert compare_models(models.start, models.better, world.test).to_dict() == c.to_dict()


def test_compare_a_clearly_worse_candidate(models, world):
    c = compare_models(models.better, models.worse, world.test)
    assert not c.promote
    assert c.test.candidate_significantly_worse and c.test.mcnemar["p_value"] < 0.001
    assert sum(reason.startswith("GAGAL") for reason in c.reasons) == 3
    assert c.test.bootstrap["ci_high"] < 0


def test_compare_ties_and_new_cases(models, world):
    same = compare_models(models.start, models.start, world.test, new_records=[])
    assert same.promote and same.test.delta == {"macro_f1": 0, "coi_f1": 0, "accuracy": 0}
    assert same.test.mcnemar == {"only_candidate_wrong": 0, "only_current_wrong": 0,
                                 "p_value": 1.0}
    assert "dilewati" in same.reasons[-1]
    # on the corrections the start model is always wrong: a candidate as bad as it fails
    _, held_out = split_new_cases([Record(r.id, r.text, r.labels, {}) for r in world.mistakes])
    back = compare_models(models.better, models.start, world.test, new_records=held_out)
    assert back.new_cases.n == len(held_out) and back.new_cases.candidate["accuracy"] == 0
    assert not back.promote
    assert any(r.startswith("GAGAL: akurasi kasus baru") for r in back.reasons)
