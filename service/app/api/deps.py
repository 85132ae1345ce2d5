"""Dependencies of the routes: settings, storage, model, metrics and the caller's API key."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from service.app.core.config import Settings
from service.app.core.errors import ApiError
from service.app.core.metrics import Metrics
from service.app.core.security import HEADER, role_allows, verify_key
from service.app.model_service import ModelService
from service.app.storage import ApiKey, Storage
from service.app.webhooks import WebhookDispatcher

_api_key_header = APIKeyHeader(name=HEADER, auto_error=False,
                               description="Kunci API: coi_<id>_<rahasia>")


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_storage(request: Request) -> Storage:
    return request.app.state.storage


def get_model(request: Request) -> ModelService:
    return request.app.state.model


def get_metrics(request: Request) -> Metrics:
    return request.app.state.metrics


def get_webhooks(request: Request) -> WebhookDispatcher:
    return request.app.state.webhooks


SettingsDep = Annotated[Settings, Depends(get_settings)]
StorageDep = Annotated[Storage, Depends(get_storage)]
ModelDep = Annotated[ModelService, Depends(get_model)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
WebhooksDep = Annotated[WebhookDispatcher, Depends(get_webhooks)]


def _require(role: str):
    def check(request: Request, raw: Annotated[str | None, Depends(_api_key_header)]) -> ApiKey:
        if not raw:
            raise ApiError("kunci_tidak_ada", f"Header {HEADER} wajib diisi.",
                           f"Missing {HEADER} header.", 401)
        key = verify_key(request.app.state.storage, raw)
        if key is None:
            raise ApiError("kunci_salah", "Kunci API salah atau sudah dicabut.",
                           "Invalid or revoked API key.", 401)
        if not role_allows(key.role, role):
            raise ApiError("peran_kurang", f"Perlu peran '{role}'.",
                           f"This needs the '{role}' role.", 403)
        request.state.caller = key.name
        return key
    return check


IntakeKey = Annotated[ApiKey, Depends(_require("intake"))]
AnalystKey = Annotated[ApiKey, Depends(_require("analyst"))]
