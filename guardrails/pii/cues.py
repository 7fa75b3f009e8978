"""Cue words of the identifier recognizers, read from data files under guardrails/pii/data/.

`identifier_cues.yaml` lists, per kind (passport, id_card, case_number, birth) and language, the words that announce an
identifier or a birth date; `months.yaml` the month names of dates; `person_cues.yaml` the words around a name;
`name_parts.yaml` the particles inside surnames ("van der", "de la", "von") and the prefixes joined to Arabic surnames
("Al-", "El-"). The recognizers hold the mechanism (what a value after a cue looks like); these files
hold what Krefeld's residents write, so a new language or document needs a line of data, not code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from corpus.errors import ConfigurationError

DATA = Path(__file__).resolve().parent / "data"
IDENTIFIER_CUES = DATA / "identifier_cues.yaml"
NAME_PARTS = DATA / "name_parts.yaml"
PERSON_CUES = DATA / "person_cues.yaml"
MONTHS = DATA / "months.yaml"
DATE_WORDS = DATA / "date_words.yaml"
DATE_WORD_KINDS = ("fillers", "cutoffs")
CUE_KINDS = ("passport", "id_card", "case_number", "birth")
PERSON_CUE_KINDS = ("strong", "introductions", "greetings", "relatives", "roles", "after_hier", "not_names")
NAME_PART_KINDS = ("particles", "surname_prefixes")
MAX_CUE_CHARS = 40


@lru_cache(maxsize=8)
def load_identifier_cues(path: Path = IDENTIFIER_CUES) -> dict[str, tuple[str, ...]]:
    """Kind -> its cues of every language, longest first (so "passport number" wins over "passport")."""
    raw = _read(path)
    if set(raw) != set(CUE_KINDS):
        raise ConfigurationError(f"{path}: kinds must be exactly {list(CUE_KINDS)}, got {sorted(raw)}")
    out = {}
    for kind, by_language in raw.items():
        if not isinstance(by_language, dict) or not by_language:
            raise ConfigurationError(f"{path}: {kind!r} must map language codes to lists of cues")
        cues: set[str] = set()
        for language, words in by_language.items():
            cues |= set(_words(words, f"{path}: {kind}.{language}"))
        out[kind] = tuple(sorted(cues, key=lambda c: (-len(c), c)))
    return out


@lru_cache(maxsize=8)
def load_name_parts(path: Path = NAME_PARTS) -> dict[str, frozenset[str]]:
    """`particles` (lower-case words inside names) and `surname_prefixes` (ending in "-")."""
    raw = _read(path)
    if set(raw) != set(NAME_PART_KINDS):
        raise ConfigurationError(f"{path}: keys must be exactly {list(NAME_PART_KINDS)}, got {sorted(raw)}")
    parts = {key: frozenset(_words(raw[key], f"{path}: {key}")) for key in NAME_PART_KINDS}
    bad = [p for p in parts["surname_prefixes"] if not p.endswith("-")]
    if bad:
        raise ConfigurationError(f"{path}: surname_prefixes must end in '-', got {bad}")
    return parts


@lru_cache(maxsize=8)
def load_person_cues(path: Path = PERSON_CUES) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Kind -> its cues of every language as token sequences, longest first: the words split at spaces, a ":" ending
    a word a token of its own, as the blank German tokenizer splits them ("name:" -> ("name", ":"))."""
    raw = _read(path)
    if set(raw) != set(PERSON_CUE_KINDS):
        raise ConfigurationError(f"{path}: kinds must be exactly {list(PERSON_CUE_KINDS)}, got {sorted(raw)}")
    out = {}
    for kind, by_language in raw.items():
        if not isinstance(by_language, dict) or not by_language:
            raise ConfigurationError(f"{path}: {kind!r} must map language codes to lists of cues")
        cues: set[tuple[str, ...]] = set()
        for language, words in by_language.items():
            cues |= {cue_tokens(w) for w in _words(words, f"{path}: {kind}.{language}")}
        out[kind] = tuple(sorted(cues, key=lambda c: (-len(c), c)))
    return out


@lru_cache(maxsize=8)
def load_date_words(path: Path = DATE_WORDS) -> dict[str, tuple[str, ...]]:
    """Kind ("fillers", "cutoffs") -> the words of every language, longest first."""
    raw = _read(path)
    if set(raw) != set(DATE_WORD_KINDS):
        raise ConfigurationError(f"{path}: kinds must be exactly {list(DATE_WORD_KINDS)}, got {sorted(raw)}")
    out = {}
    for kind in DATE_WORD_KINDS:
        if not isinstance(raw[kind], dict) or not raw[kind]:
            raise ConfigurationError(f"{path}: {kind} must map language codes to lists of words")
        words = {w for language, ws in raw[kind].items() for w in _words(ws, f"{path}: {kind}.{language}")}
        out[kind] = tuple(sorted(words, key=lambda w: (-len(w), w)))
    return out


@lru_cache(maxsize=8)
def load_months(path: Path = MONTHS) -> dict[str, int]:
    """Month name or abbreviation (lower case) -> month number, over every language of the file."""
    raw = _read(path)
    out: dict[str, int] = {}
    for language, months in raw.items():
        if not isinstance(months, list) or len(months) != 12:
            raise ConfigurationError(f"{path}: {language} must list twelve months, got {months!r:.80}")
        for number, names in enumerate(months, start=1):
            for name in _words(names, f"{path}: {language}[{number}]"):
                if out.setdefault(name, number) != number:
                    raise ConfigurationError(f"{path}: {name!r} names month {out[name]} and month {number}")
    return out


def cue_tokens(cue: str) -> tuple[str, ...]:
    """The tokens of a cue phrase: its words, with a ":" that ends a word split off."""
    tokens: list[str] = []
    for word in cue.split():
        tokens.extend([word[:-1], ":"] if word.endswith(":") and len(word) > 1 else [word])
    return tuple(tokens)


def cue_regex(kind: str, path: Path = IDENTIFIER_CUES) -> str:
    """An alternation of the kind's cues as whole words: letters, digits or a hyphen may not touch either end; the
    spaces inside a cue may be any one to three spaces."""
    cues = load_identifier_cues(path)[kind]
    body = "|".join(r"[ \t\u00a0]{1,3}".join(re.escape(part) for part in cue.split()) for cue in cues)
    return r"(?<![\w-])(?:" + body + r")(?![\w-])"


def _read(path: Path) -> dict:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"cue file {path} cannot be read: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigurationError(f"{path}: expected a mapping at the top level, got {type(raw).__name__}")
    return raw


def _words(words: object, where: str) -> list[str]:
    if not isinstance(words, list) or not words:
        raise ConfigurationError(f"{where}: expected a non-empty list of words")
    out = []
    for word in words:
        if not isinstance(word, str) or not word.strip() or word != word.strip() or word != word.lower():
            raise ConfigurationError(f"{where}: a cue is a non-empty lower-case string without outer spaces, "
                                     f"got {word!r}")
        if len(word) > MAX_CUE_CHARS:
            raise ConfigurationError(f"{where}: a cue has at most {MAX_CUE_CHARS} characters, got {word!r}")
        out.append(word)
    if len(set(out)) != len(out):
        raise ConfigurationError(f"{where}: duplicate cues {sorted({w for w in out if out.count(w) > 1})}")
    return out
