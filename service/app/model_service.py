"""The model behind one small interface: load once, triage, reload without downtime."""

from __future__ import annotations

import threading
from pathlib import Path

from coi_nlp.errors import ConfigError, InputError
from coi_nlp.institution_config import load_institution_config
from coi_nlp.model.artifacts import LoadedModel, load_model
from coi_nlp.triage import Triager


class ModelService:
    def __init__(self, model_dir: Path | None, institutions_dir: Path | None, max_chars: int):
        self.model_dir = model_dir
        self.institutions_dir = institutions_dir
        self.max_chars = max_chars
        self._lock = threading.Lock()
        self.model: LoadedModel = load_model(model_dir)
        self._triagers: dict[str | None, Triager] = {}

    @property
    def version(self) -> str:
        return self.model.version

    def triager(self, institution: str | None) -> Triager:
        triager = self._triagers.get(institution)
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
            triager = Triager(self.model, config, max_chars=self.max_chars)
            with self._lock:
                self._triagers[institution] = triager
        return triager

    def reload(self, model_dir: Path | None = None) -> str:
        """Load a new model; requests in flight finish on the old one."""
        model = load_model(model_dir or self.model_dir)
        with self._lock:
            self.model, self._triagers = model, {}
            if model_dir:
                self.model_dir = model_dir
        return model.version
