"""Readability of an answer with German formulas (textstat): Flesch-Amstad, Wiener Sachtextformel, LIX.

Citations, URLs and list markers are removed first and every line counts as a sentence, because that is how a
reader takes in a list.

Flesch-Amstad and the Wiener Sachtextformel are textstat's formulas over textstat's own word, sentence and syllable
counts, written out here for one reason: textstat caches whole texts (128 of them) and every answer is a new text, so
it hyphenated every word of every answer again. Here the syllables of a word are cached; the numbers are textstat's
to the last bit (tests/unit/test_readability_scores.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

import textstat
from textstat.backend import counts, metrics
from textstat.backend.selections import list_words
from textstat.backend.utils import get_lang_cfg, get_lang_root, get_pyphen

LANG = "de"
_textstat = textstat.textstat.__class__()
_textstat.set_lang(LANG)


def plain_text(answer: str) -> str:
    text = re.sub(r"\[\d+\]", "", answer)
    text = re.sub(r"https?://\S+", "Link", text)
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).replace("**", "").strip()
        if line:
            lines.append(line if line[-1] in ".!?:" else line + ".")
    return " ".join(lines)


def readability(answer: str) -> dict[str, float]:
    text = plain_text(answer)
    if len(text.split()) < 3:
        return {}
    return {
        "flesch_amstad": round(flesch_amstad(text), 1),
        "wiener_sachtextformel": round(wiener_sachtextformel(text), 1),
        "lix": round(_textstat.lix(text), 1),
    }


def flesch_amstad(text: str) -> float:
    """textstat's `flesch_reading_ease` in German: 180 - words per sentence - 58.5 * syllables per word."""
    sentence_length = metrics.words_per_sentence(text)
    n_words = counts.count_words(text)
    syllables = sum(_hyphenation_syllables(w) for w in list_words(text, lowercase=True)) / n_words if n_words else 0.0
    if sentence_length == 0 or syllables == 0:
        return 0.0
    lang = get_lang_root(LANG)
    return (get_lang_cfg(lang, "fre_base") - get_lang_cfg(lang, "fre_sentence_length") * sentence_length
            - get_lang_cfg(lang, "fre_syll_per_word") * syllables)


def wiener_sachtextformel(text: str) -> float:
    """textstat's first Wiener Sachtextformel: shares of words with 3+ syllables, 7+ letters and one syllable."""
    n_words = counts.count_words(text)
    if n_words == 0:
        return 0.0
    syllables = [_word_syllables(w) for w in list_words(text)]
    ms = 100 * sum(1 for s in syllables if s >= 3) / n_words
    sl = metrics.words_per_sentence(text)
    iw = 100 * counts.count_long_words(text) / n_words
    es = 100 * sum(1 for s in syllables if s == 1) / n_words
    return (0.1935 * ms) + (0.1672 * sl) + (0.1297 * iw) - (0.0327 * es) - 0.875


@lru_cache(maxsize=50_000)
def _word_syllables(word: str) -> int:
    """Syllables of one word as textstat counts them for the Sachtextformel."""
    return counts.count_syllables(word, LANG)


@lru_cache(maxsize=50_000)
def _hyphenation_syllables(word: str) -> int:
    """Syllables of one lower-cased word as textstat's `count_syllables` adds them up for a text (German has no
    pronunciation dictionary, so: hyphenation points + 1)."""
    return len(get_pyphen(LANG).positions(word)) + 1
