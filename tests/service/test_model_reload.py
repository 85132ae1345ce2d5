"""A promoted model reaches the running service without a restart and without failed
requests: in process (the pointer check, a broken version, SIGHUP) and over real HTTP with
two workers while requests keep coming. Models live in a temporary models root
(COI_MODELS_ROOT); the repository's models/ is never touched."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

from coi_nlp.model.artifacts import load_model, save_model
from coi_nlp.model.card import card_markdown
from coi_nlp.model.registry import ModelRegistry
from service.app.model_service import ModelService
from service.app.storage import SqlStorage
from tests.service.conftest import start_server, stop_server

TEXT = "Lurah minta 300 ribu untuk surat pindah yang seharusnya gratis, laporan ke-{i}."


@pytest.fixture
def models_root(tmp_path, small_model_dir, small_model, monkeypatch):
    """A models root with the small model as ``coi-default`` and as a second version
    ``uji-kedua`` (same classifier, its own name and so its own version), followed by
    default: COI_MODELS_ROOT set, COI_MODEL_DIR unset."""
    root = tmp_path / "models"
    shutil.copytree(small_model_dir, root / "coi-default")
    card = {**small_model.card, "name": "uji-kedua"}
    save_model(small_model.classifier, root / "uji-kedua", card, card_markdown(card))
    monkeypatch.delenv("COI_MODEL_DIR", raising=False)
    monkeypatch.setenv("COI_MODELS_ROOT", str(root))
    return root


def versions(root: Path) -> tuple[str, str]:
    return load_model(root / "coi-default").version, load_model(root / "uji-kedua").version


def wait_for(condition, seconds: float = 20.0, poke=None) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if poke:
            poke()
        if condition():
            return True
        time.sleep(0.05)
    return False


# --- in process ---------------------------------------------------------------------------

def test_service_follows_the_registry_default(models_root):
    first, second = versions(models_root)
    service = ModelService(None, None, 20_000, check_seconds=0)
    assert service.follows_registry
    assert service.triager(None).triage("Lurah minta uang.")["model_version"] == first
    ModelRegistry(models_root).promote("uji-kedua")
    assert wait_for(lambda: service.version == second, poke=lambda: service.triager(None))
    assert service.triager(None).triage("Lurah minta uang.")["model_version"] == second
    ModelRegistry(models_root).rollback()
    assert wait_for(lambda: service.version == first, poke=lambda: service.triager(None))


def test_a_fixed_model_dir_does_not_follow(models_root):
    first, _ = versions(models_root)
    service = ModelService(models_root / "coi-default", None, 20_000, check_seconds=0)
    ModelRegistry(models_root).promote("uji-kedua")
    # longer than a background load takes, so a fixed directory that followed would show
    assert not wait_for(lambda: service.version != first, 3, poke=lambda: service.triager(None))
    assert not service.follows_registry and service.version == first


def test_a_broken_default_is_skipped_and_the_old_model_kept(models_root):
    first, second = versions(models_root)
    service = ModelService(None, None, 20_000, check_seconds=0)
    broken = models_root / "rusak"
    shutil.copytree(models_root / "uji-kedua", broken)
    (broken / "model_card.json").write_text("{}")  # checksum mismatch
    (models_root / "CURRENT").write_text("rusak\n")  # by hand: the registry would refuse
    assert wait_for(lambda: service._failed is not None, poke=lambda: service.triager(None))
    result = service.triager(None).triage("Lurah minta uang.")
    assert result["model_version"] == first and service.version == first
    ModelRegistry(models_root).promote("uji-kedua")
    assert wait_for(lambda: service.version == second, poke=lambda: service.triager(None))


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this platform")
def test_sighup_reloads_the_default(models_root):
    first, second = versions(models_root)
    service = ModelService(None, None, 20_000, check_seconds=3600)  # only the signal
    previous = signal.getsignal(signal.SIGHUP)
    try:
        assert service.install_sighup()
        ModelRegistry(models_root).promote("uji-kedua")
        service.triager(None)
        assert service.version == first
        os.kill(os.getpid(), signal.SIGHUP)
        assert wait_for(lambda: service.version == second)
    finally:
        signal.signal(signal.SIGHUP, previous)


# --- over HTTP, two workers, requests during the switch -------------------------------------

class Traffic:
    """Threads posting triages (a new connection each, so both workers get some) and
    recording (sent, answered, status, model_version, triage_id) until stopped."""

    def __init__(self, server, threads: int = 4):
        self.server, self.results, self.lock = server, [], threading.Lock()
        self.stop_event = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(n,)) for n in range(threads)]

    def run(self, n: int) -> None:
        headers = {"X-API-Key": self.server.keys["intake"], "Connection": "close"}
        i = 0
        while not self.stop_event.is_set():
            i += 1
            sent = time.monotonic()
            try:
                response = httpx.post(self.server.url + "/v1/triage", headers=headers,
                                      json={"text": TEXT.format(i=f"{n}-{i}")}, timeout=60)
                body = response.json()
                row = (sent, time.monotonic(), response.status_code,
                       body.get("model_version"), body.get("triage_id"))
            except (httpx.HTTPError, ValueError) as exc:  # refused, dropped or not JSON
                row = (sent, time.monotonic(), type(exc).__name__, None, None)
            with self.lock:
                self.results.append(row)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop_event.set()
        for thread in self.threads:
            thread.join()

    def since(self, t: float) -> list[tuple]:
        with self.lock:
            return [r for r in self.results if r[0] >= t]

    def settled_on(self, version: str, since: float, n: int = 20) -> bool:
        tail = self.since(since)[-n:]
        return len(tail) == n and all(r[3] == version for r in tail)


def reload_events(server, version: str) -> int:
    count = 0
    for line in server.logs().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if (entry.get("event") == "model_reloaded"
                and entry.get("message", "").startswith(f"model dimuat: {version} ")):
            count += 1
    return count


def test_promotion_and_rollback_reach_every_worker_without_failed_requests(models_root,
                                                                         tmp_path):
    first, second = versions(models_root)
    database_url = f"sqlite:///{tmp_path / 'coi.db'}"
    server = start_server(tmp_path, database_url, workers=2)  # inherits COI_MODELS_ROOT
    registry = ModelRegistry(models_root)
    try:
        with Traffic(server) as traffic:
            assert wait_for(lambda: len(traffic.results) >= 20, 60)
            promoted_at = time.monotonic()
            registry.promote("uji-kedua", reason="uji layanan")
            # both workers load the new model (each logs it) while requests keep coming
            assert wait_for(lambda: reload_events(server, second) == 2, 60), server.logs()[-3000:]
            switched_at = time.monotonic()
            assert wait_for(lambda: traffic.settled_on(second, switched_at), 30)

            rolled_back_at = time.monotonic()
            registry.rollback("uji layanan")
            assert wait_for(lambda: reload_events(server, first) == 2, 60)
            back_at = time.monotonic()
            assert wait_for(lambda: traffic.settled_on(first, back_at), 30)
        results = traffic.results

        assert len(results) > 60
        assert [r for r in results if r[2] != 200] == []  # no failed request during switches
        # requests in flight at a switch finish on the model they started with; every
        # request sent after both workers switched gets the new model
        assert {r[3] for r in results if r[1] < promoted_at} == {first}
        assert [r for r in results if promoted_at <= r[0] < switched_at]  # sent mid-switch
        assert {r[3] for r in results if switched_at <= r[0] < rolled_back_at} == {second}
        assert {r[3] for r in results if r[0] >= back_at} == {first}

        # the audit log records, for every triage, the version that produced it
        storage = SqlStorage(database_url)
        try:
            stored = {t.triage_id: t.model_version for t in storage.list_triages()}
        finally:
            storage.engine.dispose()
        assert {r[4]: r[3] for r in results} == stored

        # the reload endpoint still works, for analysts only
        with server.client("analyst") as client:
            response = client.post("/v1/model/reload")
            assert response.status_code == 200 and response.json()["model_version"] == first
        with server.client("intake") as client:
            assert client.post("/v1/model/reload").status_code == 403
    finally:
        stop_server(server)
