"""Tools for presenters: an example-patient picker, a reset, large text, and presenter mode.

Presenter mode (`?present=1` or its switch) is for a workshop: large type and projector contrast, and only what
a room needs (the example's story, the boxes and the plan). Next and Previous step through the examples in the
facilitator's order (`order` in scenarios.yaml); the page script `secondop-present.js` clicks them for a
clicker's PageDown/PageUp and the left/right arrows. An example opens with its story, its boxes unticked and
the plan hidden: the presenter asks the room, then "Show the answer" ticks the example's boxes and shows the
plan, or "Show the plan" shows it for the boxes ticked now. Each step is read out in a live region.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from secondop.content.workshop import facilitator_order

from . import html_parts as hp
from .factory import WidgetFactory
from .qr import qr_block
from .state import DashboardState

if TYPE_CHECKING:
    from secondop.content.collection import Content

LARGE_CLASS = "secondop-large"
PRESENTING_CLASS = "secondop-presenting"
PLAN_HIDDEN_CLASS = "secondop-plan-hidden"


def stage_story(content: Content, scenario_id: str, number: int, total: int, revealed: bool) -> str:
    """The example on stage: which one it is, its story, what to ask the room; what it teaches once revealed."""
    if scenario_id not in content.scenarios:
        return ""
    scenario = content.scenarios[scenario_id]
    labels = content.labels.presenter
    position = labels.position.format(number=number, total=total, name=scenario.name)
    parts = [
        f'<div class="secondop-story">{hp.heading(2, position)}<p>{hp.esc(scenario.story)}</p>',
        f'<p class="secondop-ask"><strong>{hp.esc(labels.ask_the_room)}:</strong> {hp.esc(scenario.ask_the_room)}</p>',
    ]
    if revealed:
        teaches = content.labels.dashboard.scenario_teaches
        parts.append(f"<p><strong>{hp.esc(teaches)}:</strong> {hp.esc(scenario.teaches)}</p>")
    else:
        parts.append(f'<p class="secondop-hidden-hint">{hp.esc(labels.hidden_hint)}</p>')
    parts.append("</div>")
    return "".join(parts)


class PresenterView:
    """Picker, reset, large-text and presenter-mode switches, linked to the state (both ways)."""

    def __init__(
        self,
        content: Content,
        state: DashboardState,
        root: w.Box,
        guard: Callable[[Callable], Callable],
        make: WidgetFactory,
    ):
        self.content = content
        self.state = state
        self.root = root
        self.order = facilitator_order(content)
        labels = content.labels.dashboard
        present = content.labels.presenter
        options = [(labels.scenario_none, ""), *((s.name, s.id) for s in content.scenarios.values())]
        self.scenario_picker = w.Dropdown(
            options=options,
            value="",
            description=labels.scenario,
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.scenario_picker.add_class("secondop-scenario")
        self.reset_button = w.Button(description=labels.reset, tooltip=labels.reset, layout=make.auto_width)
        self.reset_button.add_class("secondop-reset")
        self.large_text_toggle = make.checkbox(labels.large_text, "secondop-large-text", layout=make.auto_width)
        self.present_toggle = make.checkbox(present.mode, "secondop-present-toggle", layout=make.auto_width)
        self.story = make.html("", "secondop-scenario-story")
        controls = make.hbox(
            [self.scenario_picker, self.reset_button, self.large_text_toggle, self.present_toggle],
            layout=w.Layout(flex_flow="row wrap", align_items="center", grid_gap="0.5em 1em"),
        )
        self.previous_button = make.button(present.previous, "secondop-present-previous", "secondop-present-button")
        self.next_button = make.button(present.next, "secondop-present-next", "secondop-present-button")
        self.answer_button = make.button(present.show_answer, "secondop-present-answer", "secondop-present-button")
        self.plan_button = make.button(present.show_plan, "secondop-present-plan", "secondop-present-button")
        self.stage = make.vbox(
            [
                make.hbox(
                    [self.previous_button, self.next_button, self.answer_button, self.plan_button],
                    "secondop-stage-nav",
                ),
                make.html(f'<p class="secondop-keys">{hp.esc(present.keys)}</p>'),
            ],
            "secondop-stage",
        )
        self.qr = make.html("", "secondop-qr-holder")
        #: Read out by screen readers: the page script gives it role="status" and aria-live="polite".
        self.live = make.html("", "secondop-live")
        self.widget = make.vbox(
            [make.html(hp.heading(2, labels.presenters)), controls, self.stage, self.story, self.qr, self.live],
            "secondop-presenters",
            "secondop-no-print",
        )

        w.link((self.scenario_picker, "value"), (state, "scenario"))
        w.link((self.large_text_toggle, "value"), (state, "large_text"))
        w.link((self.present_toggle, "value"), (state, "present"))
        self.reset_button.on_click(guard(lambda _button: state.reset()))
        self.previous_button.on_click(guard(lambda _button: self.step(-1)))
        self.next_button.on_click(guard(lambda _button: self.step(1)))
        self.answer_button.on_click(guard(lambda _button: self.show_answer()))
        self.plan_button.on_click(guard(lambda _button: self.show_plan()))
        state.observe(guard(self._scenario_chosen), names="scenario")
        state.observe(guard(self._selection_changed), names=["circumstances", "concerns"])
        state.observe(guard(self._large_text_changed), names="large_text")
        state.observe(guard(self._present_changed), names="present")
        state.observe(guard(lambda _change: self._show()), names=["presented", "revealed"])
        self._show()

    # --- the picker and the switches ---------------------------------------------------------------
    def _scenario_chosen(self, change: dict) -> None:
        scenario_id = change["new"]
        if scenario_id in self.content.scenarios:
            scenario = self.content.scenarios[scenario_id]
            self.state.select(scenario.circumstances, scenario.concerns)
            if self.state.present:
                self.state.presented = scenario_id
        self._show()

    def _selection_changed(self, _change: dict) -> None:
        """Once the boxes differ from the example patient's, the picker goes back to 'none'."""
        scenario = self.content.scenarios.get(self.state.scenario)
        if scenario is None:
            return
        if set(self.state.circumstances) != set(scenario.circumstances) or set(self.state.concerns) != set(
            scenario.concerns
        ):
            self.state.scenario = ""

    def _large_text_changed(self, change: dict) -> None:
        if change["new"]:
            self.root.add_class(LARGE_CLASS)
        else:
            self.root.remove_class(LARGE_CLASS)

    def _present_changed(self, change: dict) -> None:
        labels = self.content.labels.presenter
        if change["new"]:
            if not self.state.presented:  # carried over by a language switch: already on stage
                first = self.state.scenario or (self.order[0] if self.order else "")
                if first:
                    self.open(first, announce=False)
            self.announce(labels.on)
        else:
            with self.state.hold_trait_notifications():
                self.state.presented = ""
                self.state.revealed = True
            self.announce(labels.off)
        self._show()

    # --- presenter mode ----------------------------------------------------------------------------
    @property
    def plan_shown(self) -> bool:
        """Whether the page shows the plan (always outside presenter mode)."""
        return not self.state.present or self.state.revealed

    def position(self) -> tuple[int, int]:
        """Number (from 1) of the example on stage in the facilitator's order, and how many there are."""
        presented = self.state.presented
        return (self.order.index(presented) + 1 if presented in self.order else 0), len(self.order)

    def open(self, scenario_id: str, announce: bool = True) -> None:
        """Put an example on stage: its story, every box unticked, the plan hidden."""
        with self.state.hold_trait_notifications():
            self.state.presented = scenario_id
            self.state.revealed = False
            self.state.scenario = ""
            self.state.select((), ())
        if announce:
            number, total = self.position()
            name = self.content.scenarios[scenario_id].name
            self.announce(self.content.labels.presenter.position.format(number=number, total=total, name=name))

    def step(self, delta: int) -> None:
        """Open the next (1) or previous (-1) example in the facilitator's order, going round at either end."""
        if not self.state.present or not self.order:
            return
        if self.state.presented in self.order:
            target = self.order[(self.order.index(self.state.presented) + delta) % len(self.order)]
        else:
            target = self.order[0] if delta > 0 else self.order[-1]
        self.open(target)

    def show_answer(self) -> None:
        """Tick the example's own boxes and show the plan."""
        scenario = self.content.scenarios.get(self.state.presented)
        if not self.state.present or scenario is None:
            return
        self.state.scenario = scenario.id
        self.state.select(scenario.circumstances, scenario.concerns)  # also when the picker already had it
        self.state.revealed = True
        labels = self.content.labels.presenter
        ticked = [self.content.circumstances[i].label for i in scenario.circumstances]
        ticked += [self.content.concerns[i].label for i in scenario.concerns]
        self.announce(labels.answer_shown.format(ticked="; ".join(ticked) or labels.nothing_ticked))

    def show_plan(self) -> None:
        """Show the plan for the boxes ticked now."""
        if not self.state.present:
            return
        self.state.revealed = True
        self.announce(self.content.labels.presenter.plan_shown)

    def announce(self, text: str) -> None:
        self.live.value = f"<p>{hp.esc(text)}</p>"

    @property
    def announced(self) -> str:
        return self.live.value

    def _show(self) -> None:
        """The root's classes, the story and the QR code, from the state."""
        present = self.state.present
        for name, on in ((PRESENTING_CLASS, present), (PLAN_HIDDEN_CLASS, present and not self.state.revealed)):
            if on:
                self.root.add_class(name)
            else:
                self.root.remove_class(name)
        if present and self.state.presented:
            number, total = self.position()
            self.story.value = stage_story(self.content, self.state.presented, number, total, self.state.revealed)
        else:
            self.story.value = hp.scenario_story(self.content, self.state.scenario)
        self.qr.value = qr_block(self.content, self.state.presented) if present else ""
