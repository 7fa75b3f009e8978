"""Sentences and list items of a section, and the content terms used to match them against a question."""

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
nicht kein keine keinen hier da dort dann so bitte danke hallo guten tag frage fragen krefeld stadt
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


@lru_cache(maxsize=50_000)
def _lemma(word: str) -> str:
    import simplemma

    return fold(simplemma.lemmatize(word, lang="de"))


def terms(text: str) -> set[str]:
    """Content terms: lemmatised, folded, stopwords dropped, plus a 6-letter prefix so 'Gebühren' meets 'gebührenfrei'."""
    out: set[str] = set()
    for word in re.findall(r"[A-Za-zÄÖÜäöüß0-9]+", text):
        w = fold(word)
        if w in _STOP or len(w) < 2:
            continue
        lemma = _lemma(word)
        out.add(lemma)
        if len(lemma) > 6:
            out.add(lemma[:6] + "*")
    return out


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
