"""LLM answer backends behind one interface: langchain chat models, a German prompt, a token budget, timeouts.

`LLMGenerator.from_settings(settings.llm)` is what the wiring calls; `LLM_BACKENDS` lists the backends. The names
below are imported on first access, so `assistant.llm.prompts` (the output guard reads the system prompt) does not
load langchain.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_NAMES = {"LLM_BACKENDS": "assistant.llm.backends", "build_chat_model": "assistant.llm.backends",
          "LLMGenerator": "assistant.llm.generator", "smollm2_gguf_path": "assistant.llm.models"}

__all__ = list(_NAMES)


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError(f"module 'assistant.llm' has no attribute {name!r}")
    return getattr(import_module(_NAMES[name]), name)
