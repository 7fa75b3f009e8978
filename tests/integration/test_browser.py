"""The citizen chat and the staff page in real headless Chromium (Debian's /usr/bin/chromium via Playwright).

Covers: a streamed answer with working source links, feedback, the human hand-off, keyboard-only use, HTML in
the message shown as text, an expired session restarted transparently, the staff search with highlights, phone
width, text contrast, and the widget embedded in another origin's page. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from api.app import create_app
from assistant.settings import Settings
from tests.fakes import make_test_assistant
from tests.integration.live_server import live_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
STAFF_KEY = "browser-test-key"
PERSO_URL = "https://service.krefeld.de/personalausweis-beantragen"

if not CHROMIUM.exists() and os.environ.get("CI") != "true":
    pytest.skip("/usr/bin/chromium is missing (install Debian's chromium: scripts/ensure-chromium.sh)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def city_site():
    """A stand-in for the city's web site on its own origin (a real server: Chromium does not let pages of
    unknown address space load scripts from loopback). Its page embeds the widget from `site["assistant"]`."""
    site: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = (f'<!doctype html><html lang="de"><title>Stadt Krefeld</title><h1>Leistungen der Stadt</h1>'
                    f'<script src="{site["assistant"]}/widget.js" defer></script></html>').encode("utf-8")
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
    settings = Settings(api={"feedback_db": tmp_path_factory.mktemp("browser") / "feedback.sqlite3",
                             "staff_api_key": STAFF_KEY, "rate_limit_per_minute": 0,
                             "cors_origins": [city_site["origin"]]},
                        guardrails={"enabled": False})
    with live_server(create_app(settings, make_test_assistant())) as url:
        city_site["assistant"] = url
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800}, locale="de-DE")
    # The official pages are outside this machine's reach: answer them locally so links can be followed.
    context.route("https://service.krefeld.de/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<html><title>Stadt Krefeld</title><h1>Leistung</h1></html>"))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def ask(page, question: str):
    """Type and send a question; return the chat response and the locator of the new answer."""
    answers = page.locator(".msg-assistant .answer")
    before = answers.count()
    page.fill("#question", question)
    with page.expect_response(lambda r: r.url.endswith("/api/v1/chat")) as response:
        page.press("#question", "Enter")
    answer = answers.nth(before)
    answer.wait_for(timeout=15_000)
    return response.value, answer


def test_citizen_asks_sees_streamed_answer_and_follows_the_source(page, base_url):
    page.goto(base_url + "/")
    assert "KI-Assistenten" in page.inner_text("#ai-notice")
    response, answer = ask(page, "Was kostet ein Perso?")
    assert response.headers["content-type"].startswith("text/event-stream")
    assert "46,00 Euro" in answer.inner_text()
    assert "Hinweis" in answer.locator(".notice").inner_text()
    citation = answer.locator("a.citation").first
    assert citation.inner_text() == "[1]" and citation.get_attribute("href") == PERSO_URL
    source = answer.locator(".sources a").first
    assert source.inner_text() == "Personalausweis beantragen" and source.get_attribute("href") == PERSO_URL
    with page.context.expect_page() as popup:
        citation.click()
    popup.value.wait_for_load_state()
    assert popup.value.url == PERSO_URL and popup.value.title() == "Stadt Krefeld"
    popup.value.close()
    page.get_by_role("button", name="Ja, hilfreich").click()
    expect(page.locator("#status")).to_have_text("Danke für Ihre Rückmeldung.")
    assert page.get_by_role("button", name="Ja, hilfreich").get_attribute("aria-pressed") == "true"
    # the log is no live region (it would read out every token); the status line announces the answer once
    assert page.get_attribute("#log", "aria-live") is None and page.get_attribute("#status", "aria-live") == "polite"
    page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)


def test_follow_up_keeps_the_session_and_expired_session_restarts(page, base_url):
    page.goto(base_url + "/")
    ask(page, "Was kostet die Hundesteuer?")
    page.evaluate("sessionStorage.setItem('ba-session', 'expired-session-0001')")
    _, answer = ask(page, "Was kostet ein Perso?")
    assert "46,00 Euro" in answer.inner_text()
    assert page.is_hidden("#error")
    assert page.evaluate("sessionStorage.getItem('ba-session')") != "expired-session-0001"


def test_html_in_the_message_is_shown_as_text(page, base_url):
    page.goto(base_url + "/")
    evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>fett</b>'
    ask(page, evil)
    user = page.locator(".msg-user .user-text").last
    assert user.inner_text() == evil
    assert page.evaluate("window.__xss") is None
    assert page.locator("#log img, #log script, #log b").count() == 0


def test_empty_question_shows_a_german_hint(page, base_url):
    page.goto(base_url + "/")
    page.press("#question", "Enter")
    assert page.inner_text("#error") == "Bitte schreiben Sie eine Frage."


def test_keyboard_only(page, base_url):
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "question"
    page.keyboard.type("Was kostet ein Perso?")
    page.keyboard.press("Enter")
    page.locator(".msg-assistant .answer").last.wait_for(timeout=15_000)
    assert page.evaluate("document.activeElement.id") == "question"
    page.keyboard.press("Shift+Tab")  # back into the answer: the feedback buttons come last
    assert page.evaluate("document.activeElement.textContent").endswith("Nein, nicht hilfreich")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    page.focus("#question")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "human"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.is_visible("#handoff")
    assert page.evaluate("document.activeElement.id") == "handoff-title"
    text = page.inner_text("#handoff")
    assert "02151 86-1610" in text and "02151 86-0" in text and "115" in text
    assert text.index("02151 86-1610") < text.index("115")
    page.keyboard.press("Escape")
    assert page.is_hidden("#handoff") and page.evaluate("document.activeElement.id") == "human"


CONTRAST_JS = """
() => {
  function rgb(c) { const m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m[3] ?? 1}; }
  function lum({r, g, b}) {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  }
  function background(el) {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  }
  const out = [];
  for (const el of document.querySelectorAll('h1, p, li, label, button, a, .hint, .notice, .status, span')) {
    if (!el.offsetParent || !el.textContent.trim() || el.closest('.visually-hidden')) continue;
    const fg = lum(rgb(getComputedStyle(el).color)), bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    out.push([el.tagName + '.' + el.className, Math.round(ratio * 100) / 100]);
  }
  return out;
}
"""


def test_phone_width_and_contrast(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "/")
    ask(page, "Was kostet ein Perso?")
    page.click("#human")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    ratios = page.evaluate(CONTRAST_JS)
    assert len(ratios) > 10
    low = [r for r in ratios if r[1] < 4.5]
    assert not low, f"text below 4.5:1 contrast: {low}"
    page.screenshot(path=str(ARTIFACTS / "chat-360px.png"), full_page=True)
    context.close()


def test_staff_search_shows_ranked_highlighted_results_and_answer(page, base_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(base_url + "/staff")
    page.fill("#api-key", "falsch")
    page.fill("#query", "Perso Kosten")
    page.click("button[type=submit]")
    page.wait_for_selector("#error:not([hidden])")
    assert "Zugangsschlüssel" in page.inner_text("#error")
    page.fill("#api-key", STAFF_KEY)
    page.click("button[type=submit]")
    first = page.locator("#results .result").first
    first.wait_for()
    assert first.locator("h3 a").inner_text() == "Personalausweis beantragen"
    assert first.locator("h3 a").get_attribute("href") == PERSO_URL
    assert "Abschnitt „Kosten“" in first.locator(".meta").inner_text()
    marks = [m.lower() for m in first.locator("mark").all_inner_texts()]
    assert "perso" in marks and any(m.startswith("kost") for m in marks)
    answer = page.locator("#answer")
    assert "46,00 Euro" in answer.inner_text() and answer.locator("a.citation").count() >= 1
    page.click("#copy")
    expect(page.locator("#copy-status")).not_to_be_empty()
    if page.inner_text("#copy-status") == "Antwort kopiert.":
        copied = page.evaluate("navigator.clipboard.readText()")
        assert "46,00 Euro" in copied and PERSO_URL in copied
    page.screenshot(path=str(ARTIFACTS / "staff.png"), full_page=True)
    page.check("input[name=kind][value=strategy]")
    page.click("button[type=submit]")
    expect(page.locator("#status")).to_have_text("Keine Treffer.")


def test_widget_on_a_city_page_opens_the_chat(page, base_url, city_site):
    page.goto(city_site["origin"] + "/leistungen")
    button = page.get_by_role("button", name="Fragen an die Stadt Krefeld")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    frame = page.frame_locator("iframe[title='Bürgerassistent der Stadt Krefeld']")
    frame.locator("#question").fill("Was kostet die Hundesteuer?")
    frame.locator("#question").press("Enter")
    answer = frame.locator(".msg-assistant .answer").last
    answer.wait_for(timeout=15_000)
    assert re.search(r"120,00 Euro", answer.inner_text())
    page.screenshot(path=str(ARTIFACTS / "widget.png"))
    frame.locator("#question").press("Escape")  # focus is inside the iframe: the page asks the host to close
    expect(page.locator("#ba-widget-panel")).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "ba-widget-button"


def test_api_docs_render_offline(page, base_url):
    """Swagger UI and ReDoc draw the operations with every request to another origin refused."""
    foreign: list[str] = []

    def refuse(route):
        foreign.append(route.request.url)
        route.abort()

    page.context.route(lambda url: not url.startswith(base_url), refuse)
    page.goto(f"{base_url}/docs")
    page.locator(".opblock-summary-path", has_text="/api/v1/chat").first.wait_for(timeout=15_000)
    assert page.locator(".opblock").count() >= 8
    page.screenshot(path=str(ARTIFACTS / "docs.png"), full_page=False)
    assert not foreign, f"Swagger UI tried to load {foreign}"
    page.goto(f"{base_url}/redoc")
    page.get_by_role("heading", name="Eine Frage stellen").first.wait_for(timeout=15_000)
    # ReDoc's "API docs by Redocly" footer logo is hard-wired to its CDN; it is decoration, blocked by the CSP.
    assert [u for u in foreign if "redoc.ly/redoc/logo" not in u] == [], f"ReDoc tried to load {foreign}"
