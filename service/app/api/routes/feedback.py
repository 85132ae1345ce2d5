"""Analyst feedback on a triage, and its export in the corpus record format."""

from __future__ import annotations

import json

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from coi_nlp.taxonomy import validate_labels
from service.app.api.deps import AnalystKey, StorageDep
from service.app.core.errors import ApiError
from service.app.schemas import ErrorResponse, FeedbackCreate, FeedbackPublic
from service.app.storage import UnknownTriage

router = APIRouter(tags=["umpan balik"])
ERRORS = {401: {"model": ErrorResponse}, 403: {"model": ErrorResponse},
          404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}}


@router.post("/v1/triage/{triage_id}/feedback", response_model=FeedbackPublic,
             responses={400: {"model": ErrorResponse}, **ERRORS},  # malformed JSON body
             summary="Benarkan atau koreksi label sebuah triase (peran analyst)")
async def give_feedback(triage_id: str, body: FeedbackCreate, key: AnalystKey,
                        storage: StorageDep):
    def work():
        try:
            triage = storage.get_triage(triage_id)
        except UnknownTriage:
            raise ApiError("triage_tidak_ditemukan", f"triage_id tidak dikenal: {triage_id[:60]}",
                           "Unknown triage_id.", 404) from None
        try:
            labels = validate_labels(body.labels) if body.labels is not None else triage.labels
        except ValueError as exc:
            raise ApiError("label_tidak_valid", str(exc), "Invalid labels.", 422) from None
        record = storage.save_feedback(triage_id, labels, labels == triage.labels, body.note,
                                       key.name)
        return {"feedback_id": record.feedback_id, "triage_id": triage_id,
                "labels": record.labels, "confirmed": record.confirmed, "note": record.note,
                "created_at": record.created_at.isoformat()}
    return await run_in_threadpool(work)


@router.get("/v1/feedback/export", summary="Ekspor kasus berlabel (JSONL, format rekaman korpus)",
            responses={200: {"content": {"application/x-ndjson": {}}}, **ERRORS})
async def export_feedback(key: AnalystKey, storage: StorageDep):
    rows = await run_in_threadpool(lambda: list(storage.export_feedback()))
    body = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return StreamingResponse(iter([body]), media_type="application/x-ndjson",
                             headers={"Content-Disposition": "attachment; filename=umpan_balik.jsonl"})
