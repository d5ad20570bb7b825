"""A long worry answer reads as short points (issue 19, item 13): a blank line in data/ splits it, and every
renderer — dashboard, web page, Markdown, plain text — shows each part as a list item, in every language."""

from __future__ import annotations

import pytest

from secondop import assess, load_content
from secondop.plan.export import plan_html, plan_markdown
from secondop.plan.plain_text import plan_text
from secondop.plan.points import points
from secondop.ui import html_parts


def test_points_split_at_blank_lines_only() -> None:
    assert points("One line\nwrapped.") == ["One line", "wrapped."]  # a newline is a break (YAML folds the rest)
    assert points("Short answer.") == ["Short answer."]
    assert points("First  point.\n\nSecond\tpoint.\n") == ["First point.", "Second point."]
    assert points("  \n\n ") == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_delay_answer_is_short_points_everywhere(language: str) -> None:
    content = load_content(language=language)
    answer = content.concerns["worried_delay"].answer
    parts = points(answer)
    assert len(parts) >= 4, "the delay answer should be split into short points (issue 19, item 13)"
    assert all(len(part.split()) <= 60 for part in parts), [len(p.split()) for p in parts]
    plan = assess(content, [], ["worried_delay"])
    html = plan_html(content, plan)
    markdown = plan_markdown(content, plan)
    text = plan_text(content, plan)
    dashboard = html_parts.worries(content, plan)
    for part in parts:
        words = " ".join(part.split()[:6])
        assert f"<li>{html_parts.esc(words)}" in html or f"<li>{words}" in html, part
        assert f"- {words}" in markdown.replace("\\", ""), part
        assert f"  - {words}"[:30] in text, part
    assert dashboard.count("<li>") >= len(parts)
