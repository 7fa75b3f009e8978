"""A langchain chat model over a transformers text-generation pipeline loaded from a local directory.

langchain-huggingface would give ChatHuggingFace + HuggingFacePipeline, but every release pins huggingface-hub<2
while transformers 5 runs here on huggingface-hub 2.x; installing it would downgrade a library the embedder shares.
This class is the small part we need: chat template → pipeline → text, and token streaming via
TextIteratorStreamer on a worker thread that stops as soon as the consumer does.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Iterator

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


class TransformersChatModel(BaseChatModel):
    """Chat model over `transformers.pipeline("text-generation")`; build it with `from_directory`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    pipeline: Any
    max_new_tokens: int = 256
    temperature: float = 0.1
    top_p: float = 0.9
    stop: list[str] = []

    @classmethod
    def from_directory(cls, path: Path, **params: Any) -> "TransformersChatModel":
        """Load tokenizer and model from `path` only (local_files_only: no hub access at run time)."""
        from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(str(path), local_files_only=True)
        model.eval()
        return cls(pipeline=pipeline("text-generation", model=model, tokenizer=tokenizer, device="cpu"), **params)

    @property
    def tokenizer(self) -> Any:
        return self.pipeline.tokenizer

    @property
    def _llm_type(self) -> str:
        return "transformers-pipeline"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model": getattr(self.pipeline.model.config, "_name_or_path", ""),
                "max_new_tokens": self.max_new_tokens, "temperature": self.temperature}

    # -- langchain hooks ----------------------------------------------------------------------------------
    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        text = "".join(chunk.text for chunk in self._stream(messages, stop=stop, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

        halt = threading.Event()

        class _Halt(StoppingCriteria):
            def __call__(self, input_ids: Any, scores: Any, **_: Any) -> Any:
                return torch.full((input_ids.shape[0],), halt.is_set(), dtype=torch.bool, device=input_ids.device)

        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        errors: list[BaseException] = []

        def run() -> None:
            try:
                with torch.inference_mode():
                    self.pipeline(self._prompt(messages), streamer=streamer,
                                  stopping_criteria=StoppingCriteriaList([_Halt()]), **self._generation_kwargs())
            except BaseException as exc:  # re-raised on the consumer's thread below
                errors.append(exc)
                streamer.end()

        worker = threading.Thread(target=run, name="transformers-generate", daemon=True)
        worker.start()
        stops = [s for s in [*(stop or []), *self.stop] if s]
        try:
            for piece in _cut_at_stops(streamer, stops):
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                if run_manager:
                    run_manager.on_llm_new_token(piece, chunk=chunk)
                yield chunk
        finally:
            halt.set()  # the consumer stopped (done, stop sequence, deadline): end generation at the next token
            worker.join()
        if errors:
            raise errors[0]

    # -- helpers ------------------------------------------------------------------------------------------
    def _prompt(self, messages: list[BaseMessage]) -> str:
        turns = [{"role": _ROLES.get(m.type, "user"), "content": m.text} for m in messages]
        if getattr(self.tokenizer, "chat_template", None):
            return self.tokenizer.apply_chat_template(turns, tokenize=False, add_generation_prompt=True)
        return "".join(f"{t['role']}: {t['content']}\n" for t in turns) + "assistant:"

    def _generation_kwargs(self) -> dict[str, Any]:
        tok = self.tokenizer
        kwargs: dict[str, Any] = {"max_new_tokens": self.max_new_tokens, "return_full_text": False,
                                  "pad_token_id": tok.pad_token_id if tok.pad_token_id is not None
                                  else tok.eos_token_id}
        if self.temperature > 0:
            kwargs.update(do_sample=True, temperature=self.temperature, top_p=self.top_p)
        else:
            kwargs["do_sample"] = False
        return kwargs


def _cut_at_stops(pieces: Iterator[str], stops: list[str]) -> Iterator[str]:
    """Pass text through until a stop sequence appears; holds back just enough characters to see one coming."""
    hold = max((len(s) for s in stops), default=1) - 1
    pending = ""
    for piece in pieces:
        pending += piece
        hits = [i for i in (pending.find(s) for s in stops) if i >= 0]
        if hits:
            if pending[:min(hits)]:
                yield pending[:min(hits)]
            return
        if len(pending) > hold:
            yield pending[:len(pending) - hold]
            pending = pending[len(pending) - hold:]
    if pending:
        yield pending
