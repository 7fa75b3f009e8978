"""Readability of an answer with German formulas (textstat): Flesch-Amstad, Wiener Sachtextformel, LIX.

Citations, URLs and list markers are removed first and every line counts as a sentence, because that is how a
reader takes in a list.

Flesch-Amstad and the Wiener Sachtextformel are textstat's formulas over textstat's own word, sentence and syllable
counts, written out here for one reason: textstat caches whole texts (128 of them) and every answer is a new text, so
it hyphenated every word of every answer again. Here the syllables of a word are cached; the numbers are textstat's
to the last bit (tests/unit/test_readability_scores.py).

textstat is imported on the first score, not with this module. textstat imports nltk, and nltk imports scipy.stats
and parts of scikit-learn (together ~1.5 s of CPU), for an English pronunciation dictionary that German never uses;
nltk is therefore imported only when something reads from it (`_Deferred`), which for German is never.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from functools import cache, lru_cache
from types import SimpleNamespace

LANG = "de"


@cache
def _ts() -> SimpleNamespace:
    """textstat's German counters, imported and set up on first use."""
    _defer_import("nltk")
    import textstat
    from textstat.backend import counts, metrics
    from textstat.backend.selections import list_words
    from textstat.backend.utils import get_lang_cfg, get_lang_root, get_pyphen

    scorer = textstat.textstat.__class__()
    scorer.set_lang(LANG)
    return SimpleNamespace(scorer=scorer, counts=counts, metrics=metrics, list_words=list_words,
                           get_lang_cfg=get_lang_cfg, get_lang_root=get_lang_root, get_pyphen=get_pyphen)


class _Deferred(types.ModuleType):
    """Stands in for a module until something reads from it; then the real module is imported and answers.

    (`importlib.util.LazyLoader` cannot do this on Python 3.11: the `import` statement itself reads `__spec__` of a
    module found in sys.modules, which makes a lazy module load at once.)"""

    def __getattr__(self, attr: str):
        if attr.startswith("__") and attr != "__path__":
            raise AttributeError(attr)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


def _defer_import(name: str) -> None:
    """Let `import name` succeed without executing the module, unless it is already imported or not installed."""
    if name not in sys.modules and importlib.util.find_spec(name) is not None:
        sys.modules[name] = _Deferred(name)


def warm_up() -> None:
    """Import textstat and load the German hyphenation dictionary now rather than in the first answer."""
    readability("Den Personalausweis beantragen Sie im Bürgerbüro. Bringen Sie ein biometrisches Foto mit.")


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
        "lix": round(_ts().scorer.lix(text), 1),
    }


def flesch_amstad(text: str) -> float:
    """textstat's `flesch_reading_ease` in German: 180 - words per sentence - 58.5 * syllables per word."""
    ts = _ts()
    sentence_length = ts.metrics.words_per_sentence(text)
    n_words = ts.counts.count_words(text)
    syllables = (sum(_hyphenation_syllables(w) for w in ts.list_words(text, lowercase=True)) / n_words
                 if n_words else 0.0)
    if sentence_length == 0 or syllables == 0:
        return 0.0
    lang = ts.get_lang_root(LANG)
    return (ts.get_lang_cfg(lang, "fre_base") - ts.get_lang_cfg(lang, "fre_sentence_length") * sentence_length
            - ts.get_lang_cfg(lang, "fre_syll_per_word") * syllables)


def wiener_sachtextformel(text: str) -> float:
    """textstat's first Wiener Sachtextformel: shares of words with 3+ syllables, 7+ letters and one syllable."""
    ts = _ts()
    n_words = ts.counts.count_words(text)
    if n_words == 0:
        return 0.0
    syllables = [_word_syllables(w) for w in ts.list_words(text)]
    ms = 100 * sum(1 for s in syllables if s >= 3) / n_words
    sl = ts.metrics.words_per_sentence(text)
    iw = 100 * ts.counts.count_long_words(text) / n_words
    es = 100 * sum(1 for s in syllables if s == 1) / n_words
    return (0.1935 * ms) + (0.1672 * sl) + (0.1297 * iw) - (0.0327 * es) - 0.875


@lru_cache(maxsize=50_000)
def _word_syllables(word: str) -> int:
    """Syllables of one word as textstat counts them for the Sachtextformel."""
    return _ts().counts.count_syllables(word, LANG)


@lru_cache(maxsize=50_000)
def _hyphenation_syllables(word: str) -> int:
    """Syllables of one lower-cased word as textstat's `count_syllables` adds them up for a text (German has no
    pronunciation dictionary, so: hyphenation points + 1)."""
    return len(_ts().get_pyphen(LANG).positions(word)) + 1
