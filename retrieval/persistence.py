"""The index directory: manifest + chunks/documents JSON + bm25s arrays + FAISS file; no pickle anywhere.

`manifest.json` records the corpus hash, the settings that shape the index (analysis version, chunk size, embedder,
model, dimension, HNSW threshold), library versions, the creation time and a SHA-256 of every file. `load_or_build`
reuses the directory only when all of that matches and every file verifies; otherwise it logs why and rebuilds.
Writes go to a temporary sibling directory that replaces the old one only when complete.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import shutil
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from corpus.schema import Document
from corpus.types import Chunk
from retrieval.bm25 import Bm25Index
from retrieval.faiss_index import FaissIndex

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
LIBRARIES = ("bm25s", "faiss-cpu", "simplemma", "compound-split", "sentence-transformers", "numpy")


class IndexMismatch(Exception):
    """The stored index does not fit the corpus or settings, or is corrupt (message says which)."""


def library_versions() -> dict[str, str]:
    out = {}
    for lib in LIBRARIES:
        try:
            out[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            out[lib] = "missing"
    return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclasses.dataclass
class StoredIndex:
    """What a directory holds once loaded."""

    manifest: dict[str, Any]
    documents: list[Document]
    chunks: list[Chunk]
    bm25: Bm25Index
    dense: FaissIndex | None


def save_index(directory: Path, *, fingerprint: dict[str, Any], documents: list[Document], chunks: list[Chunk],
               bm25: Bm25Index, dense: FaissIndex | None, build_seconds: float = 0.0) -> dict[str, Any]:
    """Write everything to `<directory>.tmp`, then swap it into place; returns the manifest."""
    directory = Path(directory)
    tmp = directory.with_name(directory.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "bm25").mkdir(parents=True)
    (tmp / "chunks.json").write_text(json.dumps([dataclasses.asdict(c) for c in chunks], ensure_ascii=False),
                                     encoding="utf-8")
    (tmp / "documents.json").write_text(
        json.dumps([d.model_dump(mode="json") for d in documents], ensure_ascii=False), encoding="utf-8")
    bm25.save(tmp / "bm25")
    if dense is not None:
        dense.save(tmp / "dense.faiss")
    files = {str(p.relative_to(tmp)): _sha256(p) for p in sorted(tmp.rglob("*")) if p.is_file()}
    manifest = {
        "format_version": FORMAT_VERSION, **fingerprint, "versions": library_versions(),
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "counts": {"documents": len(documents), "chunks": len(chunks)},
        "dense_kind": dense.kind if dense is not None else None,
        "build_seconds": round(build_seconds, 3), "files": files,
    }
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    if directory.exists():
        old = directory.with_name(directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        directory.rename(old)
        tmp.rename(directory)
        shutil.rmtree(old, ignore_errors=True)
    else:
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp.rename(directory)
    return manifest


def read_manifest(directory: Path) -> dict[str, Any]:
    path = Path(directory) / MANIFEST
    if not path.is_file():
        raise IndexMismatch(f"no {MANIFEST} in {directory}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexMismatch(f"{path} is not valid JSON: {exc}") from exc


def check_manifest(manifest: dict[str, Any], fingerprint: dict[str, Any]) -> None:
    """Raise IndexMismatch naming the first field whose stored value differs from the expected one."""
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatch(f"format_version is {manifest.get('format_version')!r}, expected {FORMAT_VERSION}")
    for key, expected in fingerprint.items():
        if manifest.get(key) != expected:
            raise IndexMismatch(f"{key} changed (stored {manifest.get(key)!r}, now {expected!r})")


def load_index(directory: Path, fingerprint: dict[str, Any]) -> StoredIndex:
    """Load a verified index directory; raises IndexMismatch when it is stale, mismatched or corrupt."""
    directory = Path(directory)
    started = time.perf_counter()
    manifest = read_manifest(directory)
    check_manifest(manifest, fingerprint)
    files = manifest.get("files") or {}
    for name, digest in files.items():
        path = directory / name
        if not path.is_file():
            raise IndexMismatch(f"file {name} listed in the manifest is missing")
        if _sha256(path) != digest:
            raise IndexMismatch(f"file {name} does not match its checksum (corrupt or modified)")
    try:
        chunks = [Chunk(**{**c, "keywords": tuple(c.get("keywords") or ())})
                  for c in json.loads((directory / "chunks.json").read_text(encoding="utf-8"))]
        documents = [Document(**d) for d in json.loads((directory / "documents.json").read_text(encoding="utf-8"))]
        bm25 = Bm25Index.load(directory / "bm25", size=len(chunks))
        dense = FaissIndex.load(directory / "dense.faiss") if "dense.faiss" in files else None
    except Exception as exc:  # noqa: BLE001 - any parse error means the directory cannot be trusted
        raise IndexMismatch(f"cannot read index files: {type(exc).__name__}: {exc}") from exc
    if dense is not None and dense.size != len(chunks):
        raise IndexMismatch(f"dense index holds {dense.size} vectors for {len(chunks)} chunks")
    if dense is not None and fingerprint.get("dimension") not in (None, dense.dimension):
        raise IndexMismatch(f"dense dimension is {dense.dimension}, embedder gives {fingerprint.get('dimension')}")
    log.debug("index loaded from %s in %.3f s", directory, time.perf_counter() - started)
    return StoredIndex(manifest, documents, chunks, bm25, dense)


def vectors_ok(vectors: np.ndarray, n: int) -> bool:
    return vectors.ndim == 2 and vectors.shape[0] == n and bool(np.isfinite(vectors).all())
