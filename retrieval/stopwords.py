"""German stopwords for lexical search, read from `retrieval/data/stopwords_de.txt` (a language resource, not code).

Kept short on purpose: BM25's IDF already damps frequent words; this list removes words that carry no topic at all
("ich", "wie", "muss", "bitte", "hallo") so they neither match nor dilute the query.
"""

from __future__ import annotations

from pathlib import Path

PATH = Path(__file__).resolve().parent / "data" / "stopwords_de.txt"


def read_words(path: Path) -> frozenset[str]:
    """Lower-case words of a one-word-per-line file; '#' starts a comment."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            if word != word.lower() or " " in word:
                raise ValueError(f"{path}: one lower-case word per line, got {word!r}")
            words.add(word)
    return frozenset(words)


STOPWORDS: frozenset[str] = read_words(PATH)
