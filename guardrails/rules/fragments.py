"""Regex fragments shared by the rule modules, and `_c`, which joins alternatives into one pattern.

German builds compounds, so a pattern is a stem matched anywhere unless it says otherwise: "selbstmord" also finds
"Selbstmordgedanken", "bombe" finds "Bombendrohung". A `\\b` word boundary would miss those (the flaw GOV.UK Chat's
forbidden-terms check has). Where a short stem would match inside unrelated words, `_L` demands that no letter
precedes it ("(?<![a-z])wetter" keeps "Unwetter" out; "(?<![a-z])kaufen" keeps "Handyhüllen verkaufen" out).
`W` bridges a few words within one sentence, `S` a sentence or two.
"""

from __future__ import annotations

import re

_L = r"(?<![a-z])"
W = r"[^.?!\n]{0,60}?"  # a few words, inside one sentence
S = r"[^\n]{0,120}?"  # across a sentence or two of the same message

_DRUGS = (r"(ibuprofen|paracetamol|aspirin|diclofenac|voltaren|novalgin|metamizol|tramadol|tilidin|codein|antibiotik\w*|"
          r"penicillin|amoxicillin|cortison|kortison|insulin|blutverduenner|antidepressiv\w*|johanniskraut|"
          r"schlaftablette\w*|beruhigungsmittel|melatonin|schmerzmittel|schmerztablette\w*|tabletten|pillen|pille|"
          r"medikament\w*|arznei\w*|tropfen|globuli|hustensaft|nasenspray)")


def _c(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives))
