"""Person names, found through German context cues and name lists (no statistical NER is available).

Legal basis: a name identifies a person (Art. 4 Nr. 1 DSGVO). Cues, on the tokens of the blank German
tokenizer, compared in lower case so that lower-case input works:
- strong: "ich heiße", "mein Name ist", "Name:", "Vorname:", "namens" - the next 1-3 name-like tokens;
- honorifics: "Herr", "Frau", "Familie" (titles "Dr.", "Prof." skipped) - the next name-like token, also when it
  is a word ("Frau Vogel", "Herr Koch"); after a possessive ("meine Frau") only a listed name counts;
- signatures: "Viele Grüße", "MfG", "LG", "Mit freundlichen Grüßen", "gez." - the name-like tokens after them;
- weak: greetings ("Hallo", "Liebe"), "ich bin", "hier spricht", kinship ("mein Sohn") - only a listed first
  name, then a following surname;
- no cue: a listed first name followed by a capitalised or listed surname ("Anna Vogel hat angerufen").
Name lists: see `guardrails.pii.names` (Faker, MIT). Fictitious examples: "ich heiße anna vogel",
"Sehr geehrte Frau Dr. Yılmaz", "Viele Grüße\\nTim Becker".
"""

from __future__ import annotations

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Token

from guardrails.pii.names import NameLists, load_name_lists

STRONG_CUES = (("ich", "heiße"), ("ich", "heisse"), ("ich", "heiß"), ("mein", "name", "ist"),
               ("mein", "name", "lautet"), ("mein", "name", ":"), ("name", ":"), ("vorname", ":"),
               ("nachname", ":"), ("namens",), ("name", "ist"), ("unterschrift", ":"), ("gez.",),
               ("gezeichnet",), ("antragsteller", ":"), ("antragstellerin", ":"), ("ich", ","),
               ("ich", "bin", "die"), ("ich", "bin", "der"), ("bin", "die"), ("bin", "der"), ("hier", "ist", "die"), ("hier", "ist", "der"),
               ("kontoinhaber",), ("kontoinhaberin",), ("kontoinhaber", ":"), ("inhaber", ":"),
               ("empfänger", ":"), ("absender", ":"))
# Relatives and neighbours are introduced by name: "mein Sohn Leon", "meine Nachbarin Frau ..." - a capitalised
# word right after them is a name (a noun would need an article or a preposition first).
KINSHIP_CUES = (("sohn",), ("tochter",), ("mann",), ("ehemann",), ("ehefrau",), ("bruder",), ("schwester",),
                ("vater",), ("mutter",), ("kind",), ("enkel",), ("enkelin",), ("partner",), ("partnerin",),
                ("lebensgefährte",), ("lebensgefährtin",), ("freund",), ("freundin",), ("nachbar",),
                ("nachbarin",), ("vermieter",), ("vermieterin",), ("oma",), ("opa",), ("neffe",), ("nichte",))
NOT_AFTER_INTRODUCTION = frozenset({"meinung", "ansicht", "auffassung", "überzeugung", "mutter", "vater",
                                    "tochter", "sohn", "eigentümer", "eigentümerin", "mieter", "mieterin",
                                    "halter", "halterin", "besitzer", "besitzerin", "betreuer", "betreuerin",
                                    "neue", "neuen", "letzte", "erste", "einzige", "einzigen"})
FUNCTION_WORDS = frozenset({"sie", "ihr", "ihre", "ihnen", "ihren", "ihrem", "ihres", "ich", "wir", "der",
                            "die", "das", "und", "oder", "mit", "von", "auch", "es", "er", "ein", "eine"})
SIGNATURE_CUES = (("viele", "grüße"), ("liebe", "grüße"), ("beste", "grüße"), ("freundliche", "grüße"),
                  ("herzliche", "grüße"), ("schöne", "grüße"), ("mit", "freundlichen", "grüßen"),
                  ("mit", "besten", "grüßen"), ("mfg",), ("lg",), ("vg",), ("gruß",), ("grüße",), ("gruss",),
                  ("grüsse",), ("danke", ","), ("cheers",))
WEAK_CUES = (("heißt",), ("heisst",), ("heißen",), ("heissen",), ("hieß",), ("ich", "bin"), ("hier", "ist"), ("hier", "spricht"), ("hallo",), ("hi",), ("hey",), ("moin",),
             ("liebe",), ("lieber",), ("servus",), ("guten", "tag"), ("guten", "morgen"), ("guten", "abend"),
             ("sehr", "geehrte"), ("sehr", "geehrter"))
# Prepositions before a name ("Termin mit Anna"): only a listed first name counts.
PREPOSITION_CUES = (("mit",), ("und",), ("für",), ("von",), ("an",), ("bei",), ("zu",))
HONORIFICS = frozenset({"herr", "herrn", "frau", "hr.", "fr.", "familie", "fam.", "hrn."})
TITLES = frozenset({"dr.", "prof.", "dipl.-ing.", "dr", "prof", "med.", "rer.", "nat.", "ing."})
POSSESSIVES = frozenset({"meine", "meiner", "meinen", "mein", "seine", "seiner", "ihre", "ihrer", "deine",
                         "unsere", "eure", "die", "der", "eine", "einer", "jede", "keine", "diese", "jener",
                         "welche", "alte", "junge", "ältere", "nette", "liebe"})
PARTICLES = frozenset({"von", "van", "de", "zu", "al", "el", "ben", "bin", "der", "den", "di", "da", "la"})
NOT_NAMES = frozenset({"herr", "herrn", "frau", "familie", "stadt", "krefeld", "team", "bürgerbüro", "rathaus",
                       "amt", "damen", "herren", "kollegen", "kolleginnen", "zusammen", "leute", "alle",
                       "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
                       "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
                       "oktober", "november", "dezember", "bürgerservice", "verwaltung", "ausländerbehörde",
                       "straße", "str.", "bitte", "danke", "hallo", "nochmal", "vielen", "dank", "gern", "gerne",
                       "nachricht", "frage", "fragen", "anfrage", "antrag", "termin", "leider", "sorry", "info",
                       "ihr", "euer", "dein", "sachbearbeiter", "sachbearbeiterin", "kundin", "kunde", "bürger",
                       "bürgerin", "krank", "neu", "hier", "wohnhaft", "geboren", "geb.", "aus", "ok", "okay"})
SCORE = 0.85
LIST_PAIR_SCORE = 0.75


class PersonRecognizer(EntityRecognizer):
    """Context- and list-based German person names (entity PERSON)."""

    def __init__(self, names: NameLists | None = None) -> None:
        self._names = names
        super().__init__(supported_entities=["PERSON"], name="PersonRecognizer", supported_language="de")

    def load(self) -> None:
        if self._names is None:
            self._names = load_name_lists()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        if nlp_artifacts is None:
            return []
        tokens = [t for t in nlp_artifacts.tokens if not t.is_space]
        lower = [t.lower_ for t in tokens]
        spans: list[tuple[int, int, float, str]] = []
        for i in range(len(tokens)):
            for found in (self._after_strong(tokens, lower, i), self._after_honorific(tokens, lower, i),
                          self._after_signature(tokens, lower, i), self._after_kinship(tokens, lower, i),
                          self._after_weak(tokens, lower, i),
                          self._list_pair(tokens, lower, i)):
                if found:
                    spans.append(found)
                    break
        return [self._result(tokens, *span) for span in spans]

    # -- cue rules: each returns (first token, last token, score, rule) or None
    def _after_strong(self, tokens: list[Token], lower: list[str], i: int):
        cue = _cue_at(lower, i, STRONG_CUES)
        if cue is None:
            return None
        j = _skip(lower, cue, {"der", "die", ":", "-", "herr", "frau"} | TITLES)
        if j < len(lower) and lower[j] in NOT_AFTER_INTRODUCTION:
            return None
        end = self._extend(tokens, lower, j, permissive=True, limit=3)
        return (j, end, SCORE, "strong_cue") if end is not None else None

    def _after_honorific(self, tokens: list[Token], lower: list[str], i: int):
        if lower[i] not in HONORIFICS:
            return None
        j = _skip(lower, i + 1, TITLES | {"."})
        if j >= len(tokens) or not self._name_like(tokens[j]):
            return None
        after_possessive = i > 0 and lower[i - 1] in POSSESSIVES
        if after_possessive and not self._names.is_name(lower[j]):
            return None
        end = self._extend(tokens, lower, j, permissive=not after_possessive, limit=3)
        return (j, end, SCORE, "honorific") if end is not None else None

    def _after_signature(self, tokens: list[Token], lower: list[str], i: int):
        cue = _cue_at(lower, i, SIGNATURE_CUES)
        if cue is None:
            return None
        j = _skip(lower, cue, {",", "-", ":", "–", "ihr", "ihre", "euer", "eure", "dein", "deine"})
        ends_message = j < len(tokens) and len(tokens) - j <= 3 and all(self._name_like(t) for t in tokens[j:])
        if j >= len(tokens) or not (tokens[j].text[:1].isupper() or self._names.is_name(lower[j]) or ends_message):
            return None
        end = self._extend(tokens, lower, j, permissive=True, limit=3)
        return (j, end, SCORE, "signature") if end is not None else None

    def _after_weak(self, tokens: list[Token], lower: list[str], i: int):
        cue = _cue_at(lower, i, WEAK_CUES)
        by_preposition = cue is None
        cue = cue if cue is not None else _cue_at(lower, i, PREPOSITION_CUES)
        if cue is None:
            return None
        j = _skip(lower, cue, {"der", "die", ",", "mein", "meine", "unser", "unsere"})
        if j >= len(tokens) or not self._name_like(tokens[j]):
            return None
        two_capitalised = (not by_preposition and j + 1 < len(tokens) and tokens[j].text[:1].isupper() and tokens[j + 1].text[:1].isupper()
                           and self._name_like(tokens[j + 1]) and lower[j] not in NOT_AFTER_INTRODUCTION)
        if not (self._names.is_first(lower[j]) or two_capitalised):
            return None
        end = self._extend(tokens, lower, j, permissive=False, limit=3)
        return (j, end, SCORE, "weak_cue")

    def _after_kinship(self, tokens: list[Token], lower: list[str], i: int):
        cue = _cue_at(lower, i, KINSHIP_CUES)
        if cue is None:
            return None
        starts_clause = i == 0 or tokens[i - 1].is_punct or tokens[i - 1].is_space
        if not starts_clause and lower[i - 1] not in POSSESSIVES | {"unser", "unserer", "unsere"}:
            return None
        j = _skip(lower, cue, {","})
        if j >= len(tokens) or not self._name_like(tokens[j]):
            return None
        if not (self._names.is_name(lower[j]) or tokens[j].text[:1].isupper()):
            return None
        end = self._extend(tokens, lower, j, permissive=False, limit=3)
        return (j, end, SCORE, "kinship")

    def _list_pair(self, tokens: list[Token], lower: list[str], i: int):
        if not self._names.is_first(lower[i]) or not self._name_like(tokens[i]) or i + 1 >= len(tokens):
            return None
        nxt = tokens[i + 1]
        if not self._name_like(nxt) or nxt.lower_ in HONORIFICS:
            return None
        if not (self._names.is_last(nxt.lower_) or (nxt.text[:1].isupper() and tokens[i].text[:1].isupper())):
            return None
        end = self._extend(tokens, lower, i, permissive=False, limit=3)
        return (i, end, LIST_PAIR_SCORE, "listed_first_name_pair")

    # -- helpers
    def _name_like(self, token: Token) -> bool:
        """Alphabetic, not a cue or function word; a capitalised stop word inside a sentence ("Frau Lange")
        is a name."""
        text = token.text
        if len(text) < 2 or token.lower_ in NOT_NAMES or token.lower_ in FUNCTION_WORDS or text.isupper():
            return False
        if token.is_stop and not (text[:1].isupper() and not token.is_sent_start and token.i > 0
                                  and token.nbor(-1).text not in {".", "!", "?", "\n"}):
            return False
        return text.replace("-", "").replace("'", "").isalpha() and not text.endswith("-")

    def _extend(self, tokens: list[Token], lower: list[str], j: int, permissive: bool, limit: int) -> int | None:
        """Last token of the name starting at j (None if j is not name-like)."""
        if j >= len(tokens) or not self._name_like(tokens[j]):
            return None
        end = j
        k = j + 1
        while k < len(tokens) and k - j < limit:
            if lower[k] in PARTICLES and k + 1 < len(tokens) and tokens[k + 1].text[:1].isupper():
                k += 1
            tok = tokens[k]
            if not self._name_like(tok):
                break
            capitalised = tok.text[:1].isupper() and tokens[end].text[:1].isupper()
            if not (capitalised or self._names.is_name(lower[k]) or (permissive and tok.text.islower() and tokens[j].text.islower())):
                break
            end = k
            k += 1
        return end

    def _result(self, tokens: list[Token], first: int, last: int, score: float, rule: str) -> RecognizerResult:
        start, end = tokens[first].idx, tokens[last].idx + len(tokens[last].text)
        return RecognizerResult(
            entity_type="PERSON", start=start, end=end, score=score,
            analysis_explanation=AnalysisExplanation(recognizer=self.name, original_score=score, pattern_name=rule),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})


_CUES_BY_FIRST_WORD: dict[int, tuple[tuple, dict[str, tuple[tuple[str, ...], ...]]]] = {}


def _cue_at(lower: list[str], i: int, cues: tuple[tuple[str, ...], ...]) -> int | None:
    """Index after the cue starting at token i, or None (the first matching cue in `cues` order)."""
    entry = _CUES_BY_FIRST_WORD.get(id(cues))
    if entry is None or entry[0] is not cues:  # once per cue list: group by first word, keeping the order
        grouped: dict[str, list[tuple[str, ...]]] = {}
        for cue in cues:
            grouped.setdefault(cue[0], []).append(cue)
        entry = _CUES_BY_FIRST_WORD[id(cues)] = (cues, {w: tuple(c) for w, c in grouped.items()})
    index = entry[1]
    for cue in index.get(lower[i], ()):
        if tuple(lower[i:i + len(cue)]) == cue:
            return i + len(cue)
    return None


def _skip(lower: list[str], j: int, skippable: set[str] | frozenset[str]) -> int:
    while j < len(lower) and lower[j] in skippable:
        j += 1
    return j
