"""The static edition (`make static`) in Chromium: the same app, Python in the page, served as plain files.

The site is built once per session into a temporary folder with the real build (Voici, Pyodide from npm,
wheels from PyPI; downloads are cached under .tools/static) and served by Python's plain file server on a
free 127.0.0.1 port: no Voilà, no kernel on the server.
"""

from __future__ import annotations

import functools
import html
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import DESKTOP, _close, _new_app_page, _require_chromium
from dom import changing_circumstance, checkbox, expected, wait_for_shown

from devtools.static.common import SERVED_NOTEBOOK
from devtools.static.site import build
from secondop import load_content

pytestmark = pytest.mark.browser

#: Cold start runs Pyodide and installs the wheels in the page: slower than a Voilà kernel.
STATIC_READY_TIMEOUT_MS = 120_000
PAGE = f"voici/render/{SERVED_NOTEBOOK.stem}.html"


@dataclass(frozen=True)
class StaticServer:
    """The page's address on a plain file server (what `AppPage.open` needs)."""

    url: str
    root: Path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def static_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require_chromium()
    if shutil.which("npm") is None:
        message = "the static edition's build needs npm (Node.js) for Pyodide"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; CI=true, so it must run", pytrace=False)
        pytest.skip(message)
    output = tmp_path_factory.mktemp("static") / "site"
    build(output)
    return output


@pytest.fixture(scope="session")
def static_server(static_site: Path) -> Iterator[StaticServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(static_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield StaticServer(url=f"http://127.0.0.1:{server.server_address[1]}/{PAGE}", root=static_site)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def static_page(browser, static_server: StaticServer):
    context, app = _new_app_page(browser, static_server, DESKTOP)  # type: ignore[arg-type]
    yield app
    _close(context, app)


def test_the_site_renders_the_app_with_no_outside_request(static_page, data):
    page = static_page.open(timeout_ms=STATIC_READY_TIMEOUT_MS)
    wait_for_shown(page, expected(data))
    assert page.locator(".secondop-circumstances input[type=checkbox]").count() == len(data.circumstances)
    body = page.inner_text("body")
    assert "Traceback" not in body and data.labels.dashboard.app_title in body
    assert static_page.blocked == [], f"requests beyond the site: {static_page.blocked}"
    assert static_page.console_errors == []


def test_a_tick_changes_the_reasons_and_sends_nothing(static_page, data):
    page = static_page.open(timeout_ms=STATIC_READY_TIMEOUT_MS)
    wait_for_shown(page, expected(data))
    circumstance = changing_circumstance(data)
    sent_before = len(static_page.requests)
    page.locator(checkbox(circumstance)).click()
    wait_for_shown(page, expected(data, [circumstance]))
    page.locator(checkbox(circumstance)).click()
    wait_for_shown(page, expected(data))
    # Python runs in the page: a tick makes no request at all, to this host or any other
    assert static_page.requests[sent_before:] == []


def test_a_scenario_link_in_spanish_opens_that_example(static_page, data):
    spanish = load_content(language="es")
    scenario = spanish.scenarios["david_kidney_cancer"]
    page = static_page.open(f"lang=es&scenario={scenario.id}", timeout_ms=STATIC_READY_TIMEOUT_MS)
    wait_for_shown(page, expected(spanish, scenario.circumstances, scenario.concerns))
    for circumstance in spanish.circumstances:
        assert page.locator(checkbox(circumstance)).is_checked() == (circumstance in scenario.circumstances)
    page.wait_for_function("() => document.documentElement.lang === 'es'")
    assert page.title() == spanish.labels.dashboard.app_title
    assert spanish.labels.dashboard.app_title in page.inner_text("body")
    assert static_page.blocked == []


def test_the_plan_downloads_from_the_static_page(static_page, data):
    scenario = data.scenarios["david_kidney_cancer"]
    page = static_page.open(f"scenario={scenario.id}", timeout_ms=STATIC_READY_TIMEOUT_MS)
    want = expected(data, scenario.circumstances, scenario.concerns)
    wait_for_shown(page, want)
    plan_name = data.labels.dashboard.file_name
    link = page.locator(f".secondop-downloads a[download^='{plan_name}-'][download$='.html']")
    with page.expect_download(timeout=15_000) as info:
        link.click()
    text = re.sub(r"\s+", " ", html.unescape(info.value.path().read_text(encoding="utf-8")))
    assert data.reasons[want["reasons"][-1]].title in text
    assert all(re.sub(r"\s+", " ", data.checklist[i].text) in text for i in want["checklist"])


def test_the_sites_own_address_opens_the_app_with_the_link(static_page, static_server, data):
    """Educators can share `https://<site>/?scenario=…`: the front door keeps the query."""
    scenario = data.scenarios["david_kidney_cancer"]
    page = static_page.page
    page.goto(static_server.url.removesuffix(PAGE) + f"?scenario={scenario.id}")
    page.wait_for_url(f"**/{PAGE}?scenario={scenario.id}")
    page.wait_for_selector(".secondop-ready", state="visible", timeout=STATIC_READY_TIMEOUT_MS)
    wait_for_shown(page, expected(data, scenario.circumstances, scenario.concerns))


def test_clear_all_large_text_and_presenter_mode_work_and_axe_finds_nothing(static_page, data):
    """The same controls as the served page, and the same accessibility: no axe finding with every rule."""
    from axe_playwright_python.sync_playwright import Axe

    scenario = data.scenarios["david_kidney_cancer"]
    page = static_page.open(f"scenario={scenario.id}", timeout_ms=STATIC_READY_TIMEOUT_MS)
    wait_for_shown(page, expected(data, scenario.circumstances, scenario.concerns))
    page.locator(".secondop-reset").click()
    wait_for_shown(page, expected(data))
    page.locator(".secondop-large-text input").click()
    page.wait_for_selector(".secondop-app.secondop-large")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.locator(".secondop-present-toggle input").check()
    page.wait_for_selector(".secondop-app.secondop-presenting", timeout=20_000)
    assert data.labels.presenter.on in page.inner_text("body")
    page.locator(".secondop-present-toggle input").uncheck()
    page.wait_for_selector(".secondop-app:not(.secondop-presenting)", timeout=20_000)
    assert static_page.console_errors == []


def test_the_wheels_the_page_loads_are_compiled(static_site):
    """Bytecode from Pyodide's own CPython, so the page skips compiling every module on every visit."""
    import zipfile

    wheel = next((static_site / "static" / "pyodide").glob("secondop-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "secondop/ui/static_entry.pyc" in names
    assert not [n for n in names if n.endswith(".py")]


# --- the first view: the plan's words before Python starts (issue #22) ----------------------------------------
VIEW = "#secondop-first-view"
MARIA = "maria_told_no_options"
#: Every text box of the app (tag, words, position, size), to compare the view with the live app.
TEXT_BOXES = """(root) => [...document.querySelectorAll(root + ' :is(h1, h2, h3, p, li, label)')]
  .filter((e) => e.getClientRects().length)
  .map((e) => { const r = e.getBoundingClientRect();
    return [e.tagName, e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60), Math.round(r.x), Math.round(r.y),
            Math.round(r.width), Math.round(r.height)]; })"""
LAYOUT_SHIFTS = """window.secondopShifts = [];
new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.secondopShifts.push(entry.value); })
  .observe({ type: "layout-shift", buffered: true });"""


def _without_python(static_page, query: str):
    """The page as it is before Python has started in it: Pyodide's runtime never arrives."""
    page = static_page.page
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(f"{static_page.server.url}?{query}", timeout=STATIC_READY_TIMEOUT_MS)
    page.wait_for_selector(VIEW, state="visible", timeout=30_000)
    return page


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_first_view_shows_an_examples_plan_before_python_starts(static_page, language):
    content = load_content(language=language)
    scenario = content.scenarios[MARIA]
    query = f"scenario={MARIA}" + ("" if language == content.settings.language else f"&lang={language}")
    page = _without_python(static_page, query)
    view = page.inner_text(VIEW)
    assert page.inner_text(f"{VIEW} h1") == content.labels.dashboard.app_title
    assert scenario.name in view and " ".join(scenario.story.split()) in " ".join(view.split())
    for applied in assess_reasons(content, scenario):
        assert applied in view, f"the view does not show the reason {applied!r}"
    for circumstance in content.circumstances:
        box = page.locator(f"{VIEW} .secondop-circumstance-{circumstance} input")
        assert box.is_disabled() and box.is_checked() == (circumstance in scenario.circumstances)
    assert page.locator(".secondop-ready").count() == 0 and page.locator("#loading").is_hidden()
    # the disabled boxes say why a tap does nothing, on screen and to a screen reader
    note = page.locator("#secondop-first-view-loading[role=status]")
    assert note.is_visible() and note.inner_text() == content.labels.dashboard.loading
    first_box = page.locator(f"{VIEW} .secondop-entry-box input").first
    assert first_box.get_attribute("aria-describedby") == "secondop-first-view-loading"
    first_box.evaluate("e => e.closest('label').click()")
    assert "secondop-loading-nudge" in (note.get_attribute("class") or "")
    assert static_page.blocked == [], f"requests beyond the site: {static_page.blocked}"
    fetched = [url for url in static_page.requests if "/first-views/" in url]
    assert len(fetched) == 1, f"the page fetched {fetched}: one small file is its view"


def assess_reasons(content, scenario) -> list[str]:
    from secondop import assess

    return [r.reason.title for r in assess(content, scenario.circumstances, scenario.concerns).reasons]


def test_the_first_view_has_the_live_apps_words_in_the_same_places_and_gives_way_without_a_shift(
    browser, static_server
):
    """Laid out as the live app: the same words in the same boxes (±2 px); the swap moves nothing."""
    boxes = {}
    for name, block_python in (("view", True), ("live", False)):
        context, app = _new_app_page(browser, static_server, DESKTOP)  # type: ignore[arg-type]
        try:
            page = app.page
            if block_python:
                page = _without_python(app, f"scenario={MARIA}")
                boxes[name] = page.evaluate(TEXT_BOXES, VIEW)
            else:
                page.add_init_script(LAYOUT_SHIFTS)
                app.open(f"scenario={MARIA}", timeout_ms=STATIC_READY_TIMEOUT_MS)
                page.wait_for_function("() => window.secondopFirstView === 'swapped'", timeout=30_000)
                page.wait_for_timeout(300)
                boxes[name] = page.evaluate(TEXT_BOXES, "#rendered_cells .secondop-app")
                shifts = page.evaluate("window.secondopShifts")
                assert sum(shifts) < 0.01, f"the page moved as the live app took the view's place: {shifts}"
                assert app.blocked == [] and app.console_errors == []
        finally:
            _close(context, app)
    # what a person sees before the live app arrives: the first two screens (1280x900), where the plan starts
    view, live = ([box for box in found if box[3] < 2 * DESKTOP["height"]] for found in (boxes["view"], boxes["live"]))
    assert len(view) == len(live) > 30
    moved = [
        (a, b)
        for a, b in zip(view, live, strict=True)
        if a[:2] != b[:2] or max(abs(p - q) for p, q in zip(a[2:], b[2:], strict=True)) > 2
    ]
    assert not moved, moved[:5]


def test_a_link_with_ticked_boxes_has_no_view_and_the_spinner_stays(static_page):
    """Only the links drawn at build time have a view: any other shows the page as before, never a wrong plan."""
    page = static_page.page
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(f"{static_page.server.url}?circumstances=rare_cancer", timeout=STATIC_READY_TIMEOUT_MS)
    page.wait_for_timeout(1500)
    assert page.locator(VIEW).count() == 0
    assert not [url for url in static_page.requests if "/first-views/" in url]


def test_the_first_view_downloads_the_examples_handout_before_python_starts(static_page, data):
    """#22.2: useful before it is live: the plan's download link works from the first view."""
    page = _without_python(static_page, f"scenario={MARIA}")
    link = page.locator(f"{VIEW} .secondop-downloads a[download$='.html']").first
    with page.expect_download(timeout=15_000) as info:
        link.click()
    text = re.sub(r"\s+", " ", html.unescape(info.value.path().read_text(encoding="utf-8")))
    assert info.value.suggested_filename.startswith(data.labels.dashboard.file_name)
    assert all(title in text for title in assess_reasons(data, data.scenarios[MARIA]))
    assert static_page.blocked == []
