"""``coi-nlp promote`` as a library call: train a candidate, compare, switch only if better.

1. The corpus (``data``) keeps its splits (records without one get a stable split first, so
   the test split does not depend on the new cases). Its test split is the fixed test set.
2. New cases (e.g. the service's ``GET /v1/feedback/export``) without a split get one the
   same way, among themselves (:func:`split_new_cases`): their ``train`` and ``dev`` parts
   join the candidate's training data, their ``test`` part is held out to compare both
   models on cases like the ones that prompted retraining. Cases in the training data
   would flatter the candidate, so they are never compared on.
3. The candidate is trained (:func:`coi_nlp.model.training.train_model`) into a new version
   directory of the registry, its card records the data version (hash and file names), and
   ``comparison.json`` next to it records the comparison.
4. :func:`coi_nlp.model.compare.compare_models` decides; only a candidate that passes is made
   the default (:meth:`ModelRegistry.promote`). A rejected candidate stays on disk for
   inspection and is not the default.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from coi_nlp.corpus.records import read_records
from coi_nlp.corpus.splits import assign_splits
from coi_nlp.errors import InputError
from coi_nlp.model.artifacts import LoadedModel, load_model, save_model
from coi_nlp.model.card import card_markdown
from coi_nlp.model.compare import RESAMPLES, Comparison, compare_models
from coi_nlp.model.registry import ModelRegistry
from coi_nlp.model.training import train_model

__all__ = ["COMPARISON_FILE", "PromotionResult", "promote", "split_new_cases"]

COMPARISON_FILE = "comparison.json"


@dataclass
class PromotionResult:
    """What :func:`promote` did.

    Attributes
    ----------
    current, candidate : LoadedModel
        The default before the run, and the new version.
    comparison : Comparison
    promoted : bool
        Whether the candidate is now the default (False with ``compare_only``).
    entry : dict or None
        The history entry of the promotion.
    new_cases : dict
        How many new cases went to train, dev, and the held-out comparison.
    """

    current: LoadedModel
    candidate: LoadedModel
    comparison: Comparison
    promoted: bool
    entry: dict | None
    new_cases: dict


def split_new_cases(records, seed: int = 13):
    """Give new cases without a split a stable one; return (for training, held out).

    Splits are assigned among the new cases only (per primary label, by a hash of the id,
    70/15/15; :func:`coi_nlp.corpus.splits.assign_splits`), so the same file always splits
    the same way. ``test`` cases are held out; ``train`` and ``dev`` ones are for training.
    """
    assign_splits(records, seed=seed)
    return ([r for r in records if r.split != "test"], [r for r in records if r.split == "test"])


def promote(data, new_cases=None, root=None, name: str | None = None, seed: int = 0,
            search: bool = True, compare_only: bool = False, show_progress: bool = True,
            resamples: int = RESAMPLES) -> PromotionResult:
    """Train a candidate on ``data`` (+ new cases), compare, and promote it if it passes.

    Parameters
    ----------
    data : path-like
        The corpus (JSONL/CSV in the record format) with its fixed splits.
    new_cases : path-like, optional
        Newly labelled cases (e.g. corrections from the service).
    root : path-like, optional
        Models root of the registry (default :func:`coi_nlp.model.registry.models_root`).
    name : str, optional
        Version name; default ``coi-YYYYMMDD-HHMM`` (UTC).
    seed, search, show_progress
        Passed to :func:`coi_nlp.model.training.train_model`.
    compare_only : bool
        Train and compare but never switch the default.
    resamples : int
        Paired bootstrap resamples.

    Returns
    -------
    PromotionResult
    """
    registry = ModelRegistry(root)
    records = assign_splits(read_records(data), seed=seed)
    test = [r for r in records if r.split == "test"]
    if not test:
        raise InputError(f"Tidak ada rekaman split test di {data}: perbandingan butuh split "
                         "test yang tetap.", "No test-split records to compare on.",
                         code="data_test_kosong")
    new_train, held_out = split_new_cases(read_records(new_cases)) if new_cases else ([], [])
    current_name = registry.current()
    current = load_model(registry.path(current_name))  # fail before training, not after
    name = name or registry.new_name()
    directory = registry.path(name)
    if directory.exists():
        raise InputError(f"Versi model sudah ada: {directory}.", "Version exists.",
                         code="versi_sudah_ada")
    model, card = train_model(records + new_train, name=name, seed=seed, search=search,
                              show_progress=show_progress)
    card["data_version"] = {**card["data_version"], "source": Path(data).name,
                            "new_cases": Path(new_cases).name if new_cases else None}
    candidate = save_model(model, directory, card, card_markdown(card))
    comparison = compare_models(current, candidate, test,
                                held_out if new_cases else None, resamples, seed)
    (directory / COMPARISON_FILE).write_text(
        json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    entry = None
    if comparison.promote and not compare_only:
        entry = registry.promote(name, reason="lolos aturan promosi",
                                 comparison=comparison.summary(), expect_current=current_name)
    counts = {"train": sum(r.split == "train" for r in new_train),
              "dev": sum(r.split == "dev" for r in new_train), "held_out": len(held_out)}
    return PromotionResult(current, candidate, comparison, entry is not None, entry, counts)
