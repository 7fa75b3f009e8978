"""Normalisation and decoding of citizen messages before the policy rules see them.

Attackers and citizens spell the same words in many ways: "Selbstmord", "SELBSTMORD", "s e l b s t m o r d",
"s3lbstm0rd", "Gebühr"/"Gebuehr", full-width letters, zero-width characters. Rules match one folded form:
lower case, umlauts as ae/oe/ue, ß as ss, accents stripped, leetspeak inside words mapped back to letters, letters
spaced out one by one joined again. Encoded payloads (base64, hex, rot13) are decoded so the rules can look at what
they say.

`visible()` comes first, for every message and every LLM answer: characters a reader cannot see are where text
hides from a classifier or a regex while a tokenizer still reads it ("ASCII smuggling" in Unicode tag characters
U+E0020..E007F, zero-width joiners inside a word, bidi overrides).
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a",
                       "$": "s", "€": "e"})
# Invisible characters that are not format (Cf) characters: combining grapheme joiner, Mongolian and standard
# variation selectors, Hangul fillers and the braille blank (both render as nothing or as a blank).
_INVISIBLE_OTHER = re.compile("[\u034f\u180b-\u180d\u180f\ufe00-\ufe0f\u115f\u1160\u3164\uffa0\u2800"
                              "\U000e0000-\U000effff]")  # plane 14: tags and variation selectors supplement
_DROPPED_CATEGORIES = frozenset({"Cf", "Cs", "Co", "Cn"})  # format, surrogate, private use, unassigned
# NFKC would turn "80 m²" into "80 m2"; square and cubic metres are everyday German in building and housing.
_NOT_KEPT = re.compile("[^\u00b2\u00b3]++")  # a possessive run: read once
# Every pattern here is linear in the message length (guardrails/regex_reach.py): a repeat is bounded, or it is a
# possessive run that ends the pattern, which cannot fail once it has started and so is read once.
# A token mixing letters with leet characters, e.g. "s3lbstm0rd", "1gn0r13r3", "@dmin"; plain numbers stay numbers.
# Both look-aheads look at the token's first 40 characters: unbounded, each position of a 2,000-letter run read to the
# end of the run.
_LEET_TOKEN = re.compile(r"(?=[\w@$€]{0,40}[a-z])(?=[\w@$€]{0,40}[0-9@$€])[a-z0-9@$€]{3,}+")
# Four or more single letters separated by spaces, dots, dashes or underscores: "i g n o r e", "s.u.i.z.i.d" (up to
# 200 letters in one go).
_SPACED = re.compile(r"(?<![a-z0-9])(?:[a-z][ ._\-*]{1,3}){3,200}[a-z](?![a-z0-9])")
_REPEATS = re.compile(r"([a-z])\1{2,}+")
_SPACE = re.compile(r"\s++")

_BASE64_CHUNK = re.compile(r"[A-Za-z0-9+/]{16,}+={0,2}")
_HEX_CHUNK = re.compile(r"(?:[0-9a-fA-F]{2}[\s:]?){8,}+")


def visible(text: str) -> str:
    """The text as a reader sees it, NFKC-folded: invisible characters dropped (format characters such as zero-width
    space and joiner, soft hyphen, bidi controls and Unicode tags; variation selectors; private-use, unassigned and
    lone surrogate code points), line and paragraph separators as newlines, compatibility forms folded (full-width
    "Ｓｕｉｚｉｄ" → "Suizid", "ﬁ" → "fi", no-break spaces → spaces) except ² and ³.

    Emoji written with ZWJ or a variation selector fall apart into their parts, and Persian loses its ZWNJ, which
    changes the look, not the words. Idempotent, and cheap for plain ASCII."""
    if text.isascii():
        return text
    t = _INVISIBLE_OTHER.sub("", text)
    t = "".join(c for c in t if unicodedata.category(c) not in _DROPPED_CATEGORIES)
    t = t.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _NOT_KEPT.sub(lambda m: unicodedata.normalize("NFKC", m.group()), t)


def fold(text: str) -> str:
    """Lower case, umlauts folded (ä→ae, ß→ss), accents and invisible characters removed, spaces collapsed."""
    t = visible(text).lower().translate(_UMLAUTS)
    if not t.isascii():  # accents to strip (ASCII text, most of it, has none: no per-character loop)
        t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    return _SPACE.sub(" ", t).strip()


def deobfuscate(folded: str) -> str:
    """Undo leetspeak inside words, join spaced-out letters and shorten letter runs ("hiiilfe" → "hilfe")."""
    t = _LEET_TOKEN.sub(lambda m: m.group(0).translate(_LEET), folded)
    t = _SPACED.sub(lambda m: re.sub(r"[ ._\-*]", "", m.group(0)), t)
    return _REPEATS.sub(r"\1", t)


def variants(text: str) -> list[str]:
    """The distinct forms the rules match against: folded, and folded with obfuscation undone."""
    folded = fold(text)
    clean = deobfuscate(folded)
    return [folded] if clean == folded else [folded, clean]


def decode_payloads(text: str) -> list[tuple[str, str]]:
    """Readable text hidden in base64 or hex chunks of the message, as (encoding, decoded text) pairs."""
    found: list[tuple[str, str]] = []
    for chunk in _BASE64_CHUNK.findall(text):
        if chunk.isalpha() and (chunk.islower() or chunk.isupper()):
            continue  # a long plain word, e.g. a German compound, is not base64
        decoded = _b64(chunk)
        if decoded:
            found.append(("base64", decoded))
    for chunk in _HEX_CHUNK.findall(text):
        digits = re.sub(r"[\s:]", "", chunk)
        if digits.isdigit():
            continue  # phone or file numbers
        try:
            decoded = _readable(bytes.fromhex(digits))
        except ValueError:
            decoded = None
        if decoded:
            found.append(("hex", decoded))
    return found


def rot13(text: str) -> str:
    return codecs.decode(text, "rot13")


def _b64(chunk: str) -> str | None:
    padded = chunk + "=" * (-len(chunk) % 4)
    try:
        return _readable(base64.b64decode(padded, validate=True))
    except (binascii.Error, ValueError):
        return None


def _readable(raw: bytes) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    letters = sum(c.isalpha() or c.isspace() for c in text)
    return text if len(text) >= 6 and letters / len(text) >= 0.8 else None
