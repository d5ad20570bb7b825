"""What only the served page shows: nothing leaves the machine, no errors, no axe findings, phone width, screenshot."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from dom import changing_circumstance, checkbox, expected, wait_for_shown

from devtools.browser_harness import is_loopback

pytestmark = pytest.mark.browser

#: WCAG 2.0 / 2.1 / 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def scenario(data):
    return next(iter(data.scenarios.values()))


def use_the_page(app, data, scenario) -> None:
    """Open a preselected page and change it, so requests and errors of updates count too."""
    page = app.open(f"scenario={scenario.id}")
    wait_for_shown(page, expected(data, scenario.circumstances, scenario.concerns))
    page.locator(".secondop-reset").click()
    circumstance = changing_circumstance(data)
    page.locator(checkbox(circumstance)).click()
    wait_for_shown(page, expected(data, [circumstance]))
    page.locator(".secondop-large-text input").click()
    page.wait_for_selector(".secondop-app.secondop-large")


def test_no_request_leaves_this_machine(app_page, data, scenario):
    use_the_page(app_page, data, scenario)
    assert app_page.requests, "no requests recorded: the recorder is broken"
    assert app_page.blocked == [], f"requests beyond 127.0.0.1 (blocked): {app_page.blocked}"
    assert all(is_loopback(url) for url in app_page.requests)


def test_no_console_errors(app_page, data, scenario):
    use_the_page(app_page, data, scenario)
    app_page.page.wait_for_timeout(500)  # late errors of the last update
    assert app_page.console_errors == []


@pytest.mark.parametrize("query", ["", "scenario"])
def test_no_axe_violations_for_wcag_a_and_aa(app_page, data, scenario, query):
    page = app_page.open(f"scenario={scenario.id}" if query else "")
    if query:
        wait_for_shown(page, expected(data, scenario.circumstances, scenario.concerns))
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_no_axe_findings_with_every_rule(app_page, data, scenario):
    """Best practices too (e.g. `region`: the app is the page's main landmark, set by the template)."""
    page = app_page.open(f"scenario={scenario.id}")
    wait_for_shown(page, expected(data, scenario.circumstances, scenario.concerns))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "large-text"])
def test_no_horizontal_scrolling_at_phone_width(phone_page, data, scenario, large_text):
    page = phone_page.open(f"scenario={scenario.id}")
    wait_for_shown(page, expected(data, scenario.circumstances, scenario.concerns))
    if large_text:
        page.locator(".secondop-large-text input").click()
        page.wait_for_selector(".secondop-app.secondop-large")
        page.wait_for_timeout(300)
    widths = page.evaluate(
        "() => ({scroll: document.scrollingElement.scrollWidth, client: document.scrollingElement.clientWidth})"
    )
    assert widths["client"] <= 375
    assert widths["scroll"] <= widths["client"], f"the page scrolls sideways at 375 px: {widths}"


def test_readme_screenshot(app_page, data, scenario, screenshot_path):
    """docs/images/dashboard.png: the top of the page with an example patient chosen, at 1280x900."""
    page = app_page.open(f"scenario={scenario.id}")
    wait_for_shown(page, expected(data, scenario.circumstances, scenario.concerns))
    page.locator(".secondop-chart .secondop-bar").first.wait_for(state="visible")
    page.wait_for_timeout(300)  # the last layout of the bars
    screenshot_path.parent.mkdir(parents=True, exist_ok=True)
    png = page.screenshot(path=str(screenshot_path), full_page=False)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
