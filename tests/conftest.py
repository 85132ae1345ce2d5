"""Shared fixtures: a small model trained once per test session on part of the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from coi_nlp.corpus.records import Record, read_records

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "coi" / "corpus.jsonl"


def small_records(per_label: int = 14) -> list[Record]:
    """A balanced slice of the corpus: ``per_label`` records per primary label and split
    share 70/15/15, keeping the corpus's own split of each record."""
    chosen, taken = [], {}
    for record in read_records(CORPUS):
        key = (record.primary, record.split)
        limit = {"train": per_label, "dev": max(3, per_label // 3),
                 "test": max(3, per_label // 3)}[record.split]
        if taken.get(key, 0) < limit:
            taken[key] = taken.get(key, 0) + 1
            chosen.append(record)
    return chosen


@pytest.fixture(scope="session")
def small_training():
    from coi_nlp.model.training import train_model

    return train_model(small_records(), name="uji-kecil", search=False, show_progress=False)


@pytest.fixture(scope="session")
def small_model_dir(small_training, tmp_path_factory):
    from coi_nlp.model.artifacts import save_model
    from coi_nlp.model.card import card_markdown

    model, card = small_training
    directory = tmp_path_factory.mktemp("model") / "uji-kecil"
    save_model(model, directory, card, card_markdown(card))
    return directory


@pytest.fixture(scope="session")
def small_model(small_model_dir):
    from coi_nlp.model.artifacts import load_model

    return load_model(small_model_dir)
