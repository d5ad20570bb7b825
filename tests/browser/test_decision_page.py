"""The decision aid's handouts in Chromium: the full plan reads on a 320 px phone and axe finds nothing (with the
person's marks); the short version prints on at most two US Letter pages, in English and Spanish, even with
every box ticked."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from secondop import assess, load_content
from secondop.plan.export import plan_html
from secondop.plan.export.summary import summary_html
from secondop.plan.marks import Marks

pytestmark = pytest.mark.browser

MARKS = Marks(values={"cost": 2, "know_all_choices": 0}, leaning="not_sure", sure={"sure_of_myself": False})


def _pages(pdf: bytes) -> int:
    """Pages of a PDF Chromium printed: its page objects (`/Type /Page`, not `/Pages`)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_short_version_prints_on_two_letter_pages_at_most(language, tmp_path, browser):
    content = load_content(language=language)
    context = browser.new_context()
    try:
        page = context.new_page()
        for name, ticked, worries in (
            ("everything", set(content.circumstances), set(content.concerns)),
            ("nothing", set(), set()),
        ):
            path = tmp_path / f"{name}-{language}.html"
            plan = assess(content, ticked, worries)
            path.write_text(summary_html(content, plan, "https://example.org/app?scenario=x"), encoding="utf-8")
            page.goto(path.as_uri(), timeout=30_000)
            pages = _pages(page.pdf(format="Letter"))
            assert 1 <= pages <= 2, (name, language, pages)
        violations = Axe().run(page).response["violations"]
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_full_plan_reads_on_a_320px_phone_and_is_axe_clean(language, tmp_path, browser):
    content = load_content(language=language)
    plan = assess(content, set(content.circumstances), set(content.concerns))
    path = tmp_path / "plan.html"
    path.write_text(plan_html(content, plan, MARKS), encoding="utf-8")
    context = browser.new_context(viewport={"width": 320, "height": 720})
    try:
        page = context.new_page()
        page.goto(path.as_uri(), timeout=30_000)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        # the choices table stacks into one card per choice, each cell labelled
        assert page.eval_on_selector("table.choices td", "td => getComputedStyle(td).display") == "block"
        label = page.eval_on_selector("table.choices td", "td => getComputedStyle(td, '::before').content")
        assert content.labels.decision.good in label
        violations = Axe().run(page).response["violations"]
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    finally:
        context.close()


def test_the_full_plan_prints_without_half_empty_pages(tmp_path, browser):
    """Printed on Letter paper, the plan takes at most a seventh more pages than its text fills: long cards break
    across pages instead of leaving a page a third empty (every box ticked: 37 pages for 30 of text before)."""
    content = load_content()
    plan = assess(content, set(content.circumstances), set(content.concerns))
    path = tmp_path / "plan.html"
    path.write_text(plan_html(content, plan), encoding="utf-8")
    # Letter's width and height less the page margins of plan.css (15 mm each side, 16 mm top, 18 mm bottom)
    width, height = round((215.9 - 30) / 25.4 * 96), round((279.4 - 34) / 25.4 * 96)
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(path.as_uri(), timeout=30_000)
        filled = page.evaluate("document.documentElement.scrollHeight") / height
        printed = _pages(page.pdf(format="Letter"))
        assert printed <= filled * 8 / 7 + 1, (printed, round(filled, 1))
    finally:
        context.close()
