"""The eval report.html in real headless Chromium: every chart image decodes and renders, nothing loads from the
network (the file is self-contained). The screenshot goes to test-artifacts/eval-report.png."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evals.compare import compare, write_comparison
from evals.report import write_report
from tests.fakes import sample_eval_report

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

if not CHROMIUM.exists() and os.environ.get("CI") != "true":
    pytest.skip("/usr/bin/chromium is missing (install Debian's chromium: scripts/ensure-chromium.sh)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests


def _charts(page) -> list[dict]:
    return page.eval_on_selector_all(
        "img.chart", "els => els.map(e => ({alt: e.alt, complete: e.complete, w: e.naturalWidth, "
                     "h: e.naturalHeight, shown: e.getBoundingClientRect().width}))")


def test_report_html_renders_its_charts(browser, tmp_path: Path) -> None:
    html = write_report(sample_eval_report(), tmp_path)["html"]
    page, requests = _open(browser, html)
    charts = _charts(page)
    assert [c["alt"] for c in charts] == ["Retrieval by method", "Recall@5 per style", "Readability distribution",
                                          "PII per type", "Policy confusion matrix", "Latency per stage"]
    assert all(c["complete"] and c["w"] > 0 and c["h"] > 0 and c["shown"] > 0 for c in charts), charts
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert page.locator("h2", has_text="Retrieval").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "eval-report.png"), full_page=True)
    page.close()


def test_compare_html_renders_its_chart(browser, tmp_path: Path) -> None:
    rows = compare(sample_eval_report(), sample_eval_report(recall5=0.8, fallback=0.2))
    html = write_comparison(rows, tmp_path / "A", tmp_path / "B", tmp_path)["html"]
    page, _ = _open(browser, html)
    (chart,) = _charts(page)
    assert chart["w"] > 0 and chart["shown"] > 0
    assert page.locator("tr.regression").count() == 3  # recall@5 (overall, per style) down, fallbacks up
    page.screenshot(path=str(ARTIFACTS / "eval-compare.png"), full_page=True)
    page.close()
