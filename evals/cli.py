"""What `buergerassistent eval` and `buergerassistent bench` do; the typer wiring in cli/eval_cmds.py only
parses options and calls these functions, which return the process exit code."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Sequence

from assistant.settings import Settings
from evals.check import check, checked_metrics, flatten, load_thresholds
from evals.runner import ALL_SUITES, Context, run_eval

DETAIL_KEYS = {"per_style", "per_intent", "per_type", "per_label", "per_category", "confusion", "stages",
               "person_recall_by_name_source", "bm25", "dense", "hybrid", "structured", "names_and_addresses"}


def parse_data(pairs: Sequence[str]) -> dict[str, Path]:
    """`["pii=my.jsonl", ...]` -> {"pii": Path("my.jsonl")}; the suite name must be known."""
    out = {}
    for pair in pairs:
        name, sep, path = pair.partition("=")
        if not sep or name not in ALL_SUITES or not path:
            raise ValueError(f"--data takes <suite>=<path> with suite one of {list(ALL_SUITES)}, got {pair!r}")
        if not Path(path).is_file():
            raise ValueError(f"--data {name}: {path} does not exist")
        out[name] = Path(path)
    return out


def eval_settings(settings: Settings) -> Settings:
    """The settings as configured, except that eval turns do not go into the production audit log (neither the
    file nor PostgreSQL), and sessions stay in the process (no shared Redis for an eval run)."""
    guardrails = settings.guardrails.model_copy(update={"audit_log": None, "audit_backend": "file"})
    session = settings.session.model_copy(update={"backend": "memory"})
    return settings.model_copy(update={"guardrails": guardrails, "session": session})
    return settings.model_copy(update={"guardrails": guardrails})


def eval_command(settings: Settings, *, suites: Sequence[str] = (), url: str | None = None,
                 api_key: str | None = None, do_check: bool = False, thresholds: Path | None = None,
                 data: Sequence[str] = (), out: Path | None = None, fast: bool = False, limit: int | None = None,
                 progress: bool = True) -> int:
    """Run the suites, write reports/<timestamp>/, print the headline metrics; 1 when --check fails."""
    from evals.check import DEFAULT_THRESHOLDS
    from evals.report import new_report_dir, write_report

    limits = load_thresholds(thresholds or DEFAULT_THRESHOLDS)  # a broken file should fail before the run
    ctx = Context(settings=eval_settings(settings), data=parse_data(data), url=url, api_key=api_key, limit=limit,
                  fast=fast, show_progress=progress)
    report = run_eval(ctx, list(suites) or None)
    failures = check(report, limits)
    report["check"] = {"thresholds": str(thresholds or DEFAULT_THRESHOLDS), "checked": checked_metrics(report, limits),
                       "passed": not failures, "failures": [str(f) for f in failures]}
    out_dir = new_report_dir(out or settings.eval.reports_dir)
    paths = write_report(report, out_dir)
    print(summary(report))
    print(f"\nreport: {paths['html']} (also report.md, report.json)")
    for name, error in report["errors"].items():
        print(f"suite {name} FAILED to run: {error}", file=sys.stderr)
    if do_check:
        print(f"threshold check: {'passed' if not failures else 'FAILED'} "
              f"({report['check']['checked']} thresholds, {len(failures)} failing)")
        for f in failures:
            print(f"  FAIL {f}")
        return 1 if failures else 0
    return 1 if report["errors"] else 0


def summary(report: dict[str, Any]) -> str:
    """The headline metrics per suite (per-group breakdowns stay in the report)."""
    lines = [f"eval {report['meta']['target']}: {', '.join(report['meta']['suites'])} "
             f"in {report['meta']['duration_s']:.0f} s"]
    for suite, results in report["results"].items():
        lines.append(f"\n[{suite}]")
        for metric, value in flatten(results).items():
            if not set(metric.split(".")) & DETAIL_KEYS:
                lines.append(f"  {metric:<42} {value:.4g}")
    return "\n".join(lines)


def compare_command(a: Path, b: Path, thresholds: Path | None = None, out: Path | None = None,
                    fail_on_regression: bool = False) -> int:
    """Print the regression table of two report directories and write compare.md/html (into B by default)."""
    from evals.check import DEFAULT_THRESHOLDS
    from evals.compare import compare, load_report, render_text, write_comparison

    rows = compare(load_report(a), load_report(b), load_thresholds(thresholds or DEFAULT_THRESHOLDS))
    print(render_text(rows, str(a), str(b)))
    paths = write_comparison(rows, a, b, out or Path(b))
    print(f"\ncomparison: {paths['html']} (also compare.md)")
    return 1 if fail_on_regression and any(r["regression"] for r in rows) else 0


def bench_command(settings: Settings, *, parts: Sequence[str], baseline: bool = False, url: str | None = None,
                  api_key: str | None = None, limit: int | None = None, concurrency: int = 4,
                  out: Path | None = None, progress: bool = True) -> int:
    """Benchmark retrieval, answers and/or the API; print a table and write bench.json into reports/<timestamp>/."""
    from evals import bench_run
    from evals.report import new_report_dir

    ctx = Context(settings=eval_settings(settings), url=url, api_key=api_key, limit=limit, show_progress=progress)
    results = bench_run.run(ctx, parts, baseline=baseline, concurrency=concurrency)
    out_dir = new_report_dir(out or settings.eval.reports_dir)
    (out_dir / "bench.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(bench_run.render(results))
    print(f"\nbench results: {out_dir / 'bench.json'}")
    return 0
