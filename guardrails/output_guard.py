"""Output guard: a draft answer fails when it leaks personal data or the system prompt, carries markup, or breaks
the policy.

- Personal data: the injected `Redactor` scans the draft; placeholders (<PERSON_1>), the city's and emergency
  numbers (the city profile's public numbers and blocks) and anything quoted verbatim from the retrieved passages
  (public contact data of offices) are fine.
- System prompt: word n-grams shared with the prompt given to the constructor (and not with the passages).
- Markup: HTML, images, script URLs and links to hosts other than the city's and the cited documents'
  (guardrails/markup.py).
- Policy: binding individual decisions ("Ihr Antrag wird bewilligt", GDPR Art. 22), party-political
  recommendations (neutrality of the administration) and discriminatory statements (Leitlinie inklusiv und
  geschlechtersensibel).
A failed verdict makes the pipeline fall back to the extractive answer, or to the policy's `safe_fallback`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from corpus.types import Draft, Passage, Verdict
from guardrails.markup import markup_problems
from guardrails.normalize import fold, visible
from guardrails.patterns import RULE_PATTERNS, found
from guardrails.protocols import Redactor

if TYPE_CHECKING:
    from corpus.city import CityProfile

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
                 allowed_numbers: Sequence[str] | None = None, templates: Iterable[str] = (),
                 allowed_hosts: Sequence[str] | None = None, allowed_prefixes: Sequence[str] | None = None,
                 city: "CityProfile | None" = None) -> None:
        """`templates`: the fixed texts the answer composer writes itself ("Wenden Sie sich an: {office}."); their
        fixed parts count as public like quotes, their slots do not. `allowed_numbers` (digits) and
        `allowed_prefixes` (digit prefixes of number blocks): numbers an answer may always contain; `allowed_hosts`:
        the hosts (with their subdomains) an answer may link to besides those the cited documents link to. Each
        defaults to the city profile's (`city`, else the configured one): its public numbers and blocks, its web
        hosts."""
        if ngram < 3:
            raise ValueError(f"ngram must be >= 3 so common phrases do not count as leaks, got {ngram}")
        if city is None and None in (allowed_numbers, allowed_hosts, allowed_prefixes):
            from corpus.city import current_profile

            city = current_profile()
        self.redactor = redactor
        self._template_parts = frozenset(part.lower() for t in templates for part in _pieces(t) if "{" not in part)
        self.ngram = ngram
        self.allowed_numbers = tuple(allowed_numbers if allowed_numbers is not None else city.public_number_digits())
        self.allowed_prefixes = tuple(allowed_prefixes if allowed_prefixes is not None
                                      else city.public_number_blocks())
        self.allowed_hosts = tuple(allowed_hosts if allowed_hosts is not None else city.link_hosts())
        self._prompt_grams = _grams(fold(system_prompt), ngram)

    def check(self, draft: Draft, passages: Sequence[Passage]) -> Verdict:
        reasons = []
        draft = replace(draft, text=visible(draft.text))  # "erika\u200b@..." is an address to a reader
        public = "\n".join(f"{p.snippet}\n{p.text}\n{p.url or ''}" for p in passages)
        pii = self._pii(draft.text, _plain_public(public), {p.title for p in passages})
        if pii:
            reasons.append(f"personal data in answer: {', '.join(sorted(set(pii)))}")
        markup = markup_problems(draft.text, self.allowed_hosts, public)
        if markup:
            reasons.append(f"markup in answer: {', '.join(markup)}")
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

    def _pii(self, text: str, public: str, titles: set[str]) -> list[str]:
        # Lines quoted from the passages are public text (the extractive composer's answers are mostly that):
        # only the other lines go through the recognizers, which makes the check several times cheaper.
        lower = _framed_lower(public)
        fixed = sorted({*self._template_parts, *(t.lower() for t in titles)}, key=len, reverse=True)
        text = "\n".join(line for line in _lines(text) if not _quoted(line.lower(), lower, fixed))
        if not text:
            return []
        _, found = self.redactor.redact(text)
        kinds = []
        for r in found:
            span = text[r.start:r.end]
            digits = re.sub(r"\D", "", span)
            if _PLACEHOLDER.match(span.strip()) or span.strip() in public:
                continue
            if digits and (digits in self.allowed_numbers or digits.startswith(self.allowed_prefixes)):
                continue
            kinds.append(r.type)
        return kinds


MIN_QUOTE_CHARS = 20
_MARKUP = re.compile(r"\s*\[\d+\]|\*\*|^\s*(?:[-*•]|\d+[.)])\s+")
_PIECE_END = re.compile(r"(?<=[.!?:])\s+")


def _quoted(line: str, public: str, fixed: Sequence[str]) -> bool:
    """Whether a (lower-cased) answer line is made of quotes of the (lower-cased, newline-framed) passages, glued by
    spaces and punctuation: each quote runs from word boundary to word boundary and is at least MIN_QUOTE_CHARS long,
    or is a whole line there, or a whole `fixed` text (a source's title, a fixed part of the composer's own
    phrases). The composer joins a list's intro to an item ("Für den Pass bringen Sie mit: Bargeld oder EC-Karte."),
    so a line is rarely one quote.
    A short piece found inside a passage's text proves nothing: "erika muster" could occur there by chance."""
    pos, n = 0, len(line)
    while pos < n:
        if not line[pos].isalnum():
            pos += 1
            continue
        part = next((f for f in fixed if line.startswith(f, pos) and _boundary(line, pos + len(f))), None)
        if part is not None:
            pos += len(part)
            continue
        lo, hi = 0, n - pos  # the longest prefix of line[pos:] that occurs in the passages (monotone: binary search)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line[pos:pos + mid] in public:
                lo = mid
            else:
                hi = mid - 1
        while lo and not _boundary(line, pos + lo):
            lo -= 1
        if lo == 0 or (lo < MIN_QUOTE_CHARS and f"\n{line[pos:pos + lo].strip()}\n" not in public):
            return False  # too short for a quote unless it is a whole line there (a field: "Standesamt Krefeld")
        pos += lo
    return True


def _boundary(line: str, end: int) -> bool:
    return end >= len(line) or not (line[end].isalnum() and line[end - 1].isalnum())


@lru_cache(maxsize=256)
def _plain_public(public: str) -> str:
    """The passages as the composer quotes them: without Markdown marks, and once more without bracketed asides
    ("Fachbereich Bauaufsicht (untere Bauaufsichtsbehörde)" is quoted as "Fachbereich Bauaufsicht")."""
    plain = "\n".join(_lines(public))
    return f"{plain}\n{_ASIDE.sub('', plain)}"


@lru_cache(maxsize=256)
def _framed_lower(plain: str) -> str:
    """`_plain_public` lower-cased and framed by newlines, once per set of cited documents, not per answer."""
    return f"\n{plain.lower()}\n"


_ASIDE = re.compile(r"\s*\([^()\n]*\)")


def _lines(text: str) -> list[str]:
    """Lines without list markers, bold markers and citation marks."""
    return [line for line in (" ".join(_MARKUP.sub("", raw).split()) for raw in text.splitlines()) if line]


def _pieces(line: str) -> list[str]:
    """A line split after sentence ends and colons: 'Wenden Sie sich an:', 'Stadt Krefeld, Bürgerservice.'"""
    return [p for p in _PIECE_END.split(line.strip()) if p]


def _grams(folded: str, n: int) -> set[tuple[str, ...]]:
    words = _WORD.findall(folded)
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
