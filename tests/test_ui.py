"""The dashboard without a browser: build it, tick and click by name, check the plan it shows."""

from __future__ import annotations

import dataclasses
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import ipywidgets as w
import nbformat
import plotly.graph_objects as go
import pytest

from devtools.content_copies import with_fields
from secondop import Content, assess
from secondop.content.cache import CACHE_ENV
from secondop.paths import DATA_ENV
from secondop.plan.export import letter_html, plan_html, plan_markdown
from secondop.ui import Dashboard, ProblemApp, build_dashboard, create_app, parse_query, selection_query
from secondop.ui import entry as ui_entry
from secondop.ui.html_parts import data_uri_document
from secondop.ui.messages import FALLBACK

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "second_opinion.ipynb"
HOOKS = [
    "secondop-circumstances", "secondop-concerns", "secondop-reasons", "secondop-chart", "secondop-checklist",
    "secondop-progress", "secondop-questions", "secondop-worries", "secondop-sources", "secondop-notice",
    "secondop-downloads", "secondop-scenario", "secondop-reset", "secondop-large-text", "secondop-message",
]  # fmt: skip


def walk(widget: w.Widget) -> Iterator[w.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def with_class(app: Dashboard | ProblemApp, name: str) -> list[w.Widget]:
    return [widget for widget in walk(app.root) if name in widget._dom_classes]


def html_classes(app: Dashboard) -> set[str]:
    """The classes of the elements inside the page's HTML widgets (pieces that share one widget keep theirs)."""
    return {
        name
        for widget in walk(app.root)
        if isinstance(widget, w.HTML)
        for names in re.findall(r'class="([^"]*)"', widget.value)
        for name in names.split()
    }


def links(app: Dashboard) -> dict[str, str]:
    """The documents behind the download links, decoded, by file name."""
    found = re.findall(r'<a download="([^"]+)" href="(data:[^;]+;charset=utf-8,[^"]+)"', app.downloads.value)
    return {name: data_uri_document(unescape(uri)) for name, uri in found}


@pytest.fixture(autouse=True)
def _private_content_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """create_app keeps validated content in a cache folder: a fresh one per test, never the user's."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "content-cache"))


@pytest.fixture(scope="module", params=["pydantic models", "plain records"])
def content(request: pytest.FixtureRequest, content_models: Content, content_records: Content) -> Content:
    """Every test here runs on both: the pydantic models (tests, the CLI) and the plain records the served and
    static editions give the app (`content/plain.py`)."""
    return content_models if request.param == "pydantic models" else content_records


@pytest.fixture
def app(content: Content) -> Dashboard:
    return build_dashboard(content, "")


def test_app_is_built_with_every_dom_hook(app: Dashboard) -> None:
    assert {"secondop-app", "secondop-ready"} <= set(app.root._dom_classes)
    inside = html_classes(app)
    for hook in HOOKS:
        assert with_class(app, hook) or hook in inside, f"nothing on the page carries the class {hook}"
    assert app.message.text == ""


def test_controls_are_labelled_and_no_figure_widget_is_used(app: Dashboard) -> None:
    widgets = list(walk(app.root))
    boxes = [x for x in widgets if isinstance(x, w.Checkbox)]
    assert boxes and all(box.description.strip() and box.indent is False for box in boxes)
    assert app.scenario_picker.description.strip()
    assert app.reset_button.description.strip()
    assert not any(isinstance(x, (go.FigureWidget, w.Output)) for x in widgets)  # the chart is plain HTML


def test_every_item_box_has_an_id_hook(app: Dashboard, content: Content) -> None:
    assert set(app.checklist_boxes) == set(content.checklist)
    for item_id, box in app.checklist_boxes.items():
        assert f"secondop-item-{item_id}" in box._dom_classes


def test_the_page_carries_few_widget_models_sharing_layouts_and_styles(content: Content) -> None:
    """Each model is one more thing for the browser to build before the app is ready (424 before sharing)."""
    before = set(w.Widget.widgets)
    app = build_dashboard(content, "")
    created = [w.Widget.widgets[key] for key in set(w.Widget.widgets) - before]
    kinds = [type(x).__name__ for x in created]
    # 140 before the decision aid (#20), which added 22: twelve radio groups (what matters, the leaning, SURE)
    # sharing one layout and one style, and the HTML around them. 166 before #22 (item 3) built the presenter's
    # control row, its notes and the undo bar when first needed, let text beside text share one HTML widget and
    # shared the remaining layouts and styles: 127 now (tests/test_ui_start.py checks the parts built later).
    assert len(created) <= 131, f"{len(created)} widget models: {sorted(set(kinds))}"
    assert kinds.count("Layout") <= 6 and kinds.count("HTMLStyle") == 1 and kinds.count("CheckboxStyle") == 1
    assert kinds.count("ButtonStyle") == 1 and kinds.count("DescriptionStyle") == 1
    boxes = list(app.circumstance_boxes.values())
    assert len({id(box.layout) for box in boxes}) == 1 and len({id(box.style) for box in boxes}) == 1


def test_checklist_boxes_and_reason_cards_are_built_when_first_needed(app: Dashboard, content: Content) -> None:
    shown = set(app.shown_checklist_ids())
    assert set(app.checklist_boxes.built) == shown < set(content.checklist)
    assert set(app.reasons.cards) == set(app.shown_reason_ids())
    hidden = next(i for i in content.checklist if i not in shown)
    app.state.set_ticked(hidden, True)  # ticked (by a reset or state change) before its box exists
    assert app.checklist_boxes[hidden].value is True and hidden in app.checklist_boxes.built
    app.checklist_boxes[hidden].value = False
    assert hidden not in app.state.ticked
    with pytest.raises(KeyError):
        app.checklist_boxes["no_such_item"]


def test_building_the_dashboard_never_imports_plotly() -> None:
    """plotly's import costs every page ~0.1 s and several MiB: the chart is plain HTML."""
    code = (
        "import sys; from secondop.ui import create_app; app = create_app(query_string='scenario=sam_liver_spread');"
        "app.circumstance_boxes['rare_cancer'].value = True; app.large_text_toggle.value = True;"
        "assert app.chart.figure.value; print(sorted(m for m in sys.modules if m.startswith('plotly')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "[]"


def test_first_view_shows_the_plan_for_nothing_ticked(app: Dashboard, content: Content) -> None:
    expected = assess(content, ())
    assert app.shown_reason_ids() == [r.id for r in expected.reasons] == ["new_diagnosis"]
    assert app.shown_checklist_ids() == [i.id for i in expected.checklist]
    assert app.progress_counts() == (0, len(expected.checklist))


@pytest.mark.parametrize("circumstance", ["rare_cancer", "small_or_rural_hospital", "told_no_options"])
def test_a_toggle_updates_reasons_checklist_and_texts_at_once(
    app: Dashboard, content: Content, circumstance: str
) -> None:
    before = (app.shown_reason_ids(), app.shown_checklist_ids(), app.questions.value, app.downloads.value)
    app.circumstance_boxes[circumstance].value = True
    expected = assess(content, {circumstance})
    assert app.state.circumstances == (circumstance,)
    assert app.shown_reason_ids() == [r.id for r in expected.reasons]
    assert app.shown_checklist_ids() == [i.id for i in expected.checklist]
    assert len(app.shown_reason_ids()) > len(before[0])
    assert app.downloads.value != before[3]
    app.circumstance_boxes[circumstance].value = False
    assert (app.shown_reason_ids(), app.shown_checklist_ids(), app.questions.value, app.downloads.value) == before


def test_every_combination_of_one_or_two_boxes_matches_assess(app: Dashboard, content: Content) -> None:
    ids = list(content.circumstances)
    for first, second in zip(ids, ids[1:] + ids[:1], strict=True):
        app.reset_button.click()
        app.circumstance_boxes[first].value = True
        app.circumstance_boxes[second].value = True
        expected = assess(content, {first, second})
        assert app.shown_reason_ids() == [r.id for r in expected.reasons]
        assert app.shown_checklist_ids() == [i.id for i in expected.checklist]


def section_reason_ids(app: Dashboard) -> list[str]:
    """The `data-reason` ids as the page holds them (what a browser would find)."""
    return re.findall(r'data-reason="([^"]+)"', app.reasons.widget.value)


def test_the_reasons_section_holds_only_the_applying_cards_in_order(app: Dashboard, content: Content) -> None:
    app.circumstance_boxes["rare_cancer"].value = True
    app.circumstance_boxes["expensive_treatment"].value = True
    expected = [r.id for r in assess(content, {"rare_cancer", "expensive_treatment"}).reasons]
    assert section_reason_ids(app) == app.shown_reason_ids() == expected
    app.circumstance_boxes["rare_cancer"].value = False
    assert "rare_cancer" not in section_reason_ids(app)
    assert section_reason_ids(app) == [r.id for r in assess(content, {"expensive_treatment"}).reasons]


def test_the_checklist_section_holds_only_the_shown_items(app: Dashboard) -> None:
    def boxes_on_page() -> list[str]:
        return [
            cls.removeprefix("secondop-item-")
            for x in walk(app.checklist.widget)
            if isinstance(x, w.Checkbox)
            for cls in x._dom_classes
            if cls.startswith("secondop-item-")
        ]

    assert boxes_on_page() == app.shown_checklist_ids()
    app.circumstance_boxes["clinical_trial_offered"].value = True
    assert boxes_on_page() == app.shown_checklist_ids()


def test_reason_cards_show_why_expert_links_and_sources(app: Dashboard, content: Content) -> None:
    app.circumstance_boxes["rare_cancer"].value = True
    applied = next(r for r in assess(content, {"rare_cancer"}).reasons if r.id == "rare_cancer")
    card = unescape(app.reasons.cards["rare_cancer"].value)
    assert applied.reason.why in card and applied.expert.who in card
    assert content.circumstances["rare_cancer"].label in card  # "because you ticked"
    for source in (*applied.expert_links, *applied.sources):
        assert source.title in card
    hrefs = re.findall(r'href="([^"]+)"', app.reasons.cards["rare_cancer"].value)
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)


def test_worries_show_answers_of_ticked_concerns_and_add_their_questions(app: Dashboard, content: Content) -> None:
    hint = content.labels.dashboard.worries_hint
    assert hint in unescape(app.worries.value)
    app.concern_boxes["worried_cost"].value = True
    shown = unescape(app.worries.value)
    assert content.concerns["worried_cost"].answer in shown and hint not in shown
    expected = assess(content, (), {"worried_cost"})
    for question in expected.questions:
        assert question.text in unescape(app.questions.value)


def test_glossary_terms_are_explained_next_to_their_box(app: Dashboard, content: Content) -> None:
    circumstances = unescape(str([x.value for x in walk(app.selection.circumstances) if isinstance(x, w.HTML)]))
    for circumstance in content.circumstances.values():
        assert circumstance.explanation in circumstances
        for term_id in circumstance.glossary:
            assert content.glossary[term_id].definition in circumstances


@pytest.mark.parametrize("scenario_id", ["robert_prostate_surgeon", "grace_lymphoma_transplant", "sam_liver_spread"])
def test_scenario_picker_ticks_the_example_and_shows_its_reasons(
    app: Dashboard, content: Content, scenario_id: str
) -> None:
    scenario = content.scenarios[scenario_id]
    app.scenario_picker.value = scenario_id
    ticked = {i for i, box in app.circumstance_boxes.items() if box.value}
    assert ticked == set(scenario.circumstances)
    assert {i for i, box in app.concern_boxes.items() if box.value} == set(scenario.concerns)
    assert set(app.shown_reason_ids()) == set(scenario.expected_reasons)
    assert scenario.story in unescape(app.presenter.story.value)


def test_changing_a_box_after_an_example_sets_the_picker_back_to_none(app: Dashboard, content: Content) -> None:
    app.scenario_picker.value = "robert_prostate_surgeon"
    spare = next(
        i for i in content.circumstances if i not in content.scenarios["robert_prostate_surgeon"].circumstances
    )
    app.circumstance_boxes[spare].value = True
    assert app.scenario_picker.value == "" and app.state.scenario == ""
    assert app.circumstance_boxes[spare].value is True  # the person's own ticks stay


def test_reset_clears_boxes_ticks_scenario_and_message(content: Content) -> None:
    app = build_dashboard(content, "scenario=grace_lymphoma_transplant&concerns=nonsense")
    app.checklist_boxes[app.shown_checklist_ids()[0]].value = True
    assert app.message.text
    app.reset_button.click()
    assert not any(box.value for box in (*app.circumstance_boxes.values(), *app.concern_boxes.values()))
    assert not any(box.value for box in app.checklist_boxes.values())
    assert app.scenario_picker.value == "" and app.message.text == ""
    assert app.shown_reason_ids() == ["new_diagnosis"]
    assert app.progress_counts()[0] == 0


def test_query_string_preselects_a_scenario(content: Content) -> None:
    app = build_dashboard(content, "scenario=ana_esophageal_small_hospital")
    scenario = content.scenarios["ana_esophageal_small_hospital"]
    assert app.scenario_picker.value == scenario.id
    assert set(app.state.circumstances) == set(scenario.circumstances)
    assert set(app.shown_reason_ids()) == set(scenario.expected_reasons)
    assert app.message.text == ""


def test_query_string_preselects_circumstances_and_concerns(content: Content) -> None:
    app = build_dashboard(content, "?circumstances=rare_cancer,small_or_rural_hospital&concerns=worried_delay")
    assert app.state.circumstances == ("rare_cancer", "small_or_rural_hospital")
    assert app.concern_boxes["worried_delay"].value is True
    assert app.shown_reason_ids() == [r.id for r in assess(content, app.state.circumstances).reasons]


def test_unknown_ids_keep_the_valid_ones_and_show_a_friendly_escaped_note(content: Content) -> None:
    app = build_dashboard(content, "circumstances=rare_cancer,<script>alert(1)</script>,made_up&scenario=nobody")
    assert app.state.circumstances == ("rare_cancer",)
    note = app.message.text
    assert content.labels.messages.unknown_ids.split(".")[0] in unescape(note)
    assert "made_up" in note and "nobody" in note
    assert "<script>" not in note and "&lt;script&gt;" in note
    app.circumstance_boxes["told_no_options"].value = True  # the app still works
    assert "told_no_options" in app.shown_reason_ids()


ODD_QUERIES = [
    "",
    "?",
    "&&&===",
    "circumstances=",
    "circumstances=" + "a" * 100_000,
    "circumstances=rare_cancer&circumstances=RARE_CANCER&circumstance=told_no_options",
    "circumstances=rare_cancer%2Ctold_no_options",
    "circumstances=rare_cancer;told_no_options+expensive_treatment",
    "circumstances=%FF%FE%00rare_cancer",
    "circumstances=%E2%80%AE%F0%9F%98%80",
    "scenario=robert_prostate_surgeon&scenario=sam_liver_spread",
    "%zz=%zz&circumstances=%",
    "concerns=worried_cost&" + "x=1&" * 5000,
]


@pytest.mark.parametrize("query", ODD_QUERIES, ids=range(len(ODD_QUERIES)))
def test_parse_query_is_tolerant_and_keeps_only_known_ids(content: Content, query: str) -> None:
    selection = parse_query(query, content)
    assert set(selection.circumstances) <= set(content.circumstances)
    assert set(selection.concerns) <= set(content.concerns)
    assert selection.scenario in ("", *content.scenarios)
    assert len(selection.unknown) <= 10 and all(len(u) <= 40 for u in selection.unknown)
    build_dashboard(content, query)  # and the app opens with it


def test_parse_query_reads_repeats_cases_and_separators(content: Content) -> None:
    repeated = parse_query(ODD_QUERIES[5], content)
    assert set(repeated.circumstances) == {"rare_cancer", "told_no_options"} and not repeated.unknown
    assert list(repeated.circumstances) == [i for i in content.circumstances if i in repeated.circumstances]
    assert set(parse_query(ODD_QUERIES[7], content).circumstances) == {
        "rare_cancer",
        "told_no_options",
        "expensive_treatment",
    }
    assert parse_query(ODD_QUERIES[10], content).scenario == "robert_prostate_surgeon"


def test_selection_query_round_trips(content: Content) -> None:
    query = selection_query(("rare_cancer", "told_no_options"), ("worried_cost",))
    selection = parse_query(query, content)
    assert set(selection.circumstances) == {"rare_cancer", "told_no_options"}
    assert selection.concerns == ("worried_cost",) and not selection.unknown


def test_share_link_follows_the_selection(app: Dashboard) -> None:
    app.circumstance_boxes["rare_cancer"].value = True
    assert 'href="?circumstances=rare_cancer"' in app.downloads.value


def test_download_links_carry_the_current_plan_with_its_checklist(app: Dashboard, content: Content) -> None:
    app.circumstance_boxes["clinical_trial_offered"].value = True
    documents = links(app)
    names = {"second-opinion-plan-en.html", "second-opinion-plan-en.md", "second-opinion-plan-en.txt"}
    assert set(documents) == {*names, "records-request-letter-en.html"}
    assessment = assess(content, {"clinical_trial_offered"})
    assert documents["records-request-letter-en.html"] == letter_html(content, assessment)
    assert documents["second-opinion-plan-en.html"] == plan_html(content, assessment)
    assert documents["second-opinion-plan-en.md"] == plan_markdown(content, assessment)
    page = unescape(documents["second-opinion-plan-en.html"])
    for item in assessment.checklist:
        assert item.text in page
    added = [i for i in assessment.checklist if i.id not in {x.id for x in assess(content, ()).checklist}]
    assert added, "the trial adds checklist items"
    app.circumstance_boxes["clinical_trial_offered"].value = False
    assert added[0].text not in unescape(links(app)["second-opinion-plan-en.html"])


def test_progress_counts_ticks_of_shown_items_and_keeps_hidden_ticks(app: Dashboard, content: Content) -> None:
    app.circumstance_boxes["clinical_trial_offered"].value = True
    shown = app.shown_checklist_ids()
    extra = next(i for i in shown if i not in {x.id for x in assess(content, ()).checklist})
    app.checklist_boxes[shown[0]].value = True
    app.checklist_boxes[extra].value = True
    assert app.progress_counts() == (2, len(shown))
    words = content.labels.dashboard.progress.replace("{done}", "2").replace("{total}", str(len(shown)))
    assert words in unescape(app.checklist.progress.value)
    app.circumstance_boxes["clinical_trial_offered"].value = False
    assert app.progress_counts() == (1, len(app.shown_checklist_ids()))
    app.circumstance_boxes["clinical_trial_offered"].value = True
    assert app.progress_counts() == (2, len(shown)) and app.checklist_boxes[extra].value is True


def test_large_text_toggles_a_class_on_the_root(app: Dashboard) -> None:
    normal_chart = app.chart.figure.value
    app.large_text_toggle.value = True
    assert "secondop-large" in app.root._dom_classes
    assert app.chart.figure.value == normal_chart  # sized in em: it grows with the text, no redraw needed
    app.reset_button.click()
    assert app.large_text_toggle.value is True  # a reset keeps the presenter's setting
    app.large_text_toggle.value = False
    assert "secondop-large" not in app.root._dom_classes


def test_chart_is_html_bars_matching_the_reasons_with_a_text_alternative(app: Dashboard, content: Content) -> None:
    app.circumstance_boxes["rare_cancer"].value = True
    figure = app.chart.figure.value
    assert re.findall(r'class="secondop-bar-row" data-reason="([^"]+)"', figure) == app.shown_reason_ids()
    assert 'role="img"' in figure and 'aria-describedby="secondop-chart-summary"' in figure
    alt = unescape(app.chart.alt.value)
    assert 'id="secondop-chart-summary"' in app.chart.alt.value
    for reason_id in app.shown_reason_ids():
        assert content.reasons[reason_id].title in alt
    sent: list[object] = []
    app.chart.widget.observe(sent.append, names="value")
    app.concern_boxes["worried_cost"].value = True  # same reasons: the chart is not sent again
    assert sent == []


def test_show_dashboard_displays_the_app_with_its_chart(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[object] = []
    monkeypatch.setattr("IPython.display.display", lambda widget: shown.append(widget))
    app = ui_entry.show_dashboard()
    assert isinstance(app, Dashboard) and shown == [app.root]
    assert app.chart.figure.value and app.shown_reason_ids()


def test_content_is_escaped_before_it_reaches_html(content: Content) -> None:
    hostile = "<img src=x onerror=alert(1)>"
    reason = with_fields(content.reasons["rare_cancer"], why=hostile)
    circumstance = with_fields(content.circumstances["rare_cancer"], explanation=hostile)
    evil = dataclasses.replace(
        content,
        reasons={**content.reasons, "rare_cancer": reason},
        circumstances={**content.circumstances, "rare_cancer": circumstance},
    )
    app = build_dashboard(evil, "circumstances=rare_cancer")
    pages = [x.value for x in walk(app.root) if isinstance(x, w.HTML)]
    assert not any(hostile in page for page in pages)
    assert any("&lt;img src=x onerror=alert(1)&gt;" in page for page in pages)


def test_a_failing_callback_shows_the_friendly_message_not_a_traceback(
    app: Dashboard, content: Content, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_assessment: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(app.reasons, "update", broken)
    with caplog.at_level(logging.WARNING, logger="secondop.ui.messages"):
        app.circumstance_boxes["rare_cancer"].value = True  # must not raise
    assert unescape(app.message.text).count(content.labels.messages.unexpected) == 1
    assert "boom" not in app.message.text and "Traceback" not in app.message.text
    # operators see it at WARNING, with the exception's type and nothing the person ticked
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "RuntimeError" in warnings[0].getMessage()
    assert "rare_cancer" not in warnings[0].getMessage() and "boom" not in warnings[0].getMessage()


def test_broken_content_folder_gives_the_fallback_and_the_problem_list(data_copy: Path) -> None:
    (data_copy / "reasons.yaml").write_text("- id: rare_cancer\n  strength: 9\n  <script>: [\n", encoding="utf-8")
    app = create_app(data_copy, query_string="")
    assert isinstance(app, ProblemApp)
    assert {"secondop-app", "secondop-ready"} <= set(app.root._dom_classes)
    (message,) = with_class(app, "secondop-message")
    assert FALLBACK in unescape(message.value)
    assert "reasons.yaml" in message.value and app.problems
    assert "<script>" not in message.value


def test_broken_content_from_the_environment_variable_too(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (data_copy / "text" / "en" / "labels.yaml").unlink()
    monkeypatch.setenv(DATA_ENV, str(data_copy))
    app = create_app(query_string="")
    assert isinstance(app, ProblemApp)
    assert any("labels.yaml" in problem for problem in app.problems)


def test_missing_folder_and_unexpected_failures_never_raise(
    tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(create_app(tmp_path / "nowhere", query_string=""), ProblemApp)

    def explode(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(ui_entry, "build_dashboard", explode)
    app = create_app(query_string="")
    assert isinstance(app, ProblemApp) and app.message_text == content.labels.messages.unexpected


def test_query_string_comes_from_voila_and_waits_only_when_preheated(monkeypatch: pytest.MonkeyPatch) -> None:
    import voila.utils

    calls: list[str] = []
    monkeypatch.setattr(voila.utils, "wait_for_request", lambda: calls.append("waited"))
    monkeypatch.setenv("QUERY_STRING", "scenario=sam_liver_spread")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    assert ui_entry.request_query_string() == "scenario=sam_liver_spread" and calls == []
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    assert ui_entry.request_query_string() == "scenario=sam_liver_spread" and calls == ["waited"]
    app = create_app()
    assert isinstance(app, Dashboard) and app.state.scenario == "sam_liver_spread"


def test_notebook_is_thin_stripped_and_uses_python3() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert 1 <= len(code) <= 2
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    assert "from secondop" in code[0].source
    assert "widgets" not in notebook.metadata
    assert notebook.metadata.kernelspec.name == "python3"
