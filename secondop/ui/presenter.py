"""Tools for presenters: an example-patient picker, a reset, large text, and presenter mode.

The page has two parts from here. The *stage* sits above the boxes: the example's story (for a person who
opened an example's link, too) and, in presenter mode only, one slim row of controls and a small, marked
strip of notes for the presenter. The *tools* (picker, Clear all, large text, the presenter-mode switch and
how to show a QR code) sit below the plan, out of a patient's way.

Presenter mode (`?present=1` or its switch) is for a workshop: large type and projector contrast, and only what
a room needs (the example's story, the boxes and the plan), laid out for a screen (`presenter.css`). Next and
Previous step through the examples in the facilitator's order (`order` in scenarios.yaml). A clicker builds
each example like a slide: the page script `secondop-present.js` clicks the hidden Forward/Back buttons for
PageDown/PageUp and the right/left arrows, and `forward` goes story → answer → next example, `back` the
same way back. An example opens with its story, its boxes unticked and the plan hidden: the presenter asks the
room, then "Show the answer" ticks the example's boxes and shows the plan, or "Show the plan" shows it for the
boxes ticked now. Each step is read out in a live region, which is not drawn on the projector.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import ipywidgets as w

from secondop.content.workshop import facilitator_order

from . import html_parts as hp
from .factory import WidgetFactory
from .qr import qr_block, qr_howto
from .state import DashboardState

if TYPE_CHECKING:
    from secondop.content.collection import Content

LARGE_CLASS = "secondop-large"
PRESENTING_CLASS = "secondop-presenting"
PLAN_HIDDEN_CLASS = "secondop-plan-hidden"


def stage_story(content: Content, scenario_id: str, number: int, total: int, revealed: bool) -> str:
    """The example on stage, as the room sees it: which one it is, its story and the question for the room;
    once revealed, only which one it is (the ticked boxes and the reasons need the screen)."""
    if scenario_id not in content.scenarios:
        return ""
    scenario = content.scenarios[scenario_id]
    labels = content.labels.presenter
    position = labels.position.format(number=number, total=total, name=scenario.name)
    parts = [f'<div class="secondop-story">{hp.heading(2, position)}']
    if not revealed:
        parts.append(f'<p class="secondop-story-text">{hp.esc(scenario.story)}</p>')
        parts.append(
            f'<p class="secondop-ask"><strong>{hp.esc(labels.question)}:</strong> {hp.esc(scenario.ask_the_room)}</p>'
        )
    parts.append("</div>")
    return "".join(parts)


def example_story(content: Content, scenario_id: str) -> str:
    """The example patient chosen outside presenter mode (picker or link): name, story, what it shows.

    Its name is a second-level heading: the stage sits right under the page's title (the presenter's tools,
    whose heading it used to follow, are below the plan now).
    """
    if scenario_id not in content.scenarios:
        return ""
    scenario = content.scenarios[scenario_id]
    teaches = content.labels.dashboard.scenario_teaches
    return (
        f'<div class="secondop-story">{hp.heading(2, scenario.name)}<p>{hp.esc(scenario.story)}</p>'
        f"<p><strong>{hp.esc(teaches)}:</strong> {hp.esc(scenario.teaches)}</p></div>"
    )


def presenter_notes(content: Content, scenario_id: str, revealed: bool) -> str:
    """The presenter's strip, marked as theirs, in small type: while the room is asked, what to do next and
    which keys work; once revealed, what the example teaches (to say in their own words)."""
    labels = content.labels.presenter
    scenario = content.scenarios.get(scenario_id)
    if revealed and scenario is not None:
        teaches = content.labels.dashboard.scenario_teaches
        note = f"<strong>{hp.esc(teaches)}:</strong> {hp.esc(scenario.teaches)}"
    elif revealed:
        note = hp.esc(labels.keys)
    else:
        note = f"{hp.esc(labels.hidden_hint)} {hp.esc(labels.keys)}"
    return f'<p><strong class="secondop-notes-mark">{hp.esc(labels.notes)}:</strong> {note}</p>'


def address_query(content: Content, scenario_id: str, present: bool) -> str:
    """What the page's address keeps (`secondop-present.js` writes it there): language, example, presenter mode.

    Only these three: what a person ticks stays out of the address bar and the browser's history.
    """
    pairs = [] if content.language == content.settings.language else [("lang", content.language)]
    if scenario_id:
        pairs.append(("scenario", scenario_id))
    if present:
        pairs.append(("present", "1"))
    return urlencode(pairs)


class PresenterView:
    """The stage (`widget`, above the boxes) and the tools (`tools`, below the plan), linked to the state."""

    #: The audience's QR code (HTML) drawn beside the story; '' outside presenter mode or without an address.
    qr: str = ""

    def __init__(
        self,
        content: Content,
        state: DashboardState,
        root: w.Box,
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
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
            style=make.description_style,
            layout=w.Layout(width="auto", max_width="100%"),
            _dom_classes=("secondop-scenario",),
        )
        self.reset_button = make.button(labels.reset, "secondop-reset")
        self.large_text_toggle = make.checkbox(labels.large_text, "secondop-large-text", layout=make.auto_width)
        self.present_toggle = make.checkbox(present.mode, "secondop-present-toggle", layout=make.auto_width)
        controls = make.hbox(
            [self.scenario_picker, self.reset_button, self.large_text_toggle, self.present_toggle],
            layout=w.Layout(flex_flow="row wrap", align_items="center", grid_gap="0.5em 1em"),
        )
        #: Without a public address: how to set one (never on the projector, which shows no code then).
        self.qr_howto = make.html("", "secondop-qr-howto")
        self.tools = make.vbox(
            [make.html(hp.heading(2, labels.presenters)), controls, self.qr_howto],
            "secondop-presenters",
            "secondop-no-print",
        )

        self._make = make
        self._guard = guard
        self._stage: tuple[dict[str, w.Button], w.VBox, w.HTML] | None = None  # built by `_built`
        #: The example's story, and in presenter mode the audience's QR code beside it (one widget: each widget
        #: is one more model for a page to build before it is ready); also, never drawn, the page's address.
        self.story = make.html("", "secondop-scenario-story")
        #: Read out by screen readers: the page script gives it role="status" and aria-live="polite". First in
        #: the box (it is never drawn): the stage, built later, goes in after it, so the region the screen reader
        #: knows stays the same element.
        self.live = make.html("", "secondop-live")
        self.widget = make.vbox([self.live, self.story], "secondop-presenter-stage", "secondop-no-print")

        w.link((self.scenario_picker, "value"), (state, "scenario"))
        w.link((self.large_text_toggle, "value"), (state, "large_text"))
        w.link((self.present_toggle, "value"), (state, "present"))
        self.reset_button.on_click(guard(lambda _button: state.reset()))
        state.observe(guard(self._scenario_chosen), names="scenario")
        state.observe(guard(self._selection_changed), names=["circumstances", "concerns"])
        state.observe(guard(self._large_text_changed), names="large_text")
        state.observe(guard(self._present_changed), names="present")
        state.observe(guard(lambda _change: self._show()), names=["presented", "revealed"])
        self._show()

    # --- the control row, built when first needed ----------------------------------------------------------
    def _built(self) -> tuple[dict[str, w.Button], w.VBox, w.HTML]:
        """The stage's control row and the presenter's notes, built the first time presenter mode starts (or a
        caller asks for a button or the notes).

        Outside presenter mode they are never drawn: a page opened by a patient carries none of their eleven widget
        models (each one more model for a phone to build before it can tick a box).
        """
        if self._stage is None:
            make, guard, present = self._make, self._guard, self.content.labels.presenter
            button_class, key_class = "secondop-present-button", "secondop-present-key"
            # name: (label, its class, drawn or not, what it does); the page script finds the clicker's two by class
            actions: dict[str, tuple[str, str, str, Callable[[], object]]] = {
                "previous": (present.previous, "secondop-present-previous", button_class, lambda: self.step(-1)),
                "next": (present.next, "secondop-present-next", button_class, lambda: self.step(1)),
                "answer": (present.show_answer, "secondop-present-answer", button_class, self.show_answer),
                "plan": (present.show_plan, "secondop-present-plan", button_class, self.show_plan),
                "leave": (present.leave, "secondop-present-leave", button_class, self._leave),
                # pressed by the page script for a clicker's keys (never drawn): one slide step forward or back
                "forward": (present.forward, "secondop-present-forward", key_class, self.forward),
                "back": (present.back, "secondop-present-back", key_class, self.back),
            }
            buttons: dict[str, w.Button] = {}
            for name, (label, css_class, kind, action) in actions.items():
                button = make.button(label, css_class, kind)
                button.on_click(guard(lambda _button, act=action: act()))
                buttons[name] = button
            notes = make.html(self._notes_html(), "secondop-presenter-notes")
            stage = make.vbox([make.hbox(buttons.values(), "secondop-stage-nav"), notes], "secondop-stage")
            self._stage = (buttons, stage, notes)
            self.widget.children = (self.live, stage, self.story)
        return self._stage

    def _leave(self) -> None:
        self.state.present = False

    def _buttons(self) -> dict[str, w.Button]:
        return self._built()[0]

    @property
    def stage(self) -> w.VBox:
        """The control row and the presenter's notes (presenter mode only)."""
        return self._built()[1]

    @property
    def notes(self) -> w.HTML:
        """The presenter's strip of notes, marked as theirs (presenter mode only)."""
        return self._built()[2]

    @property
    def previous_button(self) -> w.Button:
        return self._buttons()["previous"]

    @property
    def next_button(self) -> w.Button:
        return self._buttons()["next"]

    @property
    def answer_button(self) -> w.Button:
        return self._buttons()["answer"]

    @property
    def plan_button(self) -> w.Button:
        return self._buttons()["plan"]

    @property
    def leave_button(self) -> w.Button:
        return self._buttons()["leave"]

    @property
    def forward_button(self) -> w.Button:
        """Pressed by the page script for PageDown and the right arrow."""
        return self._buttons()["forward"]

    @property
    def back_button(self) -> w.Button:
        """Pressed by the page script for PageUp and the left arrow."""
        return self._buttons()["back"]

    @property
    def stage_built(self) -> bool:
        """Whether the control row and the notes exist yet (tests: a patient's page never builds them)."""
        return self._stage is not None

    # --- the picker and the switches ---------------------------------------------------------------
    def _scenario_chosen(self, change: dict[str, Any]) -> None:
        scenario_id = change["new"]
        if scenario_id in self.content.scenarios:
            scenario = self.content.scenarios[scenario_id]
            self.state.select(scenario.circumstances, scenario.concerns)
            if self.state.present:
                self.state.presented = scenario_id
        self._show()

    def _selection_changed(self, _change: dict[str, Any]) -> None:
        """Once the boxes differ from the example patient's, the picker goes back to 'none'."""
        scenario = self.content.scenarios.get(self.state.scenario)
        if scenario is None:
            return
        if set(self.state.circumstances) != set(scenario.circumstances) or set(self.state.concerns) != set(
            scenario.concerns
        ):
            self.state.scenario = ""

    def _large_text_changed(self, change: dict[str, Any]) -> None:
        if change["new"]:
            self.root.add_class(LARGE_CLASS)
        else:
            self.root.remove_class(LARGE_CLASS)

    def _present_changed(self, change: dict[str, Any]) -> None:
        labels = self.content.labels.presenter
        if change["new"]:
            self._buttons()
            if not self.state.presented:  # carried over by a language switch: already on stage
                first = self.state.scenario or (self.order[0] if self.order else "")
                if first:
                    self.open(first, announce=False)
            self.announce(f"{labels.on} {self._position_text()}".strip())
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

    def _position_text(self) -> str:
        """'Example 2 of 11: name' for the example on stage ('' when none): the new example, read out."""
        scenario = self.content.scenarios.get(self.state.presented)
        if scenario is None:
            return ""
        number, total = self.position()
        return self.content.labels.presenter.position.format(number=number, total=total, name=scenario.name)

    def open(self, scenario_id: str, announce: bool = True) -> None:
        """Put an example on stage: its story, every box unticked, the plan hidden."""
        with self.state.hold_trait_notifications():
            self.state.presented = scenario_id
            self.state.revealed = False
            self.state.scenario = ""
            self.state.select((), ())
        if announce:
            self.announce(self._position_text())

    def step(self, delta: int) -> None:
        """Open the next (1) or previous (-1) example in the facilitator's order, going round at either end."""
        if not self.state.present or not self.order:
            return
        self.open(self._neighbour(delta))

    def _neighbour(self, delta: int) -> str:
        if self.state.presented in self.order:
            return self.order[(self.order.index(self.state.presented) + delta) % len(self.order)]
        return self.order[0] if delta > 0 else self.order[-1]

    def forward(self) -> None:
        """A clicker's step forward, as slides build: the story, then its answer, then the next example."""
        if not self.state.present or not self.order:
            return
        if self.state.presented in self.order and not self.state.revealed:
            self.show_answer()
        else:
            self.step(1)

    def back(self) -> None:
        """A clicker's step back, the same way back: from an answer to its story, from a story to the previous
        example's answer."""
        if not self.state.present or not self.order:
            return
        if self.state.presented in self.order and self.state.revealed:
            self.open(self.state.presented)
        else:
            self.open(self._neighbour(-1), announce=False)
            self.show_answer(with_position=True)

    def show_answer(self, with_position: bool = False) -> None:
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
        answer = labels.answer_shown.format(ticked="; ".join(ticked) or labels.nothing_ticked)
        self.announce(f"{self._position_text()}. {answer}" if with_position else answer)

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
        """The root's classes, the story, the notes, the QR code and the page's address, from the state."""
        present = self.state.present
        for name, on in ((PRESENTING_CLASS, present), (PLAN_HIDDEN_CLASS, present and not self.state.revealed)):
            if on:
                self.root.add_class(name)
            else:
                self.root.remove_class(name)
        if present and self.state.presented:
            number, total = self.position()
            story = stage_story(self.content, self.state.presented, number, total, self.state.revealed)
        else:
            story = example_story(self.content, self.state.scenario)
        self.qr = qr_block(self.content, self.state.presented) if present else ""
        # the page's address for this state, kept in the address bar by the page script (never drawn)
        scenario = self.state.presented if present else self.state.scenario
        address = hp.esc(address_query(self.content, scenario, present))
        self.story.value = (
            f'<div class="secondop-story-row">{story}{self.qr}</div>' if story or self.qr else ""
        ) + f'<span class="secondop-address" data-secondop-address="?{address}"></span>'
        if self._stage is not None:
            self._stage[2].value = self._notes_html()
        self.qr_howto.value = qr_howto(self.content)

    def _notes_html(self) -> str:
        if not self.state.present:
            return ""
        return presenter_notes(self.content, self.state.presented, self.state.revealed)
