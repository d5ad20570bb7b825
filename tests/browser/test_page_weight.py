"""The page's weight in a real browser, checked by what it does rather than how long it takes.

Compressed responses, cacheable versioned files, no front-end extension beyond the allowlist, and the
plain-HTML chart with its text alternative. Figures (bytes, Lighthouse) come from `make bench`.
"""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from dom import expected, wait_for_shown

from secondop import assess
from secondop.plan.chart import chart_summary
from secondop.server.command import REPO_ROOT

pytestmark = pytest.mark.browser

ALLOWED = json.loads((REPO_ROOT / "voila.json").read_text(encoding="utf-8"))["VoilaConfiguration"][
    "extension_allowlist"
]
YEAR = 31536000
STATIC = REPO_ROOT / "share" / "jupyter" / "voila" / "templates" / "secondop" / "static"


@pytest.fixture(scope="module")
def scenario(data):
    return next(iter(data.scenarios.values()))


class Responses:
    """Every response of a page, with the headers the browser saw."""

    def __init__(self, page) -> None:
        self.seen: list[dict] = []
        page.on("response", self._add)

    def _add(self, response) -> None:
        self.seen.append({"url": response.url, "headers": response.headers})

    def under(self, fragment: str) -> list[dict]:
        return [r for r in self.seen if fragment in r["url"]]


def record_responses(cdp) -> list[tuple[str, bool]]:
    """(URL, came over the network) of every response the page gets, via the DevTools protocol.

    A file served from the browser's disk or memory cache made no round trip; a revalidated one (304) did.
    """
    seen: list[tuple[str, bool]] = []

    def add(event: dict) -> None:
        response = event["response"]
        cached = response.get("fromDiskCache") or response.get("fromMemoryCache") or response.get("fromPrefetchCache")
        seen.append((response["url"], not cached))

    cdp.on("Network.responseReceived", add)
    return seen


def test_the_browser_gets_gzip_for_text_it_asked_to_be_compressed(app_page, scenario):
    responses = Responses(app_page.page)
    app_page.open(f"scenario={scenario.id}")
    scripts = [r for r in responses.seen if r["url"].split("?")[0].endswith(".js")]
    assert scripts, "no scripts recorded"
    page = next(r for r in responses.seen if f"scenario={scenario.id}" in r["url"])
    assert page["headers"].get("content-encoding") == "gzip"
    big = [r for r in scripts if int(r["headers"].get("content-length", "2000")) >= 1024]
    assert all(r["headers"].get("content-encoding") == "gzip" for r in big), [r["url"] for r in big][:5]


def test_versioned_files_are_kept_for_a_year_and_the_page_is_not(app_page, scenario):
    responses = Responses(app_page.page)
    app_page.open(f"scenario={scenario.id}")
    versioned = responses.under("/voila/static-") + [r for r in responses.seen if "?v=" in r["url"]]
    files = [r for r in responses.seen if r["url"].split("?")[0].endswith((".js", ".css"))]
    assert len(versioned) >= 8, "the page should load its scripts and styles from versioned addresses"
    unversioned = sorted({r["url"] for r in files} - {r["url"] for r in versioned})
    assert not unversioned, f"scripts or styles without a version in their address: {unversioned}"
    lifetimes = {r["url"]: r["headers"].get("cache-control", "") for r in versioned}
    long_lived = (f"max-age={YEAR}", "max-age=315360000")  # ours, and Tornado's for a template's ?v= files
    short = {url: value for url, value in lifetimes.items() if not any(age in value for age in long_lived)}
    assert not short, f"versioned files without a long lifetime: {short}"
    assert not responses.under("/voila/static/"), "unversioned Voilà files would be revalidated on every visit"
    page = next(r for r in responses.seen if f"scenario={scenario.id}" in r["url"])
    assert "no-store" in page["headers"].get("cache-control", "")


def test_a_second_visit_fetches_only_the_page_and_its_kernel(browser, voila_server, scenario):
    """Static files come from the browser's cache without asking the server (no revalidation round trips)."""
    from devtools.browser_harness import close_page

    context = browser.new_context()
    try:
        first = context.new_page()
        first.goto(f"{voila_server.url}?scenario={scenario.id}")
        first.wait_for_selector(".secondop-ready", state="visible")
        close_page(first)
        second = context.new_page()
        cdp = context.new_cdp_session(second)
        cdp.send("Network.enable")
        seen = record_responses(cdp)
        second.goto(f"{voila_server.url}?scenario={scenario.id}")
        second.wait_for_selector(".secondop-ready", state="visible")
        second.wait_for_timeout(300)
        over_network = [url for url, network in seen if network and url.startswith("http")]
        statics = [url for url in over_network if "/voila/" in url]
        assert statics == [], f"static files fetched again: {statics}"
        assert len(over_network) <= 10, over_network
        close_page(second)
    finally:
        context.close()


def test_the_page_draws_its_widgets_with_its_own_front_end_and_no_extension(app_page, data, scenario):
    """The dashboard's notebook asks for the light front end (frontend/): one script draws every widget, and none
    of Voilà's JupyterLab application or labextensions is fetched (the allowlist in voila.json still bounds
    what a notebook without it would load)."""
    page = app_page.open(f"scenario={scenario.id}")
    wait_for_shown(page, expected(data, scenario.circumstances, scenario.concerns))
    assert not [url for url in app_page.requests if "/voila/labextensions/" in url]
    scripts = {url.split("?")[0].rsplit("/", 1)[1] for url in app_page.requests if url.split("?")[0].endswith(".js")}
    assert "secondop-widgets.js" in scripts and "voila.js" not in scripts, scripts
    assert scripts <= {p.name for p in STATIC.glob("*.js")} | {"voila-style.js"}, scripts
    assert set(ALLOWED) == {"@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8"}
    assert not any("plotly" in url for url in app_page.requests)


def test_chart_is_named_described_and_passes_axe(app_page, data, scenario):
    page = app_page.open(f"scenario={scenario.id}")
    wait_for_shown(page, expected(data, scenario.circumstances, scenario.concerns))
    chart = page.get_by_role("img", name=data.labels.dashboard.chart_title)
    assert chart.count() == 1
    summary = chart_summary(data, assess(data, scenario.circumstances, scenario.concerns))
    described = chart.evaluate("el => document.getElementById(el.getAttribute('aria-describedby')).textContent")
    assert described == summary
    shown = expected(data, scenario.circumstances, scenario.concerns)["reasons"]
    assert page.locator(".secondop-chart .secondop-bar-row").count() == len(shown)
    results = Axe().run(page, context={"include": [[".secondop-chart"]]})
    assert results.violations_count == 0, results.generate_report()
