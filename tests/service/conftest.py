"""A real service over real HTTP: uvicorn on loopback in a subprocess, a fresh database,
API keys made with the real CLI. PostgreSQL runs too when COI_TEST_POSTGRES_URL is set
(.ci/run starts a server and sets it)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("COI_TEST_POSTGRES_URL")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def backends():
    params = ["sqlite"]
    if POSTGRES_URL:
        params.append("postgresql")
    return params


def fresh_database_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'coi.db'}"
    # one fresh schema-less database per test run: drop and recreate the tables' database
    from sqlalchemy import create_engine, text

    base = POSTGRES_URL.rsplit("/", 1)[0]
    name = "coi_test_" + uuid.uuid4().hex[:10]
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{base}/{name}"


@dataclass
class Server:
    url: str
    env: dict
    process: subprocess.Popen
    log_path: Path
    keys: dict

    def client(self, role: str | None = "intake", **kwargs) -> httpx.Client:
        headers = {"X-API-Key": self.keys[role]} if role else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60, **kwargs)

    def logs(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def make_keys(env: dict, webhook_url: str | None = None) -> dict:
    keys = {}
    for role in ("intake", "analyst"):
        args = [sys.executable, "-m", "coi_nlp", "keys", "create", "--name", f"uji-{role}",
                "--role", role]
        if webhook_url and role == "intake":
            args += ["--webhook-url", webhook_url]
        out = subprocess.run(args, env=env, capture_output=True, check=True, cwd=ROOT)
        data = json.loads(out.stdout)
        keys[role] = data["api_key"]
        if "webhook_secret" in data:
            keys["webhook_secret"] = data["webhook_secret"]
    return keys


def start_server(tmp_path: Path, database_url: str, workers: int = 1, extra_env=None,
                 webhook_url: str | None = None) -> Server:
    env = {**os.environ, "COI_DATA_DIR": str(tmp_path / "data"),
           "COI_DATABASE_URL": database_url, "COI_WEBHOOK_BACKOFF_SECONDS": "0.2",
           **(extra_env or {})}
    keys = make_keys(env, webhook_url)
    port = free_port()
    log_path = tmp_path / f"server-{port}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "coi_nlp", "serve", "--port", str(port), "--workers",
         str(workers)], env=env, cwd=ROOT, stdout=open(log_path, "wb"),
        stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log_path.read_text()[-2000:]}")
        try:
            if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    else:
        process.kill()
        raise RuntimeError("server did not become ready")
    return Server(url, env, process, log_path, keys)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()


def drop_database(database_url: str) -> None:
    """Remove a test database made by :func:`fresh_database_url` (PostgreSQL only)."""
    if not database_url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, text

    base, name = database_url.rsplit("/", 1)
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="module", params=backends())
def server(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"svc-{request.param}")
    database_url = fresh_database_url(request.param, tmp)
    srv = start_server(tmp, database_url)
    srv.backend = request.param
    yield srv
    stop_server(srv)
    drop_database(database_url)
