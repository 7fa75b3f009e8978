"""The web pages: citizen chat at `/`, staff lookup at `/staff`, the embeddable `/widget.js`.

Each names the configured city (api/city_pages.py): rendered from its template once per app, on first request.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)


def _rendered(request: Request, name: str) -> str:
    cache: dict[str, str] = request.app.state.pages
    if name not in cache:
        from api.city_pages import render_template

        cache[name] = render_template(name, request.app.state.city)
    return cache[name]


@router.get("/")
async def chat_page(request: Request) -> Response:
    return Response(_rendered(request, "index.html"), media_type="text/html; charset=utf-8")


@router.get("/staff")
async def staff_page(request: Request) -> Response:
    return Response(_rendered(request, "staff.html"), media_type="text/html; charset=utf-8")


@router.get("/widget.js")
async def widget(request: Request) -> Response:
    # Loaded by the city's pages from another origin, so it must not be limited to same-origin readers.
    return Response(_rendered(request, "widget.js"), media_type="text/javascript; charset=utf-8",
                    headers={"Cross-Origin-Resource-Policy": "cross-origin", "Cache-Control": "max-age=300"})
