"""The Spanish edition in the browser: the page's language follows the app, and the switch keeps the ticks."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from dom import checkbox, content
from playwright.sync_api import expect
from test_page_quality import WCAG_TAGS

from secondop import load_content

pytestmark = pytest.mark.browser


def _lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def test_a_spanish_link_opens_a_spanish_page_without_axe_findings(app_page):
    spanish = load_content(language="es")
    page = app_page.open("lang=es&scenario=david_kidney_cancer")
    page.wait_for_function("document.documentElement.lang === 'es'", timeout=10_000)
    assert spanish.labels.dashboard.app_title in page.inner_text("h1")
    assert page.title() == spanish.labels.dashboard.app_title  # the tab's title follows the app (WCAG 2.4.2)
    assert page.locator(checkbox("small_or_rural_hospital")).is_checked()  # David's box (issue 19, item 7)
    # the switch names English in English, and says so to a screen reader
    assert page.locator("button.secondop-lang-en").get_attribute("lang") == "en"
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert app_page.requests and app_page.blocked == [], f"requests beyond 127.0.0.1: {app_page.blocked}"


def test_the_switch_keeps_what_is_ticked_and_is_reachable_by_keyboard(app_page):
    english, spanish = content(), load_content(language="es")
    page = app_page.open("circumstances=rare_cancer")
    assert _lang(page) == "en"
    button = page.locator("button.secondop-lang-es")
    assert button.inner_text() == spanish.labels.language.name
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.documentElement.lang === 'es'", timeout=20_000)
    page.wait_for_selector(f"text={spanish.labels.dashboard.app_title}")
    expect(page).to_have_title(spanish.labels.dashboard.app_title)
    expect(page.locator(checkbox("rare_cancer"))).to_be_checked(timeout=10_000)
    expect(page.locator(".secondop-reasons")).to_contain_text(spanish.reasons["rare_cancer"].title, timeout=10_000)
    page.locator("button.secondop-lang-en").click()
    page.wait_for_function("document.documentElement.lang === 'en'", timeout=20_000)
    page.wait_for_selector(f"text={english.labels.dashboard.app_title}")
    expect(page).to_have_title(english.labels.dashboard.app_title)
    expect(page.locator(checkbox("rare_cancer"))).to_be_checked(timeout=10_000)
