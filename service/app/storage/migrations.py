"""Versioned schema. Each migration is a numbered function applied once, in order, and
recorded in ``schema_version``; a new column or table is a new migration, never an edit of an
old one. Applied at start-up by every worker: safe to race (see :func:`migrate`)."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)
triages = Table(
    "triages", metadata,
    Column("triage_id", String(40), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("external_id", String(200)),
    Column("institution", String(100)),
    Column("caller", String(100), nullable=False),
    Column("redacted_text", Text, nullable=False),
    Column("labels", JSON, nullable=False),
    Column("probabilities", JSON, nullable=False),
    Column("primary_label", String(40), nullable=False),
    Column("is_coi", Boolean, nullable=False),
    Column("needs_review", Boolean, nullable=False),
    Column("priority", String(10), nullable=False),
    Column("model_version", String(100), nullable=False),
    Column("received_at", String(10)),
    Column("routing", JSON, nullable=False),
)
feedback = Table(
    "feedback", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("triage_id", String(40), ForeignKey("triages.triage_id"), nullable=False, index=True),
    Column("labels", JSON, nullable=False),
    Column("confirmed", Boolean, nullable=False),
    Column("note", Text),
    Column("analyst", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
api_keys = Table(
    "api_keys", metadata,
    Column("key_id", String(40), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("role", String(20), nullable=False),
    Column("secret_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("webhook_url", String(500)),
    Column("webhook_secret", String(100)),
)
webhook_deliveries = Table(
    "webhook_deliveries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key_id", String(40), nullable=False),
    Column("triage_id", String(40), nullable=False, index=True),
    Column("event", String(40), nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("status_code", Integer),
    Column("error", String(300)),
    Column("delivered", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


def _v1_initial(connection: Connection) -> None:
    for table in (triages, feedback, api_keys, webhook_deliveries):
        table.create(connection, checkfirst=True)


MIGRATIONS = [
    (1, "audit log, feedback, API keys, webhook deliveries", _v1_initial),
]
LATEST = MIGRATIONS[-1][0]


def migrate(engine: Engine) -> int:
    """Apply missing migrations; returns the schema version. Several workers may start at
    once: PostgreSQL serialises them with an advisory lock, SQLite with its write lock."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(73410)"))
        else:
            # Take SQLite's write lock now: a plain SELECT (or pysqlite's own deferred BEGIN
            # before the first INSERT) lets two workers both see "version 1 missing" and the
            # second then fails on the schema_version primary key.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        schema_version.create(connection, checkfirst=True)
        done = set(connection.execute(select(schema_version.c.version)).scalars())
        for version, description, apply in MIGRATIONS:
            if version in done:
                continue
            apply(connection)
            connection.execute(insert(schema_version).values(
                version=version, description=description,
                applied_at=datetime.now(timezone.utc)))
        return max(done | {v for v, _, _ in MIGRATIONS})


def current_version(engine: Engine) -> int | None:
    with engine.connect() as connection:
        try:
            return connection.execute(
                select(schema_version.c.version).order_by(schema_version.c.version.desc())
            ).scalars().first()
        except Exception:
            return None
