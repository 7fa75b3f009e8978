"""Compare two report directories: one row per metric with A, B, delta and whether B regressed.

The direction of a metric comes from `thresholds.yaml` (a `max` threshold means lower is better) and otherwise
from its name (rates of fallbacks, leaks, refusals of benign questions, unsupported sentences, latencies, LIX and
Wiener Sachtextformel are better low; counts such as `n` have no direction). Latencies only count as a regression
when they grow by more than `latency_tolerance` (relative), because timings are noisy.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

from evals.check import flatten

LOWER_IS_BETTER = ("fallback_rate", "unsupported", "leak", "benign_refusal", "benign_blocked", "false_", "_ms",
                   "ms_per", "latency", "lix", "wstf", "wiener", "error", "miss", "peak_rss", "rss_growth")
# Sizes of the data rather than quality: no direction.
NO_DIRECTION = ("n", "conversations", "support", "count", "total", "facts_total", "queries", "k", "gold",
                "predicted", "messages", "entities", "sentences", "lookalikes", "turns", "benign_n", "chunks")


def load_report(path: Path) -> dict[str, Any]:
    path = Path(path)
    file = path / "report.json" if path.is_dir() else path
    if not file.is_file():
        raise FileNotFoundError(f"{file} does not exist; --compare takes two report directories (reports/<run>)")
    return json.loads(file.read_text(encoding="utf-8"))


def direction(metric: str, thresholds: Mapping[str, Mapping[str, float]] | None = None) -> int:
    """+1 higher is better, -1 lower is better, 0 no direction."""
    thresholds = thresholds or {}
    if metric in thresholds.get("max", {}):
        return -1
    if metric in thresholds.get("min", {}):
        return 1
    last = metric.rsplit(".", 1)[-1]
    if last in NO_DIRECTION or last.startswith("n_") or ".confusion." in metric:
        return 0
    if last.endswith("_s") or any(word in metric for word in LOWER_IS_BETTER):
        return -1  # durations, rates of bad things, reading difficulty
    return 1


def compare(a: Mapping[str, Any], b: Mapping[str, Any], thresholds: Mapping[str, Mapping[str, float]] | None = None,
            tolerance: float = 0.005, latency_tolerance: float = 0.25) -> list[dict[str, Any]]:
    """Rows for every metric in either report, regressions first, then by metric path."""
    fa, fb = flatten(a.get("results", {})), flatten(b.get("results", {}))
    rows = []
    for metric in sorted(set(fa) | set(fb)):
        va, vb = fa.get(metric), fb.get(metric)
        delta = None if va is None or vb is None else vb - va
        sign = direction(metric, thresholds)
        regression = False
        if delta is not None and sign:
            worse = -delta * sign  # > 0 when B is worse
            allowed = latency_tolerance * abs(va) if metric.endswith("_ms") else tolerance
            regression = worse > allowed
        elif va is not None and vb is None:
            regression = True  # a metric that disappeared is a regression until someone says otherwise
        rows.append({"metric": metric, "a": va, "b": vb, "delta": delta, "regression": regression})
    rows.sort(key=lambda r: (not r["regression"], r["metric"]))
    return rows


def render_text(rows: list[dict[str, Any]], a_name: str, b_name: str, only_changed: bool = True) -> str:
    shown = [r for r in rows if not only_changed or r["regression"] or r["delta"] not in (None, 0.0)
             or (r["a"] is None) != (r["b"] is None)]
    width = max([len(r["metric"]) for r in shown] + [6])
    lines = [f"{'metric':<{width}}  {'A':>10}  {'B':>10}  {'delta':>10}  regression",
             f"{'':<{width}}  {a_name[-10:]:>10}  {b_name[-10:]:>10}"]
    for r in shown:
        lines.append(f"{r['metric']:<{width}}  {_num(r['a']):>10}  {_num(r['b']):>10}  {_num(r['delta'], True):>10}  "
                     f"{'REGRESSION' if r['regression'] else ''}")
    regressions = sum(r["regression"] for r in rows)
    lines.append(f"{len(rows)} metrics, {len(shown)} changed, {regressions} regression(s)")
    return "\n".join(lines)


def _num(v: float | None, signed: bool = False) -> str:
    if v is None:
        return "–"
    return f"{v:+.4g}" if signed else f"{v:.4g}"


def write_comparison(rows: list[dict[str, Any]], a_dir: Path, b_dir: Path, out_dir: Path) -> dict[str, Path]:
    """`compare.md` and a self-contained `compare.html` (table and a chart of the largest changes)."""
    from evals import charts
    from evals.report import Block, render_html, render_markdown

    title = f"Comparison A={Path(a_dir).name} → B={Path(b_dir).name}"
    regressions = sum(r["regression"] for r in rows)
    blocks = [Block("kv", "Runs", columns=["run", ""], rows=[["A", str(a_dir)], ["B", str(b_dir)],
                                                             ["metrics", len(rows)], ["regressions", regressions]])]
    png = charts.compare_deltas(rows)
    if png:
        blocks.append(Block("chart", "Largest changes", png=png))
    blocks.append(Block("matrix", "All metrics", columns=["metric", "A", "B", "delta", "regression"],
                        rows=[[r["metric"], r["a"], r["b"], r["delta"], r["regression"]] for r in rows]))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"md": out_dir / "compare.md", "html": out_dir / "compare.html"}
    paths["md"].write_text(render_markdown(title, blocks), encoding="utf-8")
    paths["html"].write_text(render_html(title, blocks), encoding="utf-8")
    return paths
