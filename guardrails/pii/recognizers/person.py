"""Person names, found through German context cues, name lists and a dictionary (no statistical NER exists).

Legal basis: a name identifies a person (Art. 4 Nr. 1 DSGVO). Cues, on the tokens of the blank German
tokenizer, compared in lower case so that lower-case input works (lists in `person_cues.py`):
- strong: "ich heiße", "mein Name ist", "Name", "Nachname ist", "Kontoinhaberin ist", "geb." - the next 1-3
  name-like tokens, unless the first is a common German word ("Nachname ist Pflicht");
- honorifics: "Herr", "Frau", "Familie" (titles "Dr.", "Prof." skipped) - the next name-like token, also when it
  is a word ("Frau Vogel", "Herr Koch"); after a possessive ("meine Frau") only a listed name counts;
- signatures: "Viele Grüße", "MfG", "LG", "Mit freundlichen Grüßen", "gez." - the name-like tokens after them;
- weak: greetings ("Hallo", "Grüß Gott"), "ich bin", "hier spricht", kinship ("mein Sohn (Emil)") - a listed
  first name, a capitalised word the dictionary does not know, or two capitalised words;
- trailing: "Dragan Petrović hier", "Kowalczyk ist mein Name" - the name-like tokens before the cue;
- no cue: a listed first name followed by a capitalised or listed surname ("Anna Vogel hat angerufen"), two
  capitalised words the dictionary does not know ("Saara Suciu"), "Nowak, Anna".
A name found once is redacted wherever it appears again in the message ("Frau Esposito ... Esposito"), except
where a name that is also a noun follows an article ("Frau Sommer ... den Sommer").
The work is linear in the message length: each rule looks at a bounded number of tokens around its cue (`_skip` stops
after `MAX_SKIP` tokens, a name has at most `MAX_NAME_CHARS` characters), and the recurrences are found in one pass
over the word starts of the message, not one scan per name found.
Name lists: `guardrails.pii.names` (Faker, MIT); dictionary: `guardrails.pii.lexicon` (simplemma); the city's own
name and places come from the city profile (corpus/city.py): "Grüße aus Krefeld" names no person.
Fictitious examples: "ich heiße anna vogel", "Sehr geehrte Frau Dr. Yılmaz", "Viele Grüße\\nTim Becker".
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Token

from guardrails.pii.lexicon import GermanLexicon
from guardrails.pii.names import NameLists, caseless, load_name_lists
from guardrails.pii.recognizers.person_cues import (AFTER_HIER, CUE_FILLERS, DETERMINERS, FOREIGN_INTRODUCTIONS,
                                                    FUNCTION_WORDS, GREETING_WORDS, HONORIFICS, INTRODUCTION_CUES,
                                                    KINSHIP_CUES, LABEL_CUES, NAME_DETERMINERS,
                                                    NOT_AFTER_INTRODUCTION, NOT_NAMES, PARTICLES, POSSESSIVES,
                                                    PREPOSITION_CUES, RELATIVE_CUES, ROLE_CUES, ROLE_FILLERS,
                                                    SIGNATURE_CUES, STRONG_CUES, TITLES, TRAILING_CUES, WEAK_CUES)

_INNER_CAPITAL = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")
_GREETING_ENDS = frozenset(cue[-1] for cue in WEAK_CUES)
_CUE_FIRST_WORDS = frozenset(cue[0] for cues in (STRONG_CUES, LABEL_CUES, SIGNATURE_CUES, KINSHIP_CUES, WEAK_CUES,
                                                 FOREIGN_INTRODUCTIONS, RELATIVE_CUES, ROLE_CUES, PREPOSITION_CUES,
                                                 TRAILING_CUES) for cue in cues) | HONORIFICS | {"("}
_DATE = re.compile(r"\(?(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)\d{2}\)?|(?:19|20)\d{2}-\d{2}-\d{2}")
SCORE = 0.85
LIST_PAIR_SCORE = 0.75
MAX_NAME_CHARS = 40  # "Schäfer-Ostendorf-Lüdenscheidt" has 30; a longer run of letters is no name
MAX_SKIP = 6  # filler tokens between a cue and the name ("Name: - Herr Dr. ...")
_BEFORE_WINDOW = 60  # characters read back for the word before a recurring name
_SPAN = tuple[int, int, float, str]


class PersonRecognizer(EntityRecognizer):
    """Context-, list- and dictionary-based German person names (entity PERSON)."""

    def __init__(self, names: NameLists | None = None, lexicon: GermanLexicon | None = None,
                 city_words: Iterable[str] | None = None) -> None:
        """`city_words`: the words of the city's name, never a person's (default: the configured city's)."""
        self._names = names
        self._lexicon = lexicon or GermanLexicon()
        self._not_names = (NOT_NAMES | {w.lower() for w in city_words}) if city_words is not None else None
        super().__init__(supported_entities=["PERSON"], name="PersonRecognizer", supported_language="de")

    def load(self) -> None:
        if self._names is None:
            self._names = load_name_lists()
        if self._not_names is None:
            from corpus.city import current_profile

            self._not_names = NOT_NAMES | current_profile().name_words()
        self._lexicon.load()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        if nlp_artifacts is None:
            return []
        tokens = [t for t in nlp_artifacts.tokens if not t.is_space]
        lower = [t.lower_ for t in tokens]
        spans: list[_SPAN] = []
        rules = (self._after_strong, self._after_honorific, self._after_signature, self._after_kinship,
                 self._after_relative, self._after_role, self._after_weak, self._before_trailing, self._inverted,
                 self._in_brackets, self._before_date, self._list_pair, self._unknown_pair)
        for i in range(len(tokens)):
            # every rule starts at a cue word or at a name-like token: others are passed at once
            if lower[i] not in _CUE_FIRST_WORDS and not self._name_like(tokens[i]):
                continue
            for rule in rules:
                found = rule(tokens, lower, i)
                if found:
                    spans.append(found)
                    break
        results = [self._result(tokens[a].idx, tokens[b].idx + len(tokens[b].text), score, rule)
                   for a, b, score, rule in spans]
        return results + self._repeated(text, tokens, results)

    # -- cue rules: each returns (first token, last token, score, rule) or None
    def _after_strong(self, tokens: list[Token], lower: list[str], i: int) -> _SPAN | None:
        cue = _cue_at(lower, i, STRONG_CUES)
        label = cue is None
        cue = cue if cue is not None else _cue_at(lower, i, LABEL_CUES)
        if cue is None:
            return None
        if label and lower[i] == "name" and i > 0 and lower[i - 1] in NAME_DETERMINERS:
            return None
        j = _skip(lower, cue, CUE_FILLERS | TITLES)
        if j >= len(tokens) or lower[j] in NOT_AFTER_INTRODUCTION:
            return None
        # "Name: von der Heide", "Name: J. Nowak"
        first, j = j, self._after_particles(tokens, lower, _skip_initials(tokens, j))
        if tokens[j].text.islower() and self._lexicon.is_plain_word(tokens[j].text) and not self._listed(tokens[j]):
            return None  # "ich, hab noch ...", "Unterschrift: zusätzlich ..."
        end = self._extend(tokens, lower, j, permissive=True, limit=3)
        if end is None or (label and first == j and not any(self._evidence(t) for t in tokens[j:min(end, j + 1) + 1])):
            return None
        return first, end, SCORE, "label_cue" if label else "strong_cue"

    def _after_honorific(self, tokens: list[Token], lower: list[str], i: int) -> _SPAN | None:
        if lower[i] not in HONORIFICS:
            return None
        first = _skip(lower, i + 1, TITLES | {"."})
        j = self._after_particles(tokens, lower, _skip_initials(tokens, first))  # "Frau von Bülow", "Herr J. Nowak"
        if j >= len(tokens) or not self._name_like(tokens[j]):
            return None
        after_possessive = i > 0 and lower[i - 1] in POSSESSIVES
        if after_possessive and not self._names.is_name(lower[j]):
            return None
        end = self._extend(tokens, lower, j, permissive=not after_possessive, limit=3)
        return (first, end, SCORE, "honorific") if end is not None else None

    def _after_signature(self, tokens: list[Token], lower: list[str], i: int) -> _SPAN | None:
        cue = _cue_at(lower, i, SIGNATURE_CUES)
        if cue is None:
            return None
        first = _skip(lower, cue, {",", "-", ":", "–", "ihr", "ihre", "euer", "eure", "dein", "deine"})
        j = self._after_particles(tokens, lower, _skip_initials(tokens, first))  # "k. wagner", "m. van den berg"
        ends_message = j < len(tokens) and len(tokens) - j <= 3 and all(self._name_like(t) for t in tokens[j:])
        if j >= len(tokens) or not (tokens[j].text[:1].isupper() or self._names.is_name(lower[j]) or ends_message
                                    or (j > first and self._evidence(tokens[j]))):
            return None
        end = self._extend(tokens, lower, j, permissive=True, limit=3)
        return (first, end, SCORE, "signature") if end is not None else None

    def _after_weak(self, tokens: list[Token], lower: list[str], i: int) -> _SPAN | None:
        cue = _cue_at(lower, i, WEAK_CUES)
        kind = "weak"
        if cue is None:
            cue, kind = _cue_at(lower, i, FOREIGN_INTRODUCTIONS), "foreign"
            if cue is not None and cue == i + 1 and not (tokens[i].text.islower() and _opens_clause(tokens, lower, i)):
                cue = None  # "ben", "soy", "я", "bin" introduce only in lower case at the start of a clause
        if cue is None:
            cue, kind = _cue_at(lower, i, PREPOSITION_CUES), "preposition"
        if cue is None:
            return None
        skippable = {","} if kind == "preposition" else {"der", "die", ",", "mein", "meine", "unser", "unsere", "-"}
        j = _skip(lower, cue, skippable)  # "für die Uni": after a preposition an article opens a noun
        if j >= len(tokens) or not self._name_like(tokens[j]):
            return None
        tok = tokens[j]
        listed = self._listed_first(tok)
        nxt = tokens[j + 1] if j + 1 < len(tokens) and not _line_break_before(tokens[j + 1]) else None
        if kind == "preposition":
            ok = listed
        else:
            two_capitalised = (nxt is not None and _upper(tok.text) and _upper(nxt.text) and self._name_like(nxt)
                               and lower[j] not in NOT_AFTER_INTRODUCTION
                               and not (self._common(tok) and self._common(nxt)))
            if kind == "foreign":
                two_capitalised = two_capitalised and (self._evidence(tok) or self._evidence(nxt))
            k = j + 1
            while k < len(tokens) - 1 and lower[k] in PARTICLES and k - j <= 2:
                k += 1  # "tran van hung"
            after = tokens[k] if k < len(tokens) and not _line_break_before(tokens[k]) else None
            listed_pair = (after is not None and self._listed(tok) and self._name_like(after)
                           and self._listed(after))
            introduced = _cue_at(lower, i, INTRODUCTION_CUES) is not None or kind == "foreign"
            single_unknown = kind == "weak" and self._unknown(tok) and (_upper(tok.text) or introduced)
            if kind == "foreign" and self._extend(tokens, lower, j, permissive=False, limit=4) == j:
                listed = listed and not (self._lexicon.is_english(tok.text) or self._common(tok))  # "I am German"
            ok = listed or two_capitalised or listed_pair or single_unknown or (
                kind == "foreign" and self._unknown(tok) and tok.text.islower() and nxt is not None
                and self._listed(nxt))
        if not ok:
            return None
        end = self._extend(tokens, lower, j, permissive=False, limit=4)
        return (j, end, SCORE, "weak_cue")

    def _after_kinship(self, tokens: list[Token], lower: list[str], i: int) -> _SPAN | None:
        cue = _cue_at(lower, i, KINSHIP_CUES)
        if cue is None:
            return None
        starts_clause = i == 0 or tokens[i - 1].is_punct or tokens[i - 1].is_space
        if not starts_clause and lower[i - 1] not in POSSESSIVES | _DATIVE_POSSESSIVES:
            return None
        j = _skip(lower, cue, {",", "(", ":"})
        if j >= len(tokens) or not self._name_like(tokens[j]):
            return None
        if not (self._names.is_name(lower[j]) or tokens[j].text[:1].isupper()):
            return None
        end = self._extend(tokens, lower, j, permissive=False, limit=3)
        return (j, end, SCORE, "kinship")

    def _after_relative(self, tokens: list[Token], lower: list[str], i: int) -> _SPAN | None:
        """"my grandmother, Hedwig van Aaken", "annem Zeynep Aksoy", "mẹ tôi là Phạm Thị Hoa": a relative named with
        the possessive of its language, then a listed name or two capitalised words with evidence."""
        cue = _cue_at(lower, i, RELATIVE_CUES)
        if cue is None:
            return None
        j = _skip(lower, _skip(lower, cue, {",", "(", ":", "-", "–"}), ROLE_FILLERS | {"là", "e", "es", "est", "è"})
        j = _skip(lower, j, TITLES | {"."})
        if j >= len(tokens) or not self._name_like(tokens[j]) or _line_break_before(tokens[j]):
            return None
        end = self._extend(tokens, lower, j, permissive=False, limit=4)
        if end is None or not (_upper(tokens[j].text) or (end > j or caseless(tokens[j].text[:1])) and self._listed(tokens[j])):
            return None  # in lower case only a listed pair: "Abim diyor ki" is Turkish for "my brother says that"
        if not (self._listed_first(tokens[j]) or (end > j and any(self._evidence(t) for t in tokens[j:end + 1]))):
            return None
        return (j, end, SCORE, "relative")

    def _after_role(self, tokens: list[Token], lower: list[str], i: int) -> _SPAN | None:
        """"Halter: Osagie Igbinedion", "halter ist ali el khatib", "Verlobte: Svenja Terhorst", "Kind: Ben Vuković":
        a role in a form or letter, then a name with the evidence of an introduction."""
        cue = _cue_at(lower, i, ROLE_CUES)
        if cue is None or (i > 0 and lower[i - 1] in NAME_DETERMINERS):
            return None
        j = _skip(lower, cue, ROLE_FILLERS)
        j = _skip(lower, j, TITLES | {"."})
        if j >= len(tokens) or not self._name_like(tokens[j]) or _line_break_before(tokens[j]):
            return None
        first, j = j, self._after_particles(tokens, lower, j)
        tok = tokens[j]
        nxt = tokens[j + 1] if j + 1 < len(tokens) and not _line_break_before(tokens[j + 1]) else None
        two = (nxt is not None and self._name_like(nxt) and _upper(tok.text) and _upper(nxt.text)
               and not (self._common(tok) and self._common(nxt)) and (self._evidence(tok) or self._evidence(nxt)))
        listed_pair = nxt is not None and self._name_like(nxt) and self._listed(tok) and self._listed(nxt)
        if not (self._listed_first(tok) or two or listed_pair or (first < j and self._evidence(tok))):
            return None
        end = self._extend(tokens, lower, j, permissive=False, limit=4)
        return (first, end, SCORE, "role") if end is not None else None

    def _in_brackets(self, tokens: list[Token], lower: list[str], i: int) -> _SPAN | None:
        """"ich (Dmitri)", "Meine Verlobte (Svetlana)", "Belgian citizen here (Lotte Peeters)": one to three names
        alone in brackets, the first a listed first name, or after a word for a person."""
        if lower[i] != "(" or i + 2 >= len(tokens):
            return None
        j = i + 1
        end = self._extend(tokens, lower, j, permissive=False, limit=3)
        if end is None or end + 1 >= len(tokens) or lower[end + 1] != ")" or not _upper(tokens[j].text):
            return None
        names = tokens[j:end + 1]
        person_before = i > 0 and (lower[i - 1] in _PERSON_WORDS or _cue_at(lower, i - 1, KINSHIP_CUES) is not None
                                   or _cue_at(lower, i - 1, ROLE_CUES) is not None)
        if self._listed_first(tokens[j]) or (person_before and all(self._evidence(t) for t in names)) or (
                len(names) > 1 and self._names.is_first(tokens[j].text) and not self._common(names[-1])):
            return (j, end, SCORE, "brackets")
        return None

    def _before_date(self, tokens: list[Token], lower: list[str], i: int) -> _SPAN | None:
        """"Giorgos Papadopoulos, 23.04.1968", "kevin van den bosch, 14.12.1999": two to four names right before a
        comma or bracket and a date (the redactor makes that date the birth date); each word listed or unknown."""
        if not self._name_like(tokens[i]) or not self._evidence(tokens[i]):
            return None
        end = self._extend(tokens, lower, i, permissive=tokens[i].text.islower() and self._listed(tokens[i]),
                           limit=4)
        if end is None or end == i or end + 2 >= len(tokens) or lower[end + 1] not in {",", "("}:
            return None
        if not _DATE.fullmatch(tokens[end + 2].text.rstrip(".,")):
            return None
        names = [t for t in tokens[i:end + 1] if t.lower_ not in PARTICLES]
        if not all(self._evidence(t) and not self._common(t) for t in names):
            return None
        return (i, end, SCORE, "before_date")

    def _before_trailing(self, tokens: list[Token], lower: list[str], i: int) -> _SPAN | None:
        """"Dragan Petrović hier", "Kowalczyk ist mein Name": up to three names right before the cue, which
        opens the message or follows a greeting or punctuation; "hier" must end its clause."""
        cue = _cue_at(lower, i, TRAILING_CUES)
        if cue is None or i == 0:
            return None
        if lower[i] in {"hier", "here"} and cue < len(tokens) and not (
                tokens[cue].is_punct or lower[cue] in {"wegen", "und"} or _cue_at(lower, cue, AFTER_HIER) is not None):
            return None
        start = i
        while start > 0 and i - start < 4:
            k = start - 1
            if lower[k] in PARTICLES and k > 0 and start < i:
                k -= 1
            tok = tokens[k]
            if not self._name_like(tok) or self._lexicon.is_place(tok.text) or (
                    tok.text.islower() and not self._evidence(tok)):
                break
            start = k
        if start == i or not any(self._evidence(t) for t in tokens[start:i]):
            return None
        before = start - 1
        opens = before < 0 or tokens[before].is_punct or lower[before] in _GREETING_ENDS
        return (start, i - 1, SCORE, "trailing_cue") if opens else None

    def _inverted(self, tokens: list[Token], lower: list[str], i: int) -> _SPAN | None:
        """"Lewandowska, Agnieszka": a surname-like word, a comma and a listed first name."""
        if i + 2 >= len(tokens) or lower[i + 1] != "," or not self._name_like(tokens[i]):
            return None
        surname, first = tokens[i], tokens[i + 2]
        if not (surname.text[:1].isupper() and first.text[:1].isupper()) or self._common(surname):
            return None
        if not (self._listed_first(first) and self._name_like(first)):
            return None
        end = self._extend(tokens, lower, i + 2, permissive=False, limit=2)
        return (i, end, SCORE, "inverted") if end is not None else None

    def _list_pair(self, tokens: list[Token], lower: list[str], i: int) -> _SPAN | None:
        """A listed first name and a surname: "Anna Vogel", "Hedwig van Aaken", "lukas schmitz"; typed in lower case
        both must be listed and longer than three letters ("gün bana" is Turkish for "the day to me")."""
        if not self._listed_first(tokens[i]) or not self._name_like(tokens[i]) or i + 1 >= len(tokens):
            return None
        k = i + 1
        while k < len(tokens) - 1 and lower[k] in PARTICLES and k - i <= 2:
            k += 1  # "Carlos de la Cruz", "kevin van den bosch"
        nxt = tokens[k]
        if not self._name_like(nxt) or nxt.lower_ in HONORIFICS or _line_break_before(nxt):
            return None
        if tokens[i].text.islower():
            if not (nxt.text.islower() and self._names.is_last(nxt.lower_) and len(tokens[i].text) > 3
                    and len(nxt.text) > 3):
                return None
        elif not (_upper(nxt.text) or (caseless(nxt.text[:1]) and self._names.is_name(nxt.text))):
            return None
        if k > i + 1 and not _upper(nxt.text) and not tokens[i].text.islower():
            return None
        end = self._extend(tokens, lower, i, permissive=False, limit=3)
        return (i, end, LIST_PAIR_SCORE, "listed_first_name_pair")

    def _unknown_pair(self, tokens: list[Token], lower: list[str], i: int) -> _SPAN | None:
        """Two capitalised words the dictionary does not know, or one of them listed: "Saara Suciu"."""
        if i + 1 >= len(tokens):
            return None
        a, b = tokens[i], tokens[i + 1]
        if not (_upper(a.text) and _upper(b.text) and self._name_like(a) and self._name_like(b)) or (
                _line_break_before(b)):
            return None
        if self._common(a) or self._common(b) or not (self._unknown(a) or self._unknown(b)):
            return None
        if not ((self._unknown(a) or self._names.is_name(a.text)) and (self._unknown(b) or self._names.is_name(b.text))):
            return None
        return (i, i + 1, LIST_PAIR_SCORE, "unknown_pair")

    # -- a name found once, everywhere in the message
    def _repeated(self, text: str, tokens: list[Token], results: list[RecognizerResult]) -> list[RecognizerResult]:
        """Every other occurrence of a found name or of one of its parts, longest first at each word start: whole
        words only, never inside an e-mail address ("saara.suciu@web.de" is the EMAIL's); a name that is also a word
        keeps its case and is left after an article."""
        values = set()
        for r in results:
            value = text[r.start:r.end]
            values.add(value)
            values.update(p for p in _NAME_PARTS.split(value) if len(p) >= 3 and p.lower() not in PARTICLES)
        words: dict[str, str] = {}  # a name that is also a word, as written
        names: dict[str, str] = {}  # any other name, in lower case
        for value in values:
            if self._lexicon.is_word(value) or value.lower() in self._not_names:
                words[value] = value
            else:
                names[value.lower()] = value
        lengths: dict[str, list[int]] = {}  # first word of a value in lower case -> its values' lengths, longest first
        for value in values:
            lengths.setdefault(_leading_word(value, 0).lower(), []).append(len(value))
        for found in lengths.values():
            found.sort(reverse=True)
        taken = bytearray(len(text) + 1)
        for r in results:
            taken[r.start:r.end] = b"\x01" * (r.end - r.start)
        extra = []
        for start in _word_starts(text):
            for length in lengths.get(_leading_word(text, start).lower(), ()):
                end = start + length
                if end > len(text) or (end < len(text) and (_is_word_char(text[end]) or text[end] in "@-" or (
                        text[end] == "." and end + 1 < len(text) and _is_word_char(text[end + 1])))):
                    continue
                candidate = text[start:end]
                word = candidate in words
                if not word and candidate.lower() not in names:
                    continue
                if any(taken[start:end]) or (word and self._after_determiner(text, start)):
                    continue
                taken[start:end] = b"\x01" * length
                extra.append(self._result(start, end, SCORE, "repeated"))
                break
        return extra

    @staticmethod
    def _after_determiner(text: str, start: int) -> bool:
        before = text[max(0, start - _BEFORE_WINDOW):start].split()
        return not before or before[-1].lower() in DETERMINERS or before[-1][-1:] in ".!?"

    # -- helpers
    def _name_like(self, token: Token) -> bool:
        """Alphabetic, not a cue or function word; a capitalised stop word inside a sentence ("Frau Lange")
        is a name."""
        text = token.text
        if (not 2 <= len(text) <= MAX_NAME_CHARS or token.lower_ in self._not_names or token.lower_ in FUNCTION_WORDS
                or token.lower_ in GREETING_WORDS or text.isupper()):
            return False
        if _INNER_CAPITAL.search(text) and not text.startswith(("Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van")):
            return False  # brands and products: "WhatsApp", "PayPal"
        if token.is_stop and not (text[:1].isupper() and not token.is_sent_start and token.i > 0
                                  and token.nbor(-1).text not in {".", "!", "?", "\n"}):
            return False
        return text.replace("-", "").replace("'", "").isalpha() and not text.endswith("-")

    def _listed_first(self, token: Token) -> bool:
        """A listed first name; typed in lower case it must not also be a verb or adjective ("mark", "will")."""
        if not self._names.is_first(token.text) or self._lexicon.is_place(token.text):
            return False
        return not (token.text.islower() and self._lexicon.is_plain_word(token.text))

    def _unknown(self, token: Token) -> bool:
        """A word neither the dictionary nor the place list knows: a foreign name (or a typo). In a script without
        capitals (Arabic, ...) every word is unknown to the German dictionary: there only a listed name counts."""
        if caseless(token.text[:1]):
            return False
        return not (self._lexicon.is_word(token.text) or self._lexicon.is_place(token.text)
                    or self._lexicon.is_english(token.text))

    def _evidence(self, token: Token) -> bool:
        """Looks like a name: listed, or a word the dictionary does not know."""
        return self._listed(token) or self._unknown(token)

    def _listed(self, token: Token) -> bool:
        if not self._names.is_name(token.text):
            return False
        return not (token.text.islower() and self._lexicon.is_plain_word(token.text))

    def _common(self, token: Token) -> bool:
        """A German word that is no listed name ("Pflicht", "Ummeldung"), a place, or a cue word."""
        low = token.lower_
        if low in self._not_names or low in FUNCTION_WORDS or self._lexicon.is_place(low):
            return True
        if self._names.is_name(token.text):
            return token.text.islower() and self._lexicon.is_plain_word(token.text)
        return self._lexicon.is_word(token.text) or self._lexicon.is_english(token.text)

    def _extend(self, tokens: list[Token], lower: list[str], j: int, permissive: bool, limit: int) -> int | None:
        """Last token of the name starting at j (None if j is not name-like)."""
        if j >= len(tokens) or not self._name_like(tokens[j]):
            return None
        end = j
        k = j + 1
        while k < len(tokens) and k - j < limit + 2:
            p = k
            while p < len(tokens) - 1 and lower[p] in PARTICLES and p - k < 2:
                p += 1
            tok = tokens[p]
            if _line_break_before(tokens[k]) or _line_break_before(tok):
                break  # a name ends with its line ("Heike\nVersichertennummer")
            # after "van der", "de la" a capitalised word, or in a name typed in lower case a word that is no verb or
            # adjective ("anna van der berg", "jan de vries")
            lower_case_surname = tok.text.islower() and tokens[j].text.islower() and (
                self._names.is_last(tok.text) or not self._lexicon.is_plain_word(tok.text))
            if p > k and not (_upper(tok.text) or lower_case_surname):
                break
            if not self._name_like(tok):
                break
            capitalised = _upper(tok.text) and _upper(tokens[end].text)
            if not (capitalised or self._names.is_name(lower[p]) or (p > k and lower_case_surname)
                    or (permissive and lower_case_surname)):
                break
            end = p
            k = p + 1
            if sum(1 for t in tokens[j:end + 1] if t.lower_ not in PARTICLES) >= limit:
                break
        return end

    def _after_particles(self, tokens: list[Token], lower: list[str], j: int) -> int:
        """The token after one or two particles at j when a name follows them ("von der Heide"), else j. A German
        article opening them ("Herr der Lage") needs a word after it that the dictionary does not know."""
        if j >= len(tokens):
            return j
        p = j
        while p < len(tokens) - 1 and lower[p] in PARTICLES and p - j < 2:
            p += 1
        if p == j or not self._name_like(tokens[p]) or (self._lexicon.is_plain_word(tokens[p].text)
                                                         and not self._names.is_last(tokens[p].text)):
            return j
        if lower[j] in DETERMINERS and not self._unknown(tokens[p]):
            return j
        return p

    def _result(self, start: int, end: int, score: float, rule: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type="PERSON", start=start, end=end, score=score,
            analysis_explanation=AnalysisExplanation(recognizer=self.name, original_score=score, pattern_name=rule),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})


_CUES_BY_FIRST_WORD: dict[int, tuple[tuple, dict[str, tuple[tuple[str, ...], ...]]]] = {}


def _cue_at(lower: list[str], i: int, cues: tuple[tuple[str, ...], ...]) -> int | None:
    """Index after the cue starting at token i, or None (the first matching cue in `cues` order)."""
    if i < 0:
        return None
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
    stop = min(len(lower), j + MAX_SKIP)
    while j < stop and lower[j] in skippable:
        j += 1
    return j


_NAME_PARTS = re.compile(r"[\s,]++")
_DATIVE_POSSESSIVES = frozenset({"meinem", "meinen", "unser", "unserer", "unsere", "unserem", "unseren", "seinem",
                                 "ihrem", "deinem"})
# Words for a person before a bracketed name: "ich (Dmitri)", "and I (Chidi Okonkwo)".
_PERSON_WORDS = frozenset({"ich", "i", "me", "wir", "we", "mir", "mich", "here", "hier", "selbst", "myself"})


def _upper(text: str) -> bool:
    """Capitalised. A word of a script without capitals (Arabic, ...) counts as a name only when it is listed: those
    lists hold words too ("الكامل", complete, is also the name Kamil)."""
    return text[:1].isupper()


def _line_break_before(token: Token) -> bool:
    """A new line between this token and the one before it (spaCy keeps it as a space token)."""
    i = token.i
    return i > 0 and token.doc[i - 1].is_space and "\n" in token.doc[i - 1].text


def _opens_clause(tokens: list[Token], lower: list[str], i: int) -> bool:
    """The message starts here, or punctuation or a greeting comes right before."""
    return i == 0 or tokens[i - 1].is_punct or lower[i - 1] in _GREETING_ENDS or _line_break_before(tokens[i])
_INITIAL = re.compile(r"[^\W\d_]\.")


def _skip_initials(tokens: list[Token], j: int) -> int:
    """Past up to two initials ("J.", "K. M.") when a word follows them."""
    k = j
    while k < len(tokens) - 1 and k - j < 2 and _INITIAL.fullmatch(tokens[k].text):
        k += 1
    return k


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _leading_word(text: str, start: int) -> str:
    """The letters and digits from `start` on (at most one more than a name may have)."""
    end = start
    while end < len(text) and end - start <= MAX_NAME_CHARS and _is_word_char(text[end]):
        end += 1
    return text[start:end]


def _word_starts(text: str) -> Iterator[int]:
    """Positions where a name may start: a letter or digit not preceded by one, nor by ".", "@" or "-"."""
    previous = ""
    for i, c in enumerate(text):
        if _is_word_char(c) and not (_is_word_char(previous) or previous in ".@-"):
            yield i
        previous = c
