"""E-mail addresses (RFC 5322 simplified: local part, @, domain with a top-level domain).

Legal basis: an e-mail address of a citizen identifies them (Art. 4 Nr. 1 DSGVO).
Fictitious examples: anna.vogel@example.org, m_yilmaz@web.de.
"""

from __future__ import annotations

from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule


class EmailRecognizer(GermanPatternRecognizer):
    ENTITY = "EMAIL"
    _DOT = r"\s*(?:\.|\(punkt\)|\[punkt\]|\bpunkt\b|\(dot\)|\[dot\]|\bdot\b)\s*"
    RULES = (
        Rule("email", r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}\b", 1.0),
        # written to dodge spam filters: "anna punkt mueller at gmx punkt de", "a.b(at)web.de"
        Rule("spelled", r"(?<![\w.+-])[\w+-]+(?:" + _DOT + r"[\w+-]+)*\s*(?:\(at\)|\[at\]|\(ät\)|\bat\b|\bät\b|@)\s*"
             r"[\w-]+(?:" + _DOT + r"[\w-]+)*" + _DOT + r"(?:de|com|net|org|eu|info|at|ch|nl)\b", 0.9),
    )
    CONTEXT = ("mail", "e-mail", "adresse")
