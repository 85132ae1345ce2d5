import json
import re
from pathlib import Path

import pytest

from coi_nlp.taxonomy import (
    BASE_PROCEDURE,
    CODES,
    CONFLICT_CODES,
    LABELS,
    NOT_COI,
    UnknownLabelError,
    get_label,
    taxonomy_as_dict,
    validate_labels,
)

CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "spec" / "taxonomy.md"


def test_thirteen_codes_in_contract_order():
    assert len(CODES) == 13 and CODES[-1] == NOT_COI and len(CONFLICT_CODES) == 12
    assert [label.number for label in LABELS] == list(range(1, 14))


@pytest.mark.skipif(not CONTRACT.exists(), reason="shared contract not next to the checkout")
def test_codes_match_the_contract_file():
    rows = re.findall(r"^\| (\d+) \| `([a-z_]+)` \| ([^|]+) \| ([^|]+) \|", CONTRACT.read_text(),
                      re.MULTILINE)
    assert [(int(n), code) for n, code, _, _ in rows] == [(lab.number, lab.code) for lab in LABELS]
    assert [name.strip() for _, _, name, _ in rows] == [lab.name_id for lab in LABELS]


def test_every_label_is_documented():
    for label in LABELS:
        assert label.name_id and label.name_en and label.definition and label.cues
        if label.is_coi:
            assert label.seed_refs


def test_routing_defaults_follow_the_procedure():
    steps = {step.key: step for step in BASE_PROCEDURE}
    assert steps["verifikasi_atasan"].deadline_days == 3
    assert steps["verifikasi_atasan"].day_kind == "kerja"
    assert steps["tinjau_ulang"].deadline_days == 2
    kpk = [s for s in get_label("gratifikasi").extra_routing if s.key == "lapor_kpk"][0]
    assert (kpk.deadline_days, kpk.day_kind) == (30, "kerja")
    assert any("Ombudsman" in s.unit for s in get_label("komersialisasi_layanan").extra_routing)
    assert any("SP4N-LAPOR" in s.unit for s in get_label(NOT_COI).extra_routing)


def test_validate_labels():
    assert validate_labels(["izin_diskriminatif", "gratifikasi"]) == [
        "izin_diskriminatif", "gratifikasi"]
    with pytest.raises(UnknownLabelError, match="korupsi"):
        validate_labels(["korupsi"])
    for bad in ([], "gratifikasi", ["gratifikasi", "gratifikasi"], [NOT_COI, "gratifikasi"]):
        with pytest.raises(ValueError):
            validate_labels(bad)


def test_json_form_is_serialisable():
    data = json.loads(json.dumps(taxonomy_as_dict()))
    assert [item["code"] for item in data["labels"]] == list(CODES)
    assert data["labels"][-1]["is_coi"] is False
