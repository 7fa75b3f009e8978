"""The embedding cache: a changed corpus embeds only new and changed chunks; roles and embedders are kept apart."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.builder import load_or_build
from retrieval.embedders import query_vectors
from retrieval.embedding_cache import EmbeddingCache, embed_cached, embedder_key
from tests.fakes import HashEmbedder
from tests.unit.retrieval_helpers import make_corpus


def _embedded(embedder: HashEmbedder) -> list[str]:
    return [t for batch in embedder.calls for t in batch]


def test_cached_vectors_equal_fresh_ones_and_are_not_computed_again(tmp_path):
    cache = EmbeddingCache(tmp_path / "cache.sqlite3")
    e = HashEmbedder()
    texts = ["Personalausweis beantragen", "Sperrmüll anmelden", "Personalausweis beantragen"]
    first, computed = embed_cached(e, texts, cache, progress=False)
    assert computed == 3 and np.allclose(first, e.embed(texts))
    e.calls.clear()
    again, computed = embed_cached(e, texts[:2] + ["Hundesteuer"], cache, progress=False)
    assert computed == 1 and _embedded(e) == ["Hundesteuer"]
    assert np.array_equal(again[:2], first[:2])  # bytes from the cache, not a recomputation


def test_cache_keeps_embedders_and_dimensions_apart(tmp_path):
    cache = EmbeddingCache(tmp_path / "cache.sqlite3")
    embed_cached(HashEmbedder(name="a"), ["Text"], cache, progress=False)
    other = HashEmbedder(name="b")
    _, computed = embed_cached(other, ["Text"], cache, progress=False)
    assert computed == 1
    _, computed = embed_cached(HashEmbedder(dimension=16, name="a"), ["Text"], cache, progress=False)
    assert computed == 1
    assert embedder_key(other, "query") != embedder_key(other, "passage")


def test_cache_survives_reopening(tmp_path):
    path = tmp_path / "cache.sqlite3"
    c1 = EmbeddingCache(path)
    embed_cached(HashEmbedder(), ["a", "b"], c1, progress=False)
    c1.close()
    e = HashEmbedder()
    _, computed = embed_cached(e, ["a", "b"], EmbeddingCache(path), progress=False)
    assert computed == 0 and e.calls == []


@pytest.fixture
def corpus(tmp_path):
    return make_corpus(tmp_path / "corpus")


def test_rebuild_after_a_change_embeds_only_the_changed_document(tmp_path, corpus):
    cache = tmp_path / "cache.sqlite3"
    e = HashEmbedder()
    first = load_or_build(tmp_path / "index", corpus, embedder=e, chunk_max_chars=400, embedding_cache=cache)
    assert len(_embedded(e)) == len(first.chunks)
    path = corpus / "services" / "sperrmuell.md"
    path.write_text(path.read_text(encoding="utf-8").replace("kostenlos ab.", "kostenlos ab, zweimal im Jahr."),
                    encoding="utf-8")
    e.calls.clear()
    second = load_or_build(tmp_path / "index", corpus, embedder=e, chunk_max_chars=400, embedding_cache=cache)
    changed = {c.chunk_id for c in second.chunks} - set()
    assert 0 < len(_embedded(e)) <= len([c for c in second.chunks if c.doc_id == "sperrmuell"])
    assert all("zweimal" in t or "Sperrmüll" in t for t in _embedded(e)), changed
    hit = second.retrieve("Sperrmüll zweimal im Jahr", top_k=1)
    assert hit.passages[0].doc_id == "sperrmuell"


def test_removed_document_leaves_the_index_and_nothing_is_embedded(tmp_path, corpus):
    cache = tmp_path / "cache.sqlite3"
    e = HashEmbedder()
    load_or_build(tmp_path / "index", corpus, embedder=e, chunk_max_chars=400, embedding_cache=cache)
    (corpus / "services" / "sperrmuell.md").unlink()
    e.calls.clear()
    r = load_or_build(tmp_path / "index", corpus, embedder=e, chunk_max_chars=400, embedding_cache=cache)
    assert _embedded(e) == [] and "sperrmuell" not in {c.doc_id for c in r.chunks}


class _RoleEmbedder(HashEmbedder):
    def embed_query(self, texts):
        return self.embed([f"query: {t}" for t in texts])


def test_query_vectors_use_the_query_role_where_there_is_one():
    plain, roles = HashEmbedder(), _RoleEmbedder()
    assert np.allclose(query_vectors(plain, ["x"]), plain.embed(["x"]))
    assert np.allclose(query_vectors(roles, ["x"]), roles.embed(["query: x"]))
