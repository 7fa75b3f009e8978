"""The web pages: citizen chat at `/`, staff lookup at `/staff`, the embeddable `/widget.js`."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)


@router.get("/")
async def chat_page() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


@router.get("/staff")
async def staff_page() -> FileResponse:
    return FileResponse(STATIC / "staff.html", media_type="text/html; charset=utf-8")


@router.get("/widget.js")
async def widget() -> FileResponse:
    # Loaded by the city's pages from another origin, so it must not be limited to same-origin readers.
    return FileResponse(STATIC / "widget.js", media_type="text/javascript; charset=utf-8",
                        headers={"Cross-Origin-Resource-Policy": "cross-origin", "Cache-Control": "max-age=300"})
