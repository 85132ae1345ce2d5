"""Structured JSON logs with a request id. Complaint texts are never logged; as a second
line of defence every message passes through the reporter-data redaction."""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone

from coi_nlp.text.redact import redact_text

_FIELDS = ("request_id", "method", "path", "status", "duration_ms", "caller", "triage_id",
           "event", "attempt", "url_host")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
                 "level": record.levelname, "logger": record.name,
                 "message": redact_text(record.getMessage())}
        for name in _FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = redact_text(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    for name in ("coi", "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(level)
        logger.propagate = False
    logging.getLogger("uvicorn.access").disabled = True  # our middleware logs requests
