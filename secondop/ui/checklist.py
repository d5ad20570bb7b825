"""What to bring: every item as a box to tick off, grouped by review point, with progress ("3 of 12").

An item's widgets are built the first time it applies (most selections show about half the items, and
each widget is one more model for the page to build before the app is ready), then kept: a change of
circumstances only changes which of them the section holds (no hidden leftovers on the page). Ticks live
in the state, so an item removed and shown again keeps its tick.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from secondop.plan.assessment import Assessment

from . import html_parts as hp
from .factory import WidgetFactory
from .state import DashboardState

if TYPE_CHECKING:
    from secondop.content.collection import Content


class LazyBoxes(Mapping[str, w.Checkbox]):
    """Every checklist item's box by id, in content order; a box is built when first asked for."""

    def __init__(self, ids: list[str], build: Callable[[str], w.Checkbox]):
        self._ids = ids
        self._build = build
        self.built: dict[str, w.Checkbox] = {}

    def __getitem__(self, item_id: str) -> w.Checkbox:
        if item_id not in self.built:
            if item_id not in self._ids:
                raise KeyError(item_id)
            self.built[item_id] = self._build(item_id)
        return self.built[item_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._ids


class ChecklistView:
    """Tick-off boxes for the checklist items that apply, and the progress over those items."""

    def __init__(
        self,
        content: Content,
        state: DashboardState,
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
        make: WidgetFactory,
    ):
        self.content = content
        self.state = state
        self.make = make
        self.guard = guard
        self.boxes = LazyBoxes(list(content.checklist), self._new_box)
        self.notes: dict[str, w.HTML] = {}
        #: Each review point's heading and intro, its items following it straight in the section (no box per
        #: group: one model fewer per group for a phone to build before it can tick a box).
        self.intros = {
            point.id: make.html(hp.review_point_intro(point), f"secondop-point-{point.id}")
            for point in content.review_points.values()
        }
        # the section's heading and the progress under it: one HTML widget (each widget is one more model for a
        # phone to build before it can tick a box)
        self.heading = hp.heading(2, content.labels.plan.checklist)
        self.progress = make.html("", "secondop-progress")
        self.widget = make.vbox([self.progress], "secondop-checklist")
        self._shown: tuple[str, ...] = ()
        self._following_state = False
        state.observe(guard(self._ticks_changed), names="ticked")

    def _new_box(self, item_id: str) -> w.Checkbox:
        item = self.content.checklist[item_id]
        box = self.make.checkbox(item.text, "secondop-entry-box", "secondop-item", f"secondop-item-{item.id}")
        box.value = item_id in self.state.ticked
        box.observe(self.guard(lambda change: self._box_changed(item_id, change)), names="value")
        return box

    def _item(self, item_id: str) -> tuple[w.Checkbox, w.HTML]:
        if item_id not in self.notes:
            item = self.content.checklist[item_id]
            self.notes[item_id] = self.make.html(hp.how_to_get(self.content, item), "secondop-entry-note")
        return self.boxes[item_id], self.notes[item_id]

    def update(self, assessment: Assessment) -> None:
        shown = tuple(item.id for item in assessment.checklist)
        if shown != self._shown:
            parts: list[w.Widget] = [self.progress]
            for checklist_group in assessment.checklist_groups:
                parts.append(self.intros[checklist_group.review_point.id])
                parts.extend(part for i in checklist_group.items for part in self._item(i.id))
            self.widget.children = tuple(parts)
            self._shown = shown
        self._show_progress()

    def shown_ids(self) -> list[str]:
        return list(self._shown)

    def counts(self) -> tuple[int, int]:
        """(ticked off, total) over the items shown."""
        return sum(1 for i in self._shown if i in self.state.ticked), len(self._shown)

    def _show_progress(self) -> None:
        self.progress.value = self.heading + hp.progress(self.content, *self.counts())

    def _box_changed(self, item_id: str, change: dict[str, Any]) -> None:
        if self._following_state:
            return
        self.state.set_ticked(item_id, bool(change["new"]))

    def _ticks_changed(self, _change: dict[str, Any]) -> None:
        self._following_state = True
        try:
            for item_id, box in self.boxes.built.items():  # boxes not built yet start from the state
                box.value = item_id in self.state.ticked
        finally:
            self._following_state = False
        self._show_progress()
