"""GeneratorContract: the tests every Generator must pass; subclass it and provide a `generator` fixture.

The fixture must return a fresh generator per test that can answer at least three calls (fakes: queue replies).
Override `passages` when the generator only knows certain documents; set `deterministic = False` when two calls
with the same input may word the answer differently (then stream and generate are only checked separately).
"""

from __future__ import annotations

import re

import pytest

from corpus.types import Draft, Passage

QUESTION = "Was kostet ein Personalausweis?"


def sample_passages() -> list[Passage]:
    return [
        Passage(doc_id="personalausweis-beantragen", title="Personalausweis beantragen", section="Kosten",
                snippet="Der Personalausweis kostet ab 24 Jahren 46,00 Euro.", score=0.9, confidence=0.9,
                chunk_id="personalausweis-beantragen#kosten",
                text="Der Personalausweis kostet ab 24 Jahren 46,00 Euro. Unter 24 Jahren kostet er 27,60 Euro."),
        Passage(doc_id="hundesteuer", title="Hundesteuer", section="Kosten",
                snippet="Die Hundesteuer beträgt für den ersten Hund 120,00 Euro im Jahr.", score=0.4,
                confidence=0.4, chunk_id="hundesteuer#kosten",
                text="Die Hundesteuer beträgt für den ersten Hund 120,00 Euro im Jahr."),
    ]


class GeneratorContract:
    question = QUESTION
    deterministic = True

    @pytest.fixture
    def passages(self) -> list[Passage]:
        return sample_passages()

    def test_generate_returns_a_draft_with_text(self, generator, passages):
        draft = generator.generate(self.question, passages)
        assert isinstance(draft, Draft)
        assert draft.text.strip()
        assert draft.mode in {"extractive", "llm"}
        assert draft.backend == generator.name

    def test_sources_are_among_the_given_passages(self, generator, passages):
        draft = generator.generate(self.question, passages)
        given = {(p.doc_id, p.chunk_id) for p in passages}
        assert draft.sources
        assert {(s.doc_id, s.chunk_id) for s in draft.sources} <= given

    def test_citations_point_at_sources(self, generator, passages):
        draft = generator.generate(self.question, passages)
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", draft.text)}
        assert cited
        assert cited <= set(range(1, len(draft.sources) + 1))

    def test_stream_yields_strings_that_join_to_the_answer(self, generator, passages):
        if not hasattr(generator, "stream"):
            pytest.skip(f"{type(generator).__name__} does not stream")
        pieces = list(generator.stream(self.question, passages))
        assert pieces and all(isinstance(p, str) for p in pieces)
        streamed = "".join(pieces).strip()
        assert streamed
        if self.deterministic:
            assert streamed == generator.generate(self.question, passages).text.strip()

    def test_zero_passages_give_a_text_without_sources(self, generator):
        draft = generator.generate(self.question, [])
        assert draft.text.strip()
        assert draft.sources == []
