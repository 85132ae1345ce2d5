"""``coi-nlp report``: the model quality report and the intake report.

The reports are built from small real data (a labelled slice of the corpus's test split with
the bundled model; a batch output made by ``run_batch``; a temporary audit-log database
filled through ``SqlStorage``), their tables are compared with numbers computed here from
the same data, and each page is opened in a real headless Chromium: title, tables and every
chart must render, with no console errors. Screenshots (and the PDFs) are saved under
``test-artifacts/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sklearn.metrics import precision_recall_fscore_support
from sklearn.preprocessing import MultiLabelBinarizer

from coi_nlp.corpus.records import read_records, write_records
from coi_nlp.model.artifacts import load_model
from coi_nlp.report import PdfExportError, ReportError, build_intake_report, write_report
from coi_nlp.report.formatting import fmt_decimal, fmt_int, fmt_percent
from coi_nlp.report.intake_report import intake_report_data
from coi_nlp.report.intake_sources import read_audit_log, read_batch_output
from coi_nlp.report.model_report import build_model_report
from coi_nlp.report.pdf import chromium_available, chromium_session, html_to_pdf
from coi_nlp.taxonomy import CODES

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "coi" / "corpus.jsonl"
MODEL_DIR = ROOT / "models" / "coi-default"
ARTIFACTS = ROOT / "test-artifacts"
PHONE = "0812-3456-7890"  # planted reporter data: must never reach a report
TODAY = date(2026, 11, 12)  # report date: deadlines before it are overdue
FIRST_DAY = date(2026, 10, 5)  # a Monday; received dates spread over five weeks from here

needs_chromium = pytest.mark.skipif(
    not chromium_available(), reason="/usr/bin/chromium or /usr/bin/chromedriver is missing")


# --- helpers -------------------------------------------------------------------------------

class _Tables(HTMLParser):
    """Collect every <table id=...> as a list of rows of cell texts (header row first)."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table = self._row = self._cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = self.tables.setdefault(dict(attrs).get("id", ""), [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables_of(page: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def body_rows(page: str, table_id: str) -> list[list[str]]:
    return tables_of(page)[table_id][1:]


def section_ids(page: str) -> list[str]:
    return re.findall(r'<section id="([^"]+)">', page)


def assert_self_contained(page: str) -> None:
    """No scripts and nothing fetched: every src is an embedded PNG, every href an anchor."""
    assert "<script" not in page.lower()
    for url in re.findall(r'\bsrc="([^"]*)"', page):
        assert url.startswith("data:image/png;base64,"), url[:60]
    for url in re.findall(r'\bhref="([^"]*)"', page):
        assert url.startswith(("#", "data:")), url
    assert "@page" in page and "size: A4" in page and "@media print" in page


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "coi_nlp", *args], capture_output=True,
                          cwd=ROOT, timeout=600, check=False)


# --- data ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def model():
    return load_model(MODEL_DIR)


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    """Five records per primary label from the test split (65), each with a phone number."""
    chosen, taken = [], Counter()
    for record in read_records(CORPUS):
        if record.split == "test" and taken[record.primary] < 5:
            taken[record.primary] += 1
            record.text = f"{record.text} Hubungi saya di {PHONE}."
            chosen.append(record)
    path = tmp_path_factory.mktemp("model-report") / "berlabel.jsonl"
    write_records(path, chosen)
    return path, chosen


@pytest.fixture(scope="module")
def model_page(labelled):
    path, _ = labelled
    return build_model_report(path, model_dir=MODEL_DIR, split="test", generated=TODAY)


@pytest.fixture(scope="module")
def batch_output(tmp_path_factory):
    """``coi-nlp batch`` output for 40 test texts received over five weeks."""
    from coi_nlp.batch import run_batch

    records = [r for r in read_records(CORPUS) if r.split == "test"][100:140]
    directory = tmp_path_factory.mktemp("intake")
    source, output = directory / "masuk.jsonl", directory / "hasil.jsonl"
    with open(source, "w", encoding="utf-8") as handle:
        for i, record in enumerate(records):
            text = record.text + (f" Telp {PHONE}" if i == 0 else "")
            received = FIRST_DAY + timedelta(days=(i * 13) % 35)
            handle.write(json.dumps({"id": f"L-{i:03d}", "text": text,
                                     "received_at": received.isoformat()}) + "\n")
    run_batch(source, output, model_dir=MODEL_DIR, show_progress=False, report=lambda m: None)
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 40
    return output, rows


@pytest.fixture(scope="module")
def intake_page(batch_output):
    path, _ = batch_output
    return build_intake_report(batch_path=path, today=TODAY)


def _triage_record(i: int, **fields):
    from service.app.storage import TriageRecord

    created = datetime(2026, 10, 5 + 2 * i, 5, 0, tzinfo=UTC)
    received = created.date().isoformat()
    due = (created.date() + timedelta(days=3)).isoformat()
    values = {
        "triage_id": f"t_{i:02d}", "created_at": created,
        "redacted_text": f"Kepala Dinas Pendidikan Kabupaten Garut minta uang nomor {i}.",
        "labels": ["gratifikasi"], "probabilities": {"gratifikasi": 0.9},
        "primary": "gratifikasi", "is_coi": True, "needs_review": i % 3 == 0,
        "priority": ("tinggi", "sedang")[i % 2], "model_version": "coi-default-uji",
        "caller": "uji", "external_id": f"LAPOR-{i:02d}", "institution": "kab_garut",
        "received_at": received,
        "routing": [{"key": "laporan_diterima", "unit": "Atasan langsung", "due_date": None},
                    {"key": "verifikasi_atasan", "unit": "Atasan langsung", "due_date": due}],
    }
    values.update(fields)
    return TriageRecord(**values)


@pytest.fixture(scope="module")
def audit_db(tmp_path_factory):
    """An audit log of 12 triages (5 Oct .. 27 Oct), two with analyst feedback, one legacy
    row whose text was stored unredacted."""
    pytest.importorskip("sqlalchemy")
    from service.app.storage import SqlStorage

    url = f"sqlite:///{tmp_path_factory.mktemp('audit') / 'coi.db'}"
    storage = SqlStorage(url)
    try:
        for i in range(12):
            extra = {}
            if i == 3:
                extra["redacted_text"] = (f"Lurah Sukamaju minta 500rb, telepon saya {PHONE} "
                                          "kalau perlu.")
            storage.save_triage(_triage_record(i, **extra))
        storage.save_feedback("t_00", ["gratifikasi"], True, None, "analis")
        storage.save_feedback("t_06", ["kebijakan_berpihak"], False, "salah", "analis")
    finally:
        storage.engine.dispose()
    return url


# --- model report: content ----------------------------------------------------------------

def test_model_report_has_every_section_and_is_self_contained(model_page):
    assert section_ids(model_page) == ["ringkasan", "kartu-model", "per-label", "konfusi",
                                       "kalibrasi", "cakupan", "kesalahan"]
    assert "<title>Laporan Kualitas Model</title>" in model_page
    assert model_page.count("<img ") == 3  # confusion, reliability, coverage
    assert model_page.count("<figcaption>") == 3
    assert_self_contained(model_page)


def test_model_report_tables_match_the_data(model_page, labelled, model):
    _, records = labelled
    classifier = model.classifier
    decisions = classifier.decide_texts([r.text for r in records])
    binarizer = MultiLabelBinarizer(classes=list(CODES))
    gold = binarizer.fit_transform([r.labels for r in records])
    predicted = binarizer.transform([d.labels for d in decisions])
    precision, recall, f1, _ = precision_recall_fscore_support(gold, predicted, zero_division=0)
    support = Counter(code for r in records for code in r.labels)

    rows = body_rows(model_page, "tabel-per-label")
    assert [row[1] for row in rows] == list(CODES)
    for i, (row, code) in enumerate(zip(rows, CODES)):
        assert row[3:7] == [fmt_decimal(precision[i]), fmt_decimal(recall[i]),
                            fmt_decimal(f1[i]), fmt_int(support[code])], code

    summary = {row[0]: row[3] for row in body_rows(model_page, "tabel-ringkasan")}
    assert summary["Jumlah rekaman"] == "65"
    accuracy = sum(r.primary == d.primary for r, d in zip(records, decisions)) / len(records)
    assert summary["Akurasi label utama"] == fmt_decimal(accuracy)
    review = sum(d.needs_review for d in decisions) / len(records)
    assert summary["Bagian kasus ke tinjauan petugas (needs_review)"] == fmt_percent(review)
    test_metrics = model.card["metrics"]["test"]
    assert {row[0]: row[2] for row in body_rows(model_page, "tabel-ringkasan")}[
        "Macro-F1 label utama (rata-rata F1 per label)"] == fmt_decimal(test_metrics["macro_f1"])

    pairs = Counter((r.primary, d.primary) for r, d in zip(records, decisions)
                    if r.primary != d.primary)
    shown = body_rows(model_page, "tabel-kesalahan")
    assert shown, "the slice should contain at least one confusion"
    assert int(shown[0][2]) == max(pairs.values())
    for gold_code, predicted_code, count in shown:
        assert pairs[(gold_code, predicted_code)] == int(count)


def test_model_report_texts_are_redacted(model_page):
    assert PHONE not in model_page and PHONE.replace("-", "") not in model_page
    assert "[TELEPON]" in model_page  # the example texts are shown, redacted
    assert 'class="example"' in model_page and "Kata pendorong prediksi" in model_page


def test_model_report_warns_when_records_were_used_in_training(labelled, tmp_path):
    _, records = labelled
    dev = [r for r in read_records(CORPUS) if r.split == "dev"][:30]
    path = tmp_path / "campur.jsonl"
    write_records(path, records[:30] + dev)
    page = build_model_report(path, model_dir=MODEL_DIR, generated=TODAY)
    assert "terlalu optimistis" in page and "split dev" in page
    with pytest.raises(ReportError, match="Tidak ada rekaman"):
        build_model_report(path, model_dir=MODEL_DIR, split="train")


# --- intake report from a batch output: content ------------------------------------------

def test_intake_report_has_every_section_and_is_self_contained(intake_page):
    assert section_ids(intake_page) == ["ringkasan", "jenis", "prioritas", "instansi",
                                        "mingguan", "tinjauan", "tenggat"]
    assert "<title>Laporan Pengaduan Masuk</title>" in intake_page
    assert intake_page.count("<img ") == 4  # type, priority, institution, week
    assert_self_contained(intake_page)
    assert PHONE not in intake_page and PHONE.replace("-", "") not in intake_page


def test_intake_report_counts_match_the_batch_output(intake_page, batch_output):
    _, rows = batch_output
    types = Counter(row["primary"] for row in rows)
    type_rows = body_rows(intake_page, "tabel-jenis")
    assert {row[1]: int(row[3]) for row in type_rows} == {code: types[code] for code in CODES}
    reviews = Counter(row["primary"] for row in rows if row["needs_review"])
    assert {row[1]: int(row[5]) for row in type_rows} == {code: reviews[code] for code in CODES}

    priorities = Counter(row["priority"]["tingkat"] for row in rows)
    assert {row[0]: int(row[1]) for row in body_rows(intake_page, "tabel-prioritas")} == {
        level: priorities[level] for level in ("tinggi", "sedang", "rendah")}

    weeks = Counter()
    for row in rows:
        received = date.fromisoformat(row["received_at"])
        weeks[received - timedelta(days=received.weekday())] += 1
    week_rows = body_rows(intake_page, "tabel-minggu")
    assert len(week_rows) == 5 and sum(int(row[2]) for row in week_rows) == 40
    assert [int(row[2]) for row in week_rows] == [weeks[m] for m in sorted(weeks)]

    waiting = {row["id"] for row in rows if row["needs_review"]}
    assert {row[0] for row in body_rows(intake_page, "tabel-menunggu")} == waiting
    overdue = [(row["id"], step["key"]) for row in rows for step in row["routing"]
               if step.get("due_date") and date.fromisoformat(step["due_date"]) < TODAY]
    assert overdue, "with --today a month later some deadlines must be overdue"
    overdue_rows = body_rows(intake_page, "tabel-terlambat")
    assert {row[0] for row in overdue_rows} == {case_id for case_id, _ in overdue}
    assert sum(len(row[4].split("\n")) for row in overdue_rows) == len(overdue)
    per_step = {row[0]: int(row[2]) for row in body_rows(intake_page, "tabel-terlambat-langkah")}
    assert per_step == dict(Counter(key for _, key in overdue))

    kpis = re.search(r'<div class="kpis" id="ringkasan-angka">(.*?)</div></div></div>',
                     intake_page).group(1)
    assert f"{len(waiting)}</div><div class=\"kpi-label\">menunggu tinjauan" in kpis


def test_intake_report_institutions_and_period(batch_output):
    path, rows = batch_output
    named = Counter()
    for row in rows:
        for name in {" ".join(i["teks"].lower().split()) for i in row["key_facts"]["instansi"]}:
            named[name] += 1
    data = intake_report_data(read_batch_output(path), today=TODAY)
    counted = {name.lower(): n for name, n in data.by_institution}
    for name, n in named.items():
        assert counted[name] == n
    assert counted["(instansi tidak disebut)"] == sum(not r["key_facts"]["instansi"]
                                                      for r in rows)

    last_week = read_batch_output(path, date(2026, 11, 2), date(2026, 11, 8))
    expected = sum(date(2026, 11, 2) <= date.fromisoformat(r["received_at"]) <= date(2026, 11, 8)
                   for r in rows)
    assert len(last_week.cases) == expected and last_week.outside_period == 40 - expected
    with pytest.raises(ReportError, match="Periode tidak sah"):
        read_batch_output(path, date(2026, 11, 8), date(2026, 11, 2))


def test_intake_report_skips_bad_rows_and_reads_csv(batch_output, tmp_path):
    path, _ = batch_output
    broken = tmp_path / "rusak.jsonl"
    broken.write_bytes(path.read_bytes() + b"{rusak\n" + b'{"id": "x", "labels": ["tidak_ada"]}\n')
    source = read_batch_output(broken)
    assert len(source.cases) == 40 and len(source.skipped) == 2
    page = build_intake_report(batch_path=broken, today=TODAY)
    assert "2 baris tidak bisa dibaca" in page

    from coi_nlp.batch import run_batch

    source_csv = tmp_path / "masuk.csv"
    source_csv.write_text("id,text,received_at\nc1,Lurah minta 500rb untuk surat pengantar,"
                          "2026-10-01\n", encoding="utf-8")
    run_batch(source_csv, tmp_path / "hasil.csv", model_dir=MODEL_DIR, show_progress=False)
    cases = read_batch_output(tmp_path / "hasil.csv").cases
    assert [c.case_id for c in cases] == ["c1"] and cases[0].received == date(2026, 10, 1)
    assert cases[0].routing and cases[0].priority in ("tinggi", "sedang", "rendah")


def test_a_missing_batch_output_is_a_report_error(tmp_path):
    for candidate in (tmp_path / "tidak-ada.jsonl", tmp_path):  # missing, a directory
        with pytest.raises(ReportError, match="tidak bisa dibaca") as caught:
            read_batch_output(candidate)
        assert caught.value.code == "berkas_tidak_terbaca", candidate


def test_an_unreadable_batch_output_is_a_report_error(batch_output, tmp_path):
    path, _ = batch_output
    unreadable = tmp_path / "terkunci.jsonl"
    unreadable.write_bytes(path.read_bytes())
    unreadable.chmod(0)
    try:
        if os.access(unreadable, os.R_OK):  # root (or a platform without modes) reads it
            pytest.skip("chmod 000 does not make the file unreadable here")
        with pytest.raises(ReportError, match="tidak bisa dibaca") as caught:
            read_batch_output(unreadable)
        assert caught.value.code == "berkas_tidak_terbaca"
    finally:
        unreadable.chmod(0o600)


def test_empty_period_gives_a_report_without_charts(batch_output):
    path, _ = batch_output
    page = build_intake_report(batch_path=path, date_from=date(2020, 1, 1),
                               date_to=date(2020, 1, 31), today=TODAY)
    assert "Tidak ada pengaduan pada periode ini." in page and "<img " not in page


def test_text_is_escaped(batch_output, tmp_path):
    _, rows = batch_output
    row = {**rows[0], "id": "<script>alert(1)</script>", "needs_review": True}
    evil = tmp_path / "jahat.jsonl"
    evil.write_text(json.dumps(row) + "\n", encoding="utf-8")
    page = build_intake_report(batch_path=evil, today=TODAY)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- intake report from the audit log ------------------------------------------------------

def test_intake_report_from_the_audit_log(audit_db):
    source = read_audit_log(audit_db, date(2026, 10, 5), date(2026, 10, 21))
    assert [c.case_id for c in source.cases] == [f"LAPOR-{i:02d}" for i in range(9)]
    page = build_intake_report(database_url=audit_db, date_from=date(2026, 10, 5),
                               date_to=date(2026, 10, 21), today=date(2026, 10, 20))
    assert PHONE not in page and "[TELEPON]" in page  # the legacy row is redacted on output
    # needs_review: t_00, t_03, t_06 - t_00 and t_06 have feedback, so only LAPOR-03 waits
    assert [row[0] for row in body_rows(page, "tabel-menunggu")] == ["LAPOR-03"]
    # due = triage day + 3 < 20 Oct for t_00..t_06; t_00 and t_06 are reviewed
    overdue = [row[0] for row in body_rows(page, "tabel-terlambat")]
    assert sorted(overdue) == ["LAPOR-01", "LAPOR-02", "LAPOR-03", "LAPOR-04", "LAPOR-05"]
    assert {row[0]: row[1] for row in body_rows(page, "tabel-instansi-penerima")} == {
        "kab_garut": "9"}
    institutions = {row[0]: row[1] for row in body_rows(page, "tabel-instansi")}
    assert institutions["Dinas Pendidikan Kabupaten Garut"] == "8"
    assert "sqlite:///" in page and "2 kasus sudah diberi umpan balik" in page
    everything = build_intake_report(database_url=audit_db, today=date(2026, 10, 20))
    assert len(body_rows(everything, "tabel-minggu")) == 4  # 5 Oct .. 27 Oct


def test_audit_log_errors_are_clear(tmp_path):
    with pytest.raises(ReportError, match="tidak ditemukan"):
        read_audit_log(f"sqlite:///{tmp_path / 'tidak-ada.db'}")
    assert not (tmp_path / "tidak-ada.db").exists()  # no empty database was created
    with pytest.raises(ReportError, match="tidak bisa dibuka"):
        read_audit_log("bukan-url://x")
    with pytest.raises(ReportError, match="tepat satu sumber"):
        build_intake_report()


def test_pdf_export_without_chromium_is_a_clear_error(tmp_path):
    page = tmp_path / "laporan.html"
    page.write_text("<html></html>", encoding="utf-8")
    with pytest.raises(PdfExportError, match="Ekspor PDF butuh Chromium"):
        html_to_pdf(page, tmp_path / "laporan.pdf", chromium=tmp_path / "tidak-ada")


# --- in a real browser ---------------------------------------------------------------------

@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _check_in_browser(html_path: Path, title: str, n_images: int, n_tables: int, name: str):
    """Open the page in headless Chromium, check it rendered, save a full-page screenshot."""
    with chromium_session(width=1100, height=900) as driver:
        driver.get(html_path.resolve().as_uri())
        assert driver.title == title
        assert driver.find_element("css selector", "h1").text == title
        images = driver.execute_script(
            "return Array.from(document.images).map(i => [i.complete, i.naturalWidth, "
            "i.naturalHeight, i.alt, i.getBoundingClientRect().width]);")
        assert len(images) == n_images
        for complete, width, height, alt, shown in images:
            assert complete and width > 0 and height > 0 and alt and shown > 300, alt
        captions = driver.execute_script(
            "return Array.from(document.querySelectorAll('figcaption')).map(c => c.innerText);")
        assert len(captions) == n_images and all(len(c) > 40 for c in captions)
        tables = driver.execute_script(
            "return Array.from(document.querySelectorAll('table')).map(t => t.rows.length);")
        assert len(tables) == n_tables and all(rows > 1 for rows in tables)
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        assert errors == []
        size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"],
                     "scale": 1}})
        (ARTIFACTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert driver.execute_script(
            "return getComputedStyle(document.querySelector('main')).boxShadow;") == "none"
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 50_000


@needs_chromium
def test_model_report_renders_in_chromium(model_page, tmp_path, artifacts):
    path = tmp_path / "laporan-model.html"
    written = write_report(model_page, path, pdf=artifacts / "laporan-model.pdf")
    _check_in_browser(path, "Laporan Kualitas Model", 3, 6, "laporan-model")
    pdf = written[1].read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 3


@needs_chromium
def test_intake_report_renders_in_chromium(intake_page, tmp_path, artifacts):
    path = tmp_path / "laporan-pengaduan.html"
    written = write_report(intake_page, path, pdf=artifacts / "laporan-pengaduan.pdf")
    _check_in_browser(path, "Laporan Pengaduan Masuk", 4, 7, "laporan-pengaduan")
    assert written[1].read_bytes().startswith(b"%PDF")


@needs_chromium
def test_audit_log_report_renders_in_chromium(audit_db, tmp_path, artifacts):
    path = tmp_path / "laporan-log-audit.html"
    write_report(build_intake_report(database_url=audit_db, today=date(2026, 10, 20)), path)
    _check_in_browser(path, "Laporan Pengaduan Masuk", 4, 8, "laporan-log-audit")


# --- command line --------------------------------------------------------------------------

def test_report_commands(labelled, batch_output, tmp_path):
    data, _ = labelled
    out = run_cli("report", "model", "--data", str(data), "--model", str(MODEL_DIR),
                  "--split", "test", "--out", str(tmp_path / "model.html"))
    assert out.returncode == 0, out.stderr
    assert b"ditulis:" in out.stdout
    assert "Laporan Kualitas Model" in (tmp_path / "model.html").read_text(encoding="utf-8")

    batch, _ = batch_output
    out = run_cli("report", "intake", "--input", str(batch), "--from", "2026-10-05",
                  "--to", "2026-11-08", "--today", TODAY.isoformat(),
                  "--out", str(tmp_path / "masuk.html"))
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "masuk.html").read_text(encoding="utf-8")
    assert "5 Oktober 2026 s.d. 8 November 2026" in page and "12 November 2026" in page


def test_report_command_errors(batch_output, tmp_path, capsys):
    # a missing input file, through the real command line: one 'galat:' line, exit 2
    for command, flag in (("model", "--data"), ("intake", "--input")):
        out = run_cli("report", command, flag, str(tmp_path / "tidak-ada.jsonl"), "--out",
                      str(tmp_path / "x.html"))
        assert out.returncode == 2, out.stderr
        assert out.stderr.startswith(b"galat: ") and b"tidak bisa dibaca" in out.stderr
        assert b"Traceback" not in out.stderr

    # more bad input, in-process (faster): same handler, same exit status
    from coi_nlp.cli import main

    batch, _ = batch_output
    for args in (
        ["report", "intake", "--input", str(batch), "--from", "2026-11-08", "--to",
         "2026-11-01", "--out", str(tmp_path / "x.html")],
        ["report", "intake", "--database-url", f"sqlite:///{tmp_path / 'tidak-ada.db'}",
         "--out", str(tmp_path / "x.html")],
        ["report", "intake", "--input", str(batch), "--out",
         str(tmp_path / "tidak-ada" / "x.html")],
    ):
        assert main(args) == 2, args
        assert capsys.readouterr().err.startswith("galat: "), args
    assert not (tmp_path / "x.html").exists()
    with pytest.raises(SystemExit) as usage:  # argparse: exactly one source is required
        main(["report", "intake", "--out", str(tmp_path / "x.html")])
    assert usage.value.code == 2 and "--input" in capsys.readouterr().err
