"""Every error is JSON: a machine code, an Indonesian message and an English one.

``{"error": {"code": "teks_kosong", "pesan": "Teks pengaduan kosong.",
"message": "Complaint text is empty."}}``. Client mistakes get 4xx; nothing a client sends
produces a 500, and no error echoes the submitted text.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from coi_nlp.errors import CoiNlpError
from coi_nlp.taxonomy import UnknownLabelError

log = logging.getLogger("coi.service")

_STATUS_BY_CODE = {"teks_terlalu_panjang": 413, "batch_terlalu_besar": 413,
                   "body_terlalu_besar": 413, "triage_tidak_ditemukan": 404,
                   "kunci_tidak_ada": 401, "kunci_salah": 401, "peran_kurang": 403,
                   "json_tidak_valid": 400, "utf8_tidak_valid": 400}


class ApiError(Exception):
    def __init__(self, code: str, pesan: str, message: str, status: int | None = None):
        super().__init__(message)
        self.code, self.pesan, self.message = code, pesan, message
        self.status = status or _STATUS_BY_CODE.get(code, 422)


def error_body(code: str, pesan: str, message: str) -> dict:
    return {"error": {"code": code, "pesan": pesan, "message": message}}


def error_response(code, pesan, message, status) -> JSONResponse:
    headers = {"WWW-Authenticate": "ApiKey"} if status == 401 else None
    return JSONResponse(error_body(code, pesan, message), status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> tuple[str, str, str]:
    errors = exc.errors()
    kinds = {e.get("type") for e in errors}
    if "json_invalid" in kinds:
        return "json_tidak_valid", "Body bukan JSON yang sah.", "Malformed JSON body."
    if any(tuple(e.get("loc", ())) == ("body",) for e in errors):
        return ("json_tidak_valid",
                "Body harus objek JSON dengan header Content-Type: application/json.",
                "The body must be a JSON object sent with Content-Type: application/json.")
    where = "; ".join(".".join(str(p) for p in e.get("loc", ()) if p != "body") + f": {e.get('type')}"
                      for e in errors[:5])
    return ("input_tidak_valid", f"Isian tidak valid ({where}).",
            f"Invalid request fields ({where}).")


async def _invalid_utf8(request: Request) -> JSONResponse | None:
    """The error for a body that is not UTF-8, or None if it is."""
    try:
        (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        return error_response("utf8_tidak_valid", "Body bukan UTF-8 yang sah.",
                              "Body is not valid UTF-8.", 400)
    return None


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(exc.code, exc.pesan, exc.message, exc.status)

    @app.exception_handler(CoiNlpError)
    async def _library_error(request: Request, exc: CoiNlpError):
        status = _STATUS_BY_CODE.get(exc.code, 422)
        return error_response(exc.code, exc.message_id, exc.message_en, status)

    @app.exception_handler(UnknownLabelError)
    async def _unknown_label(request: Request, exc: UnknownLabelError):
        return error_response("label_tidak_dikenal", str(exc), "Unknown label code.", 422)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        if (utf8_error := await _invalid_utf8(request)) is not None:
            return utf8_error
        code, pesan, message = _validation_message(exc)
        return error_response(code, pesan, message, 400 if code == "json_tidak_valid" else 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return error_response("tidak_ditemukan", "Alamat tidak ditemukan.", "Not found.", 404)
        if exc.status_code == 400:  # FastAPI could not read the body at all
            if (utf8_error := await _invalid_utf8(request)) is not None:
                return utf8_error
            return error_response("json_tidak_valid", "Body tidak dapat dibaca sebagai JSON.",
                                  "The body could not be parsed.", 400)
        if exc.status_code == 405:
            return error_response("metode_tidak_diizinkan", "Metode tidak diizinkan.",
                                  "Method not allowed.", 405)
        return error_response("http_error", str(exc.detail), str(exc.detail), exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error", extra={"request_id": getattr(request.state,
                                                                        "request_id", None)})
        return error_response("galat_server", "Terjadi galat di server.",
                              "Internal server error.", 500)
