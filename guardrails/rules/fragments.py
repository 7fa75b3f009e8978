"""Regex fragments shared by the rule modules, and `_c`, which joins alternatives into one pattern.

German builds compounds, so a pattern is a stem matched anywhere unless it says otherwise: "selbstmord" also finds
"Selbstmordgedanken", "bombe" finds "Bombendrohung". A `\\b` word boundary would miss those (the flaw GOV.UK Chat's
forbidden-terms check has). Where a short stem would match inside unrelated words, `_L` demands that no letter
precedes it ("(?<![a-z])wetter" keeps "Unwetter" out; "(?<![a-z])kaufen" keeps "Handyhüllen verkaufen" out).
`W` bridges a few words within one sentence, `S` a sentence or two, `REST_OF_SENTENCE` what follows up to the end of
the sentence (for "not followed in the same sentence by ...").

Every pattern is compiled through `_compile`, which gives each unbounded repeat (`\\w*`, `\\s+`) the bound `WORD_LIMIT`
(guardrails/regex_reach.py): one attempt then reads a bounded stretch of the message, and a rule's scan is linear in the
message length. A word or a run of spaces longer than 40 characters is nothing a citizen types; a 2,000-character run
of letters is an attack, and unbounded it cost the square of its length.
"""

from __future__ import annotations

import re

from guardrails.regex_reach import bound_repeats

WORD_LIMIT = 40
_L = r"(?<![a-z])"
W = r"[^.?!\n]{0,60}?"  # a few words, inside one sentence
S = r"[^\n]{0,120}?"  # across a sentence or two of the same message
REST_OF_SENTENCE = r"[^.?!\n]{0,300}"

_DRUGS = (r"(ibuprofen|paracetamol|aspirin|diclofenac|voltaren|novalgin|metamizol|tramadol|tilidin|codein|antibiotik\w*|"
          r"penicillin|amoxicillin|cortison|kortison|insulin|blutverduenner|antidepressiv\w*|johanniskraut|"
          r"schlaftablette\w*|beruhigungsmittel|melatonin|schmerzmittel|schmerztablette\w*|tabletten|pillen|pille|"
          r"medikament\w*|arznei\w*|tropfen|globuli|hustensaft|nasenspray)")


def _compile(source: str) -> re.Pattern[str]:
    """`re.compile` with every unbounded repeat bounded by `WORD_LIMIT` (see the module docstring)."""
    return re.compile(bound_repeats(source, WORD_LIMIT))


def _c(*alternatives: str) -> re.Pattern[str]:
    return _compile("|".join(f"(?:{a})" for a in alternatives))
