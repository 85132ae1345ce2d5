"""The SQLAlchemy implementation of :class:`Storage`: SQLite (WAL) by default, PostgreSQL
through ``COI_DATABASE_URL``."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.pool import NullPool

from service.app.storage.base import ApiKey, FeedbackRecord, TriageRecord, UnknownTriage
from service.app.storage.migrations import api_keys, feedback, migrate, triages, webhook_deliveries

__all__ = ["SqlStorage", "make_engine"]


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _to_utc(value: datetime | None) -> datetime | None:
    """An aware UTC datetime for the database (naive means UTC). SQLite stores DateTime
    without its offset, so anything else would be stored and compared as wall-clock time."""
    if value is None:
        return None
    return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # NullPool: a connection per use, so several processes (workers) share the file
        # through SQLite's own locking, never through a stale pooled connection.
        engine = create_engine(url, poolclass=NullPool,
                               connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


class SqlStorage:
    """Storage on any SQLAlchemy URL; creates and migrates the schema on start."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.schema_version = self._retry(lambda: migrate(self.engine))

    @staticmethod
    def _retry(fn, attempts: int = 5):
        # SQLite may report "database is locked" when several workers migrate at once.
        for attempt in range(attempts):
            try:
                return fn()
            except OperationalError:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.2 * (attempt + 1))

    # --- triage audit log ---------------------------------------------------------------
    def save_triage(self, record: TriageRecord) -> None:
        row = {
            "triage_id": record.triage_id, "created_at": _to_utc(record.created_at),
            "external_id": record.external_id, "institution": record.institution,
            "caller": record.caller, "redacted_text": record.redacted_text,
            "labels": record.labels, "probabilities": record.probabilities,
            "primary_label": record.primary, "is_coi": record.is_coi,
            "needs_review": record.needs_review, "priority": record.priority,
            "model_version": record.model_version, "received_at": record.received_at,
            "routing": record.routing,
        }
        self._retry(lambda: self._execute(insert(triages).values(**row)))

    def _execute(self, statement):
        with self.engine.begin() as connection:
            return connection.execute(statement)

    @staticmethod
    def _triage(row) -> TriageRecord:
        return TriageRecord(
            triage_id=row.triage_id, created_at=_utc(row.created_at),
            redacted_text=row.redacted_text, labels=list(row.labels),
            probabilities=dict(row.probabilities), primary=row.primary_label,
            is_coi=bool(row.is_coi), needs_review=bool(row.needs_review),
            priority=row.priority, model_version=row.model_version, caller=row.caller,
            external_id=row.external_id, institution=row.institution,
            received_at=row.received_at, routing=list(row.routing or []))

    def get_triage(self, triage_id: str) -> TriageRecord:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(triages).where(triages.c.triage_id == triage_id)).first()
        if row is None:
            raise UnknownTriage(triage_id)
        return self._triage(row)

    def list_triages(self, since=None, until=None) -> Iterator[TriageRecord]:
        query = select(triages).order_by(triages.c.created_at)
        if since is not None:
            query = query.where(triages.c.created_at >= _to_utc(since))
        if until is not None:
            query = query.where(triages.c.created_at < _to_utc(until))
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                yield self._triage(row)

    def count_triages(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(triages)).scalar_one()

    # --- feedback -----------------------------------------------------------------------
    def save_feedback(self, triage_id, labels, confirmed, note, analyst) -> FeedbackRecord:
        self.get_triage(triage_id)  # UnknownTriage for a missing id
        created = datetime.now(timezone.utc)
        try:
            result = self._execute(insert(feedback).values(
                triage_id=triage_id, labels=list(labels), confirmed=confirmed, note=note,
                analyst=analyst, created_at=created))
        except IntegrityError:
            raise UnknownTriage(triage_id) from None
        return FeedbackRecord(result.inserted_primary_key[0], triage_id, list(labels),
                              confirmed, note, analyst, created)

    def export_feedback(self) -> Iterator[dict]:
        """The latest feedback per triage, joined to its redacted text: corpus records."""
        latest = (select(feedback.c.triage_id, func.max(feedback.c.id).label("id"))
                  .group_by(feedback.c.triage_id).subquery())
        query = (select(feedback, triages.c.redacted_text, triages.c.labels.label("predicted"))
                 .join(latest, feedback.c.id == latest.c.id)
                 .join(triages, triages.c.triage_id == feedback.c.triage_id)
                 .order_by(feedback.c.id))
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                yield {"id": row.triage_id, "text": row.redacted_text, "labels": list(row.labels),
                       "source": "feedback", "predicted_labels": list(row.predicted),
                       "confirmed": bool(row.confirmed), "note": row.note,
                       "analyst": row.analyst,
                       "feedback_at": _utc(row.created_at).isoformat()}

    # --- API keys -----------------------------------------------------------------------
    def create_api_key(self, key: ApiKey) -> None:
        self._execute(insert(api_keys).values(
            key_id=key.key_id, name=key.name, role=key.role, secret_hash=key.secret_hash,
            created_at=key.created_at, revoked_at=key.revoked_at, webhook_url=key.webhook_url,
            webhook_secret=key.webhook_secret))

    @staticmethod
    def _key(row) -> ApiKey:
        return ApiKey(row.key_id, row.name, row.role, row.secret_hash, _utc(row.created_at),
                      _utc(row.revoked_at), row.webhook_url, row.webhook_secret)

    def get_api_key(self, key_id: str) -> ApiKey | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(api_keys).where(api_keys.c.key_id == key_id)).first()
        return self._key(row) if row else None

    def list_api_keys(self) -> list[ApiKey]:
        with self.engine.connect() as connection:
            return [self._key(r) for r in connection.execute(
                select(api_keys).order_by(api_keys.c.created_at))]

    def revoke_api_key(self, key_id: str) -> bool:
        result = self._execute(update(api_keys).where(api_keys.c.key_id == key_id,
                                                      api_keys.c.revoked_at.is_(None))
                               .values(revoked_at=datetime.now(timezone.utc)))
        return result.rowcount > 0

    # --- webhook deliveries -------------------------------------------------------------
    def log_delivery(self, key_id, triage_id, event, attempt, status_code, error, delivered):
        self._retry(lambda: self._execute(insert(webhook_deliveries).values(
            key_id=key_id, triage_id=triage_id, event=event, attempt=attempt,
            status_code=status_code, error=(error or None) and error[:300],
            delivered=delivered, created_at=datetime.now(timezone.utc))))

    def list_deliveries(self, triage_id: str | None = None) -> list[dict]:
        query = select(webhook_deliveries).order_by(webhook_deliveries.c.id)
        if triage_id:
            query = query.where(webhook_deliveries.c.triage_id == triage_id)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def ping(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
            return True
        except Exception:
            return False
