"""Output guard: a draft answer fails when it leaks personal data or the system prompt, or breaks the policy.

- Personal data: the injected `Redactor` scans the draft; placeholders (<PERSON_1>), the city's and emergency
  numbers and anything quoted verbatim from the retrieved passages (public contact data of offices) are fine.
- System prompt: word n-grams shared with the prompt given to the constructor (and not with the passages).
- Policy: binding individual decisions ("Ihr Antrag wird bewilligt", GDPR Art. 22), party-political
  recommendations (neutrality of the administration) and discriminatory statements (Leitlinie inklusiv und
  geschlechtersensibel).
A failed verdict makes the pipeline fall back to the extractive answer, or to the policy's `safe_fallback`.
"""

from __future__ import annotations

import re
from typing import Sequence

from corpus.types import Draft, Passage, Verdict
from guardrails.normalize import fold
from guardrails.patterns import RULE_PATTERNS, found
from guardrails.protocols import Redactor

# Numbers an answer may always contain: city switchboard and Bürgerservice, emergency, 115, Telefonseelsorge.
ALLOWED_NUMBERS: tuple[str, ...] = ("02151860", "021518", "0215186", "112", "110", "115", "08001110111",
                                    "08001110222")
_PLACEHOLDER = re.compile(r"^<[A-Z_]+(_\d+)?>$")
_WORD = re.compile(r"[a-z0-9]+")

_BINDING = re.compile("|".join((
    r"(ihr|dein|ihren|deinen) (antrag|widerspruch|anspruch)" + r"[^.?!]{0,40}?(wird|ist|wurde) (hiermit |hierdurch )?"
    r"(bewilligt|genehmigt|abgelehnt|stattgegeben|anerkannt|zurueckgewiesen)",
    r"hiermit (genehmige|bewillige|erteile|entscheide|lehne|bestaetige)",
    r"ich (genehmige|bewillige|entscheide|erteile)(?![a-z])",
    r"sie (haben|haetten) (definitiv|sicher|auf jeden fall|eindeutig) (einen )?anspruch auf",
    r"sie (bekommen|erhalten) (sicher|garantiert|auf jeden fall|definitiv)",
    r"(ihr|der) bescheid ist (rechtswidrig|rechtmaessig|falsch|korrekt|richtig)",
    r"your application (is|has been|will be) (approved|granted|rejected)",
)))
_PARTISAN = re.compile("|".join((
    r"(waehlen sie|waehlt|ich empfehle|empfehlenswert ist|am besten waehlen)[^.?!]{0,40}?"
    r"(cdu|csu|spd|afd|gruene|fdp|linke|bsw|volt|partei)",
    r"(cdu|csu|spd|afd|gruenen?|fdp|linke|bsw|volt)[^.?!]{0,30}?(ist|sind) (die )?(beste|bessere|richtige|einzig)",
    r"vote for (the )?\w+",
)))


class PolicyOutputGuard:
    """OutputGuard over PII, prompt leaks and policy content; grounding and citations are checked elsewhere."""

    def __init__(self, redactor: Redactor, system_prompt: str = "", ngram: int = 6,
                 allowed_numbers: Sequence[str] = ALLOWED_NUMBERS) -> None:
        if ngram < 3:
            raise ValueError(f"ngram must be >= 3 so common phrases do not count as leaks, got {ngram}")
        self.redactor = redactor
        self.ngram = ngram
        self.allowed_numbers = tuple(allowed_numbers)
        self._prompt_grams = _grams(fold(system_prompt), ngram)

    def check(self, draft: Draft, passages: Sequence[Passage]) -> Verdict:
        reasons = []
        public = " ".join(f"{p.snippet} {p.text}" for p in passages)
        pii = self._pii(draft.text, public)
        if pii:
            reasons.append(f"personal data in answer: {', '.join(sorted(set(pii)))}")
        folded = fold(draft.text)
        leaked = self._prompt_grams & _grams(folded, self.ngram)
        if leaked:  # rare: only then is it worth reading the passages for the same phrases
            leaked -= _grams(fold(public), self.ngram)
        if leaked:
            reasons.append(f"system prompt text in answer ({len(leaked)} shared {self.ngram}-grams)")
        if found(_BINDING, folded):
            reasons.append("binding individual decision in answer")
        if found(_PARTISAN, folded):
            reasons.append("party-political recommendation in answer")
        if found(RULE_PATTERNS["discrimination"], folded):
            reasons.append("discriminatory statement in answer")
        return Verdict(ok=not reasons, reasons=reasons)

    def _pii(self, text: str, public: str) -> list[str]:
        # Sentences quoted verbatim from the passages are public text (the extractive composer's answers are
        # mostly that): only the rest goes through the recognizers, which also makes the check ~3x cheaper.
        text = "\n".join(s for s in _sentences(text) if len(s) < MIN_QUOTE_CHARS or s not in public)
        if not text:
            return []
        _, found = self.redactor.redact(text)
        kinds = []
        for r in found:
            span = text[r.start:r.end]
            digits = re.sub(r"\D", "", span)
            if _PLACEHOLDER.match(span.strip()) or span.strip() in public:
                continue
            if digits and any(digits == n or digits.startswith("0215186") for n in self.allowed_numbers):
                continue
            kinds.append(r.type)
        return kinds


MIN_QUOTE_CHARS = 20
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_MARKUP = re.compile(r"\s*\[\d+\]|\*\*|^\s*(?:[-*•]|\d+[.)])\s+")


def _sentences(text: str) -> list[str]:
    """Lines split at sentence ends, without list markers, bold markers and citation marks."""
    out = []
    for line in text.splitlines():
        for sentence in _SENTENCE_END.split(line):
            sentence = " ".join(_MARKUP.sub("", sentence).split())
            if sentence:
                out.append(sentence)
    return out


def _grams(folded: str, n: int) -> set[tuple[str, ...]]:
    words = _WORD.findall(folded)
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
