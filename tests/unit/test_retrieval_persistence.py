"""Index directory: reuse, rebuild on corpus/settings change, corrupt or mismatched files detected."""

from __future__ import annotations

import json
import logging

import pytest

from retrieval.builder import load_or_build
from retrieval.persistence import MANIFEST
from tests.fakes import HashEmbedder
from tests.unit.retrieval_helpers import make_corpus


@pytest.fixture
def env(tmp_path):
    return tmp_path / "index", make_corpus(tmp_path / "corpus")


def _build(env, embedder=None, **kw):
    index, corpus = env
    return load_or_build(index, corpus, embedder=embedder or HashEmbedder(), chunk_max_chars=400, **kw)


def _created(env):
    return json.loads((env[0] / MANIFEST).read_text())["created_at"], (env[0] / MANIFEST).stat().st_mtime_ns


def test_manifest_records_corpus_embedder_versions(env):
    _build(env)
    m = json.loads((env[0] / MANIFEST).read_text())
    assert len(m["corpus_hash"]) == 64 and m["embedder"] == "fake-hash" and m["dimension"] == 32
    assert {"bm25s", "faiss-cpu", "simplemma"} <= set(m["versions"]) and m["created_at"]
    assert m["counts"]["documents"] == 5 and all(len(h) == 64 for h in m["files"].values())
    assert not any(p.suffix in (".pkl", ".pickle") for p in env[0].rglob("*"))


def test_unchanged_corpus_is_reused(env, caplog):
    _build(env)
    before = _created(env)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        r = _build(env)
    assert _created(env) == before and "rebuilding" not in caplog.text
    assert r.retrieve("Hundesteuer").passages[0].doc_id == "hundesteuer"


def test_changed_corpus_triggers_rebuild(env, caplog):
    _build(env)
    doc = env[1] / "services" / "hundesteuer.md"
    doc.write_text(doc.read_text().replace("120,00 Euro", "150,00 Euro"), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        r = _build(env)
    assert "corpus_hash changed" in caplog.text and "rebuilding" in caplog.text
    assert "150,00" in " ".join(c.text for c in r.chunks_for("hundesteuer"))


def test_changed_settings_trigger_rebuild(env, caplog):
    _build(env)
    with caplog.at_level(logging.WARNING):
        _build(env, embedder=HashEmbedder(name="other"))
    assert "embedder changed" in caplog.text


def test_corrupt_file_is_detected_and_rebuilt(env, caplog):
    _build(env)
    (env[0] / "dense.faiss").write_bytes(b"garbage")
    with caplog.at_level(logging.WARNING):
        r = _build(env)
    assert "checksum" in caplog.text and "rebuilding" in caplog.text
    assert r.retrieve("Hundesteuer").passages[0].doc_id == "hundesteuer"


@pytest.mark.parametrize("damage", ["delete_manifest", "bad_json", "delete_chunks"])
def test_broken_directory_is_rebuilt(env, caplog, damage):
    _build(env)
    if damage == "delete_manifest":
        (env[0] / MANIFEST).unlink()
    elif damage == "bad_json":
        (env[0] / MANIFEST).write_text("{not json")
    else:
        (env[0] / "chunks.json").unlink()
    with caplog.at_level(logging.WARNING):
        r = _build(env)
    assert "rebuilding" in caplog.text and r.chunks


def test_forced_rebuild(env, caplog):
    _build(env)
    with caplog.at_level(logging.INFO):
        _build(env, rebuild=True)
    assert "on request" in caplog.text


def test_dimension_mismatch_is_refused(env):
    from corpus.errors import ConfigurationError

    r = _build(env)
    r.embedder = HashEmbedder(dimension=8, name="fake-hash")
    with pytest.raises(ConfigurationError, match="rebuild"):
        r.retrieve("Hund")


def test_bm25_only_index_without_embedder(env):
    index, corpus = env
    r = load_or_build(index, corpus, embedder=None)
    assert r.dense is None and not (index / "dense.faiss").exists()
    assert r.retrieve("Sofa entsorgen").passages[0].doc_id == "sperrmuell"
