"""Server URLs in logs and error messages: where a server is, never its password."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_url(url: str) -> str:
    """`scheme://host:port/path` of a server URL without user or password ("redis://redis:6379/0")."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"
