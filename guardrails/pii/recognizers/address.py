"""Street addresses: street + house number, optionally followed by postcode + city, and postcode + city.

Legal basis: a home address identifies a person (Art. 4 Nr. 1 DSGVO).
Formats: "Bahnhofstr. 12", "Friedrich-Ebert-Straße 3a", "St.-Töniser-Straße 88", "Ostwall 100",
"Am Kreuzberg 5", "Hohe Gasse 21", "Kölner Straße 12, 12345 Musterstadt"; lower case ("bahnhofstr. 12") and
the common misspelling "strase" too. Before "<number>, <postcode> <city>" any one to three words are the street,
whatever their ending ("Schöne Aussicht 9, 12345 Musterstadt"). Any German postcode and town count, not only the
city's own.
A postcode with its city alone ("12345 Musterstadt") is a district of thousands, not an address: it counts only
next to a word about where someone lives ("Ich bin nach 12345 Musterstadt gezogen"), not in a question about
which office is responsible. A street without a house number ("in der Hansastraße") is nobody's address.
Decision on office addresses: the address of a public office (the town hall) is not personal data, citizens ask
about it and answers cite it, so addresses in `public_addresses` (compared without case and spacing; the city
profile's `public_addresses`) are not reported. Any other address is, also in a sentence about an office,
because a private address written like an office one cannot be told apart.
Fictitious examples: "Lindenweg 7, 12345 Musterstadt", "An der Rennbahn 12".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterable

from presidio_analyzer import AnalysisExplanation, RecognizerResult
from spacy.lang.de.stop_words import STOP_WORDS
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule, best_per_span

_SUFFIX = (r"(?:stra(?:ß|ss|s|sz)e|str\.?|weg|allee|platz|ring|gasse|damm|ufer|chaussee|pfad|steig|markt|wall"
           r"|graben|kamp|dyk|promenade|stieg|winkel|hof|berg|feld|heide|busch|bruch|bogen|park|gärten|garten"
           r"|tor|höfe|anger|siedlung|deich)")
# The street rule reads a street word once (possessive) and then looks back for its ending, instead of letting the
# engine try every ending at every split of the word: on "A-A-A-..." that was 50 splits x 45 endings per letter.
_ENDINGS = ("straße", "strasse", "strase", "strasze", "str", "weg", "allee", "platz", "ring", "gasse", "damm", "ufer",
            "chaussee", "pfad", "steig", "markt", "wall", "graben", "kamp", "dyk", "promenade", "stieg", "winkel", "hof",
            "berg", "feld", "heide", "busch", "bruch", "bogen", "park", "gärten", "garten", "tor", "höfe", "anger",
            "siedlung", "deich")
_WORD = r"(?:[^\W\d_]|-){1,50}+"  # letters and hyphens: "Rheinstraße", "Töniser-Straße", "Friedrich-Ebert-Straße"
_ENDS_IN_SUFFIX = "(?:" + "|".join(f"(?<={e})" for e in _ENDINGS) + r")(?:(?<=str)\.)?"  # "Kölner Straße", "Str."
# ... with a letter or hyphen before the ending: "Rheinstraße", not a bare "Straße"
_ENDS_IN_NAMED_SUFFIX = "(?:" + "|".join(f"(?<=[\\w-]{e})" for e in _ENDINGS) + r")(?:(?<=str)\.)?"
_ADJECTIVE_WORD = r"[^\W\d_]{3,40}+(?:(?<=er)|(?<=sche)|(?<=sches)|(?<=scher))"  # "Uerdinger", "Kempener"
_NUMBER = r"[1-9]\d{0,3}(?:[ \t]?[a-hA-H])?(?:[ \t]?[-–/][ \t]?\d{1,4}[a-h]?)?(?![\d:]|[,.]\d|[a-zA-ZäöüÄÖÜß])"
_CITY = (r"[ \t]{0,5},?[ \t]{0,5}(?:D-)?\d{5}[ \t]{1,5}[A-ZÄÖÜa-zäöü][a-zäöüß]{1,40}"
         r"(?:[ \t](?:am|an der|im|in der)[ \t][A-ZÄÖÜa-zäöü][a-zäöüß]{1,40}|-[A-ZÄÖÜa-zäöü][a-zäöüß]{1,40})?")
_NOT_CITY = (r"(?!(?:euro|eur|cent|einwohner|menschen|personen|bürger|stück|mal|km|meter|jahre|tage|euro\b)"
             r"\b)")
_PREPOSITION = r"(?i:am|an der|an den|auf dem|auf der|im|in der|in den|zum|zur|hinter der|unter den|vor dem)"
_STOP = r"(?!(?i:jahr|januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|montag" \
        r"|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|termin|raum|zimmer|alter|monat|tag|woche|stunde" \
        r"|schalter|warteraum|platz|gebäude|haus|stock|obergeschoss|erdgeschoss|kapitel|abschnitt|artikel)\b)"


# Street words that stand alone after an adjective or a name ("Hohe Gasse", "Schöne Aussicht" needs a postcode).
_STREET_WORD = (r"(?:Stra(?:ß|ss|s)e|Str\.|Weg|Allee|Platz|Ring|Gasse|Wall|Markt|Damm|Ufer|Pfad|Steig|Graben|Kamp"
                r"|Promenade|Chaussee|Gracht|Deich|Stiege)")
# "<number>, <postcode> <city>": the anchor of a full address whose street may have any name.
_WITH_POSTCODE = re.compile(r"(?<![\w.])" + _NUMBER.replace("(?![\d:]|[,.]\d|[a-zA-ZäöüÄÖÜß])", "(?![\d:])")
                            + r"[ \t]{0,5},?[ \t]{0,5}(?:D-)?\d{5}[ \t]{1,5}[A-ZÄÖÜa-zäöü][a-zäöüß]{1,40}"
                            r"(?:[ \t](?:am|an der|im|in der)[ \t][A-ZÄÖÜa-zäöü][a-zäöüß]{1,40}"
                            r"|-[A-ZÄÖÜa-zäöü][a-zäöüß]{1,40})?")
_STREET_WORDS_BEFORE = re.compile(r"((?:[A-ZÄÖÜa-zäöüß][\wäöüß.\-]{0,50}[ \t]{1,5}){1,3})$")
_STREET_WORDS_WINDOW = 3 * 56  # the most those three words can span: the walk back never reads further
# Words that end the walk back from the house number: cues and verbs around an address.
_NOT_STREET = frozenset({"wohne", "wohnen", "wohnt", "lebe", "leben", "lebt", "ziehe", "ziehen", "zieht", "gezogen",
                         "umgezogen", "adresse", "anschrift", "wohnhaft", "meldeadresse", "neue", "neu", "jetzt",
                         "hausnummer", "nummer", "nr", "nr.", "haus", "postfach", "c/o", "ist", "lautet"})

_PREPOSITION_STREET = (r"\b" + _PREPOSITION + r"[ \t]{1,5}" + _STOP + r"[A-ZÄÖÜa-zäöü][\wäöüß\-]{1,50}"
                       r"(?:[ \t][A-ZÄÖÜa-zäöü][\wäöüß\-]{1,50})?[ \t]{1,5}" + _NUMBER)


class AddressRecognizer(GermanPatternRecognizer):
    ENTITY = "ADDRESS"
    RULES = (
        Rule("street", r"\b(?:(?:alte|alter|neue|neuer|große|kleine|obere|untere|hohe|lange|kurze)[ \t]{1,5})?"
             r"(?:" + _ADJECTIVE_WORD + r"[ \t]{1,5}" + _WORD + _ENDS_IN_SUFFIX
             + r"|(?:[\wäöüß]{1,20}\.-)?" + _WORD + _ENDS_IN_NAMED_SUFFIX + ")"
             + r"[ \t]{0,5}" + _NUMBER + "(?:" + _CITY + ")?", 0.85),
        Rule("word_street", r"\b[A-ZÄÖÜ][a-zäöüß]{1,40}[ \t]{1,5}" + _STREET_WORD + r"[ \t]{0,5}" + _NUMBER + "(?:" + _CITY + ")?",
             0.85, flags=0),
        # typed in lower case ("breite straße 17") it needs a context word ("adresse", "wohne")
        Rule("word_street_any_case", r"\b[A-ZÄÖÜa-zäöü][a-zäöüß]{1,40}[ \t]{1,5}" + _STREET_WORD + r"[ \t]{0,5}" + _NUMBER
             + "(?:" + _CITY + ")?", 0.4),
        # the house number first, as in English: "I live at 12 Rheinstraße, Krefeld"
        Rule("number_first", r"(?i:live at|living at|lives at|address is|moved to|move to)[ \t]{1,5}(?P<v>[1-9]\d{0,3}"
             r"[a-hA-H]?,?[ \t]{1,5}(?:[A-ZÄÖÜ][\wäöüß\-]{0,50}[ \t]{1,5})?(?:[A-ZÄÖÜ][\wäöüß\-]{0,50}" + _SUFFIX + "|" + _STREET_WORD
             + r")\b"
             r"(?:,?[ \t]{1,5}(?:D-)?(?:\d{5}[ \t]{1,5})?[A-ZÄÖÜ][a-zäöüß]{1,40})?)", 0.85, flags=0),
        Rule("preposition_street_city", _PREPOSITION_STREET + _CITY, 0.85, flags=0),
        Rule("preposition_street", _PREPOSITION_STREET, 0.4, flags=0),
        # alone, a postcode and city need a context word (+0.35) to reach the threshold
        Rule("postcode_city", r"(?<![\d.,])(?:D-)?(?:0[1-9]|[1-9]\d)\d{3}[ \t]{1,5}" + _NOT_CITY
             + r"[A-ZÄÖÜa-zäöü][a-zäöüß]{2,40}(?:[ \t-](?:am|an der|im)[ \t][A-ZÄÖÜa-zäöü][a-zäöüß]{1,40})?", 0.3),
    )
    CONTEXT = ("wohne", "wohnhaft", "adresse", "anschrift", "wohnung", "umzug", "gezogen", "ziehe", "lebe",
               "meldeadresse", "wohnsitz", "hausnummer")

    def __init__(self, public_addresses: Iterable[str] = ()) -> None:
        self._public = {self._key(a) for a in public_addresses}
        super().__init__()

    @staticmethod
    def _key(address: str) -> str:
        bare = re.sub(r"^" + _PREPOSITION + r"\s+", "", address.strip().lower())
        return re.sub(r"[\s.]|(?<=str)a(?:ß|ss)e", "", bare)

    def validate_result(self, value: str) -> bool | None:
        """A postcode is followed by a place name, not by a function word ("ISO 27001 und ..."); a street
        does not begin with one ("Die Straße 5")."""
        tail = re.search(r"\d{5}[ \t]+(\S+)$", value)
        if tail and tail.group(1).lower() in STOP_WORDS:
            return False
        if value.split(maxsplit=1)[0].lower() in STOP_WORDS and not re.match(_PREPOSITION + r"[ \t]", value):
            return False
        return None

    def _before_postcode(self, text: str) -> list[RecognizerResult]:
        """"Schöne Aussicht 9, 12345 Musterstadt": one to three words before a house number that a postcode and
        city follow are the street, whatever their ending; cue words and verbs before them are not."""
        results = []
        for m in _WITH_POSTCODE.finditer(text):
            before = _STREET_WORDS_BEFORE.search(text, max(0, m.start() - _STREET_WORDS_WINDOW), m.start())
            if before is None or self.validate_result(m.group()) is False:
                continue
            words: list[str] = []
            for word in reversed(before.group(1).split()):
                if (word.lower() in STOP_WORDS or word.lower().rstrip(":") in _NOT_STREET or word.endswith(":")
                        or re.match(_STOP, word) is None or (words and words[0][:1].isupper() and word.islower())):
                    break
                words.insert(0, word)
            if not words:
                continue
            start = m.start() - len(before.group(1)) + before.group(1).index(words[0])
            results.append(RecognizerResult(
                self.ENTITY, start, m.end(), 0.85,
                analysis_explanation=AnalysisExplanation(recognizer=self.name, original_score=0.85,
                                                         pattern_name="street_before_postcode"),
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return results

    def _is_public(self, value: str) -> bool:
        street = re.split(r"[ \t]*,?[ \t]*(?:D-)?\d{5}\b", value)[0]
        return bool(street) and self._key(street) in self._public

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        """All matches, minus those inside a public office address (its postcode and city included); a match
        that contains another takes over its score."""
        results = super().analyze(text, entities, nlp_artifacts) + self._before_postcode(text)
        results.sort(key=lambda r: (r.start, -r.end))
        public = [(r.start, r.end) for r in results if self._is_public(text[r.start:r.end])]
        if public:  # both lists sorted by start: one sweep with the farthest end of a public span begun so far
            kept, i, farthest = [], 0, -1
            for r in results:
                while i < len(public) and public[i][0] <= r.start:
                    farthest = max(farthest, public[i][1])
                    i += 1
                if r.end > farthest:
                    kept.append(r)
            results = kept
        # "in der Rheinstraße 12": a lower-case preposition before a street with its own name is no part of it
        starts_by_end: dict[int, list[int]] = {}
        for r in results:
            starts_by_end.setdefault(r.end, []).append(r.start)
        results = [r for r in results if not (text[r.start].islower() and any(
            start > r.start and re.fullmatch(_PREPOSITION + r"[ \t]{1,5}", text[r.start:start])
            for start in starts_by_end[r.end]))]
        # "Am Kreuzberg 5" contains the confident "Kreuzberg 5": the longer span is as confident. Spans are short, so
        # only the few results that start inside one are compared with it.
        starts = [r.start for r in results]
        for outer in results:
            inner = results[bisect_left(starts, outer.start):bisect_left(starts, outer.end)]
            outer.score = max(r.score for r in inner if r.end <= outer.end)
        return best_per_span(results)
