"""Shared machinery of the regex-based German recognizers.

Presidio's `PatternRecognizer` always reports the whole match; German identifiers are often found through a
cue that must not be redacted itself ("Aktenzeichen: 32-1234/24"), so a pattern may name the part to report
with a group `v`. Checksums live in `validate_result()` as in Presidio: True lifts the score to 1.0, False
drops the match (unless the rule is not strict: then it keeps its score), None keeps the pattern's score (to be
raised by context words). Several rules finding the same span report it once, with the best score: Presidio would drop
the others after raising them all alike by the same context, and each finding costs it work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts


@dataclass(frozen=True)
class Rule:
    """One pattern. `strict`: a failed checksum drops the match. A rule whose pattern alone is distinctive
    (a cue word before it, a fixed national format) sets strict=False, so a mistyped identifier is still
    redacted, at the rule's score: citizens mistype their numbers, and a mistyped one is still theirs."""

    name: str
    regex: str
    score: float
    flags: int = re.IGNORECASE
    strict: bool = True


class GermanPatternRecognizer(EntityRecognizer):
    """Patterns + context words + checksum for one entity type."""

    ENTITY: str = ""
    RULES: tuple[Rule, ...] = ()
    CONTEXT: tuple[str, ...] = ()

    def __init__(self) -> None:
        self._compiled = [(rule, re.compile(rule.regex, rule.flags)) for rule in self.RULES]
        super().__init__(supported_entities=[self.ENTITY], name=type(self).__name__, supported_language="de",
                         context=list(self.CONTEXT))

    def load(self) -> None:
        """Nothing to load: patterns compile in the constructor."""

    def validate_result(self, value: str) -> bool | None:
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        results = []
        for rule, pattern in self._compiled:
            for match in pattern.finditer(text):
                start, end = match.span("v") if "v" in pattern.groupindex else match.span()
                if start == end:
                    continue
                valid = self.validate_result(text[start:end])
                if valid is False:
                    if rule.strict:
                        continue
                    valid = None  # a lenient rule keeps its own score for a mistyped identifier
                score = 1.0 if valid else rule.score
                explanation = AnalysisExplanation(recognizer=self.name, original_score=score,
                                                  pattern_name=rule.name, pattern=rule.regex,
                                                  validation_result=valid)
                results.append(RecognizerResult(
                    entity_type=self.ENTITY, start=start, end=end, score=score,
                    analysis_explanation=explanation,
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                          RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return best_per_span(results)


def best_per_span(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """One finding per (start, end): the first with the highest score."""
    best: dict[tuple[int, int], RecognizerResult] = {}
    for r in results:
        kept = best.get((r.start, r.end))
        if kept is None or r.score > kept.score:
            best[(r.start, r.end)] = r
    return list(best.values())
