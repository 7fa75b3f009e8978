"""Presidio's lemma context enhancer, with the same decisions in time linear in the message length.

Presidio's `LemmaContextAwareEnhancer` finds the token of each finding by walking the tokens from the start, and
collects the context words around it by walking on until it has found enough keywords, testing each lemma against
the keyword *list*. With many findings in a long message that is the square (or the cube) of its length: 286 findings
in a 2,000-character message took 100 ms. Here the token is found by bisection over the token ends, the keywords are
a set, and the nearest keywords before and after a token come from one sorted list of keyword positions. What counts
as context (the `n + 1` keyword lemmas from the finding's token backwards and forwards, compared by substring) and how
the score rises are Presidio's, unchanged. The findings are updated in place rather than deep-copied first (a third
of the redaction time with hundreds of findings): the analyzer hands over a list it built for this call and keeps
nothing of it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer, LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.attrs import IDX, LENGTH


class LinearLemmaContextEnhancer(LemmaContextAwareEnhancer):
    """`LemmaContextAwareEnhancer` whose `enhance_using_context` is O(findings x log tokens)."""

    def enhance_using_context(self, text: str, raw_results: list[RecognizerResult], nlp_artifacts: NlpArtifacts,
                              recognizers: list[EntityRecognizer], context: list[str] | None = None
                              ) -> list[RecognizerResult]:
        results = raw_results
        if nlp_artifacts is None or not nlp_artifacts.tokens:
            return results
        by_id = {recognizer.id: recognizer for recognizer in recognizers}
        extra = [word.lower() for word in context or []]
        lemmas = nlp_artifacts.lemmas
        keywords = set(nlp_artifacts.keywords)
        positions = [i for i, lemma in enumerate(lemmas) if lemma.lower() in keywords]
        # token ends without a Python object per token (a pass over a Doc builds one per token)
        ends = (nlp_artifacts.tokens.to_array([IDX, LENGTH]).sum(axis=1).tolist() if results else [])
        supporting: dict[tuple[str, int], str] = {}  # findings of one recognizer at one token share their context
        for result in results:
            metadata = result.recognition_metadata or {}
            recognizer = by_id.get(metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            if recognizer is None or not recognizer.context:
                continue
            if metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            # Presidio's token of a finding: the first whose end lies after the finding's start
            index = min(bisect_right(ends, result.start), len(ends) - 1)
            key = (recognizer.id, index)
            if key not in supporting:
                before = positions[max(0, bisect_right(positions, index) - self.context_prefix_count - 1):
                                   bisect_right(positions, index)]
                after_start = bisect_left(positions, index)
                after = positions[after_start:after_start + self.context_suffix_count + 1]
                surrounding = list({lemmas[i].lower() for i in before + after}) + extra
                supporting[key] = self._find_supportive_word_in_context(surrounding, recognizer.context,
                                                                        self.context_matching_mode)
            word = supporting[key]
            if word != "":
                result.score = min(max(result.score + self.context_similarity_factor,
                                       self.min_score_with_context_similarity), ContextAwareEnhancer.MAX_SCORE)
                result.analysis_explanation.set_supportive_context_word(word)
                result.analysis_explanation.set_improved_score(result.score)
        return results
