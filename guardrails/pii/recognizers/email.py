"""E-mail addresses (RFC 5322 simplified: local part, @, domain with a top-level domain).

Legal basis: an e-mail address of a citizen identifies them (Art. 4 Nr. 1 DSGVO).
Fictitious examples: anna.vogel@example.org, m_yilmaz@web.de.
"""

from __future__ import annotations

from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule


class EmailRecognizer(GermanPatternRecognizer):
    ENTITY = "EMAIL"
    _DOT = r"\s{0,3}(?:\.|\(punkt\)|\[punkt\]|\bpunkt\b|\(dot\)|\[dot\]|\bdot\b)\s{0,3}"
    RULES = (
        # RFC 5321 limits: a local part of at most 64 characters, domain labels of at most 63
        Rule("email", r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,6}\.[a-z]{2,24}\b", 1.0),
        # written to dodge spam filters: "anna punkt mueller at gmx punkt de", "a.b(at)web.de"
        Rule("spelled", r"(?<![\w.+-])[\w+-]{1,64}(?:" + _DOT + r"[\w+-]{1,64}){0,4}\s{0,3}(?:\(at\)|\[at\]|\(ät\)|\bat\b"
             r"|\bät\b|@)\s{0,3}[\w-]{1,63}(?:" + _DOT + r"[\w-]{1,63}){0,4}" + _DOT + r"(?:de|com|net|org|eu|info|at|ch|nl)\b", 0.9),
    )
    CONTEXT = ("mail", "e-mail", "adresse")
