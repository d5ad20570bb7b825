"""The served dashboard in a real browser: it renders, reacts to ticks, follows links, hands out the plan."""

from __future__ import annotations

import html
import json
import re
import time
import urllib.error
import urllib.request

import pytest
from dom import changing_circumstance, checkbox, expected, wait_for_shown

pytestmark = pytest.mark.browser

SECTIONS = [
    "secondop-app",
    "secondop-circumstances",
    "secondop-concerns",
    "secondop-reasons",
    "secondop-chart",
    "secondop-checklist",
    "secondop-progress",
    "secondop-questions",
    "secondop-worries",
    "secondop-sources",
    "secondop-notice",
    "secondop-downloads",
    "secondop-scenario",
    "secondop-reset",
    "secondop-large-text",
]


def test_page_renders_every_section_and_the_always_reason(app_page, data):
    page = app_page.open()
    missing = [name for name in SECTIONS if page.locator(f".{name}").count() == 0]
    assert not missing, f"sections missing from the page: {missing}"
    wait_for_shown(page, expected(data))
    body = page.inner_text("body")
    assert "Traceback" not in body and "Error" not in body.split()
    assert page.locator("#loading").is_hidden()
    assert page.locator(".secondop-circumstances input[type=checkbox]").count() == len(data.circumstances)
    # the chart is HTML from the kernel: one bar per reason shown, in the same order
    page.locator(".secondop-chart .secondop-bar").first.wait_for(state="visible")
    bars = page.locator(".secondop-chart .secondop-bar-row").evaluate_all("rows => rows.map(r => r.dataset.reason)")
    assert bars == expected(data)["reasons"]


def test_toggling_a_circumstance_changes_reasons_and_checklist(app_page, data):
    page = app_page.open()
    before = expected(data)
    wait_for_shown(page, before)
    circumstance = changing_circumstance(data)
    page.locator(checkbox(circumstance)).click()
    wait_for_shown(page, expected(data, [circumstance]))
    page.locator(checkbox(circumstance)).click()
    wait_for_shown(page, before)


def test_checkbox_is_labelled_with_the_circumstance_label(app_page, data):
    page = app_page.open()
    circumstance = next(iter(data.circumstances))
    box = page.get_by_role("checkbox", name=data.circumstances[circumstance].label, exact=True)
    assert box.count() == 1
    box.check()
    assert page.locator(checkbox(circumstance)).is_checked()


def test_scenario_link_preselects_its_circumstances(app_page, data):
    scenario = next(iter(data.scenarios.values()))
    page = app_page.open(f"scenario={scenario.id}")
    want = expected(data, scenario.circumstances, scenario.concerns)
    assert set(scenario.expected_reasons) <= set(want["reasons"])
    wait_for_shown(page, want)
    for circumstance in data.circumstances:
        assert page.locator(checkbox(circumstance)).is_checked() == (circumstance in scenario.circumstances)
    picked = page.locator(".secondop-scenario select").evaluate("s => s.options[s.selectedIndex].text")
    assert picked.replace("\xa0", " ") == scenario.name


def test_circumstances_link_preselects_them(app_page, data):
    chosen = list(data.circumstances)[-2:]
    page = app_page.open("circumstances=" + ",".join(chosen))
    wait_for_shown(page, expected(data, chosen))


def test_html_download_holds_the_plan(app_page, data):
    scenario = next(iter(data.scenarios.values()))
    page = app_page.open(f"scenario={scenario.id}")
    want = expected(data, scenario.circumstances, scenario.concerns)
    wait_for_shown(page, want)
    links = page.locator(".secondop-downloads a[download]")
    assert links.count() == 4  # the plan as a web page, as text, as Markdown, and the records-request letter
    plan_name = data.labels.dashboard.file_name
    html_link = page.locator(f".secondop-downloads a[download^='{plan_name}-'][download$='.html']")
    with page.expect_download(timeout=15_000) as info:
        html_link.click()
    download = info.value
    assert download.suggested_filename.endswith(".html")
    text = html.unescape(download.path().read_text(encoding="utf-8"))
    text = re.sub(r"\s+", " ", text)
    missing = [i for i in want["checklist"] if re.sub(r"\s+", " ", data.checklist[i].text) not in text]
    assert not missing, f"checklist items missing from the downloaded plan: {missing}"
    assert data.reasons[want["reasons"][-1]].title in text


def _kernel_alive(url: str, kernel_id: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}api/kernels/{kernel_id}", timeout=5):
            return True
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        raise


def test_closing_the_page_shuts_its_kernel_down(browser, voila_server):
    """Voilà's unload request must get through (XSRF check off in voila.json), or every closed page leaks."""
    from conftest import _close, _new_app_page

    context, app = _new_app_page(browser, voila_server, {"width": 800, "height": 600})
    app.open()
    kernel_id = json.loads(app.page.locator("#jupyter-config-data").text_content())["kernelId"]
    assert _kernel_alive(voila_server.url, kernel_id)
    _close(context, app)
    deadline = time.monotonic() + 15
    while _kernel_alive(voila_server.url, kernel_id) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert not _kernel_alive(voila_server.url, kernel_id), "the closed page's kernel is still running"
