"""API keys: random, shown once, stored only as a SHA-256 hash, compared in constant time.

A key looks like ``coi_<key_id>_<secret>``; ``key_id`` finds the row, the secret's hash is
compared with :func:`hmac.compare_digest`. The secret has 256 bits of randomness, so a plain
SHA-256 is enough (a slow password hash protects low-entropy passwords, not random keys).
Roles: ``intake`` may triage; ``analyst`` may also give feedback, export and reload.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timezone

from service.app.storage import ApiKey

__all__ = ["ROLES", "create_key", "hash_secret", "parse_key", "verify_key", "role_allows"]

ROLES = ("intake", "analyst")
HEADER = "X-API-Key"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_key(raw: str) -> tuple[str, str] | None:
    parts = raw.split("_", 2) if raw else []
    if len(parts) != 3 or parts[0] != "coi" or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


def create_key(storage, name: str, role: str, webhook_url: str | None = None
               ) -> tuple[ApiKey, str]:
    """Create and store a key; returns the record and the full key (shown once)."""
    if role not in ROLES:
        raise ValueError(f"peran tidak dikenal: {role!r} (pilih {', '.join(ROLES)})")
    key_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    record = ApiKey(key_id=key_id, name=name, role=role, secret_hash=hash_secret(secret),
                    created_at=datetime.now(timezone.utc), webhook_url=webhook_url,
                    webhook_secret=secrets.token_urlsafe(32) if webhook_url else None)
    storage.create_api_key(record)
    return record, f"coi_{key_id}_{secret}"


def verify_key(storage, raw: str | None) -> ApiKey | None:
    """The active key for ``raw``, or None (missing, malformed, unknown, revoked, wrong)."""
    parsed = parse_key(raw or "")
    if parsed is None:
        return None
    key_id, secret = parsed
    record = storage.get_api_key(key_id)
    expected = record.secret_hash if record else hash_secret("tidak-ada")
    matches = hmac.compare_digest(hash_secret(secret), expected)  # same work either way
    if record is None or not matches or record.revoked_at is not None:
        return None
    return record


def role_allows(role: str, needed: str) -> bool:
    return ROLES.index(role) >= ROLES.index(needed)
