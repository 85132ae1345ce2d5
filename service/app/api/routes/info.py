"""Labels, the model card, health, readiness, metrics and model reload."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from coi_nlp.taxonomy import taxonomy_as_dict
from service.app.api.deps import AnalystKey, MetricsDep, ModelDep, StorageDep
from service.app.schemas import ErrorResponse, Health

router = APIRouter(tags=["info"])


@router.get("/v1/labels", summary="Taksonomi: 13 label dan jalur penanganan bawaan")
async def labels() -> dict:
    return taxonomy_as_dict()


@router.get("/v1/model", summary="Kartu model yang sedang dipakai")
async def model_card(model: ModelDep) -> dict:
    return {"model_version": model.version, "card": model.model.card}


@router.post("/v1/model/reload", summary="Muat ulang model tanpa henti layanan (peran analyst)",
             responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse},
                        422: {"model": ErrorResponse}})
async def reload_model(key: AnalystKey, model: ModelDep) -> dict:
    version = await run_in_threadpool(model.reload)
    return {"model_version": version}


@router.get("/healthz", response_model=Health, summary="Proses hidup")
async def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Health, summary="Siap melayani (model dan basis data)",
            responses={503: {"model": Health}})
async def readyz(request: Request, model: ModelDep, storage: StorageDep):
    ok = await run_in_threadpool(storage.ping)
    body = Health(status="ok" if ok else "basis_data_tidak_siap", model_version=model.version,
                  schema_version=getattr(storage, "schema_version", None))
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)


@router.get("/metrics", summary="Metrik Prometheus (format teks)",
            responses={200: {"content": {"text/plain": {}}}})
async def metrics(metrics: MetricsDep) -> Response:
    return Response(metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")
