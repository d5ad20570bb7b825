"""Tools for presenters: an example-patient picker, a reset, and large text for a projector."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from secondop.content.model import Content

from . import html_parts as hp
from .factory import WidgetFactory
from .state import DashboardState

LARGE_CLASS = "secondop-large"


class PresenterView:
    """Picker, reset and large-text switch, linked to the state (the picker and switch both ways)."""

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
        labels = content.labels.dashboard
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
        self.story = make.html("", "secondop-scenario-story")
        controls = make.hbox(
            [self.scenario_picker, self.reset_button, self.large_text_toggle],
            layout=w.Layout(flex_flow="row wrap", align_items="center", grid_gap="0.5em 1em"),
        )
        self.widget = make.vbox(
            [make.html(hp.heading(2, labels.presenters)), controls, self.story],
            "secondop-presenters",
            "secondop-no-print",
        )

        w.link((self.scenario_picker, "value"), (state, "scenario"))
        w.link((self.large_text_toggle, "value"), (state, "large_text"))
        self.reset_button.on_click(guard(lambda _button: state.reset()))
        state.observe(guard(self._scenario_chosen), names="scenario")
        state.observe(guard(self._selection_changed), names=["circumstances", "concerns"])
        state.observe(guard(self._large_text_changed), names="large_text")

    def _scenario_chosen(self, change: dict) -> None:
        scenario_id = change["new"]
        self.story.value = hp.scenario_story(self.content, scenario_id)
        if scenario_id in self.content.scenarios:
            scenario = self.content.scenarios[scenario_id]
            self.state.select(scenario.circumstances, scenario.concerns)

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
