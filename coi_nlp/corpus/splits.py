"""Stable, stratified train/dev/test splits.

A record keeps the split it was given, forever: adding records never moves old ones, so
figures on the test split stay comparable across corpus versions. Records without a split
are assigned per primary label, in a fixed order given by a hash of their id, each to the
split that is furthest below its target share for that label.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

from coi_nlp.corpus.records import SPLITS, Record

__all__ = ["assign_splits", "order_key", "DEFAULT_RATIOS"]

DEFAULT_RATIOS = {"train": 0.70, "dev": 0.15, "test": 0.15}


def order_key(record: Record, seed: int) -> str:
    """A fixed, seeded order of records that does not depend on their position: the hex
    SHA-256 of ``"{seed}:{id}"``."""
    return hashlib.sha256(f"{seed}:{record.id}".encode()).hexdigest()


def assign_splits(records: list[Record], ratios: dict[str, float] | None = None,
                  seed: int = 13) -> list[Record]:
    """Give every record without a ``split`` one; returns the same records, in order."""
    ratios = ratios or DEFAULT_RATIOS
    counts: dict[str, Counter] = defaultdict(Counter)
    pending: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if record.split in SPLITS:
            counts[record.primary][record.split] += 1
        else:
            pending[record.primary].append(record)
    for label, group in pending.items():
        for record in sorted(group, key=lambda r: order_key(r, seed)):
            have = counts[label]
            total = sum(have.values()) + 1
            # the split with the largest shortfall against its target share
            split = max(SPLITS, key=lambda s: (ratios[s] * total - have[s], -SPLITS.index(s)))
            record.extra["split"] = split
            have[split] += 1
    return records
