"""The decision aid (issue #20): choices in equal detail with sources, the person's marks in the handout only,
the SURE score, references that match the page, derived figures that add up, pictures that are valid SVG with
a text alternative, the checklist in step order, and the short version."""

from __future__ import annotations

import json
import logging
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import pytest
import yaml
from synthetic import write_content

from secondop import load_content
from secondop.cli import main
from secondop.content.decision_checks import frequency
from secondop.content.json_bundle import content_to_json
from secondop.content.plain import content_from_json
from secondop.content.problems import ContentError
from secondop.plan.assessment import assess, scenario_selection
from secondop.plan.export import plan_html, plan_markdown
from secondop.plan.export.summary import full_plan_address, summary_html
from secondop.plan.marks import LEANINGS, Marks, sure_result
from secondop.plan.plain_text import plan_text
from secondop.ui.html_parts import data_uri_document

SVG = re.compile(r"<svg\b.*?</svg>", re.S)
EXAMPLE_MARKS = Marks(
    values={"cost": 2, "start_soon": 0, "feel_sure": 1},
    leaning="not_sure",
    sure={"sure_of_myself": True, "understand_information": False, "risk_benefit_ratio": True, "encouragement": True},
)


@pytest.fixture(scope="module", params=["en", "es"])
def lang_content(request):
    return load_content(language=request.param)


def _words(text: str) -> int:
    return len(text.split())


def _plans(content):
    """Nothing ticked, everything ticked, and every example patient."""
    selections = [((), ()), (tuple(content.circumstances), tuple(content.concerns))]
    selections += [tuple(map(tuple, scenario_selection(content, s))) for s in content.scenarios]
    return [assess(content, c, w) for c, w in selections]


# --- the choices -------------------------------------------------------------------------------------------
def test_every_choice_has_good_and_hard_points_of_equal_detail_with_sources(lang_content) -> None:
    """IPDAS: options and their pros and cons in equal detail, each backed by sources that were read."""
    choices = lang_content.choices
    assert set(choices) == {"go_ahead", "in_person", "remote_review", "tumor_board"}
    for choice in choices.values():
        assert choice.name and choice.what_happens and choice.good and choice.hard, choice.id
        assert choice.sources and all(lang_content.sources[s].checked for s in choice.sources), choice.id
        good, hard = _words(choice.good), _words(choice.hard)
        assert 0.8 <= good / hard <= 1.25, (choice.id, good, hard)  # equal detail, within a fifth
    # the four choices together: neither side outweighs the other
    total_good = sum(_words(c.good) for c in choices.values())
    total_hard = sum(_words(c.hard) for c in choices.values())
    assert 0.9 <= total_good / total_hard <= 1.1, (total_good, total_hard)


def test_every_plan_lays_out_every_choice_in_every_format(content) -> None:
    for plan in _plans(content)[:3]:
        html, markdown, text = plan_html(content, plan), plan_markdown(content, plan), plan_text(content, plan)
        assert '<table class="choices">' in html and html.count('<tr id="choice-') == len(content.choices)
        assert markdown.count("\n| **") == len(content.choices)  # one Markdown table row per choice
        for choice in content.choices.values():
            for rendered in (html, markdown, text):
                flat = " ".join(rendered.split())
                assert choice.name in flat.replace("\\", "") or choice.name in flat, choice.id


def test_every_plan_opens_with_its_purpose_and_key_points(content) -> None:
    labels = content.labels.decision
    for plan in _plans(content):
        html = plan_html(content, plan)
        head = html[: html.index('aria-labelledby="h-situation"')]
        for label in (labels.purpose, labels.key_points, labels.key_decision, labels.key_wait, labels.key_step):
            assert label.replace("'", "&#x27;") in head, label
        if plan.strongest is not None:
            assert plan.strongest.reason.title.replace("'", "&#x27;") in head


def test_the_first_step_key_point_does_not_repeat_the_this_week_how_to(content) -> None:
    """When time is short the plan opens with "what to do this week" in full; the key point names the first
    step only, so a reader does not meet the same five sentences twice in a row."""
    plan = assess(content, {"treatment_soon"}, set())
    first = plan.first_steps[0]
    html, text = plan_html(content, plan), plan_text(content, plan)
    assert first.text in text.split(content.labels.decision.key_step, 1)[1].splitlines()[0]
    for rendered in (html, text, plan_markdown(content, plan)):
        flat = " ".join(rendered.split())
        assert flat.count(" ".join(first.how.split()[:8])) == 1


# --- the person's marks ------------------------------------------------------------------------------------
def test_marks_appear_in_the_handouts_exactly_as_chosen(content) -> None:
    plan = assess(content, {"rare_cancer"}, set())
    html = plan_html(content, plan, EXAMPLE_MARKS)
    levels = content.labels.decision.value_levels
    for value_id, level in EXAMPLE_MARKS.values.items():
        row = re.search(rf'<tr id="value-{value_id}">(.*?)</tr>', html).group(1)
        cells = re.findall(r'<td class="(\w+)">([^<]*)</td>', row)
        assert [css for css, _ in cells] == ["marked" if n == level else "box" for n in range(len(levels))]
        assert cells[level][1] == "✔"
    unmarked = re.search(r'<tr id="value-know_all_choices">(.*?)</tr>', html).group(1)
    assert "✔" not in unmarked and unmarked.count("☐") == len(levels)
    leaning = content.labels.decision.leaning_options[LEANINGS.index("not_sure")]
    assert f'<li class="marked">✔ {leaning}</li>' in html
    assert html.count('<li class="marked">') == 1
    assert "3 of 4" in html  # the SURE score
    assert content.sure_questions["understand_information"].if_no in html  # the next step for the "no"
    text_only = re.sub(r"<[^>]+>", "", html)  # phone numbers are tel: links
    assert content.sure_questions["encouragement"].if_no in text_only  # support always helps under 4
    assert content.sure_questions["risk_benefit_ratio"].if_no not in html
    markdown = plan_markdown(content, plan, EXAMPLE_MARKS)
    assert f"- ☑ {leaning}" in markdown and markdown.count("- ☑ ") == 1
    text = plan_text(content, plan, EXAMPLE_MARKS)
    assert f"[x] {leaning}" in text and text.count("[x]") == 1 + len(EXAMPLE_MARKS.values)


def test_a_plan_without_marks_has_blank_boxes_only(content) -> None:
    plan = assess(content, {"rare_cancer"}, set())
    html = plan_html(content, plan)
    assert "✔" not in html and 'class="marked"' not in html
    assert content.labels.decision.marks_note not in html
    assert plan_html(content, plan, Marks()) == html


def test_marks_are_refused_when_they_are_not_marks() -> None:
    with pytest.raises(ValueError, match=r"is not one of 0\.\.2"):
        Marks(values={"cost": 3})
    with pytest.raises(ValueError, match="leaning `maybe` is not one of"):
        Marks(leaning="maybe")


def _decoded_links(html: str) -> dict[str, str]:
    """Each download of the downloads area by its link text: what it carries, a data URI decoded."""
    return {
        label: data_uri_document(unescape(href))
        for href, label in re.findall(r'href="(data:[^"]+)"[^>]*>([^<]+)</a>', html)
    }


def _addresses(html: str) -> list[str]:
    """Every link of the area that is not a download: the share link, which must never carry the marks."""
    return [unquote(href) for href in re.findall(r'href="([^"]+)"', html) if not href.startswith("data:")]


def test_marks_go_into_the_downloads_and_nowhere_else(content, tmp_path, monkeypatch, caplog) -> None:
    """Chosen in the dashboard: in the downloaded plan (web page and Markdown) exactly as chosen; never in the
    share link, the app's state, a log record or a file."""
    from secondop.ui.app import build_dashboard

    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.DEBUG)
    app = build_dashboard(content, "scenario=maria_told_no_options")
    before = {p.name for p in tmp_path.iterdir()}
    statement = content.values["cost"].statement
    app.decision.value_boxes["cost"].value = 2
    app.decision.leaning.value = "go_ahead"
    for key, box in app.decision.sure_boxes.items():
        box.value = key != "risk_benefit_ratio"
    assert app.decision.marks() == Marks(
        values={"cost": 2},
        leaning="go_ahead",
        sure={k: k != "risk_benefit_ratio" for k in content.sure_questions},
    )
    links = _decoded_links(app.downloads.value)
    page = links[content.labels.dashboard.download_html]
    assert re.search(
        r'<tr id="value-cost"><th scope="row">[^<]*(<span[^>]*>.*?</span>)?</th>'
        r'<td class="box"></td><td class="box"></td><td class="marked">✔</td>',
        page,
    )
    going_ahead = content.labels.decision.leaning_options[LEANINGS.index("go_ahead")]
    assert f'<li class="marked">✔ {going_ahead}</li>' in page
    assert "3 of 4" in page
    markdown = links[content.labels.dashboard.download_markdown]
    assert f"- ☑ {going_ahead}" in markdown
    phone_text = [text for text in links.values() if not text.startswith(("<", "#"))]
    assert all(f"[x] {going_ahead}" in text for text in phone_text)
    # nowhere else: not in the share link, the state, the logs or any file
    share = _addresses(app.downloads.value)
    assert share  # the link that reopens this selection
    for address in share:
        assert "cost" not in address and "go_ahead" not in address and "sure" not in address, address
    assert not any(statement in r.getMessage() or "go_ahead" in r.getMessage() for r in caplog.records)
    state = json.dumps({k: str(v) for k, v in app.state.trait_values().items()})
    assert "go_ahead" not in state and "risk_benefit_ratio" not in state
    assert {p.name for p in tmp_path.iterdir()} == before
    # the short version carries the plan, not the marks (it is for handing out)
    summary = _decoded_links(app.summary_download.value)[content.labels.decision.download_summary]
    assert "✔" not in summary


def test_marks_survive_the_language_switch(content) -> None:
    from secondop.ui.app import build_dashboard

    app = build_dashboard(content, "", lambda code: load_content(language=code))
    app.decision.value_boxes["close_to_home"].value = 1
    app.decision.leaning.value = "second_opinion"
    app.switch_language("es")
    assert app.decision.marks() == Marks(values={"close_to_home": 1}, leaning="second_opinion")


# --- SURE ---------------------------------------------------------------------------------------------------
def _questions(n: int = 4):
    return tuple(SimpleNamespace(id=f"q{i}", if_no=f"do {i}") for i in range(n))


def test_sure_score_counts_the_yes_answers_and_lists_next_steps_for_each_no() -> None:
    questions = _questions()
    all_yes = sure_result(questions, {q.id: True for q in questions})
    assert (all_yes.score, all_yes.total, all_yes.answered, all_yes.ready, all_yes.not_sure) == (4, 4, True, True, ())
    one_no = sure_result(questions, {"q0": True, "q1": False, "q2": True, "q3": True})
    assert (one_no.score, one_no.ready, [q.id for q in one_no.not_sure]) == (3, False, ["q1"])
    # under 4, the support step (the test's last question: someone to bring, the phone lines) always follows
    assert [q.id for q in one_no.next_steps] == ["q1", "q3"]
    support_no = sure_result(questions, {"q0": True, "q1": True, "q2": True, "q3": False})
    assert [q.id for q in support_no.next_steps] == ["q3"]
    assert all_yes.next_steps == ()
    all_no = sure_result(questions, {q.id: False for q in questions})
    assert (all_no.score, all_no.ready, len(all_no.not_sure)) == (0, False, 4)
    partial = sure_result(questions, {"q0": True, "q1": True, "q2": True})
    assert (partial.score, partial.answered, partial.ready, partial.not_sure) == (3, False, False, ())
    assert sure_result(questions, {}).score == 0 and not sure_result(questions, {}).answered


def test_the_sure_test_has_its_four_questions_credited_and_a_next_step_for_each(lang_content) -> None:
    questions = list(lang_content.sure_questions.values())
    assert [q.id for q in questions] == [
        "sure_of_myself",
        "understand_information",
        "risk_benefit_ratio",
        "encouragement",
    ]
    assert all(q.if_no and "legare_sure_2010" in q.sources for q in questions)
    credit = lang_content.labels.decision.sure_credit
    assert "Légaré" in credit and "O'Connor" in credit
    html = plan_html(lang_content, assess(lang_content, set(), set()))
    assert credit.replace("'", "&#x27;") in html


def test_the_validator_wants_exactly_four_sure_questions(tmp_path: Path) -> None:
    root = write_content(tmp_path / "data")
    entries = yaml.safe_load((root / "sure_questions.yaml").read_text())[:3]
    (root / "sure_questions.yaml").write_text(yaml.safe_dump(entries))
    texts = yaml.safe_load((root / "text/en/sure_questions.yaml").read_text())
    texts.pop("sure_d")
    (root / "text/en/sure_questions.yaml").write_text(yaml.safe_dump(texts))
    with pytest.raises(ContentError, match="4 questions, not 3"):
        load_content(root)


# --- numbers people read -----------------------------------------------------------------------------------
def test_frequency_rounds_half_up() -> None:
    assert [frequency(p, 10) for p in (12, 69, 43, 82, 45, 5, 4)] == [1, 7, 4, 8, 5, 1, 0]
    assert frequency(20, 5) == 1


def test_every_derived_figure_in_the_content_adds_up(content) -> None:
    for derived in content.settings.derived_figures:
        assert [frequency(p, derived.out_of) for p in derived.percents] == derived.gives, derived
    figure = content.key_figures["plan_changed"]
    assert (figure.low, figure.high, figure.out_of) == (1, 7, 10)
    assert "12%" in figure.text and "1 to 7 in 10" in figure.text


def _with_settings(root: Path, **changes) -> None:
    settings = yaml.safe_load((root / "settings.yaml").read_text())
    settings.update(changes)
    (root / "settings.yaml").write_text(yaml.safe_dump(settings))


def test_the_validator_checks_the_arithmetic_of_a_derived_figure(tmp_path: Path) -> None:
    root = write_content(tmp_path / "data")
    sources = yaml.safe_load((root / "sources.yaml").read_text())
    sources[0]["excerpts"].append("It changed in 12–69 % of cases.")
    (root / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True))
    concerns = yaml.safe_load((root / "text/en/concerns.yaml").read_text())
    concerns["worry"]["answer"] = "It changed 12% to 69% of the time: about 1 to 7 in 10."
    (root / "text/en/concerns.yaml").write_text(yaml.safe_dump(concerns))
    with pytest.raises(ContentError, match="figure `1` "):
        load_content(root)  # a frequency no derived figure declares is refused
    _with_settings(root, derived_figures=[{"source": "a_source", "percents": [12, 69], "out_of": 10, "gives": [1, 7]}])
    load_content(root)  # declared, and the arithmetic holds
    _with_settings(root, derived_figures=[{"source": "a_source", "percents": [12, 69], "out_of": 10, "gives": [1, 6]}])
    with pytest.raises(ContentError, match="69% of 10 is about 7, not 6"):
        load_content(root)
    _with_settings(root, derived_figures=[{"source": "a_source", "percents": [13, 69], "out_of": 10, "gives": [1, 7]}])
    with pytest.raises(ContentError, match="`13` is in no excerpt of `a_source`"):
        load_content(root)


def test_the_key_figure_must_be_a_derived_figure_of_its_source(tmp_path: Path) -> None:
    root = write_content(tmp_path / "data")
    (root / "key_figures.yaml").write_text(
        yaml.safe_dump([{"id": "fig", "sources": ["a_source"], "low": 1, "high": 7, "out_of": 10}])
    )
    (root / "text/en/key_figures.yaml").write_text(yaml.safe_dump({"fig": {"title": "A figure", "text": "Some."}}))
    with pytest.raises(ContentError, match="1 to 7 of 10 is no derived figure"):
        load_content(root)


def test_percentages_in_plan_texts_have_a_plain_frequency_beside_them(content) -> None:
    plan = assess(content, set(content.circumstances), set(content.concerns))
    html = plan_html(content, plan)
    assert "about 1 to 7 in 10" in html and "about 4 to 8 in 10" in html


# --- pictures ------------------------------------------------------------------------------------------------
def test_the_handouts_pictures_are_valid_svg_with_a_text_alternative(lang_content) -> None:
    for plan in _plans(lang_content)[:4]:
        html = plan_html(lang_content, plan)
        pictures = SVG.findall(html)
        assert len(pictures) == (2 if plan.reasons else 1), "the reasons chart and the key figure"
        for svg in pictures:
            root = ET.fromstring(svg)  # well-formed XML, or this raises
            assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("role") == "img"
            ids = root.get("aria-labelledby").split()
            named = {el.get("id"): el for el in root.iter() if el.get("id")}
            assert ids and all(i in named for i in ids)
            title = root.find("{http://www.w3.org/2000/svg}title")
            assert title is not None and title.text and title.get("id") in ids
            assert not [el for el in root.iter() if el.tag.split("}")[1] in ("script", "foreignObject", "image")]
        chart = pictures[0] if plan.reasons else None
        if chart:
            for applied in plan.reasons:  # each bar is named in words, not by colour alone
                assert applied.reason.title.replace("'", "&#x27;") in chart


def test_the_chart_and_the_step_path_say_how_to_use_them(content) -> None:
    labels = content.labels.decision
    html = plan_html(content, assess(content, {"rare_cancer"}, set()))
    assert labels.chart_use in html and labels.steps_use in html and labels.figure_use in html
    assert f'<h2 id="h-steps">{labels.steps}</h2>' in html
    chart = SVG.findall(html)[0]  # each bar says which ticked box made its reason apply
    ticked = f"{content.labels.dashboard.because}: {content.circumstances['rare_cancer'].label}"
    assert ticked.replace("'", "&#x27;") in " ".join(re.sub(r"<[^>]+>", " ", chart).split())
    assert html.count('<li id="path-') == len(content.steps)


def test_the_checklist_follows_the_step_path(content) -> None:
    rank = {p: i for i, step in enumerate(content.steps.values()) for p in step.review_points}
    for plan in _plans(content):
        order = [rank.get(g.review_point.id, len(rank)) for g in plan.checklist_groups]
        assert order == sorted(order)


# --- references that match the page ------------------------------------------------------------------------
def test_the_reference_list_holds_exactly_the_sources_the_page_cites(lang_content) -> None:
    for plan in _plans(lang_content):
        html = plan_html(lang_content, plan)
        listed = re.findall(r'<li id="source-([a-z0-9_]+)">', html)
        cited = set(re.findall(r'<a href="#source-([a-z0-9_]+)">\[\d+\]</a>', html))
        assert listed == [s.id for s in plan.sources]
        assert set(listed) == cited, (set(listed) - cited, cited - set(listed))
        markdown = plan_markdown(lang_content, plan)
        numbers = {int(n) for n in re.findall(r"\\\[(\d+)\\\]", markdown)}
        assert numbers == set(range(1, len(plan.sources) + 1))


def test_every_checklist_item_question_and_worry_answer_carries_its_marker(content) -> None:
    plan = assess(content, set(content.circumstances), set(content.concerns))
    html = plan_html(content, plan)
    for item in plan.checklist:
        li = re.search(rf'<input type="checkbox" id="item-{item.id}".*?</li>', html, re.S).group(0)
        assert re.search(r'href="#source-[a-z0-9_]+">\[\d+\]', li), item.id
    questions = re.search(r'aria-labelledby="h-questions">.*?</section>', html, re.S).group(0)
    assert questions.count("<li>") == len(plan.questions) == len(re.findall(r"\[\d+\]</a></span></li>", questions))
    worries = re.search(r'aria-labelledby="h-worries">.*?</section>', html, re.S).group(0)
    # an answer ends its paragraph, or its last short point, with its markers
    assert len(re.findall(r"\[\d+\]</a></span></(?:p|li)>", worries)) == len(plan.concerns)


# --- about this guide --------------------------------------------------------------------------------------
def test_about_this_guide_is_in_every_handout(lang_content) -> None:
    labels = lang_content.labels.decision
    plan = assess(lang_content, set(), set())
    target = f"{lang_content.settings.reading_grade_target:g}"
    for rendered in (plan_html(lang_content, plan), plan_markdown(lang_content, plan), plan_text(lang_content, plan)):
        flat = " ".join(rendered.split()).replace("&#x27;", "'").replace("\\", "")
        for text in (labels.about, labels.about_funding, labels.about_testing):
            assert " ".join(text.split()) in flat
        assert "CancerConnect" in flat and target in flat and str(lang_content.settings.source_max_age_days) in flat


# --- the short version -------------------------------------------------------------------------------------
def test_the_short_version_has_what_a_room_needs(lang_content) -> None:
    plan = assess(lang_content, *scenario_selection(lang_content, "maria_told_no_options"))
    page = summary_html(lang_content, plan, "https://example.org/app?scenario=maria_told_no_options")
    flat = " ".join(page.split()).replace("&#x27;", "'")
    labels = lang_content.labels.decision
    for text in (labels.key_points, labels.choices, labels.summary_first_steps, labels.summary_bring,
                 labels.summary_phones, plan.safety.title, "1-800-227-2345", "1-800-422-6237"):  # fmt: skip
        assert " ".join(text.split()) in flat, text
    assert all(c.name.replace("'", "'") in flat for c in plan.choices)
    assert all(item.text.replace("'", "'") in flat.replace("&#x27;", "'") for item in plan.checklist)
    assert 'href="https://example.org/app?scenario=maria_told_no_options"' in page
    assert labels.summary_no_address in summary_html(lang_content, plan, "")
    assert "<script" not in page and "http" not in page.split("<body", 1)[1].replace(
        "https://example.org/app?scenario=maria_told_no_options", ""
    )


def test_the_full_plan_address_follows_the_share_link_rules() -> None:
    assert full_plan_address("https://x.org/app", "scenario=a") == "https://x.org/app?scenario=a"
    assert full_plan_address("https://x.org/app?x=1", "scenario=a") == "https://x.org/app?x=1&scenario=a"
    assert full_plan_address("https://mybinder.org/v2/x?urlpath=voila%2Frender%2Fn.ipynb{query}", "a=b").endswith(
        "n.ipynba%3Db"
    )
    assert full_plan_address("javascript:alert(1)", "a=b") == ""
    assert full_plan_address("", "a=b") == ""


def test_export_summary_from_the_command_line(tmp_path: Path, capsys) -> None:
    target = tmp_path / "short.html"
    assert main(["export", "--scenario", "maria_told_no_options", "--format", "summary", "-o", str(target)]) == 0
    assert "short version" in capsys.readouterr().err
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and '<table class="choices">' in page
    assert main(["export", "--lang", "es", "--format", "summary", "-o", "-"]) == 0
    assert 'lang="es"' in capsys.readouterr().out


def test_the_browser_edition_renders_the_decision_aid_the_same(content) -> None:
    """The static edition's plain records give the same handouts, marks and short version."""
    plain = content_from_json(json.loads(json.dumps(content_to_json(content))))
    real, read = assess(content, {"rare_cancer"}, {"worried_cost"}), assess(plain, {"rare_cancer"}, {"worried_cost"})
    assert plan_html(plain, read, EXAMPLE_MARKS) == plan_html(content, real, EXAMPLE_MARKS)
    assert plan_markdown(plain, read, EXAMPLE_MARKS) == plan_markdown(content, real, EXAMPLE_MARKS)
    assert summary_html(plain, read) == summary_html(content, real)
    assert [c.id for c in plain.choices.values()] == list(content.choices)


def test_the_dashboard_shows_the_decision_aid_and_follows_the_ticks(content) -> None:
    from secondop.ui.app import build_dashboard

    app = build_dashboard(content, "")
    labels = content.labels.decision
    for part in (app.decision.key_points, app.decision.choices, app.decision.steps, app.decision.about):
        assert part.value, part
    assert all(f'id="choice-{c}"' in app.decision.choices.value for c in content.choices)
    assert labels.about_testing in app.decision.about.value
    before = app.decision.key_points.value
    app.circumstance_boxes["rare_cancer"].value = True
    rare = content.reasons["rare_cancer"].title.replace("'", "&#x27;")
    assert rare in app.decision.key_points.value and app.decision.key_points.value != before
    assert len(app.decision.value_boxes) == len(content.values) and len(app.decision.sure_boxes) == 4
    assert labels.sure_unanswered in app.decision.sure_result.value
    for box in app.decision.sure_boxes.values():
        box.value = True
    assert "4 of 4" in app.decision.sure_result.value and labels.sure_ready in app.decision.sure_result.value
