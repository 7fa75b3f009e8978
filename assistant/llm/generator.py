"""LLMGenerator: the Generator protocol over any langchain chat model (llama.cpp, OpenAI-compatible, transformers).

The passages are fitted into the context window, numbered [1]..[n] in the German prompt, and the answer is
streamed token by token. Each answer has deadlines that hold whatever the model does (assistant.llm.calls): the
first token within `first_token_timeout_s`, the whole answer within `timeout_s`; a circuit breaker skips a model
that keeps failing (assistant.llm.breaker). Every failure is raised as BackendUnavailable (BackendTimeout,
CircuitOpen), so the pipeline falls back to the extractive answer. The prompt carries the citizen's (redacted)
question: it goes to the model call and nowhere else; logs hold sizes and times.

A generator owns the worker(s) its model runs on; an in-process model must have exactly one generator (two would
run one llama.cpp context on two threads at once).
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterator, Sequence

from langchain_core.language_models.chat_models import BaseChatModel

from assistant.llm.backends import build_chat_model
from assistant.llm.breaker import CircuitBreaker
from assistant.llm.budget import Fitted, TokenCounter, char_counter, fit_passages, token_counter
from assistant.llm.calls import ModelCall
from assistant.llm.prompts import NO_ANSWER, build_messages
from assistant.messages import message
from assistant.settings import LLMSettings
from corpus.errors import AssistantError, BackendTimeout, BackendUnavailable, Cancelled, CircuitOpen
from corpus.types import Draft, Passage

log = logging.getLogger(__name__)

IN_PROCESS = frozenset({"llamacpp", "transformers"})  # one model instance: calls must not overlap


class LLMGenerator:
    """Writes a cited German answer with a chat model; implements Generator and StreamingGenerator."""

    def __init__(self, chat_model: BaseChatModel, *, backend: str, context_tokens: int = 2048,
                 max_tokens: int = 400, timeout_s: float = 30.0, first_token_timeout_s: float | None = None,
                 count_tokens: TokenCounter | None = None, exclusive: bool = False, max_concurrency: int = 4,
                 breaker: CircuitBreaker | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be > 0, got {timeout_s}")
        if first_token_timeout_s is not None and first_token_timeout_s <= 0:
            raise ValueError(f"first_token_timeout_s must be > 0, got {first_token_timeout_s}")
        self.name = backend
        self.chat_model = chat_model
        self.context_tokens = context_tokens
        self.max_tokens = max_tokens
        self.timeout_s = timeout_s
        self.first_token_timeout_s = min(first_token_timeout_s or timeout_s, timeout_s)
        self.count_tokens = count_tokens or char_counter(2.3)
        # One worker per call the model takes at once: an in-process model must never run two answers.
        self.max_concurrency = 1 if exclusive else max_concurrency
        self._pool = ThreadPoolExecutor(max_workers=self.max_concurrency, thread_name_prefix=f"llm-{backend}")
        self.breaker = breaker or CircuitBreaker(failures=0)
        self.breaker.on_change = self._circuit_changed
        self._observers: list[Callable[[str, str], None]] = []
        self._clock = clock

    @classmethod
    def from_settings(cls, settings: LLMSettings) -> "LLMGenerator":
        """Load the backend named by `settings.backend` (ConfigurationError/BackendUnavailable say how to fix)."""
        chat_model = build_chat_model(settings)
        return cls(chat_model, backend=settings.backend, context_tokens=settings.context_tokens,
                   max_tokens=settings.max_tokens, timeout_s=settings.timeout_s,
                   first_token_timeout_s=settings.first_token_timeout_s,
                   count_tokens=token_counter(chat_model, settings.chars_per_token),
                   exclusive=settings.backend in IN_PROCESS, max_concurrency=settings.max_concurrency,
                   breaker=CircuitBreaker(settings.breaker_failures, settings.breaker_open_s))

    # -- health and observers -----------------------------------------------------------------------------
    def subscribe(self, observer: Callable[[str, str], None]) -> None:
        """`observer(kind, value)` for every call outcome ("call", ok|timeout|error|circuit_open|cancelled) and
        circuit transition ("circuit", closed|open|half_open); used for the metrics."""
        self._observers.append(observer)

    def health(self) -> dict[str, Any]:
        """For /readyz: degraded while the circuit is not closed."""
        snap = self.breaker.snapshot()
        return {"backend": self.name, "state": "ok" if snap["circuit"] == "closed" else "degraded", **snap}

    def close(self, wait: bool = True) -> None:
        """Stop taking calls; with `wait`, until the abandoned ones have ended (they stop at their next token)."""
        self._pool.shutdown(wait=wait, cancel_futures=True)

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
        if not self.breaker.allow():
            self._notify("call", "circuit_open")
            raise CircuitOpen(f"backend {self.name!r} failed {self.breaker.failures} times in a row and is skipped "
                              f"for llm.breaker_open_s={self.breaker.open_s} s; answering extractively meanwhile")
        call = ModelCall(self.chat_model, build_messages(question, fitted.passages), name=self.name,
                         started=started, first_token_timeout_s=self.first_token_timeout_s,
                         timeout_s=self.timeout_s, clock=self._clock)
        outcome = "cancelled"  # also when the caller closes the stream early
        try:
            call.start(self._pool)
            wrote = False
            for text in call.tokens():
                wrote = wrote or bool(text.strip())
                yield text
            if not wrote:
                raise BackendUnavailable(f"backend {self.name!r} returned an empty answer")
            outcome = "ok"
        except Cancelled:
            raise
        except BackendTimeout:
            outcome = "timeout"
            raise
        except AssistantError:
            outcome = "error"
            raise
        finally:
            call.cancel()
            self._settle(outcome)

    def _settle(self, outcome: str) -> None:
        if outcome == "ok":
            self.breaker.success()
        elif outcome == "cancelled":
            self.breaker.release()
        else:
            self.breaker.failure()
        self._notify("call", outcome)

    def _circuit_changed(self, state: str) -> None:
        log.warning("llm circuit of backend %s is now %s", self.name, state)
        self._notify("circuit", state)

    def _notify(self, kind: str, value: str) -> None:
        for observer in self._observers:
            try:
                observer(kind, value)
            except Exception:  # metrics must never break an answer
                log.exception("llm observer failed")


def _ms(start: float, end: float) -> float:
    return round((end - start) * 1000, 1)
