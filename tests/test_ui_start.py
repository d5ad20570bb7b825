"""What the dashboard builds at start, and what it builds only when first needed (issue #22, item 3).

A phone builds and draws every widget model before a box can be ticked, so a page opened by a patient carries no
presenter's control row, no presenter's notes and no undo bar: they are built the first time presenter mode starts
or there is something to undo. These tests drive the widgets (.value, .click()) and check that the parts built
later appear in the page's tree, where the person would look for them, and work.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import unescape

import ipywidgets as w
import pytest

from secondop import Content
from secondop.content.workshop import facilitator_order
from secondop.ui import Dashboard, build_dashboard
from secondop.ui.first_view import closing_widget_tree, first_view_html, widget_tree

EXAMPLE = "scenario=maria_told_no_options"
#: Classes of the parts built only when first needed.
LATER = ("secondop-stage", "secondop-stage-nav", "secondop-presenter-notes", "secondop-present-next", "secondop-undo")


def walk(widget: w.Widget) -> Iterator[w.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def on_page(app: Dashboard, css_class: str) -> list[w.Widget]:
    """The widgets in the page's tree that carry `css_class` (what the browser would draw)."""
    return [widget for widget in walk(app.root) if css_class in widget._dom_classes]


def open_widgets() -> set[int]:
    return {id(widget) for widget in w.Widget.widgets.values()}


@pytest.mark.parametrize("query", ["", EXAMPLE])
def test_a_patients_page_carries_no_presenter_row_notes_or_undo_bar(content: Content, query: str) -> None:
    app = build_dashboard(content, query)
    for css_class in LATER:
        assert not on_page(app, css_class), css_class
    assert not app.presenter.stage_built and not app.undo.built
    assert 'data-secondop-address="?' in app.presenter.story.value  # the address for the page script, still there
    assert not any(isinstance(widget, w.Button) for widget in walk(app.presenter.widget))


def test_presenter_mode_builds_its_row_and_notes_on_the_stage_and_they_work(content: Content) -> None:
    app = build_dashboard(content, EXAMPLE)
    stage = app.presenter.widget
    app.present_toggle.value = True
    assert app.presenter.stage_built
    # after the live region (the one the screen reader already knows), before the story
    assert stage.children == (app.presenter.live, app.presenter.stage, app.presenter.story)
    (forward,) = on_page(app, "secondop-present-forward")  # the clicker's button the page script presses
    (next_button,) = on_page(app, "secondop-present-next")
    order = facilitator_order(content)
    first = app.state.presented
    next_button.click()
    assert app.state.presented == order[(order.index(first) + 1) % len(order)]
    forward.click()
    assert app.presenter.plan_shown and set(app.state.circumstances) == set(
        content.scenarios[app.state.presented].circumstances
    )
    (notes,) = on_page(app, "secondop-presenter-notes")
    assert content.labels.presenter.notes in unescape(notes.value)
    assert "present=1" in app.presenter.story.value  # the address follows
    app.presenter.leave_button.click()
    assert not app.state.present and on_page(app, "secondop-stage")  # kept, hidden by the stylesheet
    assert content.labels.presenter.notes not in unescape(notes.value)


def test_a_presenters_link_has_its_row_from_the_start_and_in_its_first_view(content: Content) -> None:
    presenting = build_dashboard(content, "present=1")
    assert presenting.presenter.stage_built and on_page(presenting, "secondop-present-back")
    assert "secondop-present-next" in first_view_html(presenting.root)
    assert "secondop-present-next" not in first_view_html(build_dashboard(content, EXAMPLE).root)


def test_the_undo_bar_is_built_the_first_time_there_is_something_to_undo(content: Content) -> None:
    app = build_dashboard(content)
    app.circumstance_boxes["rare_cancer"].value = True  # the person's own tick
    app.reset_button.click()
    assert app.state.circumstances == ()
    (bar,) = on_page(app, "secondop-undo")
    assert app.presenter.tools.children[-1] is bar  # under the picker and Clear all, where they just clicked
    assert "secondop-undo-shown" in bar._dom_classes and app.undo.shown
    assert content.labels.undo.cleared in unescape(bar.children[0].value)
    assert content.labels.undo.cleared in unescape(app.presenter.announced)  # read out in the live region
    (button,) = [child for child in bar.children if isinstance(child, w.Button)]
    assert button.description == content.labels.undo.button
    button.click()
    assert app.state.circumstances == ("rare_cancer",) and app.circumstance_boxes["rare_cancer"].value
    assert "secondop-undo-shown" not in bar._dom_classes and on_page(app, "secondop-undo") == [bar]


def test_no_undo_bar_while_nothing_is_replaced(content: Content) -> None:
    app = build_dashboard(content)
    app.circumstance_boxes["rare_cancer"].value = True
    app.circumstance_boxes["rare_cancer"].value = False
    app.scenario_picker.value = "david_kidney_cancer"  # nothing of the person's own was ticked
    assert not app.undo.built and not on_page(app, "secondop-undo")


def test_every_widget_built_later_is_in_the_pages_tree(content: Content) -> None:
    """The server draws first views from apps it then closes: a part built later must be closed with the tree."""
    before = open_widgets()
    app = build_dashboard(content, EXAMPLE)
    app.circumstance_boxes["rare_cancer"].value = True
    app.scenario_picker.value = "david_kidney_cancer"  # replaces the tick: the undo bar
    app.present_toggle.value = True  # the control row and the notes
    app.presenter.forward_button.click()
    app.checklist_boxes[app.shown_checklist_ids()[-1]].value = True
    assert app.undo.built and app.presenter.stage_built
    # checklist items an earlier plan showed are kept off the page until they apply again (checklist.py)
    kept = {id(x) for x in (*app.checklist_boxes.built.values(), *app.checklist.notes.values())}
    tree = {id(widget) for widget in widget_tree(app.root)}
    made = open_widgets() - before
    assert tree <= made and made - tree <= kept
    assert {id(widget) for widget in (app.undo.widget, app.presenter.stage, app.presenter.notes)} <= tree
    with closing_widget_tree(app.root):
        pass
    assert open_widgets() - before <= kept


def test_text_sharing_one_widget_keeps_its_classes_and_is_sent_once_per_change(content: Content) -> None:
    app = build_dashboard(content)
    page = "".join(widget.value for widget in walk(app.root) if isinstance(widget, w.HTML))
    for css_class in ("secondop-sources", "secondop-glossary", "secondop-downloads", "secondop-summary-download",
                      "secondop-questions", "secondop-worries", "secondop-chart-figure", "secondop-sure-result",
                      "secondop-steps", "secondop-print-only"):  # fmt: skip
        assert f'<div class="{css_class}">' in page, css_class
    sent: dict[int, int] = {}
    for widget in walk(app.root):
        if isinstance(widget, w.HTML):
            widget.observe(lambda change: sent.__setitem__(id(change["owner"]), sent.get(id(change["owner"]), 0) + 1))
    app.circumstance_boxes["rare_cancer"].value = True
    assert sent and max(sent.values()) == 1, "a change draws each shared widget once, not once per piece"
    assert id(app.reasons.widget) in sent and id(app.chart.widget) in sent
    assert "rare_cancer" in app.shown_reason_ids() and 'data-reason="rare_cancer"' in app.reasons.widget.value
