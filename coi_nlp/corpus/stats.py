"""``coi-nlp corpus stats``: what is in a labelled file."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from coi_nlp.corpus.records import Record
from coi_nlp.taxonomy import CODES

__all__ = ["corpus_stats", "format_stats"]

_PHRASE = re.compile(r"\b(?:benturan|konflik)\s+kepentingan\b", re.IGNORECASE)


def corpus_stats(records: list[Record]) -> dict:
    """Counts per label, split and style, multi-label share and text lengths (in words)."""
    lengths = np.array([len(r.text.split()) for r in records]) if records else np.zeros(1)
    conflict = [r for r in records if r.is_coi]
    multi = [r for r in conflict if len(r.labels) > 1]
    by_split: dict[str, Counter] = {}
    for record in records:
        by_split.setdefault(str(record.split), Counter())[record.primary] += 1
    return {
        "n": len(records),
        "primary": {code: sum(r.primary == code for r in records) for code in CODES},
        "any_position": {code: sum(code in r.labels for r in records) for code in CODES},
        "split": {split: sum(c.values()) for split, c in sorted(by_split.items())},
        "split_by_primary": {split: dict(c) for split, c in sorted(by_split.items())},
        "style": dict(Counter(str(r.extra.get("style")) for r in records).most_common()),
        "multi_label": len(multi),
        "multi_label_share_of_conflicts": round(len(multi) / max(1, len(conflict)), 4),
        "category_phrase_records": sum(bool(_PHRASE.search(r.text)) for r in records),
        "length_words": {
            "min": int(lengths.min()), "p10": float(np.percentile(lengths, 10)),
            "median": float(np.median(lengths)), "p90": float(np.percentile(lengths, 90)),
            "max": int(lengths.max()), "mean": round(float(lengths.mean()), 1),
            "under_20": int((lengths < 20).sum()), "over_120": int((lengths > 120).sum()),
        },
    }


def format_stats(stats: dict) -> str:
    """A plain-text table of :func:`corpus_stats` for people."""
    lines = [f"Jumlah rekaman: {stats['n']}", "", f"{'label':<30}{'utama':>8}{'semua':>8}"]
    for code in CODES:
        lines.append(f"{code:<30}{stats['primary'][code]:>8}{stats['any_position'][code]:>8}")
    lines += ["", "Split: " + ", ".join(f"{k}={v}" for k, v in stats["split"].items()),
              "Gaya (style): " + ", ".join(f"{k}={v}" for k, v in stats["style"].items()),
              f"Dua label: {stats['multi_label']} "
              f"({stats['multi_label_share_of_conflicts']:.1%} dari rekaman benturan kepentingan)",
              f"Menyebut 'benturan/konflik kepentingan': {stats['category_phrase_records']}"]
    length = stats["length_words"]
    lines.append("Panjang (kata): " + ", ".join(f"{k}={v}" for k, v in length.items()))
    return "\n".join(lines)
