"""The LLM backends: a dict from the `llm.backend` setting to a factory of a langchain chat model.

Each factory imports its heavy library inside, so choosing one backend never loads the others. Messages of
the errors name the setting, the value and the fix; `extractive` is not here because it needs no model (the
wiring uses the ExtractiveComposer for it).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Callable

from langchain_core.language_models.chat_models import BaseChatModel

from assistant.settings import LLMSettings
from corpus.errors import BackendUnavailable, ConfigurationError


def _llamacpp(settings: LLMSettings) -> BaseChatModel:
    """In-process llama.cpp on a GGUF file (the `llm` extra: llama-cpp-python)."""
    path = _existing(settings.model_path, "a GGUF model file", "BA_LLM__MODEL_PATH=/models/model.gguf "
                     "(the bundled test model: python -c 'from assistant.llm.models import smollm2_gguf_path; "
                     "print(smollm2_gguf_path())')")
    if not path.is_file():
        raise ConfigurationError(f"llm.model_path must be a GGUF file for backend 'llamacpp', got directory {path}")
    try:
        import llama_cpp  # noqa: F401  (checked here so the fix can be named)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # langchain-community announces its sunset
            from langchain_community.chat_models import ChatLlamaCpp
    except ImportError as exc:
        raise BackendUnavailable("backend 'llamacpp' needs llama-cpp-python; install the extra: "
                                 "pip install -e '.[llm]'") from exc
    try:
        return ChatLlamaCpp(model_path=str(path), n_ctx=settings.context_tokens, n_threads=settings.n_threads,
                            n_batch=min(512, settings.context_tokens), max_tokens=settings.max_tokens,
                            temperature=settings.temperature, top_p=settings.top_p, stop=settings.stop or None,
                            streaming=True, verbose=False)
    except ValueError as exc:
        raise BackendUnavailable(f"llama.cpp could not load {path} ({exc.__class__.__name__}); check that it is "
                                 "a GGUF file of an architecture this llama-cpp-python supports") from exc


def _openai_compatible(settings: LLMSettings) -> BaseChatModel:
    """Any server that speaks the OpenAI chat API: vLLM, Ollama, llama.cpp server, LiteLLM, TGI."""
    if not settings.base_url:
        raise ConfigurationError("backend 'openai' needs llm.base_url, e.g. BA_LLM__BASE_URL=http://127.0.0.1:8080/v1")
    from langchain_openai import ChatOpenAI

    from assistant.llm.http import model_http_client, model_timeout

    # Silence longer than the first-token deadline ends a read; the generator's deadlines bound the whole call.
    read_s = min(settings.first_token_timeout_s, settings.timeout_s)
    return ChatOpenAI(base_url=settings.base_url, api_key=settings.api_key, model=settings.model,
                      timeout=model_timeout(settings.connect_timeout_s, read_s),
                      http_client=model_http_client(settings.connect_timeout_s, read_s),
                      max_retries=settings.max_retries,
                      temperature=settings.temperature, top_p=settings.top_p, max_tokens=settings.max_tokens,
                      stop=settings.stop or None, streaming=True,
                      # langchain sends max_completion_tokens; llama-cpp-python's server and older
                      # OpenAI-compatible servers only read max_tokens, so send both.
                      extra_body={"max_tokens": settings.max_tokens})


def _transformers(settings: LLMSettings) -> BaseChatModel:
    """A causal LM in a local directory (config.json, weights, tokenizer), loaded with local_files_only."""
    path = _existing(settings.model_path, "a model directory", "BA_LLM__MODEL_PATH=/models/my-model "
                     "(a directory saved with save_pretrained)")
    if not (path / "config.json").is_file():
        raise ConfigurationError(f"llm.model_path for backend 'transformers' must be a directory with config.json "
                                 f"(from save_pretrained), got {path}")
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as exc:
        raise BackendUnavailable("backend 'transformers' needs torch and transformers: pip install -e .") from exc
    from assistant.llm.transformers_chat import TransformersChatModel

    try:
        return TransformersChatModel.from_directory(path, max_new_tokens=settings.max_tokens,
                                                    temperature=settings.temperature, top_p=settings.top_p,
                                                    stop=list(settings.stop))
    except (OSError, ValueError) as exc:
        raise BackendUnavailable(f"transformers could not load the model in {path} ({exc.__class__.__name__}: "
                                 f"{exc}); check that it was saved with save_pretrained") from exc


LLM_BACKENDS: dict[str, Callable[[LLMSettings], BaseChatModel]] = {
    "llamacpp": _llamacpp,
    "openai": _openai_compatible,
    "transformers": _transformers,
}


def build_chat_model(settings: LLMSettings) -> BaseChatModel:
    """The chat model for `settings.backend`; unknown names raise ConfigurationError listing the valid ones."""
    factory = LLM_BACKENDS.get(settings.backend)
    if factory is None:
        raise ConfigurationError(f"llm.backend must be one of {sorted(LLM_BACKENDS)} (or 'extractive', which "
                                 f"needs no model), got {settings.backend!r}")
    return factory(settings)


def _existing(path: Path | None, what: str, example: str) -> Path:
    if path is None:
        raise ConfigurationError(f"llm.model_path is not set; it must point at {what}: set {example}")
    path = Path(path).expanduser()
    if not path.exists():
        raise ConfigurationError(f"llm.model_path {path} does not exist; it must point at {what}: set {example}")
    return path
