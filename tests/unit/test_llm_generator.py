"""LLMGenerator over a queued fake chat model: contract, prompt sent, budget, errors, timeouts, busy model."""

from __future__ import annotations

import threading

import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.llm.generator import LLMGenerator
from assistant.llm.prompts import NO_ANSWER, system_prompt
from corpus.errors import BackendTimeout, BackendUnavailable
from tests.contracts.generator_contract import QUESTION, GeneratorContract, sample_passages
from tests.fakes import FakeChatModel, StallingChatModel

REPLY = "Der Personalausweis kostet ab 24 Jahren 46,00 Euro [1]. Unter 24 Jahren zahlen Sie 27,60 Euro [1]."


def make(*replies, **kwargs) -> LLMGenerator:
    kwargs.setdefault("backend", "fake")
    return LLMGenerator(FakeChatModel(replies=list(replies)), **kwargs)


class TestLLMGeneratorContract(GeneratorContract):
    @pytest.fixture
    def generator(self) -> LLMGenerator:
        return make(REPLY, REPLY, REPLY)


class Clock:
    """Advances `step` seconds on every reading, so each streamed token costs time without sleeping."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_sends_the_system_prompt_and_numbered_context_once():
    gen = make(REPLY)
    draft = gen.generate(QUESTION, sample_passages())
    [sent] = gen.chat_model.history
    assert isinstance(sent[0], SystemMessage) and sent[0].content == system_prompt()
    assert isinstance(sent[1], HumanMessage)
    user = sent[1].content
    assert "[1] Personalausweis beantragen — Kosten: Der Personalausweis kostet" in user
    assert "[2] Hundesteuer — Kosten: Die Hundesteuer" in user
    assert user.index("[1]") < user.index("[2]") < user.index(f"Frage: {QUESTION}")
    assert draft.text == REPLY
    assert draft.mode == "llm" and draft.backend == "fake"


def test_meta_reports_sizes_and_times_but_not_the_prompt():
    draft = make(REPLY).generate(QUESTION, sample_passages())
    meta = draft.meta
    assert meta["prompt_tokens"] > 0 and meta["completion_tokens"] > 0
    assert meta["latency_ms"] >= 0 and meta["passages_given"] == 2 and meta["answered"] is True
    assert not any(QUESTION in str(v) or system_prompt()[:40] in str(v) for v in meta.values())


def test_prompt_text_is_not_logged(caplog):
    caplog.set_level("DEBUG")
    make(REPLY).generate(QUESTION, sample_passages())
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "llm answer backend=fake" in logged
    assert QUESTION not in logged and "46,00" not in logged


def test_only_the_passages_that_fit_are_sources():
    # one token per character: the system prompt plus the first passage fit, the second does not
    passages = sample_passages()
    probe = make(REPLY, count_tokens=len, context_tokens=100_000, max_tokens=10)
    need_one = probe.fit(QUESTION, passages[:1]).prompt_tokens
    gen = make(REPLY, count_tokens=len, context_tokens=need_one + 10 + 5, max_tokens=10)
    draft = gen.generate(QUESTION, passages)
    assert [p.doc_id for p in draft.sources] == ["personalausweis-beantragen"]
    assert draft.meta["passages_dropped"] == 1
    assert "[2]" not in gen.chat_model.history[0][1].content


def test_no_passages_answers_no_information_without_calling_the_model():
    gen = make()
    draft = gen.generate(QUESTION, [])
    assert "keine verlässliche Information" in draft.text
    assert gen.chat_model.history == [] and draft.meta["model_called"] is False
    assert "keine verlässliche Information" in "".join(gen.stream(QUESTION, []))


def test_model_errors_become_backend_unavailable():
    gen = make(ConnectionError("connection refused"))
    with pytest.raises(BackendUnavailable, match="backend 'fake' failed: ConnectionError"):
        gen.generate(QUESTION, sample_passages())


def test_stream_errors_become_backend_unavailable():
    gen = make(RuntimeError("llama_decode returned -1"))
    with pytest.raises(BackendUnavailable, match="RuntimeError"):
        list(gen.stream(QUESTION, sample_passages()))


def test_empty_reply_is_unavailable_not_an_empty_answer():
    with pytest.raises(BackendUnavailable, match="empty answer"):
        make("   ").generate(QUESTION, sample_passages())
    with pytest.raises(BackendUnavailable):  # langchain itself refuses a stream without chunks
        list(make("").stream(QUESTION, sample_passages()))


def test_deadline_stops_a_long_answer():
    long_reply = " ".join(["Wort"] * 50) + " [1]."
    gen = make(long_reply, timeout_s=10, clock=Clock(step=1.0))
    pieces = []
    with pytest.raises(BackendUnavailable, match="exceeded timeout_s=10"):
        for piece in gen.stream(QUESTION, sample_passages()):
            pieces.append(piece)
    assert 0 < len(pieces) < 50


def test_reply_with_the_no_answer_sentence_is_marked_unanswered():
    draft = make(NO_ANSWER).generate(QUESTION, sample_passages())
    assert draft.meta["answered"] is False


def test_an_in_process_model_answers_one_question_at_a_time():
    model = StallingChatModel(reply=REPLY)
    gen = LLMGenerator(model, backend="fake", exclusive=True, timeout_s=30, first_token_timeout_s=0.3)
    first = threading.Thread(target=lambda: _swallow(gen.generate, QUESTION, sample_passages()))
    first.start()  # holds the only model worker until released or cut by its deadline
    with pytest.raises(BackendTimeout, match="busy with other answers"):
        gen.generate(QUESTION, sample_passages())
    model.release.set()
    first.join(5)
    model.hold = False
    assert gen.generate(QUESTION, sample_passages()).text == REPLY


def _swallow(fn, *args):
    try:
        fn(*args)
    except BackendUnavailable:
        pass


def test_abandoned_stream_releases_the_model():
    gen = make(REPLY, REPLY, exclusive=True, timeout_s=5)
    stream = gen.stream(QUESTION, sample_passages())
    next(stream)
    stream.close()
    done = threading.Event()
    threading.Thread(target=lambda: (gen.generate(QUESTION, sample_passages()), done.set())).start()
    assert done.wait(5)


def test_timeout_must_be_positive():
    with pytest.raises(ValueError, match="timeout_s must be > 0, got 0"):
        make(timeout_s=0)
