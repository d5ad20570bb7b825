"""The exported plan opened from disk in Chromium: self-contained, accessible, prints on A4 and Letter."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from secondop import assess
from secondop.plan.export import plan_html

pytestmark = pytest.mark.browser


def test_html_page_in_a_browser(tmp_path, content, browser):
    """No request leaves the file, axe finds nothing, links print their address, PDF in both sizes."""
    plan = assess(content, set(content.circumstances), set(content.concerns))
    path = tmp_path / "plan.html"
    path.write_text(plan_html(content, plan), encoding="utf-8")
    requests: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(path.as_uri(), timeout=30_000)
        violations = Axe().run(page).response["violations"]
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
        page.emulate_media(media="print")
        after = page.eval_on_selector("a.external", "a => getComputedStyle(a, '::after').content")
        assert "http" in after
        for size in ("A4", "Letter"):
            assert page.pdf(format=size).startswith(b"%PDF")
    finally:
        context.close()
    assert requests == [path.as_uri()]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_letters_signature_prints_with_its_closing(language, tmp_path, browser):
    """The signature never sits alone on a printed page (issue 24, item 10): the closing, who signs and the
    signature lines are one block that print keeps together, and the block is small enough for that to hold."""
    from secondop import load_content
    from secondop.plan.export.letter import letter_html

    content = load_content(language=language)
    english = load_content(language="en") if language != "en" else None
    plan = assess(content, set(content.circumstances), set(content.concerns))
    path = tmp_path / "letter.html"
    path.write_text(letter_html(content, plan, english), encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(path.as_uri(), timeout=30_000)
        page.emulate_media(media="print")
        blocks = page.eval_on_selector_all(
            "article .sign-off",
            """blocks => blocks.map(b => ({
                breakInside: getComputedStyle(b).breakInside,
                height: b.getBoundingClientRect().height,
                signature: b.querySelectorAll('.field').length,
            }))""",
        )
        assert blocks, "no sign-off block in the letter"
        letter_page_height = 11 * 96 - 2 * 16 / 25.4 * 96  # US Letter less the @page margins, in CSS px
        for block in blocks:
            assert block["breakInside"] == "avoid", block
            assert block["signature"] >= 2, block  # the signature and the representative's lines
            assert block["height"] < letter_page_height / 2, block
    finally:
        context.close()
