"""Facts in an answer that its cited documents do not contain: numbers, amounts, dates, times, durations, ages,
phone numbers, e-mail addresses, URLs, office and place names, and claims that something is free or unrestricted.

These are the statements a citizen acts on ("46 Euro", "innerhalb von zwei Wochen", "02151 86-1610", "im Bürgerbüro
Uerdingen", "kostenlos"), and a small model invents them easily while the sentence around them still shares most of
its words with the source. Each fact is extracted from the answer sentence and from the cited text with the same
rules and compared in a normal form, so the format may differ but the value may not:

- amounts: "46 €" = "46,00 Euro" = "EUR 46" (compared in cents);
- quantities: "zwei Wochen" = "2 Wochen", "ab 16 Jahren" = "16-jährige", ranges "4–6 Wochen" give 4 and 6;
  the unit must match (14 Tage is not 2 Wochen: a conversion is a new statement);
- dates: "1. Januar 2024" = "01.01.2024", a month alone ("im März") must be a month of the text; weekdays
  ("montags", "Mo–Fr" gives Monday to Friday); times: "8 Uhr" = "8:00 Uhr" = "08.00 Uhr";
- phone numbers by their digits ("02151 86-1610" = "02151/861610"), e-mail addresses and URLs case-folded
  (a URL without "https://" or "www." is the same URL; one cut off inside a path segment, as a draft that ran
  out of tokens ends, is not);
- any other number must occur as a number in the cited text (or, up to twelve, as a number word);
- office names by their German endings (-amt, -büro, -stelle, -behörde, -zentrum, -center, -gericht, -kasse,
  -agentur, -rathaus, "Fachbereich …"), street addresses, and the place names of the city profile (its districts
  and neighbouring towns, `CityProfile.place_names`), each found in the cited text case-folded;
- claims of absence ("kostenlos", "keine Gebühr", "keine Einschränkungen", "ohne Termin", "nicht nötig") only
  where a sentence of the cited text makes a claim of the same kind about something the answer sentence names too.
The cited text is the whole cited document (as the grounding check uses it): a fact of the cited service is true
for the citizen even when the model saw only part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

from assistant.textunits import term_set

NUMBER_WORDS = {"null": 0, "ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1, "eins": 1,
                "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
                "zehn": 10, "elf": 11, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30, "vierzig": 40,
                "fünfzig": 50, "sechzig": 60, "neunzig": 90, "hundert": 100, "halbes": 0.5, "halben": 0.5}
_ONE = re.compile(r"\b(?:ein|eine|einen|einem|einer|eines|eins)\b")
_ARTICLE_NUMBERS = {"ein", "eine", "einen", "einem", "einer", "eines", "halbes", "halben"}  # numbers only before a unit
MONTHS = {m: i for i, m in enumerate(("januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
                                      "september", "oktober", "november", "dezember"), start=1)}
MONTHS["jänner"] = 1
WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
# Full names (also "montags"), or the short forms with a dot or in a range ("Mo–Fr"): "So" alone is a word.
_DAY = (r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag)s?"
        r"|(?:mo|di|mi|do|fr|sa|so)(?=\.|[ \t]*[-–—][ \t]*(?:mo|di|mi|do|fr|sa|so)\b)\.?"
        r"|(?<=[-–—])[ \t]*(?:mo|di|mi|do|fr|sa|so)\b\.?")
UNITS = {  # unit lemma: its forms (lower-case)
    "werktag": "werktag|werktage|werktagen|werktags", "arbeitstag": "arbeitstag|arbeitstage|arbeitstagen",
    "kalendertag": "kalendertag|kalendertage|kalendertagen", "tag": "tag|tage|tagen|tages",
    "woche": "woche|wochen", "monat": "monat|monate|monaten|monats", "lebensjahr": "lebensjahr|lebensjahres",
    "jahr": "jahr|jahre|jahren|jahres|jährige|jährigen|jähriger|jähriges|jährig",
    "stunde": "stunde|stunden|std\\.?", "minute": "minute|minuten|min\\.?", "sekunde": "sekunde|sekunden",
    "prozent": "prozent|%", "km": "km|kilometer|kilometern", "m²": "m²|m2|qm|quadratmeter|quadratmetern",
    "m": "m|meter|metern", "cm": "cm|zentimeter", "kg": "kg|kilogramm", "t": "t|tonnen|tonne",
    "liter": "liter|l",
}

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_WORDNUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_QTY_VALUE = rf"(?:{_NUM}|{_WORDNUM})"
_UNIT = "|".join(f"(?:{forms})" for forms in UNITS.values())
_RANGE = r"[ \t\u00a0]*(?:-|–|—|bis(?: zu)?|oder|und)[ \t\u00a0]*"
_B = r"(?<![\w.,])"  # a number starts at a word start
_S = r"[ \t\u00a0]"  # a space within one line: a fact never runs across a line break
_E = r"(?![\w])"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)),
    ("url", re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+|\b[\w-]+(?:\.[\w-]+)*\.(?:de|com|org|net|eu|info|nrw)"
                       r"(?:/[^\s<>()\[\]]*)?(?![\w])", re.I)),
    ("phone", re.compile(r"(?<![\w.,])(?:\+49[ /-]?|\(?0)\d{2,5}\)?(?:[ /-]*\d){3,}(?: ?- ?\d+)?")),
    ("date", re.compile(rf"{_B}(\d{{1,2}})\. ?(\d{{1,2}})\.(?: ?(\d{{4}}|\d{{2}})(?!\d))?"
                        rf"|{_B}(\d{{1,2}})\. ?({'|'.join(MONTHS)})(?: (\d{{4}}))?{_E}"
                        rf"|{_B}({'|'.join(MONTHS)})(?: (\d{{4}}))?{_E}", re.I)),
    ("weekday", re.compile(rf"\b({_DAY})(?:{_RANGE}({_DAY}))?(?![\wäöü])", re.I)),
    ("time", re.compile(rf"{_B}(\d{{1,2}})(?:[:.](\d{{2}}))?(?:{_RANGE}(\d{{1,2}})(?:[:.](\d{{2}}))?)? ?Uhr{_E}"
                        rf"|{_B}(\d{{1,2}}):(\d{{2}})(?:{_RANGE}(\d{{1,2}}):(\d{{2}}))?{_E}", re.I)),
    ("amount", re.compile(rf"(?:{_B}({_NUM})(?:,-+)?(?:{_RANGE}({_NUM})(?:,-+)?)? ?(?:€|euro|eur){_E}"
                          rf"|(?:€|eur) ?({_NUM}){_E})", re.I)),
    ("quantity", re.compile(rf"{_B}({_QTY_VALUE})(?:{_RANGE}({_QTY_VALUE}))?[ -]?({_UNIT}){_E}", re.I)),
    ("number", re.compile(rf"{_B}({_NUM}){_E}|\b({'|'.join(w for w in NUMBER_WORDS if w not in _ARTICLE_NUMBERS)})\b",
                          re.I)),
]

_OFFICE = re.compile(r"\b(?:Fachbereich[ ]+(?:\d+|[A-ZÄÖÜ][\wäöüß-]+)"
                     r"|[A-ZÄÖÜ][\wäöüß-]*?(?:amt|ämter|büro|stelle|behörde|zentrum|center|gericht|kasse|agentur"
                     r"|rathaus|stadthaus)(?:[ ]+(?:[A-ZÄÖÜ][\wäöüß]+|\d+))?)\b")
_NOT_OFFICE = {"insgesamt", "gesamt", "samt", "ehrenamt", "haltestelle", "baustelle", "stelle", "büro", "amt",
               "zentrum", "center"}
_STREET = re.compile(r"\b[A-ZÄÖÜ][\wäöüß.-]*(?:straße|str\.|platz|weg|allee|ring|gasse|wall|markt|ufer)"
                     r"[ ]+\d+[a-z]?\b"
                     r"|\b(?:Von|Am|An der|Auf der|Im|Zum|Zur) [\wäöüß -]+?(?:straße|platz|weg|ring)[ ]+\d+[a-z]?\b")

_ABSENCE: dict[str, re.Pattern[str]] = {
    "free of charge": re.compile(
        r"kostenlos|kostenfrei|gebührenfrei|unentgeltlich|umsonst|gratis|ohne (?:gebühr|kosten)"
        r"|kein\w* (?:gebühr|kosten|entgelt)|(?:kostet|kosten) (?:sie |es |das |dies )?nichts"
        r"|nichts (?:zu )?(?:be)?zahlen|zahl\w* nichts|gebühr\w* (?:entfällt|entfallen|wird nicht|werden nicht)"
        r"|fallen keine|entstehen keine|frei von gebühren",
        re.I),
    "no restriction": re.compile(r"kein\w* (?:einschränkung|beschränkung|begrenzung|altersgrenze|höchstgrenze)"
                                 r"|unbegrenzt|unbeschränkt|uneingeschränkt|ohne (?:einschränkung|begrenzung)"
                                 r"|jederzeit", re.I),
    "no appointment": re.compile(r"ohne (?:vorherige[n]? )?termin|kein\w* termin", re.I),
    "no deadline": re.compile(r"kein\w* frist|fristlos|ohne frist|an keine frist", re.I),
    "not needed": re.compile(r"(?:nicht|kein\w*)\b[^.!?]{0,60}?\b(?:nötig|notwendig|erforderlich|vorgeschrieben"
                             r"|verpflichtend|pflicht)|entfällt|entfallen|(?:müssen|brauchen) (?:sie )?(?:\w+ )?"
                             r"(?:nicht|kein\w*)", re.I),
}


_CLAIM_UNIT = re.compile(r"(?<=[.!?])\s+|\n+")
_NOUN = re.compile(r"\b[A-ZÄÖÜ][\wäöüß-]+")  # what a claim is about: German nouns are capitalised
_NOT_SUBJECT = frozenset({"ja", "nein", "sie", "ihr", "ihre", "bitte", "das", "die", "der", "es"})


@dataclass(frozen=True)
class Fact:
    """One checkable statement of an answer sentence: its kind, the text as written, and its normal form."""

    kind: str
    text: str
    key: tuple
    sentence: str = ""


def extract_facts(text: str) -> list[Fact]:
    """Every fact of `text`. Kinds are taken most specific first and a span belongs to one fact: the digits of a
    phone number or an address are not also plain numbers, the district of "Bürgerbüro Uerdingen" not also a place."""
    facts: list[Fact] = []
    taken = [False] * len(text)

    def take(m: re.Match[str]) -> bool:
        if any(taken[m.start():m.end()]):
            return False
        taken[m.start():m.end()] = [True] * (m.end() - m.start())
        return True

    for kind, pattern in _PATTERNS[:3]:  # e-mail, URL, phone
        facts += _matches(kind, pattern, text, take)
    for m in _STREET.finditer(text):
        if take(m):
            facts.append(Fact("address", m.group(0), ("address", _fold(m.group(0)))))
    for m in _OFFICE.finditer(text):
        if _fold(m.group(0)) not in _NOT_OFFICE and take(m):
            facts.append(Fact("office", m.group(0), ("office", _fold(m.group(0)))))
    for kind, pattern in _PATTERNS[3:]:
        facts += _matches(kind, pattern, text, take)
    places_pattern = _places_pattern()
    for m in places_pattern.finditer(text) if places_pattern is not None else ():
        if take(m):
            facts.append(Fact("place", m.group(0), ("place", _fold(m.group(0)))))
    claimed: list[tuple[int, int]] = []
    for claim, pattern in _ABSENCE.items():  # "keinen Termin" is one claim, not also "brauchen kein(en) …"
        for m in pattern.finditer(text):
            if not any(m.start() < end and start < m.end() for start, end in claimed):
                claimed.append(m.span())
                facts.append(Fact("absence", m.group(0), ("absence", claim)))
                break
    return facts


def _matches(kind: str, pattern: re.Pattern[str], text: str, take) -> list[Fact]:
    out = []
    for m in pattern.finditer(text):
        keys = _keys(kind, m)
        if keys and take(m):
            out.extend(Fact(kind, m.group(0).strip(), key) for key in keys)
    return out


def unsupported_facts(answer: str, support: Mapping[int, str]) -> list[Fact]:
    """Facts of each answer sentence that the texts it cites do not contain (the whole answer's citations when a
    sentence cites nothing; all of `support` when the answer names none itself, as a streamed part that inherits its
    line's citation does). With no support at all every fact counts as unsupported."""
    from assistant.checks import citation_units

    out: list[Fact] = []
    all_cited = sorted({n for _, nums in citation_units(answer) for n in nums if n in support})
    for sentence, nums in citation_units(answer):
        cited = [n for n in nums if n in support] or all_cited or sorted(support)
        source = _Support.combined(tuple(support[n] for n in cited))
        for fact in extract_facts(sentence):
            if not source.has(fact, sentence):
                out.append(Fact(fact.kind, fact.text, fact.key, sentence))
    return out


class _Support:
    """The normal forms found in a cited text, built once per text."""

    def __init__(self, text: str) -> None:
        facts = extract_facts(text)
        self.keys = {f.key for f in facts}
        self.folded = _fold(text)
        self.phones = {f.key[1] for f in facts if f.kind == "phone"}
        self.urls = {f.key[1] for f in facts if f.kind == "url"}
        self.claims: dict[str, list[frozenset[str]]] = {}  # claim of absence: terms of each sentence making it
        for part in _CLAIM_UNIT.split(text):
            for claim, pattern in _ABSENCE.items():
                if pattern.search(part):
                    self.claims.setdefault(claim, []).append(term_set(part))
        self.numbers = {k for f in facts for k in _numbers_of(f.key)}
        self.days = {f.key[1:3] for f in facts if f.kind == "date" and f.key[1] is not None}
        self.months = {f.key[2] for f in facts if f.kind == "date"}
        self.years = {k[1] for k in self.keys if k[0] == "number"} | {f.key[3] for f in facts if f.kind == "date"}

    @classmethod
    @lru_cache(maxsize=512)
    def of(cls, text: str) -> "_Support":
        return cls(text)

    @classmethod
    @lru_cache(maxsize=512)
    def combined(cls, texts: tuple[str, ...]) -> "_Support":
        """The support of several cited texts: each text's normal forms are built once (the same passages are
        cited again and again) and joined."""
        if len(texts) == 1:
            return cls.of(texts[0])
        parts = [cls.of(t) for t in texts]
        out = cls.__new__(cls)
        out.keys = set().union(*(p.keys for p in parts))
        out.folded = "\n".join(p.folded for p in parts)
        out.phones = set().union(*(p.phones for p in parts))
        out.urls = set().union(*(p.urls for p in parts))
        out.claims = {}
        for p in parts:
            for claim, terms in p.claims.items():
                out.claims.setdefault(claim, []).extend(terms)
        out.numbers = set().union(*(p.numbers for p in parts))
        out.days = set().union(*(p.days for p in parts))
        out.months = set().union(*(p.months for p in parts))
        out.years = set().union(*(p.years for p in parts))
        return out

    def has(self, fact: Fact, sentence: str = "") -> bool:
        key = fact.key
        if fact.kind == "absence":
            # The same kind of claim, made of the same thing: "Sie müssen keine Kopie …" is not supported by
            # "Sie müssen keine Prüfung machen". A sentence with nothing besides the claim ("Das ist kostenlos.")
            # can only be held against the kind.
            subject = term_set(" ".join(_NOUN.findall(sentence))) - term_set(fact.text) - _NOT_SUBJECT
            return any(not subject or subject & terms for terms in self.claims.get(key[1], []))
        if key in self.keys:
            return True
        kind = fact.kind
        if kind == "phone":  # "86-1610" written without the area code, or with a country code
            return any(p.endswith(key[1]) or key[1].endswith(p) for p in self.phones if min(len(p), len(key[1])) >= 6)
        if kind == "url":  # a whole URL of the text, or one cut at a path boundary; never one cut mid-word
            return any(u == key[1] or (u.startswith(key[1]) and u[len(key[1])] in "/?#") for u in self.urls)
        if kind in ("email", "office", "address", "place"):
            return key[1] in self.folded
        if kind == "date":  # "1. Januar 2024": the day in the text, and the year somewhere in it
            _, day, month, year = key
            known = (day, month) in self.days if day is not None else month in self.months
            return known and (year is None or year in self.years)
        if kind == "number":  # "1 Foto" where the text says "ein Foto"
            return key[1] in self.numbers or (key[1] == 1 and bool(_ONE.search(self.folded)))
        return False


def _keys(kind: str, m: re.Match[str]) -> list[tuple]:
    g = m.groups()
    if kind == "email":
        return [("email", m.group(0).lower().rstrip("."))]
    if kind == "url":
        url = re.sub(r"^(?:https?://)?(?:www\.)?", "", m.group(0).lower()).rstrip("/.,;:!?")
        return [("url", url)] if "." in url else []
    if kind == "phone":
        digits = re.sub(r"\D", "", m.group(0))
        if digits.startswith("49") and m.group(0).lstrip().startswith("+"):
            digits = "0" + digits[2:]
        return [("phone", digits)] if len(digits) >= 6 else []
    if kind == "date":
        if g[0]:
            day, month, year = int(g[0]), int(g[1]), _year(g[2])
            return [("date", day, month, year)] if 1 <= day <= 31 and 1 <= month <= 12 else []
        if g[3]:
            return [("date", int(g[3]), MONTHS[g[4].lower()], _year(g[5]))]
        return [("date", None, MONTHS[g[6].lower()], int(g[7]) if g[7] else None)]
    if kind == "weekday":  # "Mo–Fr" states every day from Monday to Friday
        first = _weekday(g[0])
        last = _weekday(g[1]) if g[1] else first
        return [("weekday", d) for d in range(first, last + 1)] if last >= first else [("weekday", first)]
    if kind == "time":
        if g[0] is not None:
            times = [(int(g[0]), int(g[1] or 0))] + ([(int(g[2]), int(g[3] or 0))] if g[2] else [])
        else:
            times = [(int(g[4]), int(g[5]))] + ([(int(g[6]), int(g[7]))] if g[6] else [])
        return [("time", h, mi) for h, mi in times if h <= 24 and mi < 60]
    if kind == "amount":
        values = [v for v in g if v]
        return [("amount", round(_value(v) * 100)) for v in values]
    if kind == "quantity":
        unit = _unit(g[2])
        return [("quantity", _value(v), unit) for v in (g[0], g[1]) if v]
    if kind == "number":
        return [("number", _value(g[0] or g[1]))]
    return []


def _numbers_of(key: tuple) -> list[float]:
    """Every number a support fact states, for plain numbers of the answer ("§ 19", "Formular 3", "2024")."""
    kind = key[0]
    if kind in ("number", "quantity"):
        return [key[1]]
    if kind == "amount":
        return [key[1] / 100]
    if kind == "date":
        return [v for v in key[1:] if v is not None]
    if kind == "time":
        return [key[1], key[2]]
    return []


def _weekday(text: str) -> int:
    t = text.strip().lower().rstrip(".")
    if t == "sonnabend":
        return 5
    return next(i for i, day in enumerate(WEEKDAYS) if day.startswith(t[:2]))


def _value(text: str) -> float:
    t = text.lower()
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    return float(t.replace(".", "").replace(",", "."))


def _unit(text: str) -> str:
    t = text.lower()
    for lemma, forms in UNITS.items():
        if re.fullmatch(forms, t):
            return lemma
    return t


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    return y + 2000 if y < 100 else y


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("str.", "straße").split())


def _places_pattern() -> re.Pattern[str] | None:
    return _pattern_of(places())


@lru_cache(maxsize=4)
def _pattern_of(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in names) + r")(?![\w])", re.I)


def places() -> tuple[str, ...]:
    """The place names of the configured city profile (districts and neighbouring towns, not the city itself: every
    answer is about it), case-folded, longest first."""
    from corpus.city import current_profile

    return _folded(current_profile().place_names())


@lru_cache(maxsize=4)
def _folded(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({n.strip().lower() for n in names if n.strip()}, key=len, reverse=True))


def facts_of(texts: Iterable[str]) -> list[Fact]:
    return [f for t in texts for f in extract_facts(t)]
