"""Presenter mode without a browser: on and off, Next/Previous in the facilitator's order, the reveal, reset,
a language switch; the audience QR link; `secondop serve --host/--public-url`; the facilitator guide."""

from __future__ import annotations

import dataclasses
import os
from html import unescape
from pathlib import Path

import pytest
import segno
import yaml

from devtools.content_copies import with_fields
from secondop import cli, load_content
from secondop.content.collection import Content
from secondop.content.problems import ContentError
from secondop.content.workshop import facilitator_order
from secondop.docsgen import workshop_doc
from secondop.paths import PAGE_URL_ENV, PUBLIC_URL_ENV
from secondop.server import command as serve
from secondop.ui import Dashboard, build_dashboard
from secondop.ui.qr import audience_link, qr_block, qr_svg

BASE = "http://192.168.1.20:8866/"


@pytest.fixture(scope="module", params=["pydantic models", "plain records"])
def content(request: pytest.FixtureRequest, content_models: Content, content_records: Content) -> Content:
    """Every test here runs on both: the pydantic models and the plain records the served and static editions
    give the app (`content/plain.py`)."""
    return content_models if request.param == "pydantic models" else content_records


@pytest.fixture(autouse=True)
def _no_public_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PUBLIC_URL_ENV, raising=False)
    monkeypatch.delenv(PAGE_URL_ENV, raising=False)


def bilingual(content: Content, query: str = "") -> Dashboard:
    return build_dashboard(content, query, lambda code: load_content(None, code))


def presenting(app: Dashboard) -> bool:
    return "secondop-presenting" in app.root._dom_classes


def plan_hidden(app: Dashboard) -> bool:
    return "secondop-plan-hidden" in app.root._dom_classes


def test_every_scenario_has_an_order_and_the_order_is_a_sequence(content: Content) -> None:
    orders = [s.order for s in content.scenarios.values()]
    assert sorted(o for o in orders if o is not None) == list(range(1, len(orders) + 1))
    order = facilitator_order(content)
    assert [content.scenarios[i].order for i in order] == sorted(orders)  # type: ignore[type-var]


def test_an_order_must_be_a_positive_whole_number(data_copy: Path) -> None:
    path = data_copy / "scenarios.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries[0]["order"] = 0
    path.write_text(yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_content(data_copy)
    assert any(p.field == "order" for p in error.value.problems)


def test_presenter_mode_from_the_link_opens_the_first_example_unticked_with_the_plan_hidden(content: Content) -> None:
    app = build_dashboard(content, "present=1")
    first = facilitator_order(content)[0]
    assert presenting(app) and plan_hidden(app) and app.present_toggle.value
    assert app.state.presented == first and app.state.circumstances == () and app.state.concerns == ()
    assert not app.presenter.plan_shown
    story = unescape(app.presenter.story.value)
    assert content.scenarios[first].story.split()[0] in story and content.scenarios[first].ask_the_room in story
    assert content.scenarios[first].teaches not in story  # what it teaches comes with the answer
    assert content.labels.presenter.on in unescape(app.presenter.announced)


def test_the_switch_turns_presenter_mode_on_and_off_and_restores_the_normal_page(content: Content) -> None:
    app = build_dashboard(content, "scenario=david_kidney_cancer")
    assert not presenting(app) and app.presenter.plan_shown
    app.present_toggle.value = True
    assert presenting(app) and plan_hidden(app) and app.state.presented == "david_kidney_cancer"
    assert app.state.circumstances == ()  # the example chosen before opens unticked, for the room
    app.present_toggle.value = False
    assert not presenting(app) and not plan_hidden(app) and app.presenter.plan_shown
    assert app.state.presented == "" and app.presenter.qr == ""
    assert content.labels.presenter.off in unescape(app.presenter.announced)


def test_next_and_previous_follow_the_facilitators_order_and_go_round(content: Content) -> None:
    app = build_dashboard(content, "present=1")
    order = facilitator_order(content)
    seen = [app.state.presented]
    for _ in range(len(order) - 1):
        app.presenter.next_button.click()
        seen.append(app.state.presented)
        assert app.state.circumstances == () and plan_hidden(app)
    assert seen == order
    app.presenter.next_button.click()
    assert app.state.presented == order[0]
    app.presenter.previous_button.click()
    assert app.state.presented == order[-1]
    name = content.scenarios[order[-1]].name
    assert unescape(app.presenter.announced) == (
        f"<p>{content.labels.presenter.position.format(number=len(order), total=len(order), name=name)}</p>"
    )


def test_show_the_answer_ticks_the_examples_boxes_and_reveals_the_plan(content: Content) -> None:
    app = build_dashboard(content, "present=1")
    app.presenter.next_button.click()
    scenario = content.scenarios[app.state.presented]
    app.presenter.answer_button.click()
    assert set(app.state.circumstances) == set(scenario.circumstances)
    assert set(app.state.concerns) == set(scenario.concerns)
    assert app.state.scenario == scenario.id and not plan_hidden(app) and app.presenter.plan_shown
    assert app.shown_reason_ids() == list(scenario.expected_reasons)
    announced = unescape(app.presenter.announced)
    assert all(content.circumstances[c].label in announced for c in scenario.circumstances)
    assert scenario.teaches not in unescape(app.presenter.story.value)  # the screen is for boxes and reasons
    assert scenario.teaches in unescape(app.presenter.notes.value)  # the presenter says it


def test_show_the_plan_reveals_it_for_the_boxes_the_room_chose(content: Content) -> None:
    app = build_dashboard(content, "present=1")
    app.circumstance_boxes["rare_cancer"].value = True  # the room's guess
    assert plan_hidden(app)
    app.presenter.plan_button.click()
    assert not plan_hidden(app) and app.state.circumstances == ("rare_cancer",)
    assert "rare_cancer" in app.shown_reason_ids()
    assert content.labels.presenter.plan_shown in unescape(app.presenter.announced)


def test_clear_all_in_presenter_mode_unticks_and_hides_the_plan_again(content: Content) -> None:
    app = build_dashboard(content, "present=1")
    presented = app.state.presented
    app.presenter.answer_button.click()
    app.reset_button.click()
    assert app.state.circumstances == () and app.state.concerns == () and plan_hidden(app)
    assert app.state.presented == presented and presenting(app)


def test_presenter_mode_survives_a_language_switch(content: Content) -> None:
    app = bilingual(content, "present=1")
    app.presenter.next_button.click()
    app.presenter.answer_button.click()
    presented, ticked = app.state.presented, app.state.circumstances
    app.language_buttons["es"].click()
    assert app.content.language == "es" and presenting(app) and app.present_toggle.value
    assert app.state.presented == presented and app.state.circumstances == ticked and not plan_hidden(app)
    spanish = load_content(None, "es")
    assert spanish.scenarios[presented].name in unescape(app.presenter.story.value)
    assert spanish.scenarios[presented].teaches in unescape(app.presenter.notes.value)
    app.presenter.next_button.click()
    assert plan_hidden(app)
    hidden_at = app.state.presented
    app.language_buttons["en"].click()
    assert presenting(app) and plan_hidden(app) and app.state.presented == hidden_at


def test_buttons_do_nothing_outside_presenter_mode(content: Content) -> None:
    app = build_dashboard(content, "circumstances=rare_cancer")
    for button in (app.presenter.next_button, app.presenter.answer_button, app.presenter.plan_button):
        button.click()
    assert app.state.circumstances == ("rare_cancer",) and app.state.presented == "" and not presenting(app)


def test_presenter_wording_exists_in_every_language(content: Content) -> None:
    for code in content.settings.all_languages:
        labels = load_content(None, code).labels.presenter
        assert all(str(value).strip() for value in labels.model_dump().values())
        assert "{number}" in labels.position and "{ticked}" in labels.answer_shown


# --- the audience link ----------------------------------------------------------------------------------------
def test_without_a_public_address_the_projector_shows_no_code_and_the_tools_say_how(content: Content) -> None:
    assert content.settings.public_url is None
    app = build_dashboard(content, "present=1")
    assert app.presenter.qr == ""  # nothing in the code's place on the projector
    assert "secondop-qr" not in app.presenter.story.value
    assert content.labels.presenter.qr_missing in unescape(app.presenter.qr_howto.value)
    assert app.presenter.qr_howto in app.presenter.tools.children  # with the tools, below the plan


def test_with_a_public_address_the_tools_have_no_how_to(content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PUBLIC_URL_ENV, BASE)
    app = build_dashboard(content, "present=1")
    assert "<svg" in app.presenter.qr and app.presenter.qr_howto.value == ""
    assert app.presenter.qr in app.presenter.story.value  # beside the story


def test_the_code_carries_the_link_that_opens_the_current_example(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PUBLIC_URL_ENV, BASE)
    app = bilingual(content, "present=1")
    app.presenter.next_button.click()
    link = f"{BASE}?scenario={app.state.presented}"
    block = app.presenter.qr
    assert qr_svg(link, content.labels.presenter.qr_name) in block
    assert f'role="img" aria-label="{content.labels.presenter.qr_name}"' in block
    assert f">{link}</a>" in block  # the link as text beside the code
    app.language_buttons["es"].click()
    spanish_link = f"{BASE}?scenario={app.state.presented}&lang=es"
    assert f">{spanish_link}</a>" in unescape(app.presenter.qr)


def test_the_drawn_code_encodes_exactly_the_link() -> None:
    link = f"{BASE}?scenario=david_kidney_cancer&lang=es"
    expected = segno.make(link, error="m")
    drawn = qr_svg(link, "name")
    assert expected.svg_inline(scale=4, border=4, dark="#000000", light="#ffffff", omitsize=True)[5:] in drawn
    assert segno.make(link + "x", error="m").svg_inline(scale=4, border=4, omitsize=True)[5:] not in drawn


def test_audience_links_append_or_fill_the_query() -> None:
    assert audience_link(BASE, "scenario=x") == f"{BASE}?scenario=x"
    assert audience_link("https://h/app?a=1", "scenario=x") == "https://h/app?a=1&scenario=x"
    binder = "https://mybinder.org/v2/gh/o/r/main?urlpath=voila%2Frender%2Fa.ipynb%3F{query}"
    assert audience_link(binder, "scenario=x&lang=es").endswith("a.ipynb%3Fscenario%3Dx%26lang%3Des")
    assert audience_link(BASE, "") == BASE


def test_the_public_address_may_come_from_settings(content: Content) -> None:
    settings = with_fields(content.settings, public_url="https://example.org/app/")
    local = dataclasses.replace(content, settings=settings)
    assert "https://example.org/app/?scenario=x" in qr_block(local, "x", environ={})
    assert "http://override/" in qr_block(local, "x", environ={PUBLIC_URL_ENV: "http://override/"})
    assert "<svg" not in qr_block(content, "x", environ={})


# --- serving to a room --------------------------------------------------------------------------------------
def test_the_server_binds_loopback_unless_a_host_is_given() -> None:
    assert "--Voila.ip=127.0.0.1" in serve.voila_command(9123)
    assert "--Voila.ip=0.0.0.0" in serve.voila_command(9123, host="0.0.0.0")
    assert serve.exposure_notice("127.0.0.1", 1) == "" and serve.exposure_notice("localhost", 1) == ""
    notice = serve.exposure_notice("0.0.0.0", 8866)
    assert "every network interface" in notice and "refuses to run" in notice and "8866" in notice


def test_serve_passes_host_and_public_url_and_refuses_a_bad_address(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, str]] = []
    monkeypatch.setattr(serve, "serve", lambda port, open_browser, host, **_: calls.append((port, host)) or 0)
    assert cli.main(["serve", "--no-browser"]) == 0
    assert cli.main(["serve", "--no-browser", "--host", "0.0.0.0", "--public-url", BASE]) == 0
    assert calls == [(serve.DEFAULT_PORT, "127.0.0.1"), (serve.DEFAULT_PORT, "0.0.0.0")]
    assert os.environ[PUBLIC_URL_ENV] == BASE
    assert cli.main(["serve", "--public-url", "javascript:alert(1)"]) == cli.USAGE
    assert "--public-url" in capsys.readouterr().err


def test_serve_prints_what_a_host_exposes_before_starting(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr(serve.os, "execve", lambda path, command, env: started.append(command))
    monkeypatch.setattr(serve.os, "chdir", lambda path: None)
    serve.serve(9001, host="0.0.0.0")
    assert "--Voila.ip=0.0.0.0" in started[0] and "every network interface" in capsys.readouterr().err
    serve.serve(9001)
    assert "--Voila.ip=127.0.0.1" in started[1] and "every network interface" not in capsys.readouterr().err


# --- the facilitator guide ----------------------------------------------------------------------------------
def test_workshop_guides_are_current(content: Content) -> None:
    guide = workshop_doc.GUIDE.read_text(encoding="utf-8")
    assert workshop_doc.updated(guide, content) == guide, (
        f"docs/workshop.md: the session plan is stale; run `{workshop_doc.COMMAND}` and commit it"
    )
    for language, path in workshop_doc.GUIDES.items():
        translated = load_content(None, language)
        text = path.read_text(encoding="utf-8")
        assert workshop_doc.updated(text, translated) == text, (
            f"{path.name}: the session plan is stale; run `{workshop_doc.COMMAND}` and commit it"
        )


def test_the_session_fits_45_minutes_with_an_optional_15_in_facilitator_order(content: Content) -> None:
    order = facilitator_order(content)
    core, optional = workshop_doc.session_plan(len(order))
    assert core >= 5, "too few examples fit the 45 minutes"
    used = workshop_doc.WELCOME_MINUTES + core * workshop_doc.EXAMPLE_MINUTES + workshop_doc.CLOSE_MINUTES
    assert used <= workshop_doc.CORE_MINUTES == 45
    assert optional * workshop_doc.EXAMPLE_MINUTES <= workshop_doc.OPTIONAL_MINUTES == 15
    guide = workshop_doc.GUIDE.read_text(encoding="utf-8")
    assert "**45 minutes**" in guide and "**15 more minutes**" in guide
    positions = [guide.index(f"(`{scenario_id}`)") for scenario_id in order[: core + optional]]
    assert positions == sorted(positions)
    for scenario_id in order[: core + optional]:
        assert " ".join(content.scenarios[scenario_id].ask_the_room.split()) in guide
    assert "--public-url" in guide and "--host" in guide and "offline" in guide.lower()
    assert "public_url" in guide and "make static" in guide and "ipconfig" in guide  # #24.9


def test_the_spanish_guide_has_the_spanish_names_and_questions() -> None:
    spanish = load_content(None, "es")
    guide = workshop_doc.GUIDES["es"].read_text(encoding="utf-8")
    core, optional = workshop_doc.session_plan(len(facilitator_order(spanish)))
    for scenario_id in facilitator_order(spanish)[: core + optional]:
        scenario = spanish.scenarios[scenario_id]
        assert " ".join(scenario.name.split()) in guide
        assert " ".join(scenario.ask_the_room.split()) in guide
        assert " ".join(scenario.story.split()) in guide
    assert spanish.labels.presenter.show_answer in guide and "**45 minutos**" in guide
    assert "lang=es&present=1" in guide


def test_workshop_guide_check_reports_a_stale_block(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "workshop.md"
    stale.write_text("# Guide\n<!-- session:start -->\nold\n<!-- session:end -->\n", encoding="utf-8")
    assert workshop_doc.main(["--guide", str(stale), "--check"]) == 1
    assert workshop_doc.main(["--guide", str(stale)]) == 0
    assert workshop_doc.main(["--guide", str(stale), "--check"]) == 0


def test_the_static_page_address_is_the_last_resort(content: Content) -> None:
    """The static edition passes its own address (PAGE_URL_ENV); a chosen public address still wins."""
    page = {PAGE_URL_ENV: "https://site.example/voici/render/second_opinion.html"}
    assert "https://site.example/voici/render/second_opinion.html?scenario=x" in qr_block(content, "x", environ=page)
    settings = with_fields(content.settings, public_url="https://example.org/app/")
    chosen = dataclasses.replace(content, settings=settings)
    assert "https://example.org/app/?scenario=x" in qr_block(chosen, "x", environ=page)
    assert "http://override/" in qr_block(content, "x", environ={**page, PUBLIC_URL_ENV: "http://override/"})


# --- a clicker builds each example like a slide ---------------------------------------------------------------
def test_forward_goes_story_answer_next_example_and_back_walks_the_same_steps(content: Content) -> None:
    app = build_dashboard(content, "present=1")
    order = facilitator_order(content)
    forward, back = app.presenter.forward_button, app.presenter.back_button
    steps = []
    for _ in range(5):
        steps.append((app.state.presented, plan_hidden(app), app.state.circumstances))
        forward.click()
    first, second, third = (content.scenarios[i] for i in order[:3])
    assert [(p, h) for p, h, _ in steps] == [
        (first.id, True),
        (first.id, False),
        (second.id, True),
        (second.id, False),
        (third.id, True),
    ]
    assert steps[0][2] == () and set(steps[1][2]) == set(first.circumstances)  # the answer ticks its boxes
    for expected in reversed(steps):
        back.click()
        assert (app.state.presented, plan_hidden(app), app.state.circumstances) == expected
    back.click()  # from the first story: the last example's answer
    last = content.scenarios[order[-1]]
    assert app.state.presented == last.id and not plan_hidden(app)
    assert set(app.state.circumstances) == set(last.circumstances)
    announced = unescape(app.presenter.announced)
    assert last.name in announced, "stepping back onto an example names it for the screen reader"


def test_each_new_example_is_read_out_by_name(content: Content) -> None:
    app = build_dashboard(content, "present=1")
    order = facilitator_order(content)
    assert content.scenarios[order[0]].name in unescape(app.presenter.announced)  # at the start, too
    app.presenter.forward_button.click()
    app.presenter.forward_button.click()
    assert content.scenarios[order[1]].name in unescape(app.presenter.announced)


def test_the_clicker_steps_do_nothing_outside_presenter_mode(content: Content) -> None:
    app = build_dashboard(content, "circumstances=rare_cancer")
    app.presenter.forward_button.click()
    app.presenter.back_button.click()
    assert app.state.circumstances == ("rare_cancer",) and app.state.presented == ""


def test_stop_presenting_leaves_presenter_mode(content: Content) -> None:
    app = build_dashboard(content, "present=1")
    app.presenter.leave_button.click()
    assert not presenting(app) and not app.present_toggle.value


# --- what the room sees, and what only the presenter sees --------------------------------------------------
def test_the_room_sees_the_story_and_question_the_notes_are_marked_for_the_presenter(content: Content) -> None:
    app = build_dashboard(content, "present=1")
    labels = content.labels.presenter
    story = unescape(app.presenter.story.value)
    assert labels.hidden_hint not in story and labels.keys not in story  # not projected in large type
    notes = unescape(app.presenter.notes.value)
    assert labels.notes in notes and labels.hidden_hint in notes and labels.keys in notes
    app.presenter.answer_button.click()
    notes = unescape(app.presenter.notes.value)
    assert labels.hidden_hint not in notes and content.scenarios[app.state.presented].teaches in notes
    app.present_toggle.value = False
    assert labels.notes not in unescape(app.presenter.notes.value)


def test_the_presenter_tools_sit_below_the_plan(content: Content) -> None:
    """The patient meets the boxes first; the example picker and presenter switches come after the plan."""
    app = build_dashboard(content)
    page = list(app.root.children)
    tools = page.index(app.presenter.tools)
    stage = page.index(app.presenter.widget)
    boxes = next(i for i, child in enumerate(page) if _holds(child, app.selection.circumstances))
    checklist = next(i for i, child in enumerate(page) if _holds(child, app.checklist.widget))
    assert stage < boxes < checklist < tools
    assert _holds(app.presenter.tools, app.present_toggle) and _holds(app.presenter.tools, app.scenario_picker)
    assert not _holds(app.presenter.widget, app.present_toggle)


def _holds(widget, target) -> bool:
    if widget is target:
        return True
    return any(_holds(child, target) for child in getattr(widget, "children", ()))


# --- the address keeps the state ---------------------------------------------------------------------------------
def _address(app: Dashboard) -> str:
    value = unescape(app.presenter.story.value)
    return value.split('data-secondop-address="')[1].split('"')[0]


def test_the_address_follows_language_example_and_presenter_mode(content: Content) -> None:
    app = bilingual(content)
    assert _address(app) == "?"
    app.scenario_picker.value = "david_kidney_cancer"
    assert _address(app) == "?scenario=david_kidney_cancer"
    app.present_toggle.value = True
    app.presenter.next_button.click()
    presented = app.state.presented
    assert _address(app) == f"?scenario={presented}&present=1"
    app.language_buttons["es"].click()
    assert _address(app) == f"?lang=es&scenario={presented}&present=1"
    app.present_toggle.value = False
    assert _address(app) == "?lang=es"


def test_what_a_person_ticks_stays_out_of_the_address(content: Content) -> None:
    app = build_dashboard(content)
    app.circumstance_boxes["rare_cancer"].value = True
    assert "rare_cancer" not in app.presenter.story.value and _address(app) == "?"


def test_a_reload_of_the_kept_address_opens_the_same_example_in_the_same_language(content: Content) -> None:
    app = bilingual(content, "present=1&lang=es")
    app.presenter.forward_button.click()
    app.presenter.forward_button.click()
    reloaded = bilingual(content, _address(app)[1:] + "&lang=es")
    assert reloaded.state.presented == app.state.presented and presenting(reloaded)


def test_an_example_chosen_outside_presenter_mode_is_a_second_level_heading_under_the_title(content: Content) -> None:
    """The stage follows the page's h1 directly: an h3 there would skip a level (axe: heading-order)."""
    app = build_dashboard(content, "scenario=robert_prostate_surgeon")
    story = app.presenter.story.value
    assert "<h2" in story and "<h3" not in story
    assert content.scenarios["robert_prostate_surgeon"].story in unescape(story)
