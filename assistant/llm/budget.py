"""Fit the numbered passages into the model's context window: context_tokens - prompt - max_tokens.

Passages go in rank order while they fit; the first one that does not fit is cut at a sentence end (the best
passages usually start with the answer), and everything after it is left out. Only trailing passages are ever
dropped, so the numbers [1]..[n] stay those of the first n passages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence

from assistant.llm.prompts import EMPTY_CONTEXT, context_block, passage_text, system_prompt, user_message
from corpus.errors import BackendUnavailable
from corpus.types import Passage

TokenCounter = Callable[[str], int]

# Role markers and separators a chat template adds per message (ChatML: "<|im_start|>user\n" ... "<|im_end|>\n").
MESSAGE_OVERHEAD = 8
ELLIPSIS = " …"
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass(frozen=True)
class Fitted:
    passages: list[Passage]  # what the model is given; the last one may be shortened
    prompt_tokens: int  # system prompt + user message + template overhead
    truncated: bool = False  # the last given passage was cut at a sentence end
    dropped: int = 0  # passages left out entirely


def char_counter(chars_per_token: float) -> TokenCounter:
    """Token estimate for a model whose tokenizer is not at hand (OpenAI-compatible servers)."""
    if chars_per_token <= 0:
        raise ValueError(f"chars_per_token must be > 0, got {chars_per_token}")
    return lambda text: math.ceil(len(text) / chars_per_token)


def token_counter(chat_model: Any, chars_per_token: float = 2.3) -> TokenCounter:
    """Count with the model's own tokenizer where we have it: llama.cpp `Llama.tokenize`, a transformers tokenizer."""
    client = getattr(chat_model, "client", None)
    if callable(getattr(client, "tokenize", None)) and callable(getattr(client, "detokenize", None)):
        return lambda text: len(client.tokenize(text.encode("utf-8"), add_bos=False, special=True))
    tokenizer = getattr(chat_model, "tokenizer", None)
    if callable(getattr(tokenizer, "encode", None)):
        return lambda text: len(tokenizer.encode(text, add_special_tokens=False))
    return char_counter(chars_per_token)


def sentence_cuts(text: str) -> list[int]:
    """Offsets just before each sentence end or line break, and the end: text[:cut] keeps whole sentences."""
    return [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]


def prompt_tokens(question: str, passages: Sequence[Passage], count: TokenCounter) -> int:
    return count(system_prompt()) + count(user_message(question, passages)) + 2 * MESSAGE_OVERHEAD


def fit_passages(question: str, passages: Sequence[Passage], *, count: TokenCounter, context_tokens: int,
                 max_tokens: int) -> Fitted:
    """The longest prefix of `passages` (last one cut by sentences) whose prompt leaves `max_tokens` free."""
    limit = context_tokens - max_tokens
    base = prompt_tokens(question, [], count) - count(EMPTY_CONTEXT)
    if base > limit:
        raise BackendUnavailable(
            f"the prompt alone needs {base} tokens, but context_tokens={context_tokens} - max_tokens={max_tokens} "
            f"leaves {limit}; raise llm.context_tokens (BA_LLM__CONTEXT_TOKENS) or lower llm.max_tokens")
    room = limit - base
    given: list[Passage] = []
    truncated = False
    for n, passage in enumerate(passages, start=1):
        cost = _block_cost(n, passage, count)
        if cost <= room:
            given.append(passage)
            room -= cost
            continue
        shortened = _shorten(n, passage, room, count)
        if shortened is not None:
            given.append(shortened)
            truncated = True
        break
    used = prompt_tokens(question, given, count)
    while used > limit and given:  # tokenizers merge across block borders, so re-check the whole prompt
        last = given.pop()
        n = len(given) + 1
        shorter = _shorten(n, last, _block_cost(n, last, count) - (used - limit), count)
        if shorter is not None:
            given.append(shorter)
            truncated = True
        used = prompt_tokens(question, given, count)
    return Fitted(passages=given, prompt_tokens=used, truncated=truncated, dropped=len(passages) - len(given))


def _block_cost(n: int, passage: Passage, count: TokenCounter, text: str | None = None) -> int:
    return count(context_block(n, passage, text)) + count("\n\n")


def _shorten(n: int, passage: Passage, room: int, count: TokenCounter) -> Passage | None:
    """The passage cut after its last whole sentence that fits into `room` tokens, or None if not even one fits."""
    text = passage_text(passage)
    best = None
    for cut in sentence_cuts(text)[:-1]:
        candidate = text[:cut].rstrip() + ELLIPSIS
        if _block_cost(n, passage, count, candidate) > room:
            break
        best = candidate
    return replace(passage, text=best) if best else None
