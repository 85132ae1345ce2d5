"""The bounded memo behind the per-word caches (coi_nlp/memo.py)."""

import gc
import pickle
import threading

import pytest

from coi_nlp.memo import Memo, MemoInfo


def test_computes_once_per_key():
    calls = []
    memo = Memo(lambda word: calls.append(word) or word.upper(), maxsize=10)
    assert [memo[w] for w in ["a", "b", "a", "a", "b"]] == ["A", "B", "A", "A", "B"]
    assert calls == ["a", "b"]
    assert memo.info() == MemoInfo(misses=2, maxsize=10, currsize=2)


def test_full_memo_forgets_the_oldest_quarter():
    memo = Memo(str, maxsize=8)
    for i in range(8):
        memo[i]
    memo[8]  # full: 0 and 1 (a quarter of 8) are forgotten first
    assert sorted(memo) == [2, 3, 4, 5, 6, 7, 8]
    for i in range(100):
        memo[i]
    assert len(memo) <= 8 and 99 in memo


def test_a_failed_computation_is_not_remembered():
    def compute(word):
        if word == "rusak":
            raise ValueError(word)
        return word

    memo = Memo(compute, maxsize=4)
    with pytest.raises(ValueError):
        memo["rusak"]
    assert "rusak" not in memo and memo["baik"] == "baik"


@pytest.mark.parametrize("maxsize", [0, -1, 2.5, None])
def test_rejects_a_bad_size(maxsize):
    with pytest.raises(ValueError, match="maxsize"):
        Memo(str, maxsize=maxsize)


def test_pickles_without_its_entries():
    memo = Memo(str.upper, maxsize=5)
    memo["kata"]
    clone = pickle.loads(pickle.dumps(memo))
    assert len(clone) == 0 and clone.maxsize == 5 and clone["kata"] == "KATA"


def test_entries_add_nothing_for_the_garbage_collector():
    """A Memo keeps its entries in the dict itself: tuples of strings stored in it are
    untracked after one collection, so a large memo gives the collector nothing to walk."""
    memo = Memo(lambda word: (word, word + "x"), maxsize=100_000)
    gc.collect()
    before = len(gc.get_objects())
    for i in range(20_000):
        memo[f"kata{i}"]
    gc.collect()
    assert len(gc.get_objects()) - before < 100


def test_threads_share_one_memo_safely():
    memo = Memo(lambda n: n * n, maxsize=64)
    errors = []

    def work(offset):
        try:
            for i in range(5_000):
                key = (i * 7 + offset) % 500
                assert memo[key] == key * key
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(memo) <= 64
