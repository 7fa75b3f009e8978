"""Write a run as `report.json`, `report.md` and a self-contained `report.html` (charts embedded as base64 PNG).

The layout is generic over the results: scalars become metric tables, dicts of per-group numbers (per style, per
type, confusion) become matrices, lists of records (misses, leaks, failures) become item tables, and each suite
gets the charts `evals.charts` has for it. Evaluators can therefore add suites without touching this module.
"""

from __future__ import annotations

import base64
import html
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping

from evals import charts

MAX_ITEMS = 15
MAX_CELL = 160
TITLES = {"pii": "PII", "multiturn": "Multi-turn", "retrieval": "Retrieval", "answers": "Answers",
          "policy": "Policy", "latency": "Latency"}
CONFIG_KEYS = ("target", "backend", "llm_model", "embedder", "embedder_model", "embedder_runtime",
               "retrieval_methods", "corpus_path", "corpus_hash", "guardrails", "git_commit")


@dataclass
class Block:
    kind: str  # heading | text | kv | matrix | items | chart
    title: str = ""
    level: int = 2
    rows: list[list[Any]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    png: bytes | None = None


def new_report_dir(reports_dir: Path, now: datetime | None = None) -> Path:
    """`reports/<YYYYmmdd-HHMMSS>/`, with a suffix when two runs start in the same second."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    path, n = Path(reports_dir) / stamp, 1
    while path.exists():
        n += 1
        path = Path(reports_dir) / f"{stamp}-{n}"
    path.mkdir(parents=True)
    return path


def write_report(report: Mapping[str, Any], out_dir: Path) -> dict[str, Path]:
    """Write the three files into `out_dir`; returns their paths by format."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    blocks = build_blocks(report)
    title = f"Eval report {report.get('meta', {}).get('timestamp', '')}"
    paths = {"json": out_dir / "report.json", "md": out_dir / "report.md", "html": out_dir / "report.html"}
    paths["json"].write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    paths["md"].write_text(render_markdown(title, blocks), encoding="utf-8")
    paths["html"].write_text(render_html(title, blocks), encoding="utf-8")
    return paths


def build_blocks(report: Mapping[str, Any]) -> list[Block]:
    meta, config = report.get("meta", {}), report.get("config", {})
    run_keys = ("timestamp", "target", "suites", "fast", "limit", "duration_s")
    blocks = [Block("kv", "Run", columns=["run", ""], rows=[[k, meta[k]] for k in run_keys if k in meta])]
    config_rows = [[k, config[k]] for k in CONFIG_KEYS if k in config]
    config_rows += [[f"version {k}", v] for k, v in config.get("versions", {}).items()]
    if "deployment" in config:
        config_rows += [[f"deployment {k}", v] for k, v in config["deployment"].items()]
    blocks.append(Block("kv", "Configuration", columns=["setting", "value"], rows=config_rows))
    if meta.get("datasets"):
        blocks.append(Block("kv", "Datasets", level=3, columns=["suite", "file"],
                            rows=[[k, v] for k, v in meta["datasets"].items()]))
    verdict = report.get("check")
    if verdict is not None:
        status = "PASSED" if verdict.get("passed") else "FAILED"
        blocks.append(Block("heading", f"Threshold check: {status} ({verdict.get('checked', 0)} thresholds)"))
        if verdict.get("failures"):
            blocks.append(Block("items", "Failing metrics", level=3, columns=["failure"],
                                rows=[[f] for f in verdict["failures"]]))
    for suite, results in report.get("results", {}).items():
        blocks.append(Block("heading", TITLES.get(suite, suite.capitalize())))
        for chart_title, make in charts.CHARTS.get(suite, ()):
            png = make(results)
            if png:
                blocks.append(Block("chart", chart_title, png=png))
        blocks.extend(_section_blocks(suite, results, level=3))
    if report.get("errors"):
        blocks.append(Block("items", "Suites that failed", columns=["suite", "error"],
                            rows=[[k, v] for k, v in report["errors"].items()]))
    return blocks


def _is_scalar(v: Any) -> bool:
    return v is None or isinstance(v, (int, float, str, bool))


def _section_blocks(name: str, value: Mapping[str, Any], level: int) -> list[Block]:
    blocks: list[Block] = []
    scalars = [[k, v] for k, v in value.items() if _is_scalar(v)]
    if scalars:
        blocks.append(Block("kv", f"{name}: metrics", level=level, rows=scalars))
    dicts = {k: v for k, v in value.items() if isinstance(v, Mapping) and v}
    tables = {k: v for k, v in dicts.items() if all(isinstance(x, Mapping) for x in v.values())}
    groups = {k: v for k, v in dicts.items() if k not in tables}
    clusters: list[tuple[set[str], list[str]]] = []
    for key, child in groups.items():  # groups sharing most scalar metrics go side by side (retrieval methods)
        scalars = {k for k, v in child.items() if _is_scalar(v)}
        for first, keys in clusters:
            if scalars and len(first & scalars) * 2 >= min(len(first), len(scalars)):
                keys.append(key)
                break
        else:
            clusters.append((scalars, [key]))
    for scalar_keys, keys in clusters:
        if len(keys) > 1 and scalar_keys:
            blocks.append(_matrix(f"{name}: {', '.join(keys)}", {k: groups[k] for k in keys}))
            for key in keys:
                rest = {k: v for k, v in groups[key].items() if not _is_scalar(v)}
                blocks.extend(_section_blocks(f"{name}.{key}", rest, level + 1))
        else:
            for key in keys:
                blocks.extend(_section_blocks(f"{name}.{key}", groups[key], level + 1))
    for key, table in tables.items():
        blocks.append(_matrix(f"{name}.{key}", table))
    for key, items in value.items():
        if isinstance(items, list) and items and all(isinstance(i, Mapping) for i in items):
            columns = list(dict.fromkeys(k for i in items[:MAX_ITEMS] for k in i))
            title = f"{name}.{key} ({len(items)}, first {min(len(items), MAX_ITEMS)})"
            blocks.append(Block("items", title, level=level, columns=columns,
                                rows=[[i.get(c) for c in columns] for i in items[:MAX_ITEMS]]))
    return blocks


def _matrix(title: str, table: Mapping[str, Mapping[str, Any]]) -> Block:
    columns = list(dict.fromkeys(k for row in table.values() for k, v in row.items() if _is_scalar(v)))
    rows = [[label, *[row.get(c) for c in columns]] for label, row in table.items()]
    return Block("matrix", title, level=4, columns=["", *columns], rows=rows)


def fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:.0f}"
    if value is None:
        return "–"
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    elif isinstance(value, Mapping):
        value = json.dumps(value, ensure_ascii=False)
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_CELL else text[:MAX_CELL] + " …"


def render_markdown(title: str, blocks: list[Block]) -> str:
    out = [f"# {title}", ""]
    for b in blocks:
        if b.kind == "heading":
            out += [f"{'#' * b.level} {b.title}", ""]
        elif b.kind == "chart":
            out += [f"*Chart: {b.title} (see report.html)*", ""]
        else:
            columns = b.columns or ["metric", "value"]
            out += [f"{'#' * min(b.level, 6)} {b.title}", "", "| " + " | ".join(columns) + " |",
                    "|" + "---|" * len(columns)]
            out += ["| " + " | ".join(fmt(c).replace("|", "\\|") for c in row) + " |" for row in b.rows]
            out.append("")
    return "\n".join(out)


CSS = """body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1.2rem;font-size:.85rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f0f3f5}
td.num{text-align:right;font-variant-numeric:tabular-nums}
img.chart{max-width:100%;border:1px solid #ddd;margin:.5rem 0 1rem;display:block}
h2{border-bottom:2px solid #2a6f97;padding-bottom:.2rem;margin-top:2.2rem}
.failed{color:#b03a2e}.passed{color:#1e8449}tr.regression td{background:#fdecea}"""


def render_html(title: str, blocks: list[Block], extra_css: str = "") -> str:
    esc = html.escape
    out = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)}</title>"
           f"<style>{CSS}{extra_css}</style></head><body><h1>{esc(title)}</h1>"]
    for b in blocks:
        level = min(b.level, 6)
        if b.kind == "heading":
            cls = " class='failed'" if "FAILED" in b.title else " class='passed'" if "PASSED" in b.title else ""
            out.append(f"<h{level}{cls}>{esc(b.title)}</h{level}>")
        elif b.kind == "chart" and b.png:
            data = base64.b64encode(b.png).decode("ascii")
            out.append(f"<img class='chart' alt='{esc(b.title)}' src='data:image/png;base64,{data}'>")
        elif b.rows or b.kind != "chart":
            out.append(f"<h{level}>{esc(b.title)}</h{level}>")
            columns = b.columns or ["metric", "value"]
            out.append("<table><thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in columns) + "</tr></thead><tbody>")
            for row in b.rows:
                cls = " class='regression'" if row and row[-1] is True and columns[-1] == "regression" else ""
                cells = "".join(f"<td class='num'>{esc(fmt(c))}</td>" if isinstance(c, (int, float))
                                and not isinstance(c, bool) else f"<td>{esc(fmt(c))}</td>" for c in row)
                out.append(f"<tr{cls}>{cells}</tr>")
            out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out)
