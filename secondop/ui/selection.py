"""The boxes to tick: circumstances in three groups, and worries. Built once, bound to the state."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from . import html_parts as hp
from .factory import WidgetFactory
from .state import DashboardState

if TYPE_CHECKING:
    from secondop.content.collection import Content
    from secondop.content.model import Circumstance, Concern

GROUPS = (
    ("diagnosis", "group_diagnosis"),
    ("treatment_plan", "group_treatment_plan"),
    ("where_treated", "group_where_treated"),
)


def _box(make: WidgetFactory, entry: Circumstance | Concern, kind: str) -> w.Checkbox:
    return make.checkbox(entry.label, "secondop-entry-box", f"secondop-{kind}-{entry.id}")


class SelectionView:
    """Checkboxes for every circumstance and concern; they write to the state and follow it back.

    Each box is followed directly by its explanation (one HTML widget with the glossary terms): no wrapper
    box per entry, which would be one more widget model per entry for the page to build.
    """

    def __init__(
        self,
        content: Content,
        state: DashboardState,
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
        make: WidgetFactory,
    ):
        self.state = state
        labels = content.labels.dashboard
        self.circumstance_boxes = {c.id: _box(make, c, "circumstance") for c in content.circumstances.values()}
        self.concern_boxes = {c.id: _box(make, c, "concern") for c in content.concerns.values()}

        def entry(box: w.Checkbox, item: Circumstance | Concern) -> tuple[w.Widget, w.Widget]:
            return box, make.html(hp.circumstance_note(content, item), "secondop-entry-note")

        circumstance_parts: list[w.Widget] = [make.html(hp.heading(2, labels.circumstances))]
        for group, label_name in GROUPS:
            members = [c for c in content.circumstances.values() if c.group == group]
            if members:
                circumstance_parts.append(make.html(hp.heading(3, getattr(labels, label_name))))
                for c in members:
                    circumstance_parts.extend(entry(self.circumstance_boxes[c.id], c))
        self.circumstances = make.vbox(circumstance_parts, "secondop-circumstances")

        concern_parts: list[w.Widget] = [make.html(hp.heading(2, labels.concerns))]
        for concern in content.concerns.values():
            concern_parts.extend(entry(self.concern_boxes[concern.id], concern))
        self.concerns = make.vbox(concern_parts, "secondop-concerns")

        self._following_state = False
        for box in (*self.circumstance_boxes.values(), *self.concern_boxes.values()):
            box.observe(guard(self._box_changed), names="value")
        state.observe(guard(self._state_changed), names=["circumstances", "concerns"])

    def _box_changed(self, _change: dict[str, Any]) -> None:
        if self._following_state:
            return
        self.state.select(
            [i for i, box in self.circumstance_boxes.items() if box.value],
            [i for i, box in self.concern_boxes.items() if box.value],
        )
        self.state.forget_undo()  # the person ticks again: what an example or Clear all replaced is left behind

    def _state_changed(self, _change: dict[str, Any]) -> None:
        """Make the boxes show the state (after a scenario, a link or a reset)."""
        self._following_state = True
        try:
            for ids, boxes in (
                (self.state.circumstances, self.circumstance_boxes),
                (self.state.concerns, self.concern_boxes),
            ):
                for box_id, box in boxes.items():
                    box.value = box_id in ids
        finally:
            self._following_state = False
