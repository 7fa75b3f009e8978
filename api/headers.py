"""Security headers and request ids on every response.

The pages load nothing from elsewhere, so the policy is `'self'` only; `frame-ancestors` admits the city's own
origins (the CORS setting) so that the widget's iframe can sit on the city's pages. Swagger UI and ReDoc
load their assets from /docs-assets (the fastapi-offline package), but their start scripts are inline, so /docs
and /redoc get a policy that allows inline script and style (and workers from blob:, which ReDoc uses) and still
nothing from elsewhere.
"""

from __future__ import annotations

import re
import secrets
from typing import Sequence

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def page_policy(frame_ancestors: Sequence[str]) -> str:
    ancestors = " ".join(["'self'", *frame_ancestors])
    return ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            f"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}")


DOCS_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
               "base-uri 'none'; frame-ancestors 'self'")


class SecurityHeadersMiddleware:
    """Adds a request id (kept from a well-formed `X-Request-ID`, else new) and the security headers."""

    def __init__(self, app: ASGIApp, frame_ancestors: Sequence[str] = (),
                 docs_paths: Sequence[str] = ("/docs", "/redoc")) -> None:
        self.app = app
        self.policy = page_policy(frame_ancestors)
        self.docs_paths = tuple(docs_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers", [])).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _SAFE_ID.match(incoming) else secrets.token_hex(8)
        scope.setdefault("state", {})["request_id"] = request_id
        path = scope["path"]
        policy = DOCS_POLICY if path.startswith(self.docs_paths) else self.policy
        is_api = path.startswith(("/api/", "/v1/"))

        async def send_with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                h = MutableHeaders(scope=msg)
                h["X-Request-ID"] = request_id
                h["X-Content-Type-Options"] = "nosniff"
                h["Referrer-Policy"] = "strict-origin-when-cross-origin"
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
                h["Cross-Origin-Opener-Policy"] = "same-origin"
                h.setdefault("Content-Security-Policy", policy)
                if scope.get("scheme") == "https":
                    h["Strict-Transport-Security"] = "max-age=31536000"
                if is_api:
                    h.setdefault("Cache-Control", "no-store")
            await send(msg)

        await self.app(scope, receive, send_with_headers)
