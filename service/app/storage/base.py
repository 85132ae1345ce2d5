"""The storage interface and its records. Nothing here knows about SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterator, Protocol


class UnknownTriage(LookupError):
    """A triage_id that is not in the audit log."""


@dataclass
class TriageRecord:
    triage_id: str
    created_at: datetime
    redacted_text: str
    labels: list[str]
    probabilities: dict[str, float]
    primary: str
    is_coi: bool
    needs_review: bool
    priority: str
    model_version: str
    caller: str
    external_id: str | None = None
    institution: str | None = None
    received_at: str | None = None
    routing: list[dict] = field(default_factory=list)


@dataclass
class FeedbackRecord:
    feedback_id: int
    triage_id: str
    labels: list[str]
    confirmed: bool
    note: str | None
    analyst: str
    created_at: datetime


@dataclass
class ApiKey:
    key_id: str
    name: str
    role: str
    secret_hash: str
    created_at: datetime
    revoked_at: datetime | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None


class Storage(Protocol):
    """What the service needs from a database."""

    def save_triage(self, record: TriageRecord) -> None: ...
    def get_triage(self, triage_id: str) -> TriageRecord: ...
    def list_triages(self, since: datetime | None = None, until: datetime | None = None
                     ) -> Iterator[TriageRecord]: ...
    def count_triages(self) -> int: ...
    def save_feedback(self, triage_id: str, labels: list[str], confirmed: bool,
                      note: str | None, analyst: str) -> FeedbackRecord: ...
    def export_feedback(self) -> Iterator[dict]: ...
    def create_api_key(self, key: ApiKey) -> None: ...
    def get_api_key(self, key_id: str) -> ApiKey | None: ...
    def list_api_keys(self) -> list[ApiKey]: ...
    def revoke_api_key(self, key_id: str) -> bool: ...
    def log_delivery(self, key_id: str, triage_id: str, event: str, attempt: int,
                     status_code: int | None, error: str | None, delivered: bool) -> None: ...
    def list_deliveries(self, triage_id: str | None = None) -> list[dict]: ...
    def ping(self) -> bool: ...
