"""The API over real HTTP: happy paths, and every kind of bad input gets a clear 4xx."""

from __future__ import annotations

import json

import pytest

from coi_nlp.taxonomy import CODES

COMPLAINT = ("Yth. Inspektorat. Izin usaha toko milik adik ipar Kepala Dinas PMPTSP keluar dua "
             "hari setelah parsel Lebaran dikirim ke rumahnya; izin kami tertahan tiga bulan. "
             "Hubungi saya: 0812-3456-7890, rina.warga@contoh.id, NIK 3273014506880002.")
SECRETS = ("0812-3456-7890", "3456-7890", "rina.warga", "3273014506880002")


def assert_error(response, status: int, code: str | None = None):
    assert response.status_code == status, response.text
    body = response.json()["error"]
    assert body["pesan"] and body["message"] and body["code"]
    if code:
        assert body["code"] == code
    return body


def test_triage_happy_path(server):
    with server.client() as client:
        response = client.post("/v1/triage", json={
            "text": COMPLAINT, "external_id": "LAPOR-1", "received_at": "2026-08-14"})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["triage_id"].startswith("t_") and result["external_id"] == "LAPOR-1"
    assert set(result["probabilities"]) == set(CODES)
    assert result["primary"] == result["labels"][0]
    assert result["model_version"].startswith("coi-default-")
    verify = next(s for s in result["routing"] if s["key"] == "verifikasi_atasan")
    assert verify["due_date"] == "2026-08-20"  # 3 working days; 17 August is a holiday
    assert response.headers["x-request-id"]
    for secret in SECRETS:
        assert secret not in response.text


def test_batch_with_one_bad_item(server):
    items = [{"text": "Lurah minta 300 ribu untuk surat pindah yang seharusnya gratis."},
             {"text": "   "},
             {"text": "Lampu jalan di depan rumah mati sejak minggu lalu."},
             {"text": "x" * 20_001}]
    with server.client() as client:
        response = client.post("/v1/triage/batch", json={"items": items})
    assert response.status_code == 200, response.text
    out = response.json()["items"]
    assert [i["ok"] for i in out] == [True, False, True, False]
    assert out[1]["error"]["code"] == "teks_kosong"
    assert out[3]["error"]["code"] == "teks_terlalu_panjang"


def test_info_endpoints(server):
    with server.client(role=None) as client:
        assert len(client.get("/v1/labels").json()["labels"]) == 13
        card = client.get("/v1/model").json()
        assert card["card"]["labels"] == list(CODES)
        assert client.get("/healthz").json()["status"] == "ok"
        ready = client.get("/readyz").json()
        assert ready["status"] == "ok" and ready["schema_version"] == 1
        metrics = client.get("/metrics").text
    assert "coi_http_requests_total" in metrics


def test_metrics_count_requests_and_labels(server):
    with server.client() as client:
        client.post("/v1/triage", json={"text": "Kades pakai mobil dinas untuk kampanye."})
        text = client.get("/metrics").text
    assert 'route="/v1/triage"' in text and "coi_triage_labels_total" in text


def test_feedback_and_export(server):
    with server.client() as client:
        triage_id = client.post("/v1/triage", json={"text": COMPLAINT}).json()["triage_id"]
    with server.client("analyst") as analyst:
        corrected = analyst.post(f"/v1/triage/{triage_id}/feedback", json={
            "labels": ["izin_diskriminatif", "gratifikasi"], "note": "dicek"})
        assert corrected.status_code == 200, corrected.text
        assert corrected.json()["labels"] == ["izin_diskriminatif", "gratifikasi"]
        export = analyst.get("/v1/feedback/export")
    assert export.status_code == 200
    rows = [json.loads(line) for line in export.text.splitlines()]
    row = next(r for r in rows if r["id"] == triage_id)
    assert row["labels"] == ["izin_diskriminatif", "gratifikasi"]
    assert "[TELEPON]" in row["text"] and "[NIK]" in row["text"]
    for secret in SECRETS:
        assert secret not in export.text


def test_feedback_is_readable_by_the_corpus_tools(server, tmp_path):
    from coi_nlp.corpus.records import read_records

    with server.client() as client:
        triage_id = client.post("/v1/triage", json={"text": "Camat minta jatah proyek."}).json()[
            "triage_id"]
    with server.client("analyst") as analyst:
        analyst.post(f"/v1/triage/{triage_id}/feedback", json={})  # confirm as predicted
        path = tmp_path / "umpan.jsonl"
        path.write_text(analyst.get("/v1/feedback/export").text, encoding="utf-8")
    records = read_records(path)
    assert any(r.id == triage_id and r.extra["confirmed"] for r in records)


@pytest.mark.parametrize("payload,status,code", [
    ({"text": ""}, 422, "teks_kosong"),
    ({"text": "  \n\t "}, 422, "teks_kosong"),
    ({"text": "a" * 20_001}, 413, "teks_terlalu_panjang"),
    ({"text": 123}, 422, "input_tidak_valid"),
    ({"text": ["a"]}, 422, "input_tidak_valid"),
    ({}, 422, "input_tidak_valid"),
    ({"text": "ok", "received_at": "kemarin"}, 422, "input_tidak_valid"),
    ({"text": "ok", "bukan_kolom": 1}, 422, "input_tidak_valid"),
    ({"text": "ok", "institution": "tidak_ada"}, 422, "instansi_tidak_dikenal"),
])
def test_bad_triage_input(server, payload, status, code):
    with server.client() as client:
        assert_error(client.post("/v1/triage", json=payload), status, code)


def test_malformed_json_invalid_utf8_and_wrong_content_type(server):
    with server.client() as client:
        headers = {"Content-Type": "application/json"}
        assert_error(client.post("/v1/triage", content=b'{"text": "a"', headers=headers), 400,
                     "json_tidak_valid")
        assert_error(client.post("/v1/triage", content=b'{"text": "\xff\xfe"}', headers=headers),
                     400, "utf8_tidak_valid")
        assert_error(client.post("/v1/triage", content=b'{"text": "a"}'), 400,
                     "json_tidak_valid")


def test_body_cap_and_batch_limit(server):
    with server.client() as client:
        huge = b'{"text": "' + b"a" * 9_000_000 + b'"}'
        assert_error(client.post("/v1/triage", content=huge,
                                 headers={"Content-Type": "application/json"}), 413,
                     "body_terlalu_besar")
        items = [{"text": f"pengaduan {i}"} for i in range(101)]
        assert_error(client.post("/v1/triage/batch", json={"items": items}), 413,
                     "batch_terlalu_besar")


def test_authentication_and_roles(server):
    with server.client(role=None) as anonymous:
        assert_error(anonymous.post("/v1/triage", json={"text": "a"}), 401, "kunci_tidak_ada")
        wrong = {"X-API-Key": server.keys["intake"][:-3] + "xyz"}
        assert_error(anonymous.post("/v1/triage", json={"text": "a"}, headers=wrong), 401,
                     "kunci_salah")
        assert_error(anonymous.post("/v1/triage", json={"text": "a"},
                                    headers={"X-API-Key": "bukan-format"}), 401, "kunci_salah")
    with server.client("intake") as intake:
        assert_error(intake.get("/v1/feedback/export"), 403, "peran_kurang")
        assert_error(intake.post("/v1/triage/t_x/feedback", json={}), 403, "peran_kurang")


def test_feedback_errors(server):
    with server.client() as client:
        triage_id = client.post("/v1/triage", json={"text": "Kepsek jual seragam wajib."}).json()[
            "triage_id"]
    with server.client("analyst") as analyst:
        assert_error(analyst.post("/v1/triage/t_tidakada/feedback", json={}), 404,
                     "triage_tidak_ditemukan")
        body = assert_error(analyst.post(f"/v1/triage/{triage_id}/feedback",
                                         json={"labels": ["korupsi"]}), 422, "label_tidak_valid")
        assert "korupsi" in body["pesan"]
        assert_error(analyst.post(f"/v1/triage/{triage_id}/feedback", json={
            "labels": ["bukan_benturan_kepentingan", "gratifikasi"]}), 422, "label_tidak_valid")
        assert_error(analyst.post(f"/v1/triage/{triage_id}/feedback", json={"labels": "x"}), 422)


def test_unknown_routes_and_methods(server):
    with server.client() as client:
        assert_error(client.get("/v1/tidak-ada"), 404, "tidak_ditemukan")
        assert_error(client.get("/v1/triage"), 405, "metode_tidak_diizinkan")


def test_revoked_key_is_refused(server):
    import subprocess
    import sys

    from tests.service.conftest import ROOT, make_keys

    fresh = make_keys(server.env)["intake"]
    key_id = fresh.split("_")[1]
    with server.client(role=None) as client:
        headers = {"X-API-Key": fresh}
        assert client.post("/v1/triage", json={"text": "Lurah minta uang."},
                           headers=headers).status_code == 200
        subprocess.run([sys.executable, "-m", "coi_nlp", "keys", "revoke", key_id],
                       env=server.env, cwd=ROOT, check=True, capture_output=True)
        assert_error(client.post("/v1/triage", json={"text": "a"}, headers=headers), 401)


def test_no_server_errors_and_no_reporter_data_in_logs(server):
    logs = server.logs()
    for secret in SECRETS:
        assert secret not in logs
    entries = [json.loads(line) for line in logs.splitlines() if line.startswith("{")]
    assert entries and all("request_id" in e for e in entries if e["message"] == "request")
    assert not [e for e in entries if e.get("status", 0) >= 500]
