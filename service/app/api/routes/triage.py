"""POST /v1/triage and /v1/triage/batch."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from coi_nlp.errors import CoiNlpError
from coi_nlp.inputs import validate_text
from coi_nlp.text.redact import redact_text
from service.app.api.deps import (
    IntakeKey,
    MetricsDep,
    ModelDep,
    SettingsDep,
    StorageDep,
    WebhooksDep,
)
from service.app.core.errors import ApiError
from service.app.schemas import (
    BatchCreate,
    BatchItemPublic,
    BatchPublic,
    ErrorDetail,
    ErrorResponse,
    TriageCreate,
    TriagePublic,
)
from service.app.storage import TriageRecord

router = APIRouter(prefix="/v1/triage", tags=["triase"])

ERRORS = {400: {"model": ErrorResponse}, 401: {"model": ErrorResponse},
          403: {"model": ErrorResponse}, 413: {"model": ErrorResponse},
          422: {"model": ErrorResponse}}


def _triage_one(model, storage, item: TriageCreate, caller: str, max_chars: int) -> dict:
    """CPU work and storage for one complaint (runs in a worker thread)."""
    text = validate_text(item.text, max_chars)
    result = model.triager(item.institution).triage(text, item.received_at)
    triage_id = "t_" + uuid.uuid4().hex
    storage.save_triage(TriageRecord(
        triage_id=triage_id, created_at=datetime.now(timezone.utc),
        redacted_text=redact_text(text), labels=result["labels"],
        probabilities=result["probabilities"], primary=result["primary"],
        is_coi=result["is_coi"], needs_review=result["needs_review"],
        priority=result["priority"]["tingkat"], model_version=result["model_version"],
        caller=caller, external_id=item.external_id, institution=item.institution,
        received_at=result["received_at"], routing=result["routing"]))
    return {"triage_id": triage_id, "external_id": item.external_id, **result}


def _after(result, key, metrics, webhooks):
    for label in result["labels"]:
        metrics.labels.labels(label).inc()
    if result["needs_review"]:
        metrics.reviews.inc()
    webhooks.enqueue(key, result["triage_id"], result)


@router.post("", response_model=TriagePublic, responses=ERRORS,
             summary="Triase satu pengaduan",
             description="Label dengan probabilitas, label utama, is_coi, needs_review, "
                         "penjelasan, fakta kunci, prioritas dan langkah penanganan dengan "
                         "tenggat. Teks disimpan dan dikembalikan hanya dalam bentuk tersamarkan.")
async def triage(item: TriageCreate, key: IntakeKey, model: ModelDep, storage: StorageDep,
                 settings: SettingsDep, metrics: MetricsDep, webhooks: WebhooksDep):
    result = await run_in_threadpool(_triage_one, model, storage, item, key.name,
                                     settings.max_text_chars)
    _after(result, key, metrics, webhooks)
    return result


@router.post("/batch", response_model=BatchPublic, responses=ERRORS,
             summary="Triase beberapa pengaduan",
             description="Paling banyak COI_MAX_BATCH_ITEMS (bawaan 100). Butir yang salah "
                         "mendapat galat sendiri; butir lain tetap diproses.")
async def triage_batch(batch: BatchCreate, key: IntakeKey, model: ModelDep,
                       storage: StorageDep, settings: SettingsDep, metrics: MetricsDep,
                       webhooks: WebhooksDep):
    if len(batch.items) > settings.max_batch_items:
        raise ApiError("batch_terlalu_besar",
                       f"Batch berisi {len(batch.items)} butir (batas {settings.max_batch_items}).",
                       f"Batch has {len(batch.items)} items (limit {settings.max_batch_items}).")

    def work():
        out = []
        for index, item in enumerate(batch.items):
            try:
                out.append((index, _triage_one(model, storage, item, key.name,
                                               settings.max_text_chars), None))
            except CoiNlpError as exc:
                out.append((index, None, ErrorDetail(code=exc.code, pesan=exc.message_id,
                                                     message=exc.message_en)))
        return out

    items = []
    for index, result, error in await run_in_threadpool(work):
        if result is not None:
            _after(result, key, metrics, webhooks)
        items.append(BatchItemPublic(index=index, ok=error is None, result=result, error=error))
    return {"items": items}
