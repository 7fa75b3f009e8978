"""Street addresses: street + house number, optionally followed by postcode + city, and postcode + city.

Legal basis: a home address identifies a person (Art. 4 Nr. 1 DSGVO).
Formats: "Uerdinger Str. 12", "Friedrich-Ebert-Straße 3a", "Ostwall 100", "Am Kreuzberg 5", "47799 Krefeld",
"Uerdinger Straße 12, 47799 Krefeld"; lower case ("uerdinger str. 12") too.
Decision on office addresses: the address of a public office ("Von-der-Leyen-Platz 1", the town hall) is
not personal data, citizens ask about it and answers cite it, so addresses in `public_addresses` (compared
without case and spacing) are not reported. Any other address is, also in a sentence about an office,
because a private address written like an office one cannot be told apart.
Fictitious examples: "Lindenweg 7, 47807 Krefeld", "An der Rennbahn 12".
"""

from __future__ import annotations

import re
from typing import Iterable

from presidio_analyzer import RecognizerResult
from spacy.lang.de.stop_words import STOP_WORDS
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule

PUBLIC_ADDRESSES = ("Von-der-Leyen-Platz 1", "Konrad-Adenauer-Platz 17", "Elbestraße 7", "Parkstraße 10",
                    "Ostwall 175", "Virchowstraße 130", "Oberstraße 13", "Grenzstraße 140")

_SUFFIX = (r"(?:stra(?:ß|ss)e|str\.?|weg|allee|platz|ring|gasse|damm|ufer|chaussee|pfad|steig|markt|wall"
           r"|graben|kamp|dyk|promenade|stieg|winkel|hof|berg|feld|heide|busch|bruch|bogen|park|gärten|garten"
           r"|tor|höfe|anger|siedlung|deich)")
_NUMBER = r"[1-9]\d{0,3}(?:[ \t]?[a-hA-H])?(?:[ \t]?[-–/][ \t]?\d{1,4}[a-h]?)?(?![\d:]|[,.]\d|[a-zA-ZäöüÄÖÜß])"
_CITY = (r"(?:[ \t]*,?[ \t]*|[ \t]+)(?:D-)?\d{5}[ \t]+[A-ZÄÖÜa-zäöü][a-zäöüß]+"
         r"(?:[ \t](?:am|an der|im|in der)[ \t][A-ZÄÖÜa-zäöü][a-zäöüß]+|-[A-ZÄÖÜa-zäöü][a-zäöüß]+)?")
_NOT_CITY = (r"(?!(?:euro|eur|cent|einwohner|menschen|personen|bürger|stück|mal|km|meter|jahre|tage|euro\b)"
             r"\b)")
_PREPOSITION = r"(?i:am|an der|an den|auf dem|auf der|im|in der|in den|zum|zur|hinter der|unter den|vor dem)"
_STOP = r"(?!(?i:jahr|januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|montag" \
        r"|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|termin|raum|zimmer|alter|monat|tag|woche|stunde" \
        r"|schalter|warteraum|platz|gebäude|haus|stock|obergeschoss|erdgeschoss|kapitel|abschnitt|artikel)\b)"


_PREPOSITION_STREET = (r"\b" + _PREPOSITION + r"[ \t]+" + _STOP + r"[A-ZÄÖÜa-zäöü][\wäöüß\-]+(?:[ \t][A-ZÄÖÜa-zäöü][\wäöüß\-]+)?"
                       r"[ \t]+" + _NUMBER)


class AddressRecognizer(GermanPatternRecognizer):
    ENTITY = "ADDRESS"
    RULES = (
        Rule("street", r"\b(?:(?:alte|alter|neue|neuer|große|kleine|obere|untere|hohe|lange|kurze)[ \t]+)?"
             r"(?:[\wäöüß]+(?:er|sche|sches|scher)[ \t]+[\wäöüß\-]*|[\wäöüß\-]+)" + _SUFFIX
             + r"[ \t]*" + _NUMBER + "(?:" + _CITY + ")?", 0.85),
        Rule("preposition_street_city", _PREPOSITION_STREET + _CITY, 0.85, flags=0),
        Rule("preposition_street", _PREPOSITION_STREET, 0.4, flags=0),
        Rule("postcode_city", r"(?<![\d.,])(?:D-)?(?:0[1-9]|[1-9]\d)\d{3}[ \t]+" + _NOT_CITY
             + r"[A-ZÄÖÜa-zäöü][a-zäöüß]{2,}(?:[ \t-](?:am|an der|im)[ \t][A-ZÄÖÜa-zäöü][a-zäöüß]+)?", 0.55),
    )
    CONTEXT = ("wohne", "wohnhaft", "adresse", "anschrift", "wohnung", "umzug", "gezogen", "ziehe", "lebe",
               "meldeadresse", "wohnsitz", "hausnummer")

    def __init__(self, public_addresses: Iterable[str] = PUBLIC_ADDRESSES) -> None:
        self._public = {self._key(a) for a in public_addresses}
        super().__init__()

    @staticmethod
    def _key(address: str) -> str:
        bare = re.sub(r"^" + _PREPOSITION + r"\s+", "", address.strip().lower())
        return re.sub(r"[\s.]|(?<=str)a(?:ß|ss)e", "", bare)

    def validate_result(self, value: str) -> bool | None:
        """A postcode is followed by a place name, not by a function word ("ISO 27001 und ...")."""
        tail = re.search(r"\d{5}[ \t]+(\S+)$", value)
        if tail and tail.group(1).lower() in STOP_WORDS:
            return False
        return None

    def _is_public(self, value: str) -> bool:
        street = re.split(r"[ \t]*,?[ \t]*(?:D-)?\d{5}\b", value)[0]
        return bool(street) and self._key(street) in self._public

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        """All matches, minus those inside a public office address (its postcode and city included); a match
        that contains another takes over its score."""
        results = super().analyze(text, entities, nlp_artifacts)
        public = [(r.start, r.end) for r in results if self._is_public(text[r.start:r.end])]
        results = [r for r in results if not any(s <= r.start and r.end <= e for s, e in public)]
        # "Am Kreuzberg 5" contains the confident "Kreuzberg 5": the longer span is as confident.
        for outer in results:
            inner = [r.score for r in results if outer.start <= r.start and r.end <= outer.end]
            outer.score = max(inner)
        return results
