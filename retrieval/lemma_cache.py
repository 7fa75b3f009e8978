"""simplemma's dictionaries, decoded once into the model cache.

simplemma ships each language as an LZMA-compressed, front-coded stream. Decoding the German one takes ~1.9 s of CPU,
the English one (the PII lexicon's "an English word is no name") ~0.5 s, in every process that lemmatizes: the
retriever, the person recognizer, a one-shot `ask`. `use_cache_dir` keeps each decoded dictionary in the model cache
(`var/models/`, marshal, keyed by simplemma's and Python's versions) and has simplemma's own loader read it from there
(~0.5 s for German). The lemmas stay simplemma's: the same dictionary under the same strategies. Where the installed
simplemma has no such loader (another major version), nothing changes.
"""

from __future__ import annotations

import logging
import marshal
import os
import sys
import threading
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)

_cache_dir: Path | None = None
_hooked = False
_lock = threading.Lock()


def use_cache_dir(path: Path | str | None) -> None:
    """Keep decoded dictionaries under `path` from now on (None: decode every time, as simplemma does)."""
    global _cache_dir, _hooked
    _cache_dir = Path(path) if path is not None else None
    with _lock:
        if _hooked or _cache_dir is None:
            return
        try:
            from simplemma.strategies.dictionaries import dictionary_factory
        except ImportError:
            return
        original = getattr(dictionary_factory, "_load_dictionary_from_disk", None)
        if original is None:
            return

        def load(langcode: str) -> dict[bytes, bytes]:
            return cached_dictionary(langcode, original)

        dictionary_factory._load_dictionary_from_disk = load
        _hooked = True


def cached_dictionary(langcode: str, decode: Callable[[str], dict[bytes, bytes]]) -> dict[bytes, bytes]:
    """The decoded dictionary of `langcode`: from the cache when it holds a readable copy, else decoded and stored."""
    folder = _cache_dir
    if folder is None:
        return decode(langcode)
    path = folder / f"simplemma-{_simplemma_version()}-py{sys.version_info[0]}{sys.version_info[1]}-{langcode}.marshal"
    try:
        data = marshal.loads(path.read_bytes())
        if isinstance(data, dict):
            return data
        log.warning("simplemma cache %s holds no dictionary; decoding it again", path.name)
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError) as exc:
        log.warning("simplemma cache %s unreadable (%s); decoding it again", path.name, type(exc).__name__)
    data = decode(langcode)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(marshal.dumps(data))
        os.replace(tmp, path)  # several workers may write at once: each file is whole or absent
    except OSError as exc:
        log.warning("simplemma cache %s not written (%s)", path.name, type(exc).__name__)
    return data


def _simplemma_version() -> str:
    try:
        return version("simplemma")
    except PackageNotFoundError:
        return "unknown"
