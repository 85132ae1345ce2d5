"""Storage behind one small interface (:class:`Storage`): the triage audit log, analyst
feedback, API keys and webhook deliveries. One SQLAlchemy implementation serves the embedded
SQLite default and PostgreSQL alike."""

from service.app.storage.base import ApiKey, FeedbackRecord, Storage, TriageRecord, UnknownTriage
from service.app.storage.sql import SqlStorage

__all__ = ["ApiKey", "FeedbackRecord", "SqlStorage", "Storage", "TriageRecord", "UnknownTriage"]
