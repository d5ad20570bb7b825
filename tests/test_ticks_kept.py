"""Ticks are never lost without a way back (issue 24, item 3), driven through the widgets (.value, .click()).

An example patient replaces the boxes a person ticked, and Clear all empties them: both can be undone.
"""

from __future__ import annotations

import pytest

from secondop import Content
from secondop.ui import Dashboard, build_dashboard
from secondop.ui.state import CLEARED, EXAMPLE_REPLACED


@pytest.fixture
def app(content: Content) -> Dashboard:
    return build_dashboard(content)


def ticked(app: Dashboard) -> tuple[set[str], set[str]]:
    """What the boxes on the page show."""
    return (
        {i for i, box in app.circumstance_boxes.items() if box.value},
        {i for i, box in app.concern_boxes.items() if box.value},
    )


def own_ticks(app: Dashboard, content: Content) -> tuple[set[str], set[str]]:
    """Tick two circumstances and a worry that no single example has together, by clicking the boxes."""
    example = next(iter(content.scenarios.values()))
    circumstances = [i for i in content.circumstances if i not in example.circumstances][:2]
    concern = next(i for i in content.concerns if i not in example.concerns)
    for box_id in circumstances:
        app.circumstance_boxes[box_id].value = True
    app.concern_boxes[concern].value = True
    return set(circumstances), {concern}


def shown(app: Dashboard) -> bool:
    return "secondop-undo-shown" in app.undo.widget._dom_classes and app.undo.shown


def test_picking_an_example_over_own_ticks_can_be_undone(app, content):
    mine = own_ticks(app, content)
    assert not shown(app), "nothing to undo yet"
    example = next(iter(content.scenarios.values()))
    app.scenario_picker.value = example.id
    assert ticked(app) == (set(example.circumstances), set(example.concerns))
    assert app.state.undo_offer == EXAMPLE_REPLACED and shown(app)
    assert content.labels.undo.example in app.undo.note.value
    assert content.labels.undo.example in app.presenter.announced, "read out in the page's live region"
    assert app.undo.button.description == content.labels.undo.button

    app.undo.button.click()
    assert ticked(app) == mine
    assert app.scenario_picker.value == ""
    assert not shown(app) and app.undo.note.value == ""
    assert set(app.shown_reason_ids()) == {r.id for r in app.assessment.reasons}  # the plan follows the boxes


def test_clear_all_can_be_undone_with_the_checklist_ticks(app, content):
    mine = own_ticks(app, content)
    item = app.shown_checklist_ids()[0]
    app.checklist_boxes[item].value = True
    app.reset_button.click()
    assert ticked(app) == (set(), set()) and not app.checklist_boxes[item].value
    assert app.state.undo_offer == CLEARED and content.labels.undo.cleared in app.undo.note.value
    app.undo.button.click()
    assert ticked(app) == mine
    assert app.checklist_boxes[item].value, "the checklist ticks come back too"
    assert not shown(app)


def test_clear_all_after_an_example_brings_the_example_back(app, content):
    example = next(iter(content.scenarios.values()))
    app.scenario_picker.value = example.id
    assert not shown(app), "the boxes were empty: the example replaced nothing"
    app.reset_button.click()
    assert shown(app)
    app.undo.button.click()
    assert app.scenario_picker.value == example.id
    assert ticked(app) == (set(example.circumstances), set(example.concerns))


def test_ticking_a_box_afterwards_drops_the_offer(app, content):
    own_ticks(app, content)
    app.reset_button.click()
    assert shown(app)
    first = next(iter(app.circumstance_boxes))
    app.circumstance_boxes[first].value = True
    assert not shown(app) and app.state.undo_offer == ""
    assert app.state.undo() is False  # nothing left to undo
    assert ticked(app)[0] == {first}


def test_one_example_after_another_still_undoes_to_own_ticks(app, content):
    mine = own_ticks(app, content)
    first, second = list(content.scenarios.values())[:2]
    app.scenario_picker.value = first.id
    app.scenario_picker.value = second.id
    assert shown(app)
    app.undo.button.click()
    assert ticked(app) == mine


def test_clearing_nothing_offers_nothing(app):
    app.reset_button.click()
    assert not shown(app)


def test_presenter_mode_steps_offer_no_undo(content):
    presenting = build_dashboard(content, "present=1")
    presenting.presenter.show_answer()
    presenting.presenter.step(1)
    presenting.reset_button.click()
    assert presenting.state.undo_offer == ""
