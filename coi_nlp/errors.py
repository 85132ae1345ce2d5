"""Errors that reach users: each carries an Indonesian message, an English one and a code.

The CLI prints them without a traceback; the service turns them into JSON errors.
"""

from __future__ import annotations

__all__ = ["CoiNlpError", "InputError", "ModelFileError", "ConfigError"]


class CoiNlpError(Exception):
    """Base class: ``message_id`` (Bahasa Indonesia), ``message_en`` and a machine ``code``."""

    code = "coi_nlp_error"

    def __init__(self, message_id: str, message_en: str = "", code: str | None = None):
        super().__init__(message_id)
        self.message_id = message_id
        self.message_en = message_en or message_id
        if code:
            self.code = code

    def __str__(self) -> str:
        if self.message_en and self.message_en != self.message_id:
            return f"{self.message_id} ({self.message_en})"
        return self.message_id


class InputError(CoiNlpError):
    """Bad input from a caller: empty or huge text, wrong type, invalid UTF-8, bad file."""

    code = "input_tidak_valid"


class ModelFileError(CoiNlpError):
    """A model directory that is missing, corrupt, tampered with, or from another version."""

    code = "model_tidak_valid"


class ConfigError(CoiNlpError):
    """An institution configuration file that cannot be used."""

    code = "konfigurasi_tidak_valid"
