"""Model files: save and load with checksums, and refuse anything that does not match.

A model directory ``models/<name>/`` holds:

* ``model.joblib`` - the fitted :class:`CoiClassifier` (a pickle: loading it runs code, so
  only ever load files you trust; we load only files whose SHA-256 matches ``SHA256SUMS``);
* ``model_card.json`` and ``MODEL_CARD.md`` - labels, data hash and counts, metrics,
  thresholds, library versions, creation time;
* ``SHA256SUMS`` - checksums of the two files above, in ``sha256sum`` format, so
  ``sha256sum -c SHA256SUMS`` verifies them by hand as well.

Loading verifies the checksums and that the installed scikit-learn is the version that
wrote the pickle, and raises :class:`ModelFileError` with a clear message otherwise.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import joblib
import sklearn

from coi_nlp.errors import ModelFileError
from coi_nlp.model.registry import current_model_dir

__all__ = ["LoadedModel", "save_model", "load_model", "default_model_dir", "sha256_file"]

MODEL_FILE, CARD_FILE, CARD_MD, SUMS_FILE = ("model.joblib", "model_card.json", "MODEL_CARD.md",
                                             "SHA256SUMS")


def default_model_dir() -> Path:
    """The model to use when none is given.

    ``$COI_MODEL_DIR`` (a fixed directory) if set; otherwise the registry's current version
    under the models root (``$COI_MODELS_ROOT``, default the repository's ``models/``): the
    directory named in ``models/CURRENT``, or the bundled ``models/coi-default`` when there
    is no ``CURRENT`` (see :mod:`coi_nlp.model.registry`).
    """
    env = os.environ.get("COI_MODEL_DIR")
    if env:
        return Path(env)
    return current_model_dir()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class LoadedModel:
    classifier: object
    card: dict
    directory: Path
    version: str


def save_model(classifier, directory, card: dict, card_markdown: str) -> LoadedModel:
    """Write the model, its card and checksums into ``directory`` (created if needed)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    card = {**card, "library_versions": {**card.get("library_versions", {}),
                                         "scikit-learn": sklearn.__version__}}
    joblib.dump(classifier, directory / MODEL_FILE, compress=3)
    (directory / CARD_FILE).write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    (directory / CARD_MD).write_text(card_markdown, encoding="utf-8")
    sums = "".join(f"{sha256_file(directory / name)}  {name}\n" for name in (MODEL_FILE,
                                                                             CARD_FILE))
    (directory / SUMS_FILE).write_text(sums, encoding="ascii")
    return load_model(directory)


def _read_sums(directory: Path) -> dict[str, str]:
    try:
        lines = (directory / SUMS_FILE).read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        raise ModelFileError(f"Berkas {SUMS_FILE} tidak ada atau rusak di {directory}.",
                             f"{SUMS_FILE} missing or unreadable in {directory}.",
                             code="checksum_tidak_ada") from None
    sums = {}
    for line in lines:
        parts = line.split()
        if len(parts) == 2 and len(parts[0]) == 64:
            sums[parts[1].lstrip("*")] = parts[0].lower()
    return sums


def load_model(directory=None) -> LoadedModel:
    """Load a model directory after checking checksums and the scikit-learn version."""
    directory = Path(directory) if directory else default_model_dir()
    if not directory.is_dir():
        raise ModelFileError(f"Direktori model tidak ditemukan: {directory}.",
                             f"Model directory not found: {directory}.",
                             code="model_tidak_ditemukan")
    sums = _read_sums(directory)
    for name in (MODEL_FILE, CARD_FILE):
        path = directory / name
        if name not in sums:
            raise ModelFileError(f"{SUMS_FILE} tidak memuat checksum untuk {name}.",
                                 f"No checksum for {name}.", code="checksum_tidak_ada")
        if not path.is_file():
            raise ModelFileError(f"Berkas model hilang: {path}.", f"Missing file: {path}.",
                                 code="model_tidak_ditemukan")
        if sha256_file(path) != sums[name]:
            raise ModelFileError(
                f"Checksum {name} tidak cocok: berkas rusak atau telah diubah. Model tidak "
                "dimuat (berkas joblib adalah pickle; hanya muat berkas tepercaya).",
                f"Checksum mismatch for {name}: corrupt or tampered file; refusing to load.",
                code="checksum_tidak_cocok")
    try:
        card = json.loads((directory / CARD_FILE).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise ModelFileError(f"Kartu model rusak: {directory / CARD_FILE}.",
                             "Model card is not valid JSON.", code="kartu_model_rusak") from None
    wrote = card.get("library_versions", {}).get("scikit-learn")
    if wrote != sklearn.__version__:
        raise ModelFileError(
            f"Model ditulis dengan scikit-learn {wrote}, terpasang {sklearn.__version__}. "
            "Pasang versi yang sama atau latih ulang dengan `coi-nlp train`.",
            f"Model written by scikit-learn {wrote}, installed {sklearn.__version__}; "
            "install the same version or retrain.", code="versi_tidak_cocok")
    try:
        classifier = joblib.load(directory / MODEL_FILE)
    except Exception as exc:  # a checksum-valid file that still fails to unpickle
        raise ModelFileError(f"Model tidak dapat dibaca: {type(exc).__name__}.",
                             "Model file cannot be read.", code="model_rusak") from None
    if type(classifier).__name__ != "CoiClassifier" or not hasattr(classifier, "estimator_"):
        raise ModelFileError("Berkas model bukan CoiClassifier yang sudah dilatih.",
                             "Model file is not a fitted CoiClassifier.", code="model_rusak")
    version = f"{card.get('name', directory.name)}-{sums[MODEL_FILE][:12]}"
    return LoadedModel(classifier, card, directory, version)
