"""Checks on complaint text coming from callers (CLI, batch files, the service)."""

from __future__ import annotations

from coi_nlp.errors import InputError

__all__ = ["MAX_CHARS", "decode_text", "validate_text"]

# Real complaints are at most a few pages; anything longer is a mistake or an attack.
MAX_CHARS = 20_000


def decode_text(raw: bytes) -> str:
    """Decode UTF-8 strictly (a leading BOM is allowed); invalid bytes are a clear error."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"Teks bukan UTF-8 yang sah (byte ke-{exc.start}).",
            f"Text is not valid UTF-8 (byte {exc.start}).",
            code="utf8_tidak_valid",
        ) from None


def validate_text(text, max_chars: int = MAX_CHARS) -> str:
    """Return ``text`` if it is a non-empty str of at most ``max_chars`` characters."""
    if isinstance(text, bytes):
        text = decode_text(text)
    if not isinstance(text, str):
        raise InputError(
            f"Teks harus berupa string, bukan {type(text).__name__}.",
            f"Text must be a string, not {type(text).__name__}.",
            code="tipe_salah",
        )
    if not text.strip():
        raise InputError("Teks pengaduan kosong.", "Complaint text is empty.", code="teks_kosong")
    if len(text) > max_chars:
        raise InputError(
            f"Teks terlalu panjang: {len(text)} karakter (batas {max_chars}).",
            f"Text too long: {len(text)} characters (limit {max_chars}).",
            code="teks_terlalu_panjang",
        )
    return text
