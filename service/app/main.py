"""The FastAPI application: wiring only. Routes are in api/routes/, settings in core/config.py,
storage behind storage/, the model behind model_service.py."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from service.app.api.routes import feedback, info, triage
from service.app.core.config import Settings, get_settings
from service.app.core.errors import install_error_handlers
from service.app.core.logging import configure_logging
from service.app.core.metrics import Metrics
from service.app.core.middleware import RequestMiddleware
from service.app.model_service import ModelService
from service.app.storage import SqlStorage
from service.app.webhooks import WebhookDispatcher

log = logging.getLogger("coi.service")

DESCRIPTION = """Layanan triase pengaduan benturan kepentingan untuk sistem penerima pengaduan.

Autentikasi: header `X-API-Key` (dibuat dengan `coi-nlp keys create`). Peran `intake` boleh
triase; `analyst` juga boleh memberi umpan balik, mengekspor, dan memuat ulang model. Setiap galat
berbentuk `{"error": {"code", "pesan", "message"}}`.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Loaded (and warmed up) once per worker, before the first request.
        app.state.storage = SqlStorage(settings.sqlalchemy_url)
        app.state.model = ModelService(settings.model_dir, settings.institutions_dir,
                                       settings.max_text_chars)
        app.state.model.install_sighup()  # `kill -HUP <pid>`: reload the model in place
        app.state.webhooks = WebhookDispatcher(
            app.state.storage, metrics, settings.webhook_max_attempts,
            settings.webhook_backoff_seconds, settings.webhook_timeout_seconds)
        log.info("siap", extra={"event": "startup"})
        yield
        app.state.webhooks.close()

    app = FastAPI(title="coi-nlp: triase benturan kepentingan", version="1", lifespan=lifespan,
                  description=DESCRIPTION)
    app.state.settings = settings
    app.state.metrics = metrics
    install_error_handlers(app)
    for module in (triage, feedback, info):
        app.include_router(module.router)
    app.add_middleware(RequestMiddleware, max_body_bytes=settings.max_body_bytes,
                       metrics=metrics)
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory service.app.main:app_from_env`` (workers)."""
    return create_app()
