"""Presidio `AnalyzerEngine` for German, built without downloading any model.

No German spaCy pipeline can be installed (the `de-core-news-*` packages on PyPI are empty placeholders), so
the NLP engine is `spacy.blank("de")`: the rule-based German tokenizer and stop words, nothing learned.
Lemmas are the lower-cased tokens, which is what Presidio's context enhancer compares (by substring, so the
context word "ausweis" also supports "Personalausweis"). All entity detection lives in our recognizers.
"""

from __future__ import annotations

import logging
from typing import Iterable, Iterator, Sequence

from guardrails.pii.presidio_import import import_presidio

import_presidio()  # before the names below: without torch and transformers (see presidio_import.py)

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine

LANGUAGE = "de"


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
        doc = self._nlp(text)
        return NlpArtifacts(entities=[], tokens=doc, tokens_indices=[t.idx for t in doc],
                            lemmas=[t.lower_ for t in doc], nlp_engine=self, language=language)

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
    enhancer = LemmaContextAwareEnhancer(context_similarity_factor=0.35, min_score_with_context_similarity=0.4,
                                         context_prefix_count=6, context_suffix_count=3)
    return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=[LANGUAGE],
                          context_aware_enhancer=enhancer)
