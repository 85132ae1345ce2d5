"""ASGI middleware: request id, body size cap before parsing, access log, metrics."""

from __future__ import annotations

import logging
import time
import uuid

from service.app.core.errors import error_body

log = logging.getLogger("coi.service.access")


class RequestMiddleware:
    """Pure ASGI, so the body limit applies while the body streams in, before any parsing."""

    def __init__(self, app, max_body_bytes: int, metrics):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.metrics = metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        request_id = _header(scope, b"x-request-id") or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        status_holder = {"status": 500}
        declared = _header(scope, b"content-length")
        if declared and declared.isdigit() and int(declared) > self.max_body_bytes:
            return await self._too_large(scope, send, request_id, started)

        received = 0
        too_large = False

        async def limited_receive():
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    too_large = True
                    raise _BodyTooLarge()
            return message

        async def tracking_send(message):
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            return await self._too_large(scope, send, request_id, started)
        finally:
            if not too_large:
                self._record(scope, status_holder["status"], started, request_id)

    async def _too_large(self, scope, send, request_id, started):
        import json

        body = json.dumps(error_body(
            "body_terlalu_besar", f"Body melebihi {self.max_body_bytes} byte.",
            f"Request body exceeds {self.max_body_bytes} bytes.")).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"x-request-id", request_id.encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
        self._record(scope, 413, started, request_id)

    def _record(self, scope, status, started, request_id):
        duration = time.perf_counter() - started
        route = scope.get("route")
        path = getattr(route, "path", None) or "unmatched"
        self.metrics.requests.labels(scope.get("method", ""), path, str(status)).inc()
        self.metrics.latency.labels(path).observe(duration)
        log.info("request", extra={"request_id": request_id, "method": scope.get("method"),
                                   "path": path, "status": status,
                                   "duration_ms": round(duration * 1000, 2)})


class _BodyTooLarge(Exception):
    pass


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None
