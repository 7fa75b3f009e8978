"""LLMGenerator: the Generator protocol over any langchain chat model (llama.cpp, OpenAI-compatible, transformers).

The passages are fitted into the context window, numbered [1]..[n] in the German prompt, and the answer is
streamed token by token. The whole call is bounded by `timeout_s`: the deadline is checked between tokens (an
in-process model cannot be interrupted inside one step; a stalled server is cut by the HTTP timeout). Every
failure is raised as BackendUnavailable, so the pipeline can fall back to the extractive answer. The prompt
carries the citizen's (redacted) question: it goes to the model call and nowhere else; logs hold sizes and times.
"""

from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langsmith.run_helpers import tracing_context

from assistant.llm.backends import build_chat_model
from assistant.llm.budget import Fitted, TokenCounter, char_counter, fit_passages, token_counter
from assistant.llm.prompts import NO_ANSWER, build_messages
from assistant.messages import message
from assistant.settings import LLMSettings
from corpus.errors import AssistantError, BackendUnavailable
from corpus.types import Draft, Passage

log = logging.getLogger(__name__)

IN_PROCESS = frozenset({"llamacpp", "transformers"})  # one model instance: calls must not overlap


class LLMGenerator:
    """Writes a cited German answer with a chat model; implements Generator and StreamingGenerator."""

    def __init__(self, chat_model: BaseChatModel, *, backend: str, context_tokens: int = 2048,
                 max_tokens: int = 400, timeout_s: float = 30.0, count_tokens: TokenCounter | None = None,
                 exclusive: bool = False, clock: Callable[[], float] = time.monotonic) -> None:
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be > 0, got {timeout_s}")
        self.name = backend
        self.chat_model = chat_model
        self.context_tokens = context_tokens
        self.max_tokens = max_tokens
        self.timeout_s = timeout_s
        self.count_tokens = count_tokens or char_counter(2.3)
        self._lock = threading.Lock() if exclusive else None
        self._clock = clock

    @classmethod
    def from_settings(cls, settings: LLMSettings) -> "LLMGenerator":
        """Load the backend named by `settings.backend` (ConfigurationError/BackendUnavailable say how to fix)."""
        chat_model = build_chat_model(settings)
        return cls(chat_model, backend=settings.backend, context_tokens=settings.context_tokens,
                   max_tokens=settings.max_tokens, timeout_s=settings.timeout_s,
                   count_tokens=token_counter(chat_model, settings.chars_per_token),
                   exclusive=settings.backend in IN_PROCESS)

    # -- Generator protocol -------------------------------------------------------------------------------
    def generate(self, question: str, passages: Sequence[Passage]) -> Draft:
        started = self._clock()
        fitted = self.fit(question, passages)
        if not fitted.passages:
            return Draft(text=message("no_information"), sources=[], mode="llm", backend=self.name,
                         meta={"prompt_tokens": 0, "latency_ms": 0.0, "answered": False, "model_called": False})
        first_token_at = None
        parts: list[str] = []
        for token in self._call(question, fitted, started):
            first_token_at = first_token_at or self._clock()
            parts.append(token)
        text = "".join(parts).strip()
        latency_ms = _ms(started, self._clock())
        meta = {"prompt_tokens": fitted.prompt_tokens, "completion_tokens": self.count_tokens(text),
                "latency_ms": latency_ms, "first_token_ms": _ms(started, first_token_at or self._clock()),
                "passages_given": len(fitted.passages), "passages_dropped": fitted.dropped,
                "truncated": fitted.truncated, "answered": NO_ANSWER not in text, "model_called": True}
        log.info("llm answer backend=%s passages=%d prompt_tokens=%d completion_tokens=%d latency_ms=%.0f",
                 self.name, len(fitted.passages), fitted.prompt_tokens, meta["completion_tokens"], latency_ms)
        return Draft(text=text, sources=list(fitted.passages), mode="llm", backend=self.name, meta=meta)

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str]:
        """The answer as it is written; numbering matches `passages` (only trailing ones are ever left out)."""
        started = self._clock()
        fitted = self.fit(question, passages)
        if not fitted.passages:
            yield message("no_information")
            return
        yield from self._call(question, fitted, started)

    def fit(self, question: str, passages: Sequence[Passage]) -> Fitted:
        """The passages the model will see for this question (see assistant.llm.budget)."""
        return fit_passages(question, passages, count=self.count_tokens, context_tokens=self.context_tokens,
                            max_tokens=self.max_tokens)

    # -- the model call -----------------------------------------------------------------------------------
    def _call(self, question: str, fitted: Fitted, started: float) -> Iterator[str]:
        deadline = started + self.timeout_s
        wrote = False
        with self._exclusive(deadline):
            chunks = self.chat_model.stream(build_messages(question, fitted.passages))
            try:
                for text in self._texts(chunks):
                    if self._clock() > deadline:
                        raise BackendUnavailable(f"backend {self.name!r} exceeded timeout_s={self.timeout_s} "
                                                 "while answering; raise llm.timeout_s or lower llm.max_tokens")
                    wrote = wrote or bool(text.strip())
                    yield text
            except AssistantError:
                raise
            except Exception as exc:  # connection refused, HTTP 5xx, context overflow, model errors ...
                raise BackendUnavailable(f"backend {self.name!r} failed: {type(exc).__name__}: "
                                         f"{str(exc)[:200]}") from exc
            finally:
                chunks.close()  # stops llama.cpp / transformers generation and closes the HTTP stream
        if not wrote:
            raise BackendUnavailable(f"backend {self.name!r} returned an empty answer")

    @staticmethod
    def _texts(chunks: Iterator[BaseMessage]) -> Iterator[str]:
        # LangSmith tracing (LANGSMITH_TRACING=true) would copy prompts to a tracing service. The callback manager
        # is configured on the first step, so switching tracing off there keeps it off for the whole call.
        with tracing_context(enabled=False):
            first = next(chunks, None)
        if first is None:
            return
        if first.text:
            yield first.text
        for chunk in chunks:
            if chunk.text:
                yield chunk.text

    @contextmanager
    def _exclusive(self, deadline: float) -> Iterator[None]:
        if self._lock is None:
            yield
            return
        if not self._lock.acquire(timeout=max(0.0, deadline - self._clock())):
            raise BackendUnavailable(f"backend {self.name!r} is busy with another answer for longer than "
                                     f"timeout_s={self.timeout_s}")
        try:
            yield
        finally:
            self._lock.release()


def _ms(start: float, end: float) -> float:
    return round((end - start) * 1000, 1)
