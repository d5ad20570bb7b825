"""Reading the plan on a phone (issue 24, item 4), without a browser: tap-to-call numbers, downloads a phone can
read and whose names say what they are, and an expert's paragraph said once.

The browser checks (320 px, no word broken mid-word, the links in the page) are in
tests/browser/test_phone_and_undo.py.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from secondop import Content, assess
from secondop.plan.export import plan_html
from secondop.plan.export.once import experts_above
from secondop.plan.export.phones import dial_string, link_phones
from secondop.plan.plain_text import WIDTH, plan_text, plan_text_for_phone
from secondop.ui import Dashboard, build_dashboard
from secondop.ui.html_parts import _slug, data_uri_document, file_stem


def test_numbers_become_tel_links_and_nothing_else_does():
    html = (
        "<p>Call the American Cancer Society at 1-800-227-2345. Or call 1-800-4-CANCER.</p>"
        '<p>In 2024-2025, 1-2 people; <a href="https://example.org">1-800-227-2345</a></p>'
        "<style>.x{}</style><title>1-800-227-2345</title>"
    )
    linked = link_phones(html)
    assert '<a class="secondop-tel" href="tel:+18002272345">1-800-227-2345</a>. Or' in linked
    assert '<a class="secondop-tel" href="tel:+18004226237">1-800-4-CANCER</a>' in linked
    assert linked.count("tel:") == 2, "not inside a link, a title, nor for dates and counts"
    assert dial_string("1-800-4-CANCER") == "+18004226237"
    assert dial_string("1-800-12-34") is None


def test_the_content_numbers_are_links_in_the_dashboard_and_the_handout(content: Content):
    numbers = set()
    for path in ("experts", "always_shown"):
        for entry in getattr(content, path).values():
            for value in vars(entry).values():
                if isinstance(value, str):
                    numbers.update(re.findall(r"1-\d{3}-[0-9A-Z]{1,4}-[0-9A-Z]{3,7}", value))
    assert numbers, "the content names phone lines"
    assessment = assess(content, set(content.circumstances))
    handout = plan_html(content, assessment)
    app = build_dashboard(content, "circumstances=" + ",".join(content.circumstances))
    page = app.blocks.value + "".join(card.value for card in app.reasons.cards.values())
    for number in numbers:
        link = f'href="tel:{dial_string(number)}">{number}</a>'
        assert link in handout, number
        assert link in page or number not in unescape(page), number


def text_of(html: str) -> str:
    """The words of some HTML: blocks apart, inline tags (a link round a number) removed."""
    spaced = re.sub(r"</?(?:p|li|h\d|article|div|ul|ol|section|header|main)\b[^>]*>", " ", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", spaced)).split())


def test_an_expert_paragraph_is_said_once(content: Content):
    assessment = assess(content, set(content.circumstances))
    above = experts_above(assessment.reasons)
    assert above, "some reasons share an expert"
    how = {r.expert.id: " ".join(r.expert.how.split()) for r in assessment.reasons}
    app = build_dashboard(content, "circumstances=" + ",".join(content.circumstances))
    cards = text_of("".join(app.reasons.cards[r.id].value for r in assessment.reasons))
    handout = text_of(plan_html(content, assessment))
    text = plan_text_for_phone(content, assessment)
    for expert, paragraph in how.items():
        assert cards.count(paragraph) == 1, expert
        assert handout.count(paragraph) == 1, expert
        assert text.count(paragraph) == 1, expert
    first_title = next(iter(above.values()))
    assert content.labels.plan.expert_same.format(reason=first_title) in cards


def test_the_text_download_has_no_hard_line_breaks_inside_paragraphs(content: Content):
    assessment = assess(content, {"rare_cancer"})
    wrapped, phone = plan_text(content, assessment), plan_text_for_phone(content, assessment)
    why = " ".join(assessment.reasons[0].reason.why.split())
    assert len(why) > WIDTH
    assert any(line.strip() == why for line in phone.splitlines()), "a paragraph stays on one line"
    assert not any(line.strip() == why for line in wrapped.splitlines()), "the terminal's text is wrapped"
    assert " ".join(wrapped.split()) == " ".join(phone.split()), "the same words, only the line breaks differ"
    assert "<" not in phone and "**" not in phone, "plain text, not HTML or Markdown"


def documents(app: Dashboard) -> dict[str, tuple[str, str]]:
    found = re.findall(r'<a download="([^"]+)" href="(data:([^;]+);charset=utf-8,[^"]+)"', app.downloads.value)
    return {name: (mime, data_uri_document(unescape(uri))) for name, uri, mime in found}


def test_downloads_say_whose_example_and_which_language(content: Content):
    example = next(s for s in content.scenarios.values() if s.name.startswith("Grace"))
    app = build_dashboard(content, f"scenario={example.id}")
    names = set(documents(app))
    plan = content.labels.dashboard.file_name
    assert {f"{plan}-grace-en.html", f"{plan}-grace-en.txt", f"{plan}-grace-en.md"} <= names
    assert f"{content.letter.file_name}-grace-en.html" in names
    mime, text = documents(app)[f"{plan}-grace-en.txt"]
    assert mime == "text/plain" and text == plan_text_for_phone(content, app.assessment)
    assert documents(app)[f"{plan}-grace-en.md"][0] == "text/markdown"
    app.circumstance_boxes[next(iter(content.circumstances))].value = not app.circumstance_boxes[
        next(iter(content.circumstances))
    ].value  # own ticks: no longer the example's plan
    assert f"{plan}-en.html" in documents(app)


def test_the_text_and_markdown_links_are_named_apart(content: Content):
    app = build_dashboard(content)
    labels = content.labels
    page = unescape(app.downloads.value)
    assert labels.files.download_text in page and labels.dashboard.download_markdown in page
    assert labels.files.download_text != labels.dashboard.download_markdown


@pytest.mark.parametrize(
    ("name", "slug"), [("Sofía, cáncer de mama", "sofia"), ("Grace, lymphoma", "grace"), ("Jean-Luc", "jean-luc")]
)
def test_file_names_are_plain_ascii(name: str, slug: str):
    assert _slug(name.split(",")[0]) == slug


def test_a_plan_without_an_example_is_named_by_its_language(content: Content):
    assert file_stem(content, "plan") == f"plan-{content.language}"
    assert file_stem(content, "plan", "no_such_example") == f"plan-{content.language}"


def test_the_help_lines_after_a_sure_answer_of_no_can_be_tapped(content: Content):
    """The SURE test's next step for "no" names the ACS and NCI lines: they are links on the page too."""
    app = build_dashboard(content)
    with_phone = [q for q in content.sure_questions.values() if re.search(r"1-\d{3}-", q.if_no)]
    assert with_phone, "a next step names a phone line"
    app.decision.sure_boxes[with_phone[0].id].value = False
    assert 'href="tel:+18002272345"' in app.decision.sure_result.value
