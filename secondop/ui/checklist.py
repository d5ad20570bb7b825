"""What to bring: every item as a box to tick off, grouped by review point, with progress ("3 of 12").

All items are built once; a change of circumstances only changes which of them the groups hold (no
hidden leftovers on the page). Ticks live in the state, so an item removed and shown again keeps its tick.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ..assessment import Assessment
from ..content import Content
from . import html_parts as hp
from .state import DashboardState


class ChecklistView:
    """Tick-off boxes for the checklist items that apply, and the progress over those items."""

    def __init__(self, content: Content, state: DashboardState, guard: Callable[[Callable], Callable]):
        self.content = content
        self.state = state
        self.boxes: dict[str, w.Checkbox] = {}
        self.items: dict[str, w.VBox] = {}
        self.groups: dict[str, w.VBox] = {}
        self.intros: dict[str, w.HTML] = {}
        for point in content.review_points.values():
            for item in (i for i in content.checklist.values() if i.group == point.id):
                box = w.Checkbox(value=False, description=item.text, indent=False, layout=w.Layout(width="100%"))
                box.add_class("secondop-item")
                box.add_class(f"secondop-item-{item.id}")
                box.observe(guard(self._box_changed), names="value")
                self.boxes[item.id] = box
                part = w.VBox([box, w.HTML(hp.how_to_get(content, item))])
                part.add_class("secondop-entry")
                self.items[item.id] = part
            self.intros[point.id] = w.HTML(hp.review_point_intro(point))
            group = w.VBox([self.intros[point.id]])
            group.add_class(f"secondop-point-{point.id}")
            self.groups[point.id] = group

        self.progress = w.HTML("")
        self.progress.add_class("secondop-progress")
        heading = w.HTML(hp.heading(2, content.labels.plan.checklist))
        self.heading = heading
        self.widget = w.VBox([heading, self.progress])
        self.widget.add_class("secondop-checklist")
        self._shown: tuple[str, ...] = ()
        self._following_state = False
        state.observe(guard(self._ticks_changed), names="ticked")

    def update(self, assessment: Assessment) -> None:
        shown = tuple(item.id for item in assessment.checklist)
        if shown != self._shown:
            groups = []
            for checklist_group in assessment.checklist_groups:
                point_id = checklist_group.review_point.id
                members = (self.intros[point_id], *(self.items[item.id] for item in checklist_group.items))
                if self.groups[point_id].children != members:
                    self.groups[point_id].children = members
                groups.append(self.groups[point_id])
            self.widget.children = (self.heading, self.progress, *groups)
            self._shown = shown
        self._show_progress()

    def shown_ids(self) -> list[str]:
        return list(self._shown)

    def counts(self) -> tuple[int, int]:
        """(ticked off, total) over the items shown."""
        return sum(1 for i in self._shown if i in self.state.ticked), len(self._shown)

    def _show_progress(self) -> None:
        self.progress.value = hp.progress(self.content, *self.counts())

    def _box_changed(self, change: dict) -> None:
        if self._following_state:
            return
        item_id = next(i for i, box in self.boxes.items() if box is change["owner"])
        self.state.set_ticked(item_id, bool(change["new"]))

    def _ticks_changed(self, _change: dict) -> None:
        self._following_state = True
        try:
            for item_id, box in self.boxes.items():
                box.value = item_id in self.state.ticked
        finally:
            self._following_state = False
        self._show_progress()
