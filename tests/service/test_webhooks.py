"""Outbound webhooks against REAL HTTP receivers on loopback: signed and redacted bodies,
retries with back-off while a receiver is down or failing, a slow receiver never slows
triage, and a malformed webhook URL never stops deliveries to anybody else."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from service.app.core.security import create_key
from service.app.storage import SqlStorage
from service.app.webhooks import sign, verify_signature
from tests.service.conftest import (
    backends,
    drop_database,
    free_port,
    fresh_database_url,
    start_server,
    stop_server,
)

MAX_ATTEMPTS = 4  # COI_WEBHOOK_MAX_ATTEMPTS of the service under test
BACKOFF = 0.1     # COI_WEBHOOK_BACKOFF_SECONDS: retries after 0.1 s, 0.2 s, 0.4 s

PII = " Hubungi saya: 0812-3456-7890, rina.warga@contoh.id, NIK 3273014506880002."
SECRETS = ("0812-3456-7890", "3456-7890", "08123456789", "rina.warga", "contoh.id",
           "3273014506880002")
FLAGGED = "Camat minta jatah proyek." + PII            # the model sends it to review
NOT_FLAGGED = "Pak kades minta 500rb untuk surat pengantar." + PII


# --- a real receiver --------------------------------------------------------------------

class Receiver:
    """An HTTP server on 127.0.0.1 in a thread. Records every POST (headers, body, time);
    answers ``status`` after sleeping ``delay`` seconds."""

    def __init__(self, port: int | None = None, status: int = 200, delay: float = 0.0):
        self.port = port or free_port()
        self.status, self.delay = status, delay
        self.requests: list[dict] = []
        self.finished = 0
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver._lock:
                    receiver.requests.append({"path": self.path, "body": body,
                                              "headers": dict(self.headers.items()),
                                              "at": time.monotonic()})
                if receiver.delay:
                    time.sleep(receiver.delay)
                self.send_response(receiver.status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
                with receiver._lock:
                    receiver.finished += 1

            def log_message(self, *args):  # keep pytest output clean
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def for_triage(self, triage_id: str) -> list[dict]:
        with self._lock:
            return [r for r in self.requests if json.loads(r["body"])["triage"]["triage_id"]
                    == triage_id]

    def wait_for(self, triage_id: str, count: int, timeout: float = 10.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.for_triage(triage_id)
            if len(got) >= count:
                return got
            time.sleep(0.02)
        raise AssertionError(f"{len(self.for_triage(triage_id))} of {count} webhooks arrived")


# --- fixtures and helpers ---------------------------------------------------------------

@pytest.fixture(scope="module", params=backends())
def hooked(request, tmp_path_factory):
    """The real service (one worker) whose intake key posts to a healthy receiver."""
    tmp = tmp_path_factory.mktemp(f"hooks-{request.param}")
    database_url = fresh_database_url(request.param, tmp)
    receiver = Receiver().start()
    srv = start_server(tmp, database_url, webhook_url=receiver.url,
                       extra_env={"COI_WEBHOOK_MAX_ATTEMPTS": str(MAX_ATTEMPTS),
                                  "COI_WEBHOOK_BACKOFF_SECONDS": str(BACKOFF)})
    storage = SqlStorage(database_url)
    yield srv, receiver, storage
    stop_server(srv)
    receiver.stop()
    storage.engine.dispose()
    drop_database(database_url)


def add_intake_key(storage, webhook_url: str) -> tuple[str, str]:
    """A further intake key with its own webhook URL, stored in the service's database by
    the function behind `coi-nlp keys create` (in-process: a CLI run per key is slow)."""
    record, api_key = create_key(storage, "uji-hook", "intake", webhook_url)
    assert record.webhook_url == webhook_url and record.webhook_secret
    return api_key, record.webhook_secret


def triage(srv, text: str, api_key: str | None = None) -> dict:
    with srv.client(role=None) as client:
        response = client.post("/v1/triage", json={"text": text, "external_id": "LAPOR-W"},
                               headers={"X-API-Key": api_key or srv.keys["intake"]})
    assert response.status_code == 200, response.text
    return response.json()


def expected_events(result: dict) -> list[str]:
    return ["triage.completed"] + (["triage.needs_review"] if result["needs_review"] else [])


def wait_log(storage, triage_id: str, done, timeout: float = 15.0) -> list[dict]:
    """Poll the delivery log until ``done(rows)``."""
    deadline = time.monotonic() + timeout
    rows: list[dict] = []
    while time.monotonic() < deadline:
        rows = storage.list_deliveries(triage_id)
        if done(rows):
            return rows
        time.sleep(0.05)
    raise AssertionError(f"delivery log not as expected: {rows}")


def finished(rows: list[dict], events: list[str]) -> bool:
    """Every event delivered or out of attempts."""
    return all(any(r["event"] == e and (r["delivered"] or r["attempt"] >= MAX_ATTEMPTS)
                   for r in rows) for e in events)


def webhook_counter(srv) -> dict[str, float]:
    with srv.client(role=None) as client:
        text = client.get("/metrics").text
    return {m.group(1): float(m.group(2)) for m in re.finditer(
        r'^coi_webhook_deliveries_total\{outcome="(\w+)"\} ([0-9.e+]+)$', text, re.MULTILINE)}


def assert_signed(request: dict, secret: str) -> None:
    headers = request["headers"]
    assert headers["X-COI-Signature"].startswith("v1=")
    assert verify_signature(secret, headers["X-COI-Timestamp"], request["body"],
                            headers["X-COI-Signature"])
    assert abs(int(headers["X-COI-Timestamp"]) - time.time()) < 60
    assert not verify_signature(secret + "x", headers["X-COI-Timestamp"], request["body"],
                                headers["X-COI-Signature"])


# --- end to end ---------------------------------------------------------------------------

def test_triage_posts_signed_redacted_events(hooked):
    srv, receiver, storage = hooked
    secret = srv.keys["webhook_secret"]
    flagged, plain = triage(srv, FLAGGED), triage(srv, NOT_FLAGGED)
    assert flagged["needs_review"] is True and plain["needs_review"] is False

    got = receiver.wait_for(flagged["triage_id"], 2)
    assert sorted(r["headers"]["X-COI-Event"] for r in got) == ["triage.completed",
                                                                "triage.needs_review"]
    assert len({r["headers"]["X-COI-Delivery"] for r in got}) == 2
    receiver.wait_for(plain["triage_id"], 1)
    time.sleep(0.5)  # a needs_review event for the unflagged triage would be here by now
    got_plain = receiver.for_triage(plain["triage_id"])
    assert [r["headers"]["X-COI-Event"] for r in got_plain] == ["triage.completed"]

    for request, result in [(r, flagged) for r in got] + [(got_plain[0], plain)]:
        assert request["path"] == "/hook"
        assert request["headers"]["Content-Type"] == "application/json"
        assert request["headers"]["User-Agent"].startswith("coi-nlp-webhook/")
        assert_signed(request, secret)
        payload = json.loads(request["body"])
        assert payload["event"] == request["headers"]["X-COI-Event"]
        assert payload["triage"] == result  # the same (redacted) result the API returned
        raw = request["body"].decode("utf-8")
        for secret_text in SECRETS:
            assert secret_text not in raw

    for result in (flagged, plain):
        rows = wait_log(storage, result["triage_id"],
                        lambda rows, r=result: len(rows) == len(expected_events(r)))
        assert sorted(r["event"] for r in rows) == expected_events(result)
        assert all(r["delivered"] and r["status_code"] == 200 and r["attempt"] == 1
                   and r["error"] is None for r in rows)


def test_receiver_down_then_up_is_retried_and_delivered(hooked):
    srv, _, storage = hooked
    port = free_port()  # nothing listens here yet
    down = Receiver(port=port)
    api_key, secret = add_intake_key(storage, down.url)
    result = triage(srv, NOT_FLAGGED, api_key)
    triage_id = result["triage_id"]

    wait_log(storage, triage_id, lambda rows: len(rows) >= 2)  # two refused attempts
    down.start()  # the receiver comes back on the same port
    try:
        rows = wait_log(storage, triage_id, lambda rows: any(r["delivered"] for r in rows))
        got = down.wait_for(triage_id, 1)
    finally:
        down.stop()

    assert [r["attempt"] for r in rows] == list(range(1, len(rows) + 1))
    assert 3 <= len(rows) <= MAX_ATTEMPTS
    failed, last = rows[:-1], rows[-1]
    assert all(not r["delivered"] and r["status_code"] is None and r["error"] == "ConnectError"
               for r in failed)
    assert last["delivered"] and last["status_code"] == 200 and last["error"] is None
    assert {r["event"] for r in rows} == {"triage.completed"}
    # back-off: attempt 2 waits >= BACKOFF after attempt 1, attempt 3 >= 2 * BACKOFF after 2
    at = [r["created_at"] for r in rows]
    assert (at[1] - at[0]).total_seconds() >= BACKOFF * 0.9
    assert (at[2] - at[1]).total_seconds() >= 2 * BACKOFF * 0.9
    assert len(got) == 1 and json.loads(got[0]["body"])["triage"] == result
    assert_signed(got[0], secret)


def test_slow_receiver_does_not_slow_triage(hooked):
    srv, _, storage = hooked
    slow = Receiver(delay=3.0).start()
    try:
        api_key, _ = add_intake_key(storage, slow.url)
        started = time.monotonic()
        results = []
        for _ in range(3):
            t0 = time.monotonic()
            results.append(triage(srv, NOT_FLAGGED, api_key))
            assert time.monotonic() - t0 < 1.5
        assert time.monotonic() - started < 2.5
        assert slow.finished == 0  # the receiver is still sleeping on the first delivery
        for result in results:
            got = slow.wait_for(result["triage_id"], 1, timeout=15)
            assert got[0]["headers"]["X-COI-Event"] == "triage.completed"
            rows = wait_log(storage, result["triage_id"], lambda rows: len(rows) == 1)
            assert rows[0]["delivered"] and rows[0]["attempt"] == 1
    finally:
        slow.stop()


def test_failing_receiver_is_retried_up_to_max_attempts(hooked):
    srv, _, storage = hooked
    failing = Receiver(status=500).start()
    try:
        before = webhook_counter(srv)
        api_key, _ = add_intake_key(storage, failing.url)
        result = triage(srv, NOT_FLAGGED, api_key)
        triage_id = result["triage_id"]
        rows = wait_log(storage, triage_id, lambda rows: len(rows) >= MAX_ATTEMPTS)
        time.sleep(BACKOFF * 2 ** (MAX_ATTEMPTS - 1) + 0.5)  # when a next try would come
        rows = storage.list_deliveries(triage_id)
        got = failing.for_triage(triage_id)
    finally:
        failing.stop()

    assert [r["attempt"] for r in rows] == list(range(1, MAX_ATTEMPTS + 1))
    assert all(not r["delivered"] and r["status_code"] == 500 and r["error"] == "HTTP 500"
               for r in rows)
    assert len(got) == MAX_ATTEMPTS
    assert len({r["headers"]["X-COI-Delivery"] for r in got}) == 1  # retries keep the id
    gaps = [b["at"] - a["at"] for a, b in itertools.pairwise(got)]
    for i, gap in enumerate(gaps):  # exponential back-off: 0.1 s, 0.2 s, 0.4 s
        assert gap >= BACKOFF * 2 ** i * 0.9, gaps
    after = webhook_counter(srv)
    assert after.get("failed", 0) - before.get("failed", 0) == 1
    assert after.get("retry", 0) - before.get("retry", 0) == MAX_ATTEMPTS - 1


def test_malformed_webhook_urls_do_not_stop_other_deliveries(hooked):
    srv, receiver, storage = hooked
    bad_keys = [add_intake_key(storage, url)[0] for url in (
        "http://[::1/hook",                         # httpx.InvalidURL
        "http://" + "a" * 300 + ".example/hook")]   # UnicodeError (host label too long)
    # more failing jobs (2 events each) than the dispatcher has delivery threads (4)
    bad = [triage(srv, FLAGGED, key)["triage_id"] for key in bad_keys for _ in range(2)]
    good = triage(srv, NOT_FLAGGED)
    receiver.wait_for(good["triage_id"], 1, timeout=10)
    for triage_id in bad:
        rows = wait_log(storage, triage_id, lambda rows: finished(rows, [
            "triage.completed", "triage.needs_review"]))
        assert not any(r["delivered"] for r in rows)
        assert {r["error"] for r in rows} <= {"InvalidURL", "UnicodeError"}
        assert sorted(r["attempt"] for r in rows if r["event"] == "triage.completed") == list(
            range(1, MAX_ATTEMPTS + 1))
    # and the service still delivers afterwards
    later = triage(srv, NOT_FLAGGED)
    receiver.wait_for(later["triage_id"], 1, timeout=10)


# --- sign / verify_signature --------------------------------------------------------------

SECRET, BODY, TS = "rahasia-webhook", b'{"event": "triage.completed"}', 1_790_000_000


def test_sign_is_hmac_sha256_over_timestamp_dot_body():
    expected = hmac.new(SECRET.encode(), f"{TS}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert sign(SECRET, TS, BODY) == "v1=" + expected
    assert sign(SECRET, TS + 1, BODY) != sign(SECRET, TS, BODY)


def test_verify_signature_accepts_a_fresh_valid_signature():
    signature = sign(SECRET, TS, BODY)
    assert verify_signature(SECRET, str(TS), BODY, signature, now=TS)
    assert verify_signature(SECRET, str(TS), BODY, signature, now=TS + 299)
    now = int(time.time())
    assert verify_signature(SECRET, str(now), BODY, sign(SECRET, now, BODY))


def test_verify_signature_rejects_wrong_secret_tampered_body_and_bad_headers():
    signature = sign(SECRET, TS, BODY)
    assert not verify_signature("rahasia-lain", str(TS), BODY, signature, now=TS)
    assert not verify_signature(SECRET, str(TS), BODY.replace(b"completed", b"needs_review"),
                                signature, now=TS)
    assert not verify_signature(SECRET, str(TS), BODY + b" ", signature, now=TS)
    assert not verify_signature(SECRET, str(TS + 1), BODY, signature, now=TS)  # other ts
    assert not verify_signature(SECRET, str(TS), BODY, signature.removeprefix("v1="), now=TS)
    assert not verify_signature(SECRET, str(TS), BODY, "", now=TS)
    assert not verify_signature(SECRET, str(TS), BODY, None, now=TS)
    assert not verify_signature(SECRET, "kemarin", BODY, signature, now=TS)
    assert not verify_signature(SECRET, None, BODY, signature, now=TS)


def test_verify_signature_rejects_old_and_far_future_timestamps():
    signature = sign(SECRET, TS, BODY)
    assert not verify_signature(SECRET, str(TS), BODY, signature, now=TS + 301)  # replay
    assert not verify_signature(SECRET, str(TS), BODY, signature, now=TS - 301)
    assert not verify_signature(SECRET, str(TS), BODY, signature, now=TS + 60,
                                tolerance_seconds=30)
    assert verify_signature(SECRET, str(TS), BODY, signature, now=TS + 3600,
                            tolerance_seconds=7200)
    old = int(time.time()) - 600
    assert not verify_signature(SECRET, str(old), BODY, sign(SECRET, old, BODY))
