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
