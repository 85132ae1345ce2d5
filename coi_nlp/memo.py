"""A bounded memo for per-word results: a dict that computes missing entries itself.

Preprocessing remembers the answer for each distinct piece, word and stem it has seen (a
corpus repeats its words, new words are the expensive part). ``functools.lru_cache`` was the
first choice, but its bounded form keeps one linked-list node per entry, a Python object the
cyclic garbage collector tracks: after a few thousand complaints the memos held more than
40,000 such nodes, every full collection had to walk them, and the new ones made full
collections come more often. A dict entry is not an object, and tuples of strings are
untracked by the collector after their first collection, so a :class:`Memo` adds nothing
for the collector to walk.

A hit is a plain dict lookup (``memo[key]``, done in C); only a miss runs Python code. When
the memo is full, the oldest quarter of its entries (in insertion order) is forgotten: that
keeps the words of the current run and costs nothing on a hit, where a least-recently-used
order would cost a write on every hit.

Thread safety: a hit is one dict lookup, atomic under the GIL; a miss computes outside a lock
and then counts, forgets and inserts under it, so the bound holds. Two threads may compute the
same new entry at once, which is harmless: the computations are pure.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Hashable
from typing import NamedTuple

__all__ = ["Memo", "MemoInfo"]


class MemoInfo(NamedTuple):
    """Misses, maximum size and current size of a :class:`Memo`."""

    misses: int
    maxsize: int
    currsize: int


class Memo(dict):
    """``memo[key]`` is ``compute(key)``, remembered for up to ``maxsize`` keys.

    Parameters
    ----------
    compute : callable
        A pure function of one hashable argument.
    maxsize : int
        Most entries kept; at least 1.

    Examples
    --------
    >>> square = Memo(lambda n: n * n, maxsize=100)
    >>> square[12], square[12], square.info()
    (144, 144, MemoInfo(misses=1, maxsize=100, currsize=1))
    """

    def __init__(self, compute: Callable, maxsize: int):
        super().__init__()
        if not isinstance(maxsize, int) or maxsize < 1:
            raise ValueError(f"maxsize harus bilangan bulat >= 1, bukan {maxsize!r}")
        self.compute = compute
        self.maxsize = maxsize
        self.misses = 0
        self._lock = threading.Lock()

    def __missing__(self, key: Hashable):
        value = self.compute(key)
        with self._lock:  # misses only: a hit never gets here
            self.misses += 1
            if len(self) >= self.maxsize:
                forget = max(1, self.maxsize // 4)
                for old in list(itertools.islice(iter(self), forget)):
                    del self[old]
            self[key] = value
        return value

    def info(self) -> MemoInfo:
        """Misses, maximum size and current size."""
        return MemoInfo(self.misses, self.maxsize, len(self))

    # A memo is a process-local cache of a function: it is never pickled with its entries.
    def __reduce__(self):
        return (type(self), (self.compute, self.maxsize))
