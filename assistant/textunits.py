"""Sentences and list items of a section, and the content terms used to match them against a question.

The city's own name is no content term: every document is about the city, so "Krefeld" in a question matches
nothing in particular. It comes from the city profile (corpus/city.py), read when terms are first needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.intents import fold

_STOP = frozenset(fold(w) for w in """
der die das den dem des ein eine einen einem einer eines und oder aber auch noch nur schon sehr mal
ich du er sie es wir ihr mich mir mein meine meinen meinem meiner dich dir sich uns euch ihnen ihr ihre
ist sind war bin bist sein haben habe hat hatte wird werden wurde kann koennen muss muessen soll sollen
will wollen darf duerfen moechte mag gibt geben geht gehen mache machen tun
was wie wo wer wann warum wieso welche welcher welches wohin woher ob dass wenn weil denn als
in im ins an am auf aus bei mit nach von vom zu zum zur fuer ueber unter um durch gegen ohne bis seit
nicht kein keine keinen hier da dort dann so bitte danke hallo guten tag frage fragen stadt
""".split())

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9\"„(*])")
# A full stop that does not end a sentence: ordinals before a month or similar noun ("seit dem 1. Januar",
# "ab dem 3. Lebensjahr") and the abbreviations of official German ("Abs.", "Nr.", "z. B.").
_ORDINAL_NOUN = re.compile(r"(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
                           r"Dezember|Lebensjahr|Klasse|Kindergartenjahr|Schuljahr|Stock|Etage|Obergeschoss)\b")
_ABBREVIATION = re.compile(r"(?:\b\d{1,2}|\b[A-Za-z]|\b(?:Abs|Nr|Art|Str|ca|bzw|vgl|Dr|St|Tel|Jh|z\. ?B|u\. ?a|d\. ?h|i\. ?d\. ?R))\.$")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*•]|\d+[.)])\s+")


@dataclass(frozen=True)
class Unit:
    """A sentence or list item of a section; `lead` is the sentence that introduces a list item, if any."""

    text: str
    is_item: bool
    lead: str = ""


_WORD = re.compile(r"[A-Za-zÄÖÜäöüß0-9]+")


def terms(text: str) -> set[str]:
    """Content terms: lemmatised, folded, stopwords dropped, plus a 6-letter prefix so 'Gebühren' meets 'gebührenfrei'."""
    return set(term_set(text))


def term_set(text: str) -> frozenset[str]:
    """`terms` for reading only. Cached: the composer and the grounding check match the same document sentences
    against every question."""
    return _term_set(text, _city_stop())


def _city_stop() -> frozenset[str]:
    """The folded words of the configured city's name: stop terms like "stadt"."""
    from corpus.city import current_profile

    return _folded_words(current_profile().name)


@lru_cache(maxsize=4)
def _folded_words(name: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _WORD.findall(name))


@lru_cache(maxsize=16_384)
def _term_set(text: str, city: frozenset[str]) -> frozenset[str]:
    return frozenset(t for word in _WORD.findall(text) for t in _word_terms(word, city))


@lru_cache(maxsize=50_000)
def _word_terms(word: str, city: frozenset[str]) -> tuple[str, ...]:
    import simplemma

    w = fold(word)
    if w in _STOP or w in city or len(w) < 2:
        return ()
    lemma = fold(simplemma.lemmatize(word, lang="de"))
    if lemma in _STOP or lemma in city:  # 'hab' is 'haben'
        return ()
    return (lemma, lemma[:6] + "*") if len(lemma) > 6 else (lemma,)


def stream_tokens(text: str) -> list[str]:
    """Words with their trailing whitespace, so that joining the tokens gives the text back exactly."""
    return re.findall(r"\S+\s*|\s+", text)


def split_sentences(prose: str) -> list[str]:
    """Sentences of a prose paragraph; keeps '1. Januar', 'Abs. 4' and 'z. B.' inside their sentence."""
    parts = [p for p in _SENTENCE_END.split(prose) if p.strip()]
    out: list[str] = []
    for part in parts:
        if out and (_ABBREVIATION.search(out[-1]) and (not re.search(r"\d\.$", out[-1]) or _ORDINAL_NOUN.match(part))):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return [s.strip() for s in out]


def segments(section_text: str) -> list[Unit]:
    """Units of a section: each list item is one unit, prose is split into sentences.

    A list item keeps the sentence that introduces it ("Ummelden müssen Sie, wenn" / "Das kostet:"), so an item
    picked alone can still be shown with what it answers. Nested items are introduced by their parent item.
    """
    out: list[Unit] = []
    for block in re.split(r"\n\s*\n", section_text.strip()):
        prose: list[str] = []
        item, item_indent = "", 0
        top_lead, parent = "", ""

        def flush_prose() -> None:
            nonlocal top_lead
            if prose:
                sentences = split_sentences(" ".join(prose))
                out.extend(Unit(s, False) for s in sentences)
                prose.clear()
                top_lead = sentences[-1] if sentences and _introduces(sentences[-1]) else ""

        def flush_item() -> None:
            nonlocal item, parent
            if item:
                lead = parent if item_indent > 0 and parent else top_lead
                out.append(Unit(item, True, lead))
                if item_indent == 0:
                    parent = item if _introduces(item) else ""
                item = ""

        for line in block.splitlines():
            if not line.strip():
                continue
            m = _LIST_ITEM.match(line)
            if m:
                flush_prose()
                flush_item()
                item, item_indent = line[m.end():].strip(), len(m.group(1))
            elif item and line.startswith("  "):
                item += " " + line.strip()
            else:
                flush_item()
                prose.append(line.strip())
        flush_item()
        flush_prose()
    return _carry_leads(out)


def _carry_leads(us: list[Unit]) -> list[Unit]:
    """A list separated from its intro by a blank line still belongs to that intro."""
    out: list[Unit] = []
    lead = ""
    for u in us:
        if not u.is_item:
            lead = u.text if _introduces(u.text) else ""
            out.append(u)
        elif not u.lead and lead:
            out.append(Unit(u.text, True, lead))
        else:
            out.append(u)
    return out


def _introduces(text: str) -> bool:
    """A sentence that ends without a full stop ("..., wenn" / "Das kostet:") introduces the list after it."""
    t = text.rstrip().rstrip("*").rstrip()
    return bool(t) and t[-1] not in ".!?"


def units(section_text: str) -> list[tuple[str, bool]]:
    """(text, is_list_item) units: each list item is one unit, prose is split into sentences."""
    return [(u.text, u.is_item) for u in segments(section_text)]


# -- the question's side of the match ---------------------------------------------------------------------------

# Everyday verbs of questions and the words the documents use for them.
_QUESTION_VERBS: dict[str, tuple[str, ...]] = {
    "erhalte": ("bekommen",), "erhalten": ("bekommen",), "kriege": ("bekommen",), "krieg": ("bekommen",),
    "kriegt": ("bekommen",), "kriegen": ("bekommen",), "benoetige": ("brauchen",), "benoetigen": ("brauchen",),
    "brauch": ("brauchen",), "salary": ("einkommen",), "income": ("einkommen",), "fingerprints": ("fingerabdruck",),
    "sign": ("schild",), "signs": ("schild",), "owner": ("halter",), "papers": ("unterlagen",),
}


def question_terms(question: str) -> set[str]:
    """Terms of a question plus the document words for its colloquial, English and everyday words ('Karre' -> Fahrzeug)."""
    from retrieval.glossary import english_glossary

    out = terms(question)
    for word in re.findall(r"[A-Za-zÄÖÜäöüß]+", question.lower()):
        for table in (english_glossary(), _QUESTION_VERBS):
            for other in table.get(word, ()) + table.get(fold(word), ()):
                out |= terms(other)
    return out


def phrases(question: str) -> set[str]:
    """Word pairs of the question with one function word ('ohne termin', 'nicht rueckwirkend', 'kein porto').

    Content terms drop 'ohne' and 'nicht', yet "ohne Termin" asks something else than "Termin"; a sentence that
    contains the pair answers it.
    """
    words = [fold(w) for w in re.findall(r"[A-Za-zÄÖÜäöüß]+", question)]
    return {f"{a} {b}" for a, b in zip(words, words[1:])
            if a in _PHRASE_HEADS and b not in _STOP and len(b) >= 4}


_PHRASE_HEADS = frozenset("ohne nicht kein keine keinen nur vor nach ab bis seit ein eine einen zwei drei vier".split())


@lru_cache(maxsize=4096)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A word pair as it may stand inflected in a folded sentence: 'ein hund' meets 'fuer einen hund', 'zwei hunde'
    meets 'bei zwei hunden'."""
    head, noun = phrase.split(" ", 1)
    return re.compile(rf"\b{re.escape(head)}\w{{0,2}} {re.escape(noun[:-1])}\w{{0,3}}\b")
_NUMBER_WORDS = {w: n for n, w in enumerate(
    "null eins zwei drei vier fuenf sechs sieben acht neun zehn elf zwoelf dreizehn vierzehn fuenfzehn sechzehn "
    "siebzehn achtzehn neunzehn zwanzig".split())}
_AGE = re.compile(r"(?<!seit )(?<!vor )(?<!nach )(?<!fuer )(?<!in )(?<!alle )(?<!since )(?<!for )\b(\d{1,2}) ?(jahre?n?|years?|j)\b(?! lang)"
                  r"|\b(?:bin|ist|wird|werde|werden|geworden|i am|he is|she is|alter von) (\d{1,2}|[a-z]+)\b"
                  r"|\b(\d{1,2}|[a-z]+) (?:geworden|jahre alt|years old)\b")


def question_age(question: str) -> int | None:
    """The age a question names ("sie ist 19", "Bin 35.", "I am 30 years", "ein Kind mit 8 Jahren"), if any."""
    for m in _AGE.finditer(fold(question)):
        raw = next(g for g in m.groups() if g)
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
        if n is not None and 0 < n < 120:
            return n
    return None


_AGE_RANGE = re.compile(r"\b(?:von )?(\d{1,2}) bis (\d{1,2}) jahren?\b|\b(ab|ueber|mindestens|unter|bis) (\d{1,2}) jahren?\b")


def age_fit(text: str, age: int) -> int | None:
    """+1 when the sentence names an age range that holds `age`, -1 when it names only others, None without ranges."""
    spans = []
    for m in _AGE_RANGE.finditer(fold(text)):
        if m.group(1):
            spans.append((int(m.group(1)), int(m.group(2))))
        else:
            word, n = m.group(3), int(m.group(4))
            spans.append({"ab": (n, 200), "mindestens": (n, 200), "ueber": (n + 1, 200), "unter": (0, n - 1),
                          "bis": (0, n)}[word])
    if not spans:
        return None
    return 1 if any(lo <= age <= hi for lo, hi in spans) else -1
