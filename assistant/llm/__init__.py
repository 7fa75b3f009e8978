"""LLM answer backends behind one interface: langchain chat models, a German prompt, a token budget, timeouts.

`LLMGenerator.from_settings(settings.llm)` is what the wiring calls; `LLM_BACKENDS` lists the backends.
"""

from assistant.llm.backends import LLM_BACKENDS, build_chat_model
from assistant.llm.generator import LLMGenerator
from assistant.llm.models import smollm2_gguf_path

__all__ = ["LLM_BACKENDS", "LLMGenerator", "build_chat_model", "smollm2_gguf_path"]
