"""Readability of an answer with German formulas (textstat): Flesch-Amstad, Wiener Sachtextformel, LIX.

Citations, URLs and list markers are removed first and every line counts as a sentence, because that is how a
reader takes in a list.
"""

from __future__ import annotations

import re

import textstat

_textstat = textstat.textstat.__class__()
_textstat.set_lang("de")


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
        "flesch_amstad": round(_textstat.flesch_reading_ease(text), 1),
        "wiener_sachtextformel": round(_textstat.wiener_sachtextformel(text, 1), 1),
        "lix": round(_textstat.lix(text), 1),
    }
