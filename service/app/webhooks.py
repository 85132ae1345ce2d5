"""Outbound webhooks: push a triage result (redacted) to the API client's URL.

Events: ``triage.completed`` for every triage, and ``triage.needs_review`` as well when the
model flagged it. Each POST carries

* ``X-COI-Event``: the event name; ``X-COI-Delivery``: a unique id (retries keep it);
* ``X-COI-Timestamp``: Unix seconds; ``X-COI-Signature``: ``v1=`` + hex HMAC-SHA256 over
  ``f"{timestamp}.".encode() + body`` with the client's webhook secret.

Receivers verify the signature and reject old timestamps (replay). Delivery runs on
background threads: triage only puts a job on a queue, so a slow or failing receiver never
slows triage down. Failed attempts are retried with exponential back-off (0.5 s, 1 s, 2 s, ...)
up to ``max_attempts``; every attempt is written to the delivery log.
"""

from __future__ import annotations

import hashlib
import heapq
import hmac
import itertools
import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlparse

import httpx

log = logging.getLogger("coi.service.webhooks")

__all__ = ["WebhookDispatcher", "sign", "verify_signature"]


def sign(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "v1=" + digest.hexdigest()


def verify_signature(secret: str, timestamp: str, body: bytes, signature: str,
                     tolerance_seconds: int = 300, now: float | None = None) -> bool:
    """What a receiver does (also documented in the README)."""
    try:
        ts = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((now or time.time()) - ts) > tolerance_seconds:
        return False
    return hmac.compare_digest(sign(secret, ts, body), signature or "")


def _host(url: str) -> str | None:
    try:
        return urlparse(url).hostname
    except ValueError:  # e.g. "http://[::1" (a webhook URL is not validated when stored)
        return None


@dataclass(order=True)
class _Job:
    due: float
    order: int
    key_id: str = field(compare=False)
    url: str = field(compare=False)
    secret: str = field(compare=False)
    triage_id: str = field(compare=False)
    event: str = field(compare=False)
    body: bytes = field(compare=False)
    delivery_id: str = field(compare=False)
    attempt: int = field(compare=False, default=1)


class WebhookDispatcher:
    def __init__(self, storage, metrics, max_attempts: int = 6, backoff: float = 0.5,
                 timeout: float = 5.0, threads: int = 4):
        self.storage, self.metrics = storage, metrics
        self.max_attempts, self.backoff, self.timeout = max_attempts, backoff, timeout
        self._heap: list[_Job] = []
        self._counter = itertools.count()
        self._cv = threading.Condition()
        self._stopping = False
        self._client = httpx.Client(timeout=timeout, follow_redirects=False)
        self._threads = [threading.Thread(target=self._run, name=f"webhook-{i}", daemon=True)
                         for i in range(threads)]
        for thread in self._threads:
            thread.start()

    def enqueue(self, api_key, triage_id: str, result: dict) -> None:
        """Queue the events of one triage for a client with a webhook URL (no I/O here)."""
        if not api_key.webhook_url or not api_key.webhook_secret:
            return
        events = ["triage.completed"] + (["triage.needs_review"] if result["needs_review"]
                                         else [])
        for event in events:
            body = json.dumps({"event": event, "triage": result}, ensure_ascii=False).encode()
            self._push(_Job(time.monotonic(), next(self._counter), api_key.key_id,
                            api_key.webhook_url, api_key.webhook_secret, triage_id, event, body,
                            uuid.uuid4().hex))

    def _push(self, job: _Job) -> None:
        with self._cv:
            heapq.heappush(self._heap, job)
            self._cv.notify()

    def pending(self) -> int:
        with self._cv:
            return len(self._heap)

    def _next_job(self) -> _Job | None:
        with self._cv:
            while not self._stopping:
                if self._heap:
                    wait = self._heap[0].due - time.monotonic()
                    if wait <= 0:
                        return heapq.heappop(self._heap)
                    self._cv.wait(wait)
                else:
                    self._cv.wait()
            return None

    def _run(self) -> None:
        while (job := self._next_job()) is not None:
            try:
                self._deliver(job)
            except Exception:  # one bad job must never kill a delivery thread
                log.exception("webhook job failed", extra={"triage_id": job.triage_id})

    def _deliver(self, job: _Job) -> None:
        timestamp = int(time.time())
        headers = {"Content-Type": "application/json", "X-COI-Event": job.event,
                   "X-COI-Delivery": job.delivery_id, "X-COI-Timestamp": str(timestamp),
                   "X-COI-Signature": sign(job.secret, timestamp, job.body),
                   "User-Agent": "coi-nlp-webhook/1"}
        status, error = None, None
        try:
            response = self._client.post(job.url, content=job.body, headers=headers)
            status = response.status_code
            delivered = 200 <= status < 300
            if not delivered:
                error = f"HTTP {status}"
        except Exception as exc:  # noqa: BLE001 - not only httpx.HTTPError: a malformed URL
            # raises httpx.InvalidURL or UnicodeError, which must fail this delivery, not kill
            # the delivery thread (every thread dead = no webhook for any client any more).
            delivered, error = False, type(exc).__name__
        try:
            self.storage.log_delivery(job.key_id, job.triage_id, job.event, job.attempt, status,
                                      error, delivered)
        except Exception:  # the log must never kill the delivery thread
            log.exception("delivery log failed")
        outcome = "delivered" if delivered else ("retry" if job.attempt < self.max_attempts
                                                 else "failed")
        self.metrics.webhooks.labels(outcome).inc()
        log.info("webhook", extra={"triage_id": job.triage_id, "event": job.event,
                                   "attempt": job.attempt, "status": status,
                                   "url_host": _host(job.url)})
        if not delivered and job.attempt < self.max_attempts:
            job.attempt += 1
            job.due = time.monotonic() + self.backoff * 2 ** (job.attempt - 2)
            self._push(job)

    def close(self, drain_seconds: float = 2.0) -> None:
        deadline = time.monotonic() + drain_seconds
        while self.pending() and time.monotonic() < deadline:
            time.sleep(0.05)
        with self._cv:
            self._stopping = True
            self._cv.notify_all()
        for thread in self._threads:
            thread.join(timeout=self.timeout + 1)
        self._client.close()
