"""axe-core run in a Playwright page and all its frames, with the report written to test-artifacts/axe/.

axe-core comes inside the `axe-playwright-python` wheel (axe.min.js, MPL-2.0; the wrapper is MIT), so the
check needs no network and no npm step. Its own `Axe.run` injects only into the top frame; the widget's chat
lives in a cross-origin iframe, so axe is injected into every frame here and allowed to talk to frames of any
origin (axe answers across frames by postMessage, and since 4.2 only to its own origin unless told otherwise).
"""

from __future__ import annotations

import json
from pathlib import Path

from axe_playwright_python.base import AXE_SCRIPT, AxeResults

# BITV 2.0 refers to EN 301 549, i.e. WCAG 2.1 level A and AA: these are the rules the tests must pass.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
# Also run, and also held at zero: WCAG 2.2's target size (2.5.8, coming with the next EN 301 549) and axe's
# best practices, which hold the landmark, heading-order and region rules.
EXTRA_TAGS = ("wcag22aa", "best-practice")


def run_axe(page) -> dict:
    """The full axe result (violations, incomplete, passes, inapplicable) for the page and its frames."""
    for frame in page.frames:
        frame.evaluate(AXE_SCRIPT)
        frame.evaluate("axe.configure({allowedOrigins: ['<unsafe_all_origins>']})")
    options = {"runOnly": {"type": "tag", "values": [*WCAG_TAGS, *EXTRA_TAGS]}}
    return page.evaluate("options => axe.run(document, options)", options)


def is_wcag(rule: dict) -> bool:
    return any(tag in WCAG_TAGS for tag in rule["tags"])


def summary(name: str, result: dict) -> str:
    """A short readable account: counts, then each violation with its elements, then what needs a human look."""
    violations, incomplete = result["violations"], result["incomplete"]
    lines = [f"axe-core {result['testEngine']['version']} on {name}: {result['url']}",
             f"{len(violations)} violations ({sum(is_wcag(v) for v in violations)} WCAG 2.0/2.1 A/AA), "
             f"{len(result['passes'])} rules passed, {len(incomplete)} to review, "
             f"{len(result['inapplicable'])} inapplicable"]
    if violations:
        lines.append(AxeResults(result).generate_report())
    for rule in incomplete:
        targets = [" ".join(map(str, n["target"])) for n in rule["nodes"]]
        lines.append(f"review {rule['id']} ({rule['help']}): {', '.join(targets[:5])}"
                     + (f" and {len(targets) - 5} more" if len(targets) > 5 else ""))
    return "\n".join(lines) + "\n"


def write_report(directory: Path, name: str, result: dict) -> str:
    """Write `<name>.json` (all of axe's answer) and `<name>.txt` (the summary); return the summary."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    text = summary(name, result)
    (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    return text


def violation_lines(result: dict) -> list[str]:
    """One line per violated rule: id, impact, WCAG or not, and up to three offending elements."""
    out = []
    for v in result["violations"]:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"]]
        out.append(f"{v['id']} ({v['impact']}, {'WCAG' if is_wcag(v) else 'extra'}): {v['help']} – "
                   f"{len(targets)}× e.g. {targets[:3]}")
    return out
