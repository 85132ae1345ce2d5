"""The model quality report (``coi-nlp report model``).

From a loaded model and a labelled file it computes, in :func:`model_report_data`:

* the metrics of :func:`coi_nlp.model.evaluation.evaluate_decisions` (per label and overall),
  next to the dev and test metrics recorded in the model card;
* the confusion matrix of the primary labels;
* reliability (calibration) bins: how often a label is right when the model gives it a
  probability p, for every code's probability and for the top probability;
* the coverage/accuracy curve behind ``needs_review`` on this data, next to the dev curve
  the review policy was chosen from;
* the most frequent confusions with example texts (redacted) and the words that pushed
  the model (:func:`coi_nlp.model.explain.explain`);

and :func:`render_model_report` turns that into one HTML page (:mod:`coi_nlp.report.html`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from coi_nlp.corpus.records import Record, read_records
from coi_nlp.model.artifacts import LoadedModel, load_model
from coi_nlp.model.evaluation import coverage_curve, evaluate_decisions
from coi_nlp.model.explain import explain
from coi_nlp.report import charts
from coi_nlp.report.errors import ReportError
from coi_nlp.report.formatting import fmt_date, fmt_decimal, fmt_int, fmt_percent
from coi_nlp.report.html import (
    Markup,
    Section,
    badge,
    esc,
    figure,
    join,
    note,
    paragraph,
    render_page,
    summary_grid,
    table,
)
from coi_nlp.taxonomy import CODES, get_label
from coi_nlp.text.redact import redact_text

__all__ = ["Example", "Confusion", "ModelReportData", "reliability_bins", "model_report_data",
           "render_model_report", "build_model_report", "SUMMARY_METRICS"]

# Overall metrics in the summary table, with what they mean (Bahasa Indonesia).
SUMMARY_METRICS = (
    ("n", "Jumlah rekaman"),
    ("macro_f1", "Macro-F1 label utama (rata-rata F1 per label)"),
    ("accuracy", "Akurasi label utama"),
    ("micro_f1", "Micro-F1 himpunan label"),
    ("samples_f1", "F1 per rekaman (himpunan label)"),
    ("coi_f1", "F1 benturan kepentingan ya/tidak"),
    ("review_rate", "Bagian kasus ke tinjauan petugas (needs_review)"),
    ("selective_macro_f1", "Macro-F1 pada kasus tanpa tinjauan"),
    ("selective_accuracy", "Akurasi pada kasus tanpa tinjauan"),
)
EXCERPT_CHARS = 700  # longest example text shown (after redaction)
N_BINS = 10


@dataclass
class Example:
    """One misclassified record shown in the report (text already redacted)."""

    record_id: str
    text: str
    gold: list[str]
    predicted: list[str]
    p_predicted: float
    p_gold: float
    needs_review: bool
    review_reasons: list[str]
    words_predicted: list[str]
    words_gold: list[str]


@dataclass
class Confusion:
    """A (true primary, predicted primary) pair and how often it happened."""

    gold: str
    predicted: str
    count: int
    examples: list[Example] = field(default_factory=list)


@dataclass
class ModelReportData:
    """Everything the model report shows; see :func:`model_report_data`."""

    model: LoadedModel
    data_path: str
    split: str | None
    splits: dict[str, int]
    metrics: dict
    policy: dict
    curve: list[dict]
    curve_dev: list[dict]
    reliability: dict[str, dict]
    brier: float
    confusions: list[Confusion]
    generated: date


def reliability_bins(probabilities, outcomes, n_bins: int = N_BINS) -> dict:
    """Group probabilities into ``n_bins`` equal bins and compare with what happened.

    Parameters
    ----------
    probabilities : array-like of float
        Probabilities the model gave (0..1).
    outcomes : array-like of bool
        Whether the event happened (the label was right).

    Returns
    -------
    dict
        ``edges`` (bin edges), ``all_counts`` (records per bin), and for the non-empty bins
        ``confidence`` (mean probability), ``observed`` (share right) and ``count``; ``ece``
        is the expected calibration error (count-weighted mean of
        ``|observed - confidence|``).

    Examples
    --------
    >>> bins = reliability_bins([0.05, 0.95, 0.9], [False, True, True])
    >>> bins["all_counts"][0], bins["all_counts"][9], bins["ece"]
    (1, 2, 0.0667)
    """
    p = np.asarray(probabilities, dtype=float).ravel()
    y = np.asarray(outcomes, dtype=bool).ravel()
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    index = np.clip(np.digitize(p, edges[1:-1], right=False), 0, n_bins - 1)
    counts = np.bincount(index, minlength=n_bins)
    confidence, observed, present = [], [], []
    ece = 0.0
    for b in range(n_bins):
        if not counts[b]:
            continue
        mean_p, share = float(p[index == b].mean()), float(y[index == b].mean())
        confidence.append(round(mean_p, 4))
        observed.append(round(share, 4))
        present.append(int(counts[b]))
        ece += counts[b] * abs(share - mean_p)
    return {"edges": edges.tolist(), "all_counts": counts.tolist(), "confidence": confidence,
            "observed": observed, "count": present,
            "ece": round(float(ece / max(1, len(p))), 4)}


def _excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """Redact first, then shorten: a cut never splits reporter data out of its placeholder."""
    shown = redact_text(text)
    if len(shown) <= limit:
        return shown
    cut = shown[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def _words(explanation: dict, code: str) -> list[str]:
    return [redact_text(item["kata"]) for item in explanation.get(code, [])]


def _confusions(records, probabilities, decisions, matrix, classifier, top_pairs: int,
                per_pair: int) -> list[Confusion]:
    codes = classifier.classes_
    pairs = Counter((r.primary, d.primary) for r, d in zip(records, decisions)
                    if r.primary != d.primary)
    ranked = sorted(pairs.items(), key=lambda item: (-item[1], CODES.index(item[0][0]),
                                                     CODES.index(item[0][1])))
    result = []
    for (gold, predicted), count in ranked[:top_pairs]:
        confusion = Confusion(gold, predicted, count)
        members = [i for i, (r, d) in enumerate(zip(records, decisions))
                   if r.primary == gold and d.primary == predicted]
        # the most confidently wrong first: those teach the most
        members.sort(key=lambda i: -probabilities[i, codes.index(predicted)])
        for i in members[:per_pair]:
            words = explain(classifier, records[i].text, matrix[i], [predicted, gold])
            confusion.examples.append(Example(
                record_id=records[i].id, text=_excerpt(records[i].text),
                gold=list(records[i].labels), predicted=list(decisions[i].labels),
                p_predicted=float(probabilities[i, codes.index(predicted)]),
                p_gold=float(probabilities[i, codes.index(gold)]),
                needs_review=decisions[i].needs_review,
                review_reasons=list(decisions[i].review_reasons),
                words_predicted=_words(words, predicted), words_gold=_words(words, gold)))
        result.append(confusion)
    return result


def model_report_data(records: list[Record], model: LoadedModel, data_path: str = "",
                      split: str | None = None, generated: date | None = None,
                      top_pairs: int = 6, per_pair: int = 2) -> ModelReportData:
    """Compute everything the model report shows.

    Parameters
    ----------
    records : list of Record
        Labelled records (already filtered to ``split`` if one was asked for).
    model : LoadedModel
        The model to evaluate.
    data_path, split : str
        Where the records came from (shown in the report).
    generated : date, optional
        Report date (default today).
    top_pairs, per_pair : int
        How many confusions to show and how many examples of each.
    """
    if not records:
        raise ReportError("Tidak ada rekaman berlabel untuk laporan model.",
                          "No labelled records for the model report.", code="data_kosong")
    classifier = model.classifier
    codes = list(classifier.classes_)
    matrix = classifier.transform_features([r.text for r in records])
    probabilities = classifier.proba_from_features(matrix)
    primary_probabilities = classifier.primary_proba_from_features(matrix, probabilities)
    decisions = classifier.decide(probabilities, primary_probabilities)
    metrics = evaluate_decisions([r.labels for r in records], decisions)
    policy = classifier.review_policy_
    gold_primary = [r.primary for r in records]
    curve = coverage_curve(gold_primary, primary_probabilities, codes, policy.min_margin)
    card_policy = model.card.get("review_policy", {})

    truth = np.array([[code in r.labels for code in codes] for r in records])
    top = primary_probabilities.max(axis=1)
    primary_right = np.array([d.primary == g for d, g in zip(decisions, gold_primary)])
    reliability = {
        "semua kode (13 probabilitas per kasus)": reliability_bins(probabilities, truth),
        "probabilitas label utama vs label utama benar": reliability_bins(top, primary_right),
    }
    return ModelReportData(
        model=model, data_path=str(data_path), split=split,
        splits=dict(Counter(r.split or "(tanpa split)" for r in records)),
        metrics=metrics,
        policy={"min_top": policy.min_top, "min_margin": policy.min_margin,
                "max_review_rate_on_dev": card_policy.get("max_review_rate_on_dev")},
        curve=curve, curve_dev=list(card_policy.get("coverage_curve_dev", [])),
        reliability=reliability,
        brier=round(float(np.mean((probabilities - truth) ** 2)), 4),
        confusions=_confusions(records, probabilities, decisions, matrix, classifier,
                               top_pairs, per_pair),
        generated=generated or date.today())


# --- rendering -----------------------------------------------------------------------------

def _metric(value, key: str) -> str:
    if value is None:
        return "-"
    if key == "n":
        return fmt_int(value)
    if key == "review_rate":
        return fmt_percent(value)
    return fmt_decimal(value)


def _label_name(code: str) -> str:
    return get_label(code).name_id


def _chosen(points: list[dict], min_top: float) -> dict | None:
    return next((p for p in points if abs(p["min_top"] - min_top) < 1e-9), None)


def _summary_section(data: ModelReportData) -> Section:
    m = data.metrics
    card_metrics = data.model.card.get("metrics", {})
    dev, test = card_metrics.get("dev") or {}, card_metrics.get("test") or {}
    parts = [summary_grid([
        ("rekaman dievaluasi", fmt_int(m["n"])),
        ("akurasi label utama", fmt_percent(m["accuracy"])),
        ("macro-F1 label utama", fmt_decimal(m["macro_f1"])),
        ("F1 benturan kepentingan", fmt_decimal(m["coi_f1"])),
        ("dikirim ke tinjauan petugas", fmt_percent(m["review_rate"])),
        ("akurasi tanpa tinjauan", fmt_percent(m["selective_accuracy"])),
    ], "ringkasan-angka")]
    seen = set(data.splits) & {"train", "dev"}
    if seen:
        parts.append(note(
            "Perhatian: data ini memuat rekaman split " + " dan ".join(sorted(seen)) +
            ". Model akhir dilatih pada train+dev, jadi angka untuk rekaman itu terlalu "
            "optimistis. Pakai --split test untuk angka yang jujur.", "warning"))
    elif "(tanpa split)" in data.splits:
        parts.append(note("Rekaman tanpa kunci split: pastikan rekaman ini tidak dipakai "
                          "untuk melatih model, kalau tidak angka akan terlalu optimistis."))
    parts.append(paragraph(
        "Tabel membandingkan angka pada data laporan ini dengan angka yang tercatat di kartu "
        "model (dev: model dilatih pada train; test: model akhir dilatih pada train+dev)."))
    rows = [[label, _metric(dev.get(key), key), _metric(test.get(key), key),
             _metric(m[key], key)] for key, label in SUMMARY_METRICS]
    parts.append(table(["Metrik", "Kartu model: dev", "Kartu model: test", "Data laporan ini"],
                       rows, "tabel-ringkasan", numeric=(1, 2, 3)))
    return Section("ringkasan", "Ringkasan", join(parts))


def _card_section(data: ModelReportData) -> Section:
    card = data.model.card
    info = card.get("data", {})
    sizes = info.get("split_sizes", {})
    hyper = card.get("hyperparameters", {})
    policy = data.policy
    rows = [
        ["Nama dan versi", data.model.version],
        ["Dibuat", card.get("created", "-")],
        ["Direktori", str(data.model.directory)],
        ["Data latih", (f"{fmt_int(info.get('n', 0))} rekaman (train "
                        f"{fmt_int(sizes.get('train', 0))}, dev {fmt_int(sizes.get('dev', 0))}, "
                        f"test {fmt_int(sizes.get('test', 0))}); SHA-256 "
                        f"{str(info.get('sha256', ''))[:16]}…")],
        ["Fitur dan pengklasifikasi",
         (f"n-gram kata {tuple(hyper.get('word_ngrams', ()))} + n-gram karakter "
          f"{tuple(hyper.get('char_ngrams', ()))}; SVM linear one-vs-rest, C = "
          f"{fmt_decimal(hyper.get('C', 0), 2)}; probabilitas terkalibrasi (sigmoid)")],
        ["Kebijakan tinjauan (needs_review)",
         f"ditandai bila probabilitas tertinggi < {fmt_decimal(policy['min_top'], 2)} atau "
         f"selisih dua teratas < {fmt_decimal(policy['min_margin'], 2)}"
         + (f"; dipilih pada dev dengan paling banyak "
            f"{fmt_percent(policy['max_review_rate_on_dev'], 0)} kasus ke petugas"
            if policy.get("max_review_rate_on_dev") is not None else "")],
        ["Versi pustaka", ", ".join(f"{k} {v}" for k, v in
                                     card.get("library_versions", {}).items())],
    ]
    body = table(["Butir", "Isi"], rows, "tabel-kartu-model")
    return Section("kartu-model", "Kartu model", body)


def _per_label_section(data: ModelReportData) -> Section:
    thresholds = data.model.classifier.thresholds_
    rows = []
    for number, (code, m) in enumerate(data.metrics["per_label"].items(), 1):
        rows.append([str(number), code, _label_name(code), fmt_decimal(m["precision"]),
                     fmt_decimal(m["recall"]), fmt_decimal(m["f1"]), fmt_int(m["support"]),
                     fmt_decimal(thresholds.get(code, 0.5), 2)])
    parts = [
        paragraph("Presisi: dari kasus yang diberi label ini oleh model, berapa bagian yang "
                  "benar. Recall: dari kasus yang sebenarnya berlabel ini, berapa bagian yang "
                  "ditemukan model. F1 menggabungkan keduanya. Dukungan (support): jumlah "
                  "kasus yang sebenarnya berlabel ini di data. Dihitung pada himpunan label "
                  "(sebuah kasus bisa punya dua label)."),
        table(["No", "Kode", "Nama", "Presisi", "Recall", "F1", "Dukungan", "Ambang"], rows,
              "tabel-per-label", numeric=(0, 3, 4, 5, 6, 7)),
    ]
    return Section("per-label", "Kinerja per label", join(parts))


def _confusion_section(data: ModelReportData, number: int) -> Section:
    confusion = data.metrics["confusion"]
    chart = charts.confusion_heatmap(
        confusion["matrix"], confusion["labels"], "Matriks konfusi label utama",
        "Baris: label utama sebenarnya; kolom: label utama yang diprediksi (nomor kolom = "
        "nomor baris). Angka = jumlah kasus; warna = bagian dari baris (makin gelap makin "
        "besar; putih = tidak ada). Diagonal (angka tebal) adalah prediksi benar; kotak di "
        "luar diagonal menunjukkan label yang tertukar.")
    return Section("konfusi", "Matriks konfusi", figure(chart, number))


def _reliability_section(data: ModelReportData, number: int) -> Section:
    chart = charts.reliability_diagram(
        data.reliability, "Diagram reliabilitas (kalibrasi probabilitas)",
        "Tiap titik adalah satu kelompok probabilitas (0-0,1; 0,1-0,2; ...). Sumbu datar: "
        "probabilitas rata-rata yang diberikan model; sumbu tegak: seberapa sering label itu "
        "benar. Titik di garis putus-putus berarti probabilitas bisa dipercaya apa adanya; "
        "di bawah garis berarti model terlalu yakin, di atas garis terlalu ragu. Panel bawah: "
        "jumlah kasus per kelompok (skala log); kelompok dengan sedikit kasus bisa meleset "
        "jauh secara kebetulan.")
    rows = [[name, fmt_decimal(bins["ece"]), fmt_int(sum(bins["all_counts"]))]
            for name, bins in data.reliability.items()]
    parts = [figure(chart, number),
             table(["Probabilitas", "ECE (galat kalibrasi harapan)", "Jumlah"], rows,
                   "tabel-kalibrasi", numeric=(1, 2), compact=True),
             paragraph(f"Skor Brier (13 probabilitas per kasus; 0 = sempurna): "
                       f"{fmt_decimal(data.brier, 4)}. ECE adalah selisih rata-rata antara "
                       f"probabilitas dan frekuensi benar, ditimbang jumlah kasus.")]
    return Section("kalibrasi", "Kalibrasi probabilitas", join(parts))


def _coverage_section(data: ModelReportData, number: int) -> Section:
    curves = {"data laporan ini": data.curve}
    if data.curve_dev:
        curves = {"dev (kartu model; dasar pemilihan)": data.curve_dev, **curves}
    chosen = {name: _chosen(points, data.policy["min_top"]) for name, points in curves.items()}
    chart = charts.coverage_chart(
        curves, chosen, "Cakupan dan akurasi aturan needs_review",
        "Tiap titik adalah satu ambang probabilitas tertinggi (min_top) dengan selisih "
        f"minimum {fmt_decimal(data.policy['min_margin'], 2)}. Ke kanan: lebih banyak kasus "
        "diputuskan otomatis; ke atas: kasus yang diputuskan otomatis lebih sering benar. "
        "Bintang: kebijakan yang dipakai model (angkanya di legenda). Kasus yang tidak "
        "tercakup dikirim ke petugas (needs_review).")
    point = chosen["data laporan ini"]
    parts = [figure(chart, number)]
    if point:
        parts.append(paragraph(
            f"Pada data ini kebijakan yang dipakai memutuskan {fmt_percent(point['coverage'])} "
            f"kasus tanpa petugas dengan akurasi label utama {fmt_percent(point['accuracy'])}; "
            f"{fmt_percent(1 - point['coverage'])} kasus dikirim ke tinjauan."))
    rows = [[fmt_decimal(p["min_top"], 2), fmt_percent(p["coverage"]),
             fmt_percent(p["accuracy"])] for p in data.curve[::2]]
    parts.append(table(["min_top", "Cakupan", "Akurasi tanpa tinjauan"], rows,
                       "tabel-cakupan", numeric=(0, 1, 2), compact=True,
                       caption="Kurva pada data laporan ini (setiap ambang kedua)"))
    return Section("cakupan", "Cakupan dan akurasi (needs_review)", join(parts))


def _example_html(example: Example) -> Markup:
    review = (badge("perlu tinjauan", "ya") + esc(" " + "; ".join(example.review_reasons))
              if example.needs_review else esc("tidak (diputuskan otomatis)"))
    rows = [
        ("Label sebenarnya", ", ".join(example.gold)),
        ("Prediksi model", ", ".join(example.predicted)),
        ("Probabilitas", (f"{example.predicted[0]} {fmt_decimal(example.p_predicted, 2)}; "
                          f"{example.gold[0]} {fmt_decimal(example.p_gold, 2)}")),
        ("Perlu tinjauan", review),
        ("Kata pendorong prediksi", ", ".join(example.words_predicted) or "-"),
        ("Kata pendukung label sebenarnya", ", ".join(example.words_gold) or "-"),
    ]
    facts = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    return Markup(f'<div class="example"><strong>id {esc(example.record_id)}</strong>'
                  f'<div class="text">{esc(example.text)}</div><dl>{facts}</dl></div>')


def _confusions_section(data: ModelReportData) -> Section:
    if not data.confusions:
        return Section("kesalahan", "Kesalahan terbesar",
                       paragraph("Tidak ada label utama yang tertukar pada data ini."))
    rows = [[c.gold, c.predicted, fmt_int(c.count)] for c in data.confusions]
    parts = [
        paragraph("Pasangan label utama yang paling sering tertukar, dengan contoh kasus "
                  "yang paling yakin salah. Teks telah disamarkan ([TELEPON], [NIK], ...). "
                  "Kata pendorong adalah kata dari teks pelapor yang paling menaikkan skor "
                  "label itu."),
        table(["Label sebenarnya", "Diprediksi sebagai", "Jumlah"], rows, "tabel-kesalahan",
              numeric=(2,)),
    ]
    for c in data.confusions:
        parts.append(Markup(f"<h3>{esc(c.gold)} → {esc(c.predicted)} "
                            f"({esc(fmt_int(c.count))} kasus)</h3>"))
        parts.extend(_example_html(e) for e in c.examples)
    return Section("kesalahan", "Kesalahan terbesar", join(parts))


def render_model_report(data: ModelReportData) -> str:
    """The model report as a self-contained HTML page."""
    sections = [_summary_section(data), _card_section(data), _per_label_section(data),
                _confusion_section(data, 1), _reliability_section(data, 2),
                _coverage_section(data, 3), _confusions_section(data)]
    split = data.split or "semua rekaman"
    splits = ", ".join(f"{k} {fmt_int(v)}" for k, v in sorted(data.splits.items()))
    meta = [("Model", data.model.version), ("Data", data.data_path),
            ("Split", f"{split} ({splits})"), ("Jumlah rekaman", fmt_int(data.metrics["n"])),
            ("Tanggal laporan", fmt_date(data.generated))]
    return render_page(
        "Laporan Kualitas Model", "Triase pengaduan benturan kepentingan (coi-nlp)", meta,
        sections, f"Dibuat dengan coi-nlp report model pada {fmt_date(data.generated)}. "
                  "Teks pengaduan disamarkan sebelum ditampilkan.")


def build_model_report(data_path, model_dir=None, split: str | None = None,
                       generated: date | None = None) -> str:
    """Read a labelled file, evaluate the model on it and return the report's HTML.

    Parameters
    ----------
    data_path : path
        Labelled JSONL or CSV in the record format.
    model_dir : path, optional
        Model directory (default: the bundled model).
    split : {"train", "dev", "test"}, optional
        Only records of this split.
    generated : date, optional
        Report date (default today).
    """
    records = read_records(data_path)
    if split:
        records = [r for r in records if r.split == split]
    if not records:
        raise ReportError(f"Tidak ada rekaman{' split ' + split if split else ''} di "
                          f"{data_path}.", "No records to report on.", code="data_kosong")
    model = load_model(model_dir)
    data = model_report_data(records, model, Path(data_path).name, split, generated)
    return render_model_report(data)
