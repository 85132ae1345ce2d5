import json
import shutil

import pytest

from coi_nlp.errors import ModelFileError
from coi_nlp.model.artifacts import load_model, sha256_file


@pytest.fixture()
def model_copy(small_model_dir, tmp_path):
    target = tmp_path / "salinan"
    shutil.copytree(small_model_dir, target)
    return target


def _resum(directory):
    sums = "".join(f"{sha256_file(directory / n)}  {n}\n" for n in ("model.joblib",
                                                                    "model_card.json"))
    (directory / "SHA256SUMS").write_text(sums)


def test_round_trip(small_model_dir):
    loaded = load_model(small_model_dir)
    assert loaded.version.startswith("uji-kecil-") and loaded.card["name"] == "uji-kecil"
    assert (small_model_dir / "MODEL_CARD.md").read_text().startswith("# Kartu model")


def test_tampered_model_file_is_refused(model_copy):
    data = bytearray((model_copy / "model.joblib").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (model_copy / "model.joblib").write_bytes(bytes(data))
    with pytest.raises(ModelFileError) as info:
        load_model(model_copy)
    assert info.value.code == "checksum_tidak_cocok"


def test_tampered_card_is_refused(model_copy):
    card = json.loads((model_copy / "model_card.json").read_text())
    card["thresholds"]["gratifikasi"] = 0.01
    (model_copy / "model_card.json").write_text(json.dumps(card))
    with pytest.raises(ModelFileError, match="Checksum"):
        load_model(model_copy)


def test_missing_checksums_are_refused(model_copy):
    (model_copy / "SHA256SUMS").unlink()
    with pytest.raises(ModelFileError) as info:
        load_model(model_copy)
    assert info.value.code == "checksum_tidak_ada"


def test_other_scikit_learn_version_is_refused(model_copy):
    card = json.loads((model_copy / "model_card.json").read_text())
    card["library_versions"]["scikit-learn"] = "0.24.2"
    (model_copy / "model_card.json").write_text(json.dumps(card))
    _resum(model_copy)
    with pytest.raises(ModelFileError) as info:
        load_model(model_copy)
    assert info.value.code == "versi_tidak_cocok" and "0.24.2" in str(info.value)


def test_corrupt_pickle_with_matching_checksum_is_a_clear_error(model_copy):
    (model_copy / "model.joblib").write_bytes(b"bukan pickle sama sekali")
    _resum(model_copy)
    with pytest.raises(ModelFileError) as info:
        load_model(model_copy)
    assert info.value.code == "model_rusak"


def test_missing_directory(tmp_path):
    with pytest.raises(ModelFileError) as info:
        load_model(tmp_path / "tidak-ada")
    assert info.value.code == "model_tidak_ditemukan"
