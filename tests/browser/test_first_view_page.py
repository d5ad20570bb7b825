"""The app's first view in the browser: painted before Voilà's scripts, replaced by the live app in place.

The view itself (what it draws, the server hook) is unit-tested in tests/test_first_view.py.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_page_quality import WCAG_TAGS

from devtools.browser_harness import READY_TIMEOUT_MS
from secondop import load_content

pytestmark = pytest.mark.browser

DAVID = "scenario=david_kidney_cancer"
VIEW = "#secondop-first-view"
#: Every text block's box, to compare the view with the live app (tag, text start, x, y, width, height).
TEXT_BOXES = """(root) => [...document.querySelectorAll(root + ' :is(h1, h2, h3, p, li, label)')]
  .filter((e) => e.getClientRects().length)
  .map((e) => { const r = e.getBoundingClientRect();
    return [e.tagName, e.textContent.trim().slice(0, 40), Math.round(r.x), Math.round(r.y), Math.round(r.width),
            Math.round(r.height)]; })"""
INFLATE_COUNT = """document.addEventListener("DOMContentLoaded", () => {
  const view = document.getElementById("secondop-first-view");
  if (view) view.setAttribute("data-secondop-widgets", "100000");
});"""
LAYOUT_SHIFTS = """window.secondopShifts = [];
new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.secondopShifts.push(entry.value); })
  .observe({ type: "layout-shift", buffered: true });"""


#: The page's main script: the dashboard's own widget front end (frontend/, built into the template's static folder).
MAIN_SCRIPT = "secondop-widgets.js"


def open_without_voila_scripts(app_page, query: str):
    """The page as it is before its front end has run: its main script never arrives."""
    page = app_page.page
    page.route(f"**/{MAIN_SCRIPT}?*", lambda route: route.abort())
    page.goto(f"{app_page.server.url}?{query}", timeout=READY_TIMEOUT_MS)
    page.wait_for_selector(VIEW, state="visible", timeout=READY_TIMEOUT_MS)
    return page


def test_the_first_view_shows_the_plan_before_voilas_scripts_run(app_page):
    english = load_content()
    page = open_without_voila_scripts(app_page, DAVID)
    assert page.inner_text(f"{VIEW} h1") == english.labels.dashboard.app_title
    assert english.scenarios["david_kidney_cancer"].name in page.inner_text(VIEW)
    assert page.title() == english.labels.dashboard.app_title and page.evaluate("document.documentElement.lang") == "en"
    assert page.locator(".secondop-ready").count() == 0  # nothing mistakes the view for the live app
    assert not page.locator("#loading").is_visible() and not page.locator("#rendered_cells").is_visible()
    boxes = page.locator(f"{VIEW} input[type=checkbox]")
    assert boxes.count() > 10 and all(boxes.nth(i).is_disabled() for i in range(boxes.count()))
    assert page.locator(f"{VIEW} .secondop-circumstance-small_or_rural_hospital input").is_checked()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_a_spanish_link_gets_a_spanish_first_view(app_page):
    spanish = load_content(language="es")
    page = open_without_voila_scripts(app_page, f"lang=es&{DAVID}")
    assert page.inner_text(f"{VIEW} h1") == spanish.labels.dashboard.app_title
    assert page.evaluate("document.documentElement.lang") == "es"


def test_the_live_app_takes_the_views_place_without_moving_anything(app_page):
    page = app_page.page
    page.add_init_script(LAYOUT_SHIFTS)
    app_page.open(DAVID)
    page.wait_for_function("window.secondopFirstView === 'swapped'", timeout=10_000)
    assert page.locator(VIEW).count() == 0
    # the late-load-listener patch is undone once the live app shows: the window's own addEventListener again
    assert page.evaluate("Object.prototype.hasOwnProperty.call(window, 'addEventListener')") is False
    assert "secondop-first-view-on" not in (page.get_attribute("body", "class") or "")
    page.wait_for_timeout(500)
    shifts = page.evaluate("window.secondopShifts")
    assert sum(shifts) < 0.01, shifts
    assert app_page.console_errors == [], app_page.console_errors


def test_the_view_is_laid_out_as_the_live_app(app_page):
    view = open_without_voila_scripts(app_page, DAVID).evaluate(TEXT_BOXES, VIEW)
    live_page = app_page.page.context.new_page()
    try:
        live_page.goto(f"{app_page.server.url}?{DAVID}", timeout=READY_TIMEOUT_MS)
        live_page.wait_for_selector(".secondop-ready", state="visible", timeout=READY_TIMEOUT_MS)
        live = live_page.evaluate(TEXT_BOXES, "#rendered_cells .secondop-app")
    finally:
        live_page.close()
    assert len(view) == len(live) > 50
    moved = [
        (a, b)
        for a, b in zip(view, live, strict=True)
        if a[:2] != b[:2] or max(abs(p - q) for p, q in zip(a[2:], b[2:], strict=True)) > 2
    ]
    assert not moved, moved[:5]


def test_the_main_script_is_asked_for_once_the_view_is_on_screen(app_page):
    page = app_page.open(DAVID)
    painted = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    asked = page.evaluate(
        "(name) => performance.getEntriesByType('resource')"
        ".filter((r) => new URL(r.name).pathname.endsWith('/' + name)).map((r) => r.startTime)",
        MAIN_SCRIPT,
    )
    assert len(asked) == 1 and asked[0] > painted, (painted, asked)
    assert page.locator(f"script[src*='/{MAIN_SCRIPT}?']").count() == 1  # added by the page's script, once
    # none of Voilà's JupyterLab front end: the dashboard's page draws its widgets with its own small one
    voila_files = page.evaluate(
        "performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /voila\\.js|labextensions/.test(n))"
    )
    assert voila_files == [], voila_files


def test_the_live_app_replaces_a_view_that_counted_more_widgets_than_it_draws(app_page):
    """The view and the live app can differ (content edited between them): the swap still comes, once the
    live app has drawn nothing new for a moment."""
    page = app_page.page
    page.add_init_script(INFLATE_COUNT)  # runs before the page's own script reads the count
    app_page.open(DAVID)
    assert page.evaluate("window.secondopFirstView") == "swapped"
    assert page.locator(VIEW).count() == 0
    assert page.locator("#rendered_cells .jupyter-widgets").count() < 100_000
