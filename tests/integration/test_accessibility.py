"""Accessibility of the citizen chat, the staff page and the widget (BITV 2.0, i.e. WCAG 2.1 AA) in Chromium.

axe-core checks every page in the states a citizen or a staff member sees (empty chat, an answer with sources,
an error, search results, the widget opened on a city page), in light and dark colour scheme, at phone width
(360 px) and desktop width. The reports go to test-artifacts/axe/ (JSON as axe gives it, a readable .txt each,
summary.md over all). Keyboard use, the live region of the streamed answer, the widget's dialog (focus trap,
Escape, focus back on the button) and reflow at 320 px are checked directly, as axe cannot see them.
"""

from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from api.app import create_app
from assistant.settings import Settings
from tests.fakes import make_test_assistant
from tests.integration.axe_support import run_axe, violation_lines, write_report
from tests.integration.live_server import live_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE_DIR = ARTIFACTS / "axe"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
STAFF_KEY = "a11y-test-key"
QUESTION = "Was kostet ein Perso?"
WIDTHS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}

if not CHROMIUM.exists() and os.environ.get("CI") != "true":  # in CI a missing browser fails, as in test_browser
    pytest.skip("/usr/bin/chromium is missing (install Debian's chromium: scripts/ensure-chromium.sh)",
                allow_module_level=True)

# A city page as a CMS would make it (landmarks, one h1, a link before the widget), on its own origin.
HOST_PAGE = """<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Leistungen – Stadt Krefeld</title>
<style>@media (prefers-color-scheme: dark) {{ body {{ background: #101010; color: #f0f0f0; }} a {{ color: #9ccaff; }} }}
</style></head>
<body><header><a href="/">Startseite der Stadt Krefeld</a></header>
<main><h1>Leistungen der Stadt</h1><p>Hier finden Sie die Leistungen der Stadtverwaltung.</p></main>
<script src="{assistant}/widget.js" defer></script></body></html>"""


@pytest.fixture(scope="module")
def city_site():
    site: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = HOST_PAGE.format(assistant=site["assistant"]).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site["origin"] = f"http://127.0.0.1:{server.server_address[1]}"
    yield site
    server.shutdown()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, city_site):
    settings = Settings(api={"feedback_db": tmp_path_factory.mktemp("a11y") / "feedback.sqlite3",
                             "staff_api_key": STAFF_KEY, "rate_limit_per_minute": 0,
                             "cors_origins": [city_site["origin"]]},
                        guardrails={"enabled": False})
    with live_server(create_app(settings, make_test_assistant())) as url:
        city_site["assistant"] = url
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def axe_summary():
    """Collects each case's violation count; writes test-artifacts/axe/summary.md when the module is done."""
    rows: list[tuple[str, int, int, list[str]]] = []
    yield rows
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    lines = ["# axe-core over the pages (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA, best practices)", "",
             "| case | violations | to review | rules violated |", "|---|---|---|---|"]
    lines += [f"| {name} | {n} | {review} | {', '.join(rules) or '–'} |" for name, n, review, rules in rows]
    (AXE_DIR / "summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def open_context(browser, width: str = "desktop", scheme: str = "light"):
    """A fresh context; every request to another host is answered by a stand-in and recorded."""
    size = WIDTHS[width]
    context = browser.new_context(viewport=size, color_scheme=scheme, locale="de-DE",
                                  is_mobile=width == "phone", has_touch=width == "phone")
    foreign: list[str] = []

    def elsewhere(route):  # the official pages the sources link to are out of reach here: a stand-in answers
        foreign.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<html lang='de'><title>Stadt Krefeld</title></html>")

    context.route(lambda url: not url.startswith("http://127.0.0.1:"), elsewhere)
    return context, foreign


def ask(page_or_frame, question: str = QUESTION):
    answers = page_or_frame.locator(".msg-assistant .answer")
    before = answers.count()
    page_or_frame.locator("#question").fill(question)
    page_or_frame.locator("#question").press("Enter")
    answers.nth(before).wait_for(timeout=15_000)
    return answers.nth(before)


# -- the states axe looks at ------------------------------------------------------------------------------------

def citizen_empty(page, urls):
    page.goto(urls["assistant"] + "/")


def citizen_answered(page, urls):
    page.goto(urls["assistant"] + "/")
    answer = ask(page)
    expect(answer.locator(".sources a")).to_have_count(1)
    page.get_by_role("button", name="Ja, hilfreich").click()  # the pressed state has its own colours
    expect(page.locator("#status")).to_have_text("Danke für Ihre Rückmeldung.")
    page.click("#human")  # the hand-off box with the phone numbers
    expect(page.locator("#handoff")).to_be_visible()


def citizen_error(page, urls):
    page.goto(urls["assistant"] + "/")
    page.fill("#question", "Wie lange dauert das? " * 120)  # over the 2000 characters the API takes: 413
    page.press("#question", "Enter")
    expect(page.locator("#error")).to_be_visible()


def staff_empty(page, urls):
    page.goto(urls["assistant"] + "/staff")


def staff_results(page, urls):
    page.goto(urls["assistant"] + "/staff")
    page.fill("#api-key", STAFF_KEY)
    page.fill("#query", "Perso Kosten")
    page.click("button[type=submit]")
    page.locator("#results .result mark").first.wait_for()
    expect(page.locator("#answer-section")).to_be_visible()


def widget_frame(page):
    return page.frame_locator("#ba-widget-panel iframe")


def widget_open(page, urls):
    page.goto(urls["origin"] + "/leistungen")
    page.click("#ba-widget-button")
    widget_ready(page)


def widget_ready(page):
    """Until chat.js has run in the frame (it marks the page embedded), Enter does not send and the skip link,
    hidden in the widget, can still take focus: the HTML's #question alone is too early."""
    widget_frame(page).locator("body.embed #question").wait_for()


def widget_answered(page, urls):
    widget_open(page, urls)
    ask(widget_frame(page))


STATES = {"citizen-empty": citizen_empty, "citizen-answered": citizen_answered, "citizen-error": citizen_error,
          "staff-empty": staff_empty, "staff-results": staff_results,
          "widget-open": widget_open, "widget-answered": widget_answered}


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", list(STATES))
def test_axe_finds_no_violations(browser, base_url, city_site, axe_summary, state, scheme, width):
    context, foreign = open_context(browser, width, scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        STATES[state](page, city_site)
        name = f"{state}-{scheme}-{width}"
        result = run_axe(page)
        write_report(AXE_DIR, name, result)
        page.screenshot(path=str(AXE_DIR / f"{name}.png"), full_page=True)
        axe_summary.append((name, len(result["violations"]), len(result["incomplete"]),
                            [v["id"] for v in result["violations"]]))
        assert not errors, f"JavaScript errors on the page: {errors}"
        assert not foreign, f"requests to other hosts (axe and the pages must work offline): {foreign}"
        assert result["violations"] == [], "\n".join(violation_lines(result))
    finally:
        context.close()


# -- what axe cannot see ----------------------------------------------------------------------------------------

LIVE_ANCESTORS_JS = """el => {
  const live = [];
  for (let n = el; n; n = n.parentElement) {
    const role = n.getAttribute('role'), politeness = n.getAttribute('aria-live');
    if ((politeness && politeness !== 'off') || ['log', 'status', 'alert', 'marquee', 'timer'].includes(role))
      live.push(n.tagName + '#' + n.id);
  }
  return live;
}"""


def test_streamed_answer_is_announced_once_not_token_by_token(browser, base_url, city_site):
    context, _ = open_context(browser)
    page = context.new_page()
    page.goto(base_url + "/")
    page.fill("#question", QUESTION)
    page.press("#question", "Enter")
    answer = page.locator(".msg-assistant .answer")
    answer.wait_for(timeout=15_000)
    # The message the tokens were streamed into, and everything around it, is in no live region.
    assert answer.evaluate(LIVE_ANCESTORS_JS) == []
    # The status line (polite) says it once, with the answer's text but without the citation marks.
    status = page.locator("#status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    expect(status).to_contain_text("Antwort erhalten.")
    spoken = status.text_content()
    assert "46,00 Euro" in spoken and "[1]" not in spoken and spoken.endswith("Eine Quelle unter der Antwort.")
    hidden = status.locator(".visually-hidden").bounding_box()  # on screen the line stays short
    assert hidden["width"] <= 1 and hidden["height"] <= 1
    context.close()


FOCUSED_JS = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return {tag: e.tagName, id: e.id, text: e.textContent.trim(), label: e.getAttribute('aria-label'),
          href: e.getAttribute('href'), pressed: e.getAttribute('aria-pressed'),
          ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2};
}"""


def focused(page_or_frame) -> dict:
    return page_or_frame.evaluate(FOCUSED_JS)


def test_citizen_chat_by_keyboard_alone(browser, base_url):
    context, foreign = open_context(browser)
    page = context.new_page()
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Zum Eingabefeld springen" and focused(page)["ring"]
    page.keyboard.press("Tab")  # nothing to stop at before the question field
    assert focused(page)["id"] == "question" and focused(page)["ring"]
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    page.locator(".msg-assistant .answer").wait_for(timeout=15_000)
    assert focused(page)["id"] == "question"  # the answer does not pull focus away from typing

    # Back into the answer: feedback buttons, source link, citations, each with a visible focus ring.
    stops = []
    for _ in range(8):
        page.keyboard.press("Shift+Tab")
        stops.append(focused(page))
        if stops[-1]["text"] == "Zum Eingabefeld springen":
            break
    assert all(s["ring"] for s in stops), [s for s in stops if not s["ring"]]
    names = [s["label"] or s["text"] for s in stops]
    assert names[:3] == ["Nein, nicht hilfreich", "Ja, hilfreich", "Personalausweis beantragen"], names
    assert names.count("Quelle 1: Personalausweis beantragen") == 2, names  # the two [1] marks in the text

    page.focus("#question")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert focused(page)["text"] == "Ja, hilfreich"
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_have_text("Danke für Ihre Rückmeldung.")
    assert focused(page)["pressed"] == "true"
    page.keyboard.press("Shift+Tab")
    assert focused(page)["text"] == "Personalausweis beantragen"
    with context.expect_page() as popup:
        page.keyboard.press("Enter")
    popup.value.wait_for_load_state()
    assert popup.value.url == focused(page)["href"] == "https://service.krefeld.de/personalausweis-beantragen"
    assert foreign == [popup.value.url]
    context.close()


def test_widget_opens_traps_focus_and_closes_by_keyboard(browser, base_url, city_site):
    context, _ = open_context(browser)
    page = context.new_page()
    page.goto(city_site["origin"] + "/leistungen")
    button, panel = page.locator("#ba-widget-button"), page.locator("#ba-widget-panel")
    for _ in range(3):
        page.keyboard.press("Tab")
        if focused(page)["id"] == "ba-widget-button":
            break
    assert focused(page)["id"] == "ba-widget-button" and focused(page)["ring"]
    assert button.get_attribute("aria-haspopup") == "dialog"

    page.keyboard.press("Enter")
    expect(panel).to_be_visible()
    assert panel.get_attribute("role") == "dialog" and panel.get_attribute("aria-modal") == "true"
    assert panel.get_attribute("aria-label") and button.get_attribute("aria-expanded") == "true"
    assert focused(page)["text"] == "Schließen" and focused(page)["ring"]
    chat = widget_frame(page)
    widget_ready(page)
    frame = next(f for f in page.frames if f.url.endswith("/?embed=1"))

    page.keyboard.press("Tab")
    frame.wait_for_function("() => document.activeElement.id === 'question'")  # focus crosses into the frame
    assert focused(page)["tag"] == "IFRAME"
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    chat.locator(".msg-assistant .answer").wait_for(timeout=15_000)
    assert focused(frame)["id"] == "question"

    # Tab round the dialog: focus never reaches the city page and comes back to "Schließen".
    wrapped = False
    for _ in range(12):
        page.keyboard.press("Tab")
        where = focused(page)
        assert where["tag"] == "IFRAME" or where["text"] == "Schließen", where
        wrapped = wrapped or where["text"] == "Schließen"
    assert wrapped
    page.focus("#ba-widget-panel button")
    page.keyboard.press("Shift+Tab")  # backwards from the first control to the chat's last one
    frame.wait_for_function("() => document.activeElement.textContent.trim() === 'Neues Gespräch'")  # by postMessage
    assert focused(page)["tag"] == "IFRAME" and focused(frame)["ring"]

    page.keyboard.press("Escape")  # focus inside the chat's frame: it asks the host page to close
    expect(panel).to_be_hidden()
    assert focused(page)["id"] == "ba-widget-button" and button.get_attribute("aria-expanded") == "false"

    page.keyboard.press("Space")
    expect(panel).to_be_visible()
    page.keyboard.press("Escape")  # focus on "Schließen", in the host page
    expect(panel).to_be_hidden()
    assert focused(page)["id"] == "ba-widget-button"
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # "Schließen" itself
    expect(panel).to_be_hidden()
    assert focused(page)["id"] == "ba-widget-button"
    context.close()


# WCAG 1.4.12: text must survive these spacings without loss (here: without sideways scrolling).
TEXT_SPACING_CSS = ("* { line-height: 1.5 !important; letter-spacing: 0.12em !important; "
                    "word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }")
OVERFLOW_JS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


@pytest.mark.parametrize("spacing", [False, True], ids=["plain", "text-spacing"])
def test_reflow_at_320_px(browser, base_url, city_site, spacing):
    """WCAG 1.4.10: at 320 CSS px (a 1280 px window at 400 %) nothing scrolls sideways, in every state."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="de-DE", is_mobile=True,
                                  has_touch=True, bypass_csp=True)  # the spacing is injected as a style tag
    page = context.new_page()
    too_wide = []
    for name, state in STATES.items():
        state(page, city_site)
        frames = [f for f in page.frames if f == page.main_frame or f.url.endswith("/?embed=1")]
        for frame in frames:
            if spacing:
                frame.add_style_tag(content=TEXT_SPACING_CSS)
            scroll, client = frame.evaluate(OVERFLOW_JS)
            if scroll > client:
                too_wide.append((name, frame.url, scroll, client))
    page.screenshot(path=str(ARTIFACTS / f"widget-320px-{'spacing' if spacing else 'plain'}.png"))
    context.close()
    assert not too_wide, f"sideways scrolling at 320 px: {too_wide}"
