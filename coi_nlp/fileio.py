"""Replacing a file in one step, so a reader never sees half of it and a crash never
leaves a truncated file: write a temporary file in the same directory, flush and fsync it,
then :func:`os.replace` it over the target."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write_text", "atomic_writer"]


@contextlib.contextmanager
def atomic_writer(path):
    """Open a temporary text file (UTF-8) next to ``path``; on leaving the block without an
    error it is flushed, fsynced and moved over ``path``, otherwise it is removed."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_text(path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step (temporary file, fsync, os.replace)."""
    with atomic_writer(path) as handle:
        handle.write(text)
