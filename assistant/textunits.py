"""Sentences and list items of a section, and the content terms used to match them against a question."""

from __future__ import annotations

import re
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

_SPLIT_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9\"„(])")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


@lru_cache(maxsize=50_000)
def _lemma(word: str) -> str:
    import simplemma

    return fold(simplemma.lemmatize(word, lang="de"))


def terms(text: str) -> set[str]:
    """Content terms: lemmatised, folded, stopwords dropped, plus a 5-letter prefix so 'Gebühren' meets 'gebührenfrei'."""
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


def units(section_text: str) -> list[tuple[str, bool]]:
    """(text, is_list_item) units: each list item is one unit, prose is split into sentences."""
    out: list[tuple[str, bool]] = []
    for block in re.split(r"\n\s*\n", section_text.strip()):
        lines = [ln for ln in block.splitlines() if ln.strip()]
        if lines and all(_LIST_ITEM.match(ln) or (i > 0 and ln.startswith("  ")) for i, ln in enumerate(lines)):
            item = ""
            for ln in lines:
                if _LIST_ITEM.match(ln):
                    if item:
                        out.append((item, True))
                    item = _LIST_ITEM.sub("", ln).strip()
                else:
                    item += " " + ln.strip()
            if item:
                out.append((item, True))
            continue
        prose = " ".join(ln.strip() for ln in lines)
        out.extend((s.strip(), False) for s in _SPLIT_SENTENCES.split(prose) if s.strip())
    return out
