"""Dependencies as `Annotated` aliases; the app keeps its settings, assistant, store and metrics on `app.state`.

Tests override `get_settings` / `get_assistant` through `app.dependency_overrides` or pass their own objects to
`create_app(settings, assistant)`; nothing here reads the environment at import time.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Callable, TypeVar

from fastapi import Depends, Request

from api.errors import ApiError
from api.feedback_store import FeedbackStore
from api.metrics import Metrics
from api.pipeline_pool import run_in_pool
from assistant.pipeline import Assistant
from assistant.settings import Settings


T = TypeVar("T")

# The providers are `async def` on purpose: FastAPI would run plain functions in the thread pool, one hop each.


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_assistant(request: Request) -> Assistant:
    """The loaded assistant; 503 while the index and guardrails are still loading (or failed to load)."""
    assistant = request.app.state.assistant
    if assistant is None:
        raise ApiError(503, "unavailable", "error_unavailable", headers={"Retry-After": "5"})
    return assistant


async def get_metrics(request: Request) -> Metrics:
    return request.app.state.metrics


async def get_feedback_store(request: Request) -> FeedbackStore:
    return request.app.state.feedback_store


SettingsDep = Annotated[Settings, Depends(get_settings)]
AssistantDep = Annotated[Assistant, Depends(get_assistant)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
FeedbackStoreDep = Annotated[FeedbackStore, Depends(get_feedback_store)]


async def require_staff_key(request: Request, settings: SettingsDep) -> None:
    """Staff endpoints need `X-API-Key: <key>` or `Authorization: Bearer <key>`; no key configured = closed."""
    expected = settings.api.staff_api_key
    given = request.headers.get("x-api-key") or ""
    auth = request.headers.get("authorization", "")
    if not given and auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    if not expected or not given or not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise ApiError(401, "unauthorized", "error_unauthorized", headers={"WWW-Authenticate": "Bearer"})


StaffKey = Depends(require_staff_key)


async def in_pipeline_pool(request: Request, fn: Callable[..., T], *args, **kwargs) -> T:
    """Run blocking pipeline work in a worker thread on one of `api.pipeline_concurrency` compute slots.

    Requests beyond that wait their turn on the event loop (cheap) instead of as extra threads fighting over the
    GIL and two cores, which lowered throughput under 20+ concurrent clients. A thread waiting for a language model
    lends its slot meanwhile, and the client leaving abandons the model call (api.pipeline_pool).
    """
    return await run_in_pool(request, fn, *args, **kwargs)
