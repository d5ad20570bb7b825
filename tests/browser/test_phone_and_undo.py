"""Issue 24 items 3 and 4 in Chromium: ticks are never lost (Undo), and the plan reads on a 320 px phone.

Run alone: `.venv/bin/python -m pytest tests/browser/test_phone_and_undo.py -q -p no:cacheprovider`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import AppPage, _close, _new_app_page
from dom import checkbox, content

from devtools.browser_harness import READY, READY_TIMEOUT_MS
from secondop.plan.export.phones import dial_string
from secondop.ui.html_parts import data_uri_document

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 700}

#: Words of `selector`'s text that the browser drew over more than one line (a word broken mid-word), and how
#: much wider the page is than the screen. Web addresses may break (they are longer than any phone).
BROKEN_WORDS_JS = """(selector) => {
  const broken = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.checkVisibility()) continue;
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const word = match[0];
        if (word.includes('/') || word.includes('@') || word.length < 4) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + word.length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(word);
      }
    }
  }
  return {broken, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}"""


@pytest.fixture
def phone(browser, voila_server) -> Iterator[AppPage]:
    context, app = _new_app_page(browser, voila_server, PHONE)
    yield app
    _close(context, app)


def ticked(page) -> set[str]:
    return set(
        page.evaluate(
            """() => [...document.querySelectorAll('.secondop-circumstances .secondop-entry-box')]
                 .filter(box => box.querySelector('input').checked)
                 .flatMap(box => [...box.classList].filter(c => c.startsWith('secondop-circumstance-'))
                 .map(c => c.slice('secondop-circumstance-'.length)))"""
        )
    )


def wait_ticked(page, want: set[str]) -> None:
    for _ in range(100):
        if ticked(page) == want:
            return
        page.wait_for_timeout(100)
    assert ticked(page) == want


def test_an_example_or_clear_all_over_own_ticks_can_be_undone(app_page):
    data = content()
    page = app_page.open()
    example = next(iter(data.scenarios.values()))
    mine = [c for c in data.circumstances if c not in example.circumstances][:2]
    for circumstance in mine:
        page.locator(checkbox(circumstance)).check()
    wait_ticked(page, set(mine))
    undo = page.locator(".secondop-undo button")
    assert not undo.is_visible(), "nothing to undo yet"

    page.locator(".secondop-scenario select").select_option(label=example.name)
    wait_ticked(page, set(example.circumstances))
    undo.wait_for(state="visible")
    assert data.labels.undo.example in page.locator(".secondop-undo").inner_text()
    assert undo.inner_text().strip() == data.labels.undo.button
    undo.click()
    wait_ticked(page, set(mine))
    undo.wait_for(state="hidden")

    page.locator("button.secondop-reset").click()
    wait_ticked(page, set())
    undo.wait_for(state="visible")
    assert data.labels.undo.cleared in page.locator(".secondop-undo").inner_text()
    undo.click()
    wait_ticked(page, set(mine))
    assert not app_page.console_errors


def test_phone_numbers_are_links_that_call(phone):
    page = phone.open("circumstances=" + ",".join(content().circumstances))
    links = page.locator('a[href^="tel:"]')
    assert links.count() >= 2
    for index in range(links.count()):
        link = links.nth(index)
        text, href = link.inner_text(), link.get_attribute("href")
        assert href == f"tel:{dial_string(text)}", (text, href)
        assert link.is_visible()
    texts = {links.nth(i).inner_text() for i in range(links.count())}
    assert {"1-800-227-2345", "1-800-4-CANCER"} <= texts


def test_every_expert_paragraph_is_on_the_page_once(phone):
    data = content()
    page = phone.open("circumstances=" + ",".join(data.circumstances))
    reasons = " ".join(page.locator(".secondop-reasons").inner_text().split())
    for expert in data.experts.values():
        how = " ".join(expert.how.split())
        assert reasons.count(how) <= 1, expert.id
    assert data.labels.plan.expert_same.split("{")[0].strip() in reasons


def test_glossary_and_letter_fit_320_px_without_breaking_words(phone, browser):
    data = content()
    page = phone.open("circumstances=" + ",".join(data.circumstances))
    page.wait_for_selector(".secondop-glossary dt, .secondop-glossary dfn, .secondop-glossary li", timeout=30_000)
    found = page.evaluate(BROKEN_WORDS_JS, ".secondop-glossary")
    assert found["broken"] == [] and found["overflow"] <= 0, found

    href = page.locator(f"a[download^='{data.letter.file_name}']").get_attribute("href")
    letter = data_uri_document(href)
    context = browser.new_context(viewport=PHONE)
    try:
        sheet = context.new_page()
        sheet.set_content(letter)
        found = sheet.evaluate(BROKEN_WORDS_JS, "body")
        assert found["broken"] == [] and found["overflow"] <= 0, found
    finally:
        context.close()


def test_download_as_text_is_plain_text_named_for_the_example(phone):
    data = content()
    example = next(iter(data.scenarios.values()))
    page = phone.open(f"scenario={example.id}")
    first_name = re.sub(r"[^a-z0-9]+", "-", example.name.split(",")[0].lower()).strip("-")
    link = page.get_by_role("link", name=data.labels.files.download_text, exact=True)
    with page.expect_download() as download:
        link.click()
    name = download.value.suggested_filename
    assert name == f"{data.labels.dashboard.file_name}-{first_name}-en.txt"
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert data.labels.plan.title in text and "<" not in text and "**" not in text
    markdown = page.get_by_role("link", name=data.labels.dashboard.download_markdown, exact=True)
    assert markdown.get_attribute("download") == f"{data.labels.dashboard.file_name}-{first_name}-en.md"
    page.wait_for_selector(READY, state="visible", timeout=READY_TIMEOUT_MS)
