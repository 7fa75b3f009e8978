"""E-mail addresses (RFC 5322 simplified: local part, @, domain with a top-level domain).

Legal basis: an e-mail address of a citizen identifies them (Art. 4 Nr. 1 DSGVO).
Fictitious examples: anna.vogel@example.org, m_yilmaz@web.de.
"""

from __future__ import annotations

from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule


class EmailRecognizer(GermanPatternRecognizer):
    ENTITY = "EMAIL"
    RULES = (Rule("email", r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}\b", 1.0),)
    CONTEXT = ("mail", "e-mail", "adresse")
