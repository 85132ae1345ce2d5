"""The Markdown form of a model card (the JSON card is the source)."""

from __future__ import annotations

__all__ = ["card_markdown"]


def _metric_rows(metrics: dict | None) -> list[str]:
    if not metrics:
        return ["(tidak ada data)"]
    keys = ["n", "macro_f1", "accuracy", "micro_f1", "samples_f1", "coi_f1", "review_rate",
            "selective_macro_f1", "selective_accuracy"]
    return ["| metrik | nilai |", "|---|---|"] + [f"| {k} | {metrics[k]} |" for k in keys]


def card_markdown(card: dict) -> str:
    """Render the card for people: what the model is, how it was trained, how good it is."""
    data, metrics = card["data"], card["metrics"]
    lines = [
        f"# Kartu model `{card['name']}`",
        "",
        f"Dibuat {card['created']}. Pengklasifikasi multi-label benturan kepentingan "
        "(13 kode taksonomi): n-gram kata + n-gram karakter, SVM linear one-vs-rest dengan "
        "bobot kelas, probabilitas terkalibrasi (sigmoid, validasi silang), ambang per label "
        "dari split dev.",
        "",
        "**Keamanan:** `model.joblib` adalah pickle. Hanya muat berkas tepercaya; coi-nlp "
        "menolak memuat berkas yang checksum SHA-256-nya tidak cocok dengan `SHA256SUMS`.",
        "",
        "## Data",
        f"- SHA-256 data (versi data): `{data['sha256']}`"
        + (f" dari `{card['data_version']['source']}`"
           if card.get("data_version", {}).get("source") else ""),
        f"- Rekaman: {data['n']} (train {data['split_sizes']['train']}, dev "
        f"{data['split_sizes']['dev']}, test {data['split_sizes']['test']})",
        "",
        "## Hiperparameter",
        "```json",
        *[f"{k}: {v}" for k, v in card["hyperparameters"].items()],
        "```",
        "",
        "## Metrik dev (model dilatih pada train)",
        *_metric_rows(metrics.get("dev")),
        "",
        "## Metrik test (model akhir, train+dev)",
        *_metric_rows(metrics.get("test")),
        "",
        "## Ambang per label",
        "| label | ambang |",
        "|---|---|",
        *[f"| {code} | {value} |" for code, value in card["thresholds"].items()],
        "",
        *_primary_model_lines(card.get("primary_model")),
        "## Tinjauan manusia (`needs_review`)",
        f"Ditandai bila probabilitas label utama < {card['review_policy']['min_top']} atau "
        f"selisih dengan kode berikutnya < {card['review_policy']['min_margin']}; dipilih dari "
        "kurva cakupan/akurasi pada dev sebagai titik dengan akurasi label utama tertinggi "
        "pada kasus yang tidak ditandai, dengan paling banyak "
        f"{card['review_policy']['max_review_rate_on_dev']:.0%} kasus dikirim ke petugas.",
        "",
        "## Versi pustaka",
        *[f"- {k}: {v}" for k, v in card["library_versions"].items()],
        "",
    ]
    return "\n".join(lines)


def _primary_model_lines(primary: dict | None) -> list[str]:
    if not primary:
        return []
    scores = ", ".join(f"{r['primary_weight']}: {r['dev_macro_f1']}"
                       for r in primary["dev_results"])
    return [
        "## Label utama",
        "Label utama = kode dengan P(ada)^(1-bobot) x P(utama)^bobot tertinggi (dinormalkan): "
        "P(ada) dari SVM satu-lawan-semua (juga probabilitas per label), P(utama) dari SVM "
        "multikelas yang dilatih pada label utama saja (urutan label menurut panduan anotasi "
        "5.2). "
        f"Bobot {primary['weight']}, dipilih pada dev (macro-F1 dev per bobot: {scores}).",
        "",
    ]
