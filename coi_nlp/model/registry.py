"""Model versions in one directory, which of them is the default, and the log of switches.

The models root (``$COI_MODELS_ROOT``, default the repository's ``models/``) holds::

    models/
      coi-default/          the bundled model (the default while there is no CURRENT)
      coi-20261121-1530/    a version: a model directory of :mod:`coi_nlp.model.artifacts`
      CURRENT               one line: the name of the default version
      HISTORY.jsonl         one JSON object per switch: time, action (promote|rollback),
                            from, to, version, reason, comparison summary

``CURRENT`` and ``HISTORY.jsonl`` are only ever replaced whole (a temporary file in the same
directory, then :func:`os.replace`), so a reader - a service worker checking for a new
default - sees the old or the new content, never half of it. Switches are serialised with
an advisory lock on the root directory where the platform has ``fcntl``. A version is
switched to only after it loads (checksums and scikit-learn version, see
:func:`coi_nlp.model.artifacts.load_model`).

Rollback undoes promotions in order: replaying the history, each ``promote`` pushes the
version it replaced and each ``rollback`` pops one, so two rollbacks after two promotions
return to where the first promotion started.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path

from coi_nlp.errors import InputError, ModelFileError
from coi_nlp.fileio import atomic_write_text as _atomic_write

__all__ = ["CURRENT_FILE", "DEFAULT_NAME", "HISTORY_FILE", "ModelRegistry",
           "current_model_dir", "models_root"]

DEFAULT_NAME = "coi-default"
CURRENT_FILE, HISTORY_FILE = "CURRENT", "HISTORY.jsonl"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def models_root() -> Path:
    """``$COI_MODELS_ROOT``, or the ``models/`` directory of the repository."""
    env = os.environ.get("COI_MODELS_ROOT")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "models"


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME.match(name) or ".." in name:
        raise InputError(f"Nama versi model tidak sah: {name!r} (huruf, angka, '.', '_', '-').",
                         f"Invalid model version name: {name!r}.", code="nama_model_tidak_sah")
    return name


def _read_current(root: Path) -> str:
    try:
        name = (root / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return DEFAULT_NAME
    except (OSError, UnicodeDecodeError):
        name = ""
    if not _NAME.match(name) or ".." in name:
        raise ModelFileError(f"Berkas {root / CURRENT_FILE} rusak: harus berisi satu nama "
                             "direktori model.", f"{CURRENT_FILE} is corrupt.",
                             code="penunjuk_model_rusak")
    return name


def current_model_dir(root=None) -> Path:
    """The directory of the current default version under ``root`` (default :func:`models_root`)."""
    root = Path(root) if root else models_root()
    return root / _read_current(root)


@contextlib.contextmanager
def _locked(directory: Path):
    """An exclusive advisory lock on ``directory`` itself (no lock file left behind)."""
    try:
        import fcntl
    except ImportError:  # Windows: switches are rare and made by people; no lock
        yield
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


class ModelRegistry:
    """The versions under a models root, the current default, promotion and rollback.

    Parameters
    ----------
    root : path-like, optional
        The models directory; default :func:`models_root`.

    Examples
    --------
    >>> registry = ModelRegistry("/tmp/models")           # doctest: +SKIP
    >>> registry.current()                                 # doctest: +SKIP
    'coi-default'
    >>> registry.promote("coi-20261121-1530", reason="lebih baik pada test")  # doctest: +SKIP
    """

    def __init__(self, root=None):
        self.root = Path(root) if root else models_root()

    def path(self, name: str) -> Path:
        """The directory of version ``name`` (the name is checked: no paths)."""
        return self.root / _check_name(name)

    def current(self) -> str:
        """The name of the default version: ``CURRENT``, or ``coi-default`` without it."""
        return _read_current(self.root)

    def current_dir(self) -> Path:
        return self.root / self.current()

    def history(self) -> list[dict]:
        """The switches so far, oldest first."""
        try:
            lines = (self.root / HISTORY_FILE).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines if line.strip()]

    def versions(self) -> list[dict]:
        """Every version directory with a model card: name, created, data version, test
        macro-F1, and whether it is the current default; sorted by name."""
        current = self.current()
        out = []
        directories = sorted(p for p in self.root.iterdir() if p.is_dir()) \
            if self.root.is_dir() else []
        for directory in directories:
            try:
                card = json.loads((directory / "model_card.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            data_version = card.get("data_version") or {"sha256": card.get("data", {}).get(
                "sha256"), "source": None}
            test = (card.get("metrics") or {}).get("test") or {}
            out.append({"name": directory.name, "created": card.get("created"),
                        "data_version": data_version, "test_macro_f1": test.get("macro_f1"),
                        "current": directory.name == current})
        return out

    def new_name(self, now: datetime | None = None) -> str:
        """A free version name from the UTC time: ``coi-YYYYMMDD-HHMM`` (``-2``, ... if taken)."""
        base = f"coi-{(now or datetime.now(timezone.utc)):%Y%m%d-%H%M}"
        name, n = base, 1
        while (self.root / name).exists():
            n += 1
            name = f"{base}-{n}"
        return name

    def previous(self) -> str | None:
        """The version a rollback would return to, or None."""
        stack = []
        for entry in self.history():
            if entry.get("action") == "promote" and entry.get("from"):
                stack.append(entry["from"])
            elif entry.get("action") == "rollback" and stack:
                stack.pop()
        return stack[-1] if stack else None

    def promote(self, name: str, reason: str = "", comparison: dict | None = None,
                expect_current: str | None = None) -> dict:
        """Make version ``name`` the default; returns the history entry.

        With ``expect_current``, refuse if the default is no longer that version (another
        promotion happened while the candidate was trained and compared).
        """
        with _locked(self.root):
            if expect_current is not None and self.current() != expect_current:
                raise InputError(
                    f"Model bawaan berubah menjadi {self.current()} selama perbandingan "
                    f"(dibandingkan dengan {expect_current}); jalankan promote lagi.",
                    "The default changed during the comparison.", code="model_bawaan_berubah")
            return self._switch_locked("promote", name, reason, comparison)

    def rollback(self, reason: str = "") -> dict:
        """Return to the version the last promotion not yet rolled back replaced."""
        with _locked(self.root):
            target = self.previous()
            if target is None:
                raise InputError("Tidak ada model sebelumnya untuk dikembalikan (tidak ada "
                                 "promosi yang belum dikembalikan).", "Nothing to roll back to.",
                                 code="tidak_ada_model_sebelumnya")
            return self._switch_locked("rollback", target, reason, None)

    def _switch_locked(self, action, name, reason, comparison) -> dict:
        from coi_nlp.model.artifacts import load_model

        loaded = load_model(self.path(name))  # refuse a version that does not load
        try:
            replaced = self.current()
        except ModelFileError:  # a pointer corrupted by hand is simply replaced
            replaced = None
        entry = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 "action": action, "from": replaced, "to": name,
                 "version": loaded.version, "reason": reason, "comparison": comparison}
        history = self.root / HISTORY_FILE
        old = history.read_text(encoding="utf-8") if history.exists() else ""
        if old and not old.endswith("\n"):
            old += "\n"
        # the log first, so that no switch goes unlogged; if the pointer cannot be written,
        # the entry is taken back
        _atomic_write(history, old + json.dumps(entry, ensure_ascii=False) + "\n")
        try:
            _atomic_write(self.root / CURRENT_FILE, name + "\n")
        except BaseException:
            _atomic_write(history, old)
            raise
        return entry
