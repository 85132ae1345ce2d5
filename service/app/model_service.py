"""The model behind one small interface: load once, triage, reload without downtime.

Without ``COI_MODEL_DIR`` the service follows the model registry's default
(``models/CURRENT``, see :mod:`coi_nlp.model.registry`): at most every
:data:`CHECK_SECONDS` a request reads the pointer (one small file and one ``stat``), and when
it names another version - or the same directory was rewritten - a background thread loads
and warms the new model, then swaps it in. Requests never wait for a load: until the swap
they use the old model, and every result names the version that produced it
(``model_version``, also stored in the audit log). A model that fails to load (checksums,
scikit-learn version) is logged and skipped until the pointer changes again.

``POST /v1/model/reload`` and ``SIGHUP`` (POSIX, see :meth:`ModelService.install_sighup`)
reload on demand: the registry's default, or the fixed ``COI_MODEL_DIR``. With several
uvicorn workers, ``SIGHUP`` to the supervisor makes uvicorn replace the workers one by one
(each new worker loads the current default); ``SIGHUP`` to a worker reloads in place.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from pathlib import Path

from coi_nlp.errors import CoiNlpError, ConfigError, InputError
from coi_nlp.institution_config import load_institution_config
from coi_nlp.model.artifacts import SUMS_FILE, LoadedModel, default_model_dir, load_model
from coi_nlp.triage import Triager

__all__ = ["CHECK_SECONDS", "ModelService"]

CHECK_SECONDS = 2.0
log = logging.getLogger("coi.service.model")


def _signature(directory: Path) -> tuple:
    """What identifies a model on disk: its resolved directory and checksum file's mtime."""
    directory = Path(directory).resolve()
    try:
        return str(directory), (directory / SUMS_FILE).stat().st_mtime_ns
    except OSError:
        return str(directory), None


class ModelService:
    """The loaded model, per-institution triagers, and reloading.

    Parameters
    ----------
    model_dir : Path or None
        A fixed model directory (``COI_MODEL_DIR``), or None to follow the registry's
        default (``models/CURRENT``).
    institutions_dir : Path or None
        Directory of ``<name>.toml`` institution configurations.
    max_chars : int
        Longest accepted text.
    check_seconds : float
        How often, at most, requests check whether the registry's default changed.
    """

    def __init__(self, model_dir: Path | None, institutions_dir: Path | None, max_chars: int,
                 check_seconds: float = CHECK_SECONDS):
        self.model_dir = model_dir
        self.institutions_dir = institutions_dir
        self.max_chars = max_chars
        self.check_seconds = check_seconds
        self._lock = threading.Lock()        # guards the swap of the state
        self._reloading = threading.Lock()   # one load at a time
        directory = Path(model_dir) if model_dir else default_model_dir()
        self._signature, self._failed = _signature(directory), None
        # the model and its triagers, replaced together in one assignment
        self._state: tuple[LoadedModel, dict] = self._warm_state(load_model(directory))
        self._next_check = time.monotonic() + check_seconds

    @property
    def model(self) -> LoadedModel:
        return self._state[0]

    @property
    def version(self) -> str:
        return self.model.version

    @property
    def follows_registry(self) -> bool:
        return self.model_dir is None

    def triager(self, institution: str | None) -> Triager:
        self._check_default()
        model, triagers = self._state  # one consistent snapshot
        triager = triagers.get(institution)
        if triager is None:
            config = None
            if institution:
                path = (self.institutions_dir / f"{institution}.toml"
                        if self.institutions_dir else None)
                if path is None or not path.is_file():
                    raise InputError(f"Instansi tidak dikenal: {institution}.",
                                     f"Unknown institution: {institution}.",
                                     code="instansi_tidak_dikenal")
                try:
                    config = load_institution_config(path)
                except ConfigError as exc:
                    raise InputError(str(exc), "Institution configuration is invalid.",
                                     code="instansi_tidak_valid") from None
            triager = Triager(model, config, max_chars=self.max_chars)
            with self._lock:
                triager = triagers.setdefault(institution, triager)
        return triager

    def reload(self, model_dir: Path | None = None) -> str:
        """Load a new model (``model_dir``, else the fixed directory, else the registry's
        default) and swap it in; requests in flight finish on the old one."""
        with self._reloading:
            directory = Path(model_dir or self.model_dir or default_model_dir())
            signature = _signature(directory)
            self._swap(load_model(directory), signature)
            if model_dir:
                self.model_dir = Path(model_dir)
        return self.version

    def reload_in_background(self) -> threading.Thread:
        """:meth:`reload` in a daemon thread; failures are logged, the old model stays."""
        def run():
            try:
                self.reload()
            except Exception:
                log.exception("gagal memuat ulang model", extra={"event": "model_reload_failed"})

        thread = threading.Thread(target=run, name="coi-model-reload", daemon=True)
        thread.start()
        return thread

    def install_sighup(self) -> bool:
        """Reload on ``SIGHUP``; returns False where there is no SIGHUP or off the main
        thread (signal handlers can only be set there)."""
        if not hasattr(signal, "SIGHUP") or threading.current_thread() is not \
                threading.main_thread():
            return False
        signal.signal(signal.SIGHUP, lambda signum, frame: self.reload_in_background())
        return True

    def _warm_state(self, model: LoadedModel) -> tuple[LoadedModel, dict]:
        """The state for ``model``: its default triager, warmed up so its caches are filled
        before the first real request."""
        warm = Triager(model, None, max_chars=self.max_chars)
        warm.triage("pemanasan model", None)
        return model, {None: warm}

    def _swap(self, model: LoadedModel, signature: tuple) -> None:
        state = self._warm_state(model)
        with self._lock:
            old = self._state[0].version
            self._state = state
            self._signature, self._failed = signature, None
        log.info(f"model dimuat: {model.version} (sebelumnya {old})",
                 extra={"event": "model_reloaded"})

    def _check_default(self) -> None:
        """Cheap, rate-limited: start a background load when the registry's default moved."""
        now = time.monotonic()
        if self.model_dir is not None or now < self._next_check:
            return
        self._next_check = now + self.check_seconds
        try:
            directory = default_model_dir()
        except CoiNlpError as exc:  # a corrupt CURRENT: keep serving the loaded model
            log.warning(f"penunjuk model tidak terbaca: {exc}", extra={"event": "model_pointer"})
            return
        signature = _signature(directory)
        if signature in (self._signature, self._failed):
            return
        if not self._reloading.acquire(blocking=False):
            return  # a load is already under way
        threading.Thread(target=self._follow, args=(directory, signature),
                         name="coi-model-follow", daemon=True).start()

    def _follow(self, directory: Path, signature: tuple) -> None:
        try:
            self._swap(load_model(directory), signature)
        except Exception:
            self._failed = signature
            log.exception(f"model baru tidak dapat dimuat dari {directory}; model lama tetap "
                          "dipakai", extra={"event": "model_reload_failed"})
        finally:
            self._reloading.release()
