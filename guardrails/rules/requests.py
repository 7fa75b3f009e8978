"""Questions about a city service or how to apply for it, which the classifier keeps from being refused."""

from __future__ import annotations

import re

from guardrails.rules.fragments import W, _compile

# A question about a city service (a Gewerbe, a permit, a registration, a fee) is not out of scope, whatever else it
# mentions: "Ich verkaufe Handyhüllen, muss ich ein Gewerbe anmelden?" The classifier drops out_of_scope for it.
_SERVICE_CUE = (r"(brauche|brauchen|braucht|benoetige|benoetigen|muss|muessen|darf|duerfen|wie|wo|wann|welche[nrs]?|"
                r"was kostet|bei wem|need|do i|how|where|which)(?![a-z])")
_SERVICE_TERM = (r"(gewerbe\w*|genehmigung|erlaubnis|anmelden|anmeldung|melde|ummelden|ummeldung|abmelden|abmeldung|"
                 r"beantrag\w*|antrag|bescheinigung|urkunde|personalausweis|reisepass|fuehrerschein|zulassung|"
                 r"buergerbuero|buergerservice|standesamt|ordnungsamt|gewerbeamt|jugendamt|sozialamt|auslaenderbehoerde|"
                 r"gebuehr\w*|hundesteuer|grundsteuer|gewerbesteuer|wohngeld|buergergeld|elterngeld|kitaplatz|sperrmuell|"
                 r"parkausweis|halteverbot|sondernutzung|marktstand|standplatz|permit|licen[cs]e|register|registration)")
SERVICE_REQUEST = _compile(_SERVICE_CUE + W + _SERVICE_TERM + "|" + _SERVICE_TERM + W + _SERVICE_CUE)

# "Wie beantrage ich Wohngeld? Ich verdiene 1.400 Euro" asks for the procedure: the similarity layer, which only sees
# that it resembles "reicht mein Einkommen für Wohngeld?", must not turn it into a decision or advice referral.
PROCEDURE_REQUEST = _compile(
    r"(wie|wo|wann|bei wem|womit|ab wann|an wen)(?![a-z]) (\w+ ){0,3}(beantrag\w*|stelle|stellt|melde|meldet|anmelden|"
    r"bekomme|bekommt|kriege|erhalte|einreichen|reiche)(?![a-z])|welche (unterlagen|dokumente|nachweise)|"
    r"what documents|(how|where|when) (do|can|could|should|must) (i|we) (apply|register|get|renew|extend|request|"
    r"submit)(?![a-z])|(where|how|when) (is|are) (the |a )?\w+ (issued|renewed|extended)")


def asks_for_procedure(text: str) -> bool:
    """Whether folded text asks how, where or when to apply for or register something."""
    return PROCEDURE_REQUEST.search(text) is not None


def asks_for_service(text: str) -> bool:
    """Whether folded text asks about one of the city's services (then it is not out of scope)."""
    return SERVICE_REQUEST.search(text) is not None
