"""One small interface per answering role."""

from __future__ import annotations

from typing import Iterator, Protocol, Sequence

from corpus.types import Draft, Passage


class Generator(Protocol):
    """Writes a draft answer with [n] citations from the numbered passages."""

    name: str

    def generate(self, question: str, passages: Sequence[Passage]) -> Draft: ...


class StreamingGenerator(Generator, Protocol):
    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str]: ...
