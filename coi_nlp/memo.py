"""A bounded memo for per-word results: a dict that computes missing entries itself.

Preprocessing remembers the answer for each distinct piece, word and stem it has seen (a
corpus repeats its words, new words are the expensive part), and looks answers up several
hundred times per complaint. ``functools.lru_cache`` was the first choice; a hit on its
bounded form is a function call that also moves the entry to the front of its recency list.
A :class:`Memo` hit is a plain dict lookup (``memo[key]``, done in C, no call): 17-38 ns
instead of 64-71 ns per hit, measured. Only a miss runs Python code.

Values should be tuples of strings (or strings): the garbage collector untracks such tuples
after their first collection, so a memo of them gives it nothing to walk. (The word-analysis
memo once held ``AnalysedToken`` namedtuples, which stay tracked: two objects per entry, some
30,000 after the training texts, walked by every full collection.)

When the memo is full, the oldest quarter of its entries (in insertion order) is forgotten: that
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
