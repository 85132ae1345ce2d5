"""SqlStorage directly, on SQLite and (with COI_TEST_POSTGRES_URL) PostgreSQL: migrations,
the triage audit log, feedback and its export, API keys, the webhook delivery log."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, inspect, select

from service.app.core.security import create_key, hash_secret, verify_key
from service.app.storage import ApiKey, SqlStorage, TriageRecord, UnknownTriage, migrations
from service.app.storage.migrations import LATEST, current_version, migrate, schema_version
from service.app.storage.sql import make_engine
from tests.service.conftest import backends, drop_database, fresh_database_url

WIB = timezone(timedelta(hours=7))  # Asia/Jakarta
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc)
TABLES = {"schema_version", "triages", "feedback", "api_keys", "webhook_deliveries"}


@pytest.fixture(params=backends())
def database_url(request, tmp_path):
    url = fresh_database_url(request.param, tmp_path)
    yield url
    drop_database(url)


@pytest.fixture
def storage(database_url):
    store = SqlStorage(database_url)
    yield store
    store.engine.dispose()


def record(triage_id: str, created_at: datetime = T0, **overrides) -> TriageRecord:
    fields = dict(
        triage_id=triage_id, created_at=created_at,
        redacted_text="Lurah minta uang. Hubungi [TELEPON], NIK [NIK].",
        labels=["komersialisasi_layanan", "gratifikasi"],
        probabilities={"komersialisasi_layanan": 0.91, "gratifikasi": 0.55},
        primary="komersialisasi_layanan", is_coi=True, needs_review=False, priority="sedang",
        model_version="coi-default-abc123", caller="uji-intake", external_id="LAPOR-7",
        institution="kab_contoh", received_at="2026-03-02",
        routing=[{"key": "verifikasi_atasan", "due_date": "2026-03-05", "labels": []}])
    fields.update(overrides)
    return TriageRecord(**fields)


# --- migrations ---------------------------------------------------------------------------

def test_migrations_create_version_1_and_running_again_is_a_no_op(storage, database_url):
    assert storage.schema_version == LATEST == 1
    assert current_version(storage.engine) == 1
    assert TABLES <= set(inspect(storage.engine).get_table_names())
    with storage.engine.connect() as connection:
        before = connection.execute(select(schema_version)).all()
    assert [(row.version, bool(row.description)) for row in before] == [(1, True)]

    storage.save_triage(record("t_1"))
    assert migrate(storage.engine) == 1
    again = SqlStorage(database_url)  # a second worker starting on the same database
    try:
        assert again.schema_version == 1
        assert again.count_triages() == 1 and again.get_triage("t_1").labels[0] == (
            "komersialisasi_layanan")
    finally:
        again.engine.dispose()
    with storage.engine.connect() as connection:
        after = connection.execute(select(schema_version)).all()
    assert after == before  # nothing re-applied, applied_at unchanged


def test_current_version_of_an_empty_database_is_none(database_url):
    engine = make_engine(database_url)
    try:
        assert current_version(engine) is None
        assert migrate(engine) == 1 and current_version(engine) == 1
    finally:
        engine.dispose()


def test_two_workers_migrating_at_once(database_url, monkeypatch):
    """Worker A is inside the migration when worker B starts its own: B must wait for A
    (advisory lock / SQLite write lock), not apply version 1 a second time."""
    a_inside, b_done = threading.Event(), threading.Event()
    (version, description, apply), = migrations.MIGRATIONS

    def slow_apply(connection):
        if threading.current_thread().name == "worker-a":
            a_inside.set()
            b_done.wait(1.0)  # B finishing meanwhile means B did not wait for A
        apply(connection)

    monkeypatch.setattr(migrations, "MIGRATIONS", [(version, description, slow_apply)])
    results, errors = {}, {}

    def run(name):
        engine = make_engine(database_url)
        try:
            if name == "worker-b":
                assert a_inside.wait(10)
            results[name] = migrate(engine)
        except Exception as exc:  # reported below
            errors[name] = exc
        finally:
            if name == "worker-b":
                b_done.set()
            engine.dispose()

    threads = [threading.Thread(target=run, args=(n,), name=n) for n in ("worker-a", "worker-b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == {}
    assert results == {"worker-a": 1, "worker-b": 1}
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(select(schema_version.c.version)).scalars().all() == [1]
        assert TABLES <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_sqlite_file_is_in_wal_mode(tmp_path):
    path = tmp_path / "wal" / "coi.db"  # the parent directory is created too
    store = SqlStorage(f"sqlite:///{path}")
    try:
        store.save_triage(record("t_wal"))
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.engine.dispose()
    raw = sqlite3.connect(path)  # WAL is a property of the file, not only of our connections
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("SELECT count(*) FROM triages").fetchone()[0] == 1
    finally:
        raw.close()


# --- triage audit log ---------------------------------------------------------------------

def test_save_and_get_triage(storage):
    saved = record("t_abc")
    storage.save_triage(saved)
    got = storage.get_triage("t_abc")
    assert got == saved
    assert got.created_at.tzinfo is not None and got.created_at == T0
    minimal = record("t_min", external_id=None, institution=None, received_at=None, routing=[],
                     needs_review=True, is_coi=False, labels=["bukan_benturan_kepentingan"],
                     primary="bukan_benturan_kepentingan")
    storage.save_triage(minimal)
    assert storage.get_triage("t_min") == minimal
    assert storage.count_triages() == 2


def test_unknown_triage(storage):
    with pytest.raises(UnknownTriage):
        storage.get_triage("t_tidak_ada")
    assert issubclass(UnknownTriage, LookupError)
    with pytest.raises(UnknownTriage):
        storage.save_feedback("t_tidak_ada", ["gratifikasi"], False, None, "analis")
    assert list(storage.export_feedback()) == []


def test_list_triages_by_time_range(storage):
    for hours in (2, 0, 1):  # saved out of order
        storage.save_triage(record(f"t_{hours}", T0 + timedelta(hours=hours)))
    assert storage.count_triages() == 3

    def ids(**bounds):
        return [r.triage_id for r in storage.list_triages(**bounds)]

    assert ids() == ["t_0", "t_1", "t_2"]  # oldest first
    assert ids(since=T0 + timedelta(hours=1)) == ["t_1", "t_2"]  # since is inclusive
    assert ids(until=T0 + timedelta(hours=1)) == ["t_0"]  # until is exclusive
    assert ids(since=T0 + timedelta(minutes=30), until=T0 + timedelta(hours=2)) == ["t_1"]
    assert ids(since=T0 + timedelta(hours=3)) == []
    # the same instants given in Jakarta time, and naive datetimes meaning UTC
    assert ids(since=(T0 + timedelta(hours=1)).astimezone(WIB)) == ["t_1", "t_2"]
    assert ids(since=T0.astimezone(WIB) + timedelta(minutes=30),
               until=T0.astimezone(WIB) + timedelta(hours=2)) == ["t_1"]
    assert ids(since=(T0 + timedelta(hours=1)).replace(tzinfo=None)) == ["t_1", "t_2"]


def test_triage_saved_in_another_time_zone_keeps_its_instant(storage):
    """created_at given in WIB (UTC+7): SQLite stores no offset, so it must be stored as
    UTC, or it reads back 7 hours late and falls outside the right time range."""
    at = datetime(2026, 3, 2, 9, 0, tzinfo=WIB)  # = 02:00 UTC
    storage.save_triage(record("t_wib", at))
    got = storage.get_triage("t_wib").created_at
    assert got == at and got.utcoffset() == timedelta(0)
    window = dict(since=datetime(2026, 3, 2, 1, 30, tzinfo=timezone.utc),
                  until=datetime(2026, 3, 2, 2, 30, tzinfo=timezone.utc))
    assert [r.triage_id for r in storage.list_triages(**window)] == ["t_wib"]
    assert [r.triage_id for r in storage.list_triages(
        since=datetime(2026, 3, 2, 3, 0, tzinfo=timezone.utc))] == []


# --- feedback -----------------------------------------------------------------------------

def test_feedback_and_export_latest_per_triage_wins(storage):
    storage.save_triage(record("t_a", redacted_text="Teks A dengan [NIK]."))
    storage.save_triage(record("t_b", T0 + timedelta(minutes=5), labels=["gratifikasi"],
                               primary="gratifikasi", redacted_text="Teks B."))
    storage.save_triage(record("t_c", T0 + timedelta(minutes=9)))  # no feedback: not exported

    first = storage.save_feedback("t_a", ["penyalahgunaan_aset"], False, "salah", "analis-1")
    on_b = storage.save_feedback("t_b", ["gratifikasi"], True, None, "analis-2")
    latest = storage.save_feedback("t_a", ["gratifikasi", "komersialisasi_layanan"], False,
                                   "dicek ulang", "analis-3")
    assert first.feedback_id < on_b.feedback_id < latest.feedback_id
    assert (latest.triage_id, latest.labels, latest.confirmed, latest.note, latest.analyst) == (
        "t_a", ["gratifikasi", "komersialisasi_layanan"], False, "dicek ulang", "analis-3")
    assert latest.created_at.tzinfo is not None

    rows = list(storage.export_feedback())
    assert [r["id"] for r in rows] == ["t_b", "t_a"]  # in order of their latest feedback
    b, a = rows
    assert a == {"id": "t_a", "text": "Teks A dengan [NIK].",
                 "labels": ["gratifikasi", "komersialisasi_layanan"], "source": "feedback",
                 "predicted_labels": ["komersialisasi_layanan", "gratifikasi"],
                 "confirmed": False, "note": "dicek ulang", "analyst": "analis-3",
                 "feedback_at": a["feedback_at"]}
    assert b["labels"] == ["gratifikasi"] and b["confirmed"] is True and b["note"] is None
    assert b["text"] == "Teks B." and b["analyst"] == "analis-2"
    assert datetime.fromisoformat(a["feedback_at"]).utcoffset() == timedelta(0)
    assert datetime.fromisoformat(a["feedback_at"]) >= datetime.fromisoformat(b["feedback_at"])


# --- API keys -----------------------------------------------------------------------------

def test_api_keys_create_get_list_revoke(storage):
    first = ApiKey("k1", "portal-lapor", "intake", hash_secret("s1"), T0)
    storage.create_api_key(first)
    second, raw = create_key(storage, "analis-itjen", "analyst",
                             webhook_url="https://penerima.contoh.id/hook")

    assert storage.get_api_key("k1") == first
    got = storage.get_api_key(second.key_id)
    assert got == second
    assert got.webhook_url == "https://penerima.contoh.id/hook" and len(got.webhook_secret) > 30
    assert got.secret_hash == hash_secret(raw.split("_", 2)[2])
    assert storage.get_api_key("tidak-ada") is None
    assert [k.key_id for k in storage.list_api_keys()] == ["k1", second.key_id]  # by created_at
    assert verify_key(storage, raw) == second

    assert storage.revoke_api_key(second.key_id) is True
    revoked = storage.get_api_key(second.key_id)
    assert revoked.revoked_at is not None and revoked.revoked_at.tzinfo is not None
    assert abs(revoked.revoked_at - datetime.now(timezone.utc)) < timedelta(minutes=5)
    assert storage.revoke_api_key(second.key_id) is False  # already revoked
    assert storage.revoke_api_key("tidak-ada") is False
    assert verify_key(storage, raw) is None
    assert storage.get_api_key("k1").revoked_at is None  # the other key is untouched
    assert len(storage.list_api_keys()) == 2


# --- webhook delivery log and ping ----------------------------------------------------------

def test_delivery_log(storage):
    storage.log_delivery("k1", "t_a", "triage.completed", 1, None, "ConnectError", False)
    storage.log_delivery("k1", "t_b", "triage.completed", 1, 200, None, True)
    storage.log_delivery("k1", "t_a", "triage.completed", 2, 500, "x" * 1000, False)
    storage.log_delivery("k1", "t_a", "triage.needs_review", 1, 200, "", True)

    rows = storage.list_deliveries("t_a")
    assert [(r["event"], r["attempt"], r["status_code"], r["delivered"]) for r in rows] == [
        ("triage.completed", 1, None, False), ("triage.completed", 2, 500, False),
        ("triage.needs_review", 1, 200, True)]
    assert rows[0]["error"] == "ConnectError" and rows[0]["key_id"] == "k1"
    assert rows[1]["error"] == "x" * 300  # truncated to the column
    assert rows[2]["error"] is None
    assert all(r["created_at"] is not None for r in rows)
    assert [r["triage_id"] for r in storage.list_deliveries()] == ["t_a", "t_b", "t_a", "t_a"]
    assert storage.list_deliveries("t_tidak_ada") == []


def test_ping(storage):
    assert storage.ping() is True
    healthy = storage.engine
    storage.engine = create_engine("postgresql+psycopg://coi:coi@127.0.0.1:1/tidak_ada",
                                   connect_args={"connect_timeout": 2})
    try:
        assert storage.ping() is False  # a database that cannot be reached
    finally:
        storage.engine.dispose()
        storage.engine = healthy
    assert storage.ping() is True
