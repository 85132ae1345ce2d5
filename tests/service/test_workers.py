"""Horizontal scale: two uvicorn worker processes on one database (SQLite and PostgreSQL),
200 concurrent triages, nothing lost, and both workers did part of the work."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from service.app.storage import SqlStorage
from tests.service.conftest import (
    backends,
    drop_database,
    fresh_database_url,
    start_server,
    stop_server,
)

REQUESTS, THREADS = 200, 16
TEXTS = ("Lurah minta {i}00 ribu untuk surat pindah yang seharusnya gratis.",
         "Kepala dinas memenangkan perusahaan adiknya dalam lelang proyek jalan nomor {i}.",
         "Lampu jalan nomor {i} di depan rumah mati sejak minggu lalu.",
         "Camat pakai mobil dinas untuk kampanye anaknya, laporan ke-{i}.")


@pytest.fixture(scope="module", params=backends())
def two_workers(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"workers-{request.param}")
    database_url = fresh_database_url(request.param, tmp)
    srv = start_server(tmp, database_url, workers=2)
    srv.backend = request.param
    yield srv, database_url
    stop_server(srv)
    drop_database(database_url)


def triage_counts(metrics_text: str) -> int:
    """POST /v1/triage requests counted by the worker that answered /metrics."""
    return int(sum(float(m.group(1)) for m in re.finditer(
        r'^coi_http_requests_total\{[^}]*method="POST"[^}]*route="/v1/triage"[^}]*\} (\S+)$',
        metrics_text, re.MULTILINE)))


def test_two_workers_serve_200_concurrent_triages_without_loss(two_workers):
    srv, database_url = two_workers
    # A connection per request, as from many intake systems: a worker's event loop accepts
    # every connection waiting in the backlog at once, so a few keep-alive connections
    # opened together would all land on one worker.
    headers = {"X-API-Key": srv.keys["intake"], "Connection": "close"}
    limits = httpx.Limits(max_connections=THREADS, max_keepalive_connections=0)

    with httpx.Client(base_url=srv.url, headers=headers, timeout=60, limits=limits) as client:
        def send(i: int):
            response = client.post("/v1/triage", json={
                "text": TEXTS[i % len(TEXTS)].format(i=i), "external_id": f"LAPOR-{i}"})
            return i, response.status_code, response.json()

        with ThreadPoolExecutor(THREADS) as pool:
            results = list(pool.map(send, range(REQUESTS)))

    assert [status for _, status, _ in results] == [200] * REQUESTS
    assert all(body["external_id"] == f"LAPOR-{i}" for i, _, body in results)
    triage_ids = {body["triage_id"] for _, _, body in results}
    assert len(triage_ids) == REQUESTS

    storage = SqlStorage(database_url)
    try:
        assert storage.count_triages() == REQUESTS
        stored = {r.triage_id: r for r in storage.list_triages()}
        assert set(stored) == triage_ids
        for i, _, body in results[:: REQUESTS // 10]:
            record = stored[body["triage_id"]]
            assert record.external_id == f"LAPOR-{i}" and record.labels == body["labels"]
    finally:
        storage.engine.dispose()

    # Both workers served: each worker has its own /metrics registry, so the count one
    # worker reports is its share of the 200. A share strictly between 0 and 200 means the
    # other worker served the rest; ask on fresh connections to hear from both.
    seen: set[int] = set()
    for _ in range(20):
        with httpx.Client(base_url=srv.url, timeout=10) as fresh:
            seen.add(triage_counts(fresh.get("/metrics").text))
        if len(seen) == 2 or 2 * min(seen) == REQUESTS:
            break
    print(f"triages per worker ({srv.backend}): {sorted(seen)}")
    assert all(0 < count < REQUESTS for count in seen), seen  # no worker did all the work
    if len(seen) == 2:
        assert sum(seen) == REQUESTS, seen


def test_two_worker_processes_started_cleanly(two_workers):
    srv, _ = two_workers
    entries = [json.loads(line) for line in srv.logs().splitlines() if line.startswith("{")]
    pids = {m.group(1) for e in entries
            for m in [re.search(r"Started server process \[(\d+)\]", e["message"])] if m}
    assert len(pids) == 2, pids
    assert not [e for e in entries if e["level"] in ("ERROR", "CRITICAL")]
    assert not [e for e in entries if e.get("status", 0) >= 500]
    assert "Traceback" not in srv.logs()
