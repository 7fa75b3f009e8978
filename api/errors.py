"""One place that turns every failure into `{"error": {"code", "message", "request_id"}}` with a German message.

Exception text never reaches a client: it can carry paths, model names or the citizen's own words. Clients get a
stable `code`, a German `message` from assistant/messages.py and the `request_id` that the log line carries too.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.messages import message
from corpus.errors import BackendUnavailable, InputError, SessionExpired

log = logging.getLogger(__name__)

HTTP_CODES = {400: ("bad_json", "error_bad_json"),  # FastAPI: body could not be parsed (e.g. bad UTF-8)
              401: ("unauthorized", "error_unauthorized"),
              404: ("not_found", "error_not_found"), 405: ("method_not_allowed", "error_method_not_allowed"),
              408: ("request_timeout", "error_request_timeout"),
              413: ("too_large", "error_too_large"), 415: ("unsupported_media_type", "error_media_type"),
              429: ("rate_limited", "error_rate_limited"), 503: ("unavailable", "error_unavailable")}

FIELD_MESSAGES = {"missing": "error_field_missing", "string_too_long": "error_field_too_long",
                  "too_long": "error_field_too_long", "literal_error": "error_field_choice", "enum": "error_field_choice",
                  "greater_than": "error_field_range", "greater_than_equal": "error_field_range",
                  "less_than": "error_field_range", "less_than_equal": "error_field_range",
                  "string_pattern_mismatch": "error_field_invalid"}


class ApiError(Exception):
    """An expected failure with its HTTP status, stable code and the key of its German message."""

    def __init__(self, status: int, code: str, message_key: str, headers: Mapping[str, str] | None = None,
                 **values: object) -> None:
        super().__init__(f"{status} {code}")
        self.status, self.code, self.message_key = status, code, message_key
        self.headers = dict(headers or {})
        self.values = values

    @property
    def text(self) -> str:
        return message(self.message_key, **self.values)


def request_id_of(scope_or_request: Any) -> str | None:
    scope = getattr(scope_or_request, "scope", scope_or_request)
    return (scope.get("state") or {}).get("request_id")


def error_response(status: int, code: str, text: str, request_id: str | None,
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": text, "request_id": request_id}}, status_code=status,
                        headers=dict(headers or {}))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(SessionExpired, _session_expired)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(BackendUnavailable, _backend_unavailable)
    app.add_exception_handler(Exception, _unexpected)


async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status, exc.code, exc.text, request_id_of(request), exc.headers)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "bad_json", message("error_bad_json"), request_id_of(request))
    return error_response(422, "validation_error", message("error_validation", detail=german_detail(errors)),
                          request_id_of(request))


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    status = exc.status_code if 400 <= exc.status_code < 600 else 500
    code, key = HTTP_CODES.get(status, ("bad_request", "error_bad_request") if status < 500
                               else ("internal_error", "error_internal"))
    return error_response(status, code, message(key), request_id_of(request), getattr(exc, "headers", None))


async def _session_expired(request: Request, exc: SessionExpired) -> JSONResponse:
    return error_response(404, "session_not_found", message("error_session_not_found"), request_id_of(request))


async def _input_error(request: Request, exc: InputError) -> JSONResponse:
    log.info("input rejected (request %s): %s", request_id_of(request), type(exc).__name__)
    return error_response(400, "bad_input", message("error_bad_input"), request_id_of(request))


async def _backend_unavailable(request: Request, exc: BackendUnavailable) -> JSONResponse:
    """A shared store (Redis, PostgreSQL) is unreachable: 503, retry soon; the log says which and what to check."""
    log.error("%s %s answered 503 (request %s): %s", request.method, request.url.path, request_id_of(request), exc)
    return error_response(503, "unavailable", message("error_unavailable"), request_id_of(request),
                          {"Retry-After": "5"})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled %s in %s %s (request %s)", type(exc).__name__, request.method, request.url.path,
              request_id_of(request), exc_info=exc)
    return error_response(500, "internal_error", message("error_internal"), request_id_of(request))


def german_detail(errors: list[dict[str, Any]], limit: int = 3) -> str:
    """A German summary of pydantic errors that names our fields only, never the input that was sent."""
    parts: list[str] = []
    for err in errors[:limit]:
        loc = [p for p in err.get("loc", ()) if p != "body"]
        if not loc or (len(loc) == 1 and isinstance(loc[0], int)):
            parts.append(message("error_not_json_object"))
            continue
        field = _field_name(loc)
        kind = str(err.get("type", ""))
        key = FIELD_MESSAGES.get(kind) or ("error_field_type" if kind.endswith(("_type", "_parsing")) else
                                           "error_field_invalid")
        parts.append(message(key, field=field))
    return "; ".join(p.rstrip(".") for p in dict.fromkeys(parts)) + "."


def _field_name(loc: list[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            safe = re.sub(r"[^A-Za-z0-9_]", "", str(part))[:40] or "?"
            out += ("." if out else "") + safe
    return out
