"""Property-based run of the service against its OWN OpenAPI schema (Schemathesis 4.x).

The real service runs under uvicorn on loopback (``coi-nlp serve``, fresh SQLite, keys made
with the real CLI; see conftest.py). Schemathesis loads ``/openapi.json`` from that server and,
for every operation in it, sends generated requests over real HTTP with the analyst key, so
the protected routes (triage, batch, feedback, export, reload) are exercised past
authentication:

* positive cases (schema-valid data), plus the schema's own examples;
* negative cases (schema-invalid data: wrong types, missing fields, bad patterns, ...) for
  every operation that has inputs to break;
* for ``POST /v1/triage/{triage_id}/feedback`` also positive cases on a triage that exists
  (a random ``triage_id`` would only ever reach the 404 branch);
* for every protected operation a few positive cases with a wrong key and with the ``intake``
  key, so the 401 and 403 answers are checked against the schema too.

Every response must pass these checks:

* ``not_a_server_error`` - no 5xx for any generated input;
* ``status_code_conformance`` - the status code is documented for the operation;
* ``content_type_conformance`` - the content type is documented;
* ``response_schema_conformance`` / ``response_headers_conformance`` - body and headers match.

Bounded and reproducible: at most ``MAX_EXAMPLES`` cases per operation and mode, derandomized
(the same cases every run), no shrinking and no example database, so the module takes well
under three minutes on two cores.

Nothing is excluded. ``/metrics`` is documented as ``text/plain`` with an empty schema, which
Schemathesis checks (status code and content type) like any other operation; likewise the
``application/x-ndjson`` export.

We drive ``APIOperation.as_strategy()`` with ``hypothesis.given`` ourselves instead of using
``schemathesis.pytest.from_fixture``: the lazy fixture loader of Schemathesis 4.32 assigns
``Function._nodeid``, which pytest 9 no longer has (``AttributeError``), and the schema only
exists once the module-scoped server is up. Each operation and mode is a pytest subtest.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.service.conftest import start_server, stop_server

MAX_EXAMPLES = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]
FEEDBACK = "POST /v1/triage/{triage_id}/feedback"
SETTINGS = settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
                    phases=[Phase.explicit, Phase.generate], print_blob=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("schemathesis")
    srv = start_server(tmp, f"sqlite:///{tmp / 'coi.db'}")
    yield srv
    stop_server(srv)


@pytest.fixture(scope="module")
def api_schema(live_server):
    schema = schemathesis.openapi.from_url(live_server.url + "/openapi.json")
    schema.config.update(base_url=live_server.url,
                         headers={"X-API-Key": live_server.keys["analyst"]},
                         request_timeout=60)
    return schema


@pytest.fixture(scope="module")
def existing_triage_id(live_server) -> str:
    with live_server.client("intake") as client:
        response = client.post("/v1/triage", json={
            "text": "Kepala dinas meminta Rp 5 juta agar izin usaha saya cepat keluar."})
    assert response.status_code == 200, response.text
    return response.json()["triage_id"]


def _has_inputs(operation) -> bool:
    """Whether negative data can be generated: a body or a parameter to break. The API key
    header is fixed by the run (the config header overrides it), so it does not count."""
    return bool(operation.body) or any(parameter.name.lower() != "x-api-key"
                                       for parameter in operation.iter_parameters())


def _is_protected(operation) -> bool:
    return any(parameter.name.lower() == "x-api-key" for parameter in operation.iter_parameters())


def _run(strategy, api_key: str, statuses: Counter, max_examples: int = MAX_EXAMPLES) -> None:
    @settings(SETTINGS, max_examples=max_examples)
    @given(case=strategy)
    def property_test(case):
        response = case.call_and_validate(headers={"X-API-Key": api_key}, checks=CHECKS,
                                          timeout=60)
        statuses[response.status_code] += 1

    property_test()


def test_every_operation_conforms_to_the_schema(api_schema, live_server, existing_triage_id,
                                                 subtests):
    api_key = live_server.keys["analyst"]
    operations = [result.ok() for result in api_schema.get_all_operations()]
    labels = {operation.label for operation in operations}
    # The schema is the app's own: every public route is in it, /metrics included.
    assert {"POST /v1/triage", "POST /v1/triage/batch", FEEDBACK, "GET /v1/feedback/export",
            "POST /v1/model/reload", "GET /metrics", "GET /readyz"} <= labels

    seen: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (operation, variant) -> statuses

    def run(operation, variant, strategy, key=api_key, max_examples=MAX_EXAMPLES):
        with subtests.test(msg=f"{operation.label} {variant}"):
            _run(strategy, key, seen[operation.label, variant], max_examples)

    for operation in operations:
        positive = operation.as_strategy(generation_mode=GenerationMode.POSITIVE)
        run(operation, "positive", st.one_of(positive, *operation.get_strategies_from_examples()))
        if _has_inputs(operation):
            negative = operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)
            run(operation, "negative", negative)
        if operation.label == FEEDBACK:
            run(operation, "existing triage", operation.as_strategy(
                generation_mode=GenerationMode.POSITIVE,
                path_parameters={"triage_id": existing_triage_id}))
        if _is_protected(operation):
            # The 401 and 403 answers must be documented too: a few cases with a wrong key
            # and with the lesser role.
            run(operation, "wrong key", positive, "coi_000000000000_salah", 5)
            run(operation, "intake key", positive, live_server.keys["intake"], 5)

    print("\nstatus codes seen:")
    for (label, variant), statuses in seen.items():
        print(f"  {label} [{variant}]: {dict(sorted(statuses.items()))}")
    # The run reached the branches it is meant to reach, not only the error paths.
    assert seen["POST /v1/triage", "positive"][200] > 0
    assert seen["POST /v1/triage/batch", "positive"][200] > 0
    assert seen[FEEDBACK, "existing triage"][200] > 0
    assert seen["POST /v1/triage", "negative"][422] > 0
    for (label, variant), statuses in seen.items():
        if variant == "wrong key":
            assert set(statuses) == {401}, (label, statuses)
    assert set(seen["GET /v1/feedback/export", "intake key"]) == {403}
    # The server survived the whole run and still answers.
    assert httpx.get(live_server.url + "/readyz", timeout=10).status_code == 200
