"""Presidio `AnalyzerEngine` for German, built without downloading any model.

No German spaCy pipeline can be installed (the `de-core-news-*` packages on PyPI are empty placeholders), so
the NLP engine is `spacy.blank("de")`: the rule-based German tokenizer and stop words, nothing learned.
Lemmas are the lower-cased tokens, which is what Presidio's context enhancer compares (by substring, so the
context word "ausweis" also supports "Personalausweis"). All entity detection lives in our recognizers.

Everything here is linear in the message length. spaCy strips a chunk's affixes one at a time and searches the rest of
the chunk for the next suffix each time: a 2,000-character chunk of ":(" or ")" took seconds. A chunk without white
space longer than `LONG_CHUNK` characters (no word; a URL, a base64 blob or an attack) is therefore split by a linear
rule instead: each punctuation character before the first and after the last letter or digit is a token, the rest one
token, as spaCy would split "(Wohngeldantragsformular)"; of a longer run of punctuation only the first and last
`EDGE_TOKENS` characters are tokens of their own (a token costs every recognizer a step, and "(((...)))" is no text).
Shorter chunks, i.e. every ordinary message, are tokenized by
spaCy as before. Presidio's context enhancer is replaced by the linear one in `guardrails/pii/context.py`.
"""

from __future__ import annotations

import logging
import re
from typing import Iterable, Iterator, Sequence

from guardrails.pii.presidio_import import import_presidio

import_presidio()  # before the names below: without torch and transformers (see presidio_import.py)

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine

from guardrails.pii.context import LinearLemmaContextEnhancer

LANGUAGE = "de"
LONG_CHUNK = 30  # characters without white space; spaCy's affix loop costs the square of a chunk's length
EDGE_TOKENS = 4
_LONG_CHUNK = re.compile(r"\S{%d,}+" % (LONG_CHUNK + 1))


class BlankGermanNlpEngine(NlpEngine):
    """Tokenizer-only NLP engine on `spacy.blank("de")`; no NER, lemmas = lower-cased tokens."""

    def __init__(self) -> None:
        self._nlp = None

    def load(self) -> None:
        import spacy

        self._nlp = spacy.blank(LANGUAGE)

    def is_loaded(self) -> bool:
        return self._nlp is not None

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        doc = self.tokenize(text)
        starts: list[int] = []
        lemmas: list[str] = []
        for token in doc:  # one pass: every pass over a Doc builds a Python object per token
            starts.append(token.idx)
            lemmas.append(token.lower_)
        return NlpArtifacts(entities=[], tokens=doc, tokens_indices=starts, lemmas=lemmas, nlp_engine=self,
                            language=language)

    def tokenize(self, text: str):
        """spaCy's tokens; chunks longer than `LONG_CHUNK` characters split by the linear rule (module docstring)."""
        if _LONG_CHUNK.search(text) is None:
            return self._nlp(text)
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for chunk in _LONG_CHUNK.finditer(text):
            for token in self._nlp.tokenizer(text[position:chunk.start()]):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))
            for piece in _split_chunk(chunk.group()):
                words.append(piece)
                spaces.append(False)
            position = chunk.end()
            if text.startswith(" ", position):  # the space after the chunk is its last token's, as in spaCy
                spaces[-1] = True
                position += 1
        for token in self._nlp.tokenizer(text[position:]):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
        return Doc(self._nlp.vocab, words=words, spaces=spaces)

    def process_batch(self, texts: Iterable[str], language: str, batch_size: int = 1, n_process: int = 1,
                      **kwargs) -> Iterator[tuple[str, NlpArtifacts]]:
        for text in texts:
            yield text, self.process_text(text, language)

    def is_stopword(self, word: str, language: str) -> bool:
        return self._nlp.vocab[word].is_stop

    def is_punct(self, word: str, language: str) -> bool:
        return self._nlp.vocab[word].is_punct

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return [LANGUAGE]


def build_analyzer(recognizers: Sequence[EntityRecognizer]) -> AnalyzerEngine:
    """An analyzer that knows only German and only the given recognizers (no English defaults)."""
    # Presidio logs every loaded recognizer and every call at INFO; that is noise in our logs.
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    engine = BlankGermanNlpEngine()
    engine.load()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in recognizers:
        registry.add_recognizer(recognizer)
    # Context may follow the value in German ("am 3. Mai 1990 geboren"), so look both ways.
    enhancer = LinearLemmaContextEnhancer(context_similarity_factor=0.35, min_score_with_context_similarity=0.4,
                                         context_prefix_count=6, context_suffix_count=3)
    return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=[LANGUAGE],
                          context_aware_enhancer=enhancer)


def _split_chunk(chunk: str) -> list[str]:
    """Punctuation before the first and after the last letter or digit one token per character, the rest one token."""
    inside = [c.isalnum() or c == "_" for c in chunk]
    if True not in inside:
        return _punctuation(chunk)
    first, last = inside.index(True), len(chunk) - inside[::-1].index(True)
    return _punctuation(chunk[:first]) + [chunk[first:last]] + _punctuation(chunk[last:])


def _punctuation(run: str) -> list[str]:
    """One token per character, except the middle of a run longer than twice `EDGE_TOKENS`, which is one token."""
    if len(run) <= 2 * EDGE_TOKENS:
        return list(run)
    return list(run[:EDGE_TOKENS]) + [run[EDGE_TOKENS:-EDGE_TOKENS]] + list(run[-EDGE_TOKENS:])
