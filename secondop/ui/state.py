"""The one state object of the dashboard: what the person has ticked and how the page looks.

Views read it and write it; none of them keeps its own copy of a selection.

Ticks are never lost without a way back: when an example replaces boxes the person ticked, or Clear all
empties them, the state keeps what was there (`undo_offer` says which), and `undo()` puts it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from traitlets import Bool, HasTraits, Tuple, Unicode, observe

#: `undo_offer` values: what the last step replaced, which `undo()` brings back.
EXAMPLE_REPLACED = "example"
CLEARED = "cleared"


@dataclass(frozen=True)
class Snapshot:
    """What a person had ticked, to put back."""

    circumstances: tuple[str, ...]
    concerns: tuple[str, ...]
    ticked: tuple[str, ...]
    scenario: str


class DashboardState(HasTraits):
    """Selections as tuples of ids (in content order), so every change is a new value that notifies."""

    circumstances = Tuple(help="Ids of the ticked circumstances.")
    concerns = Tuple(help="Ids of the ticked worries.")
    ticked = Tuple(help="Ids of the checklist items ticked off (kept while an item is hidden).")
    scenario = Unicode("", help="Id of the example patient shown, or '' for none.")
    large_text = Bool(False, help="Projector mode: larger text.")
    present = Bool(False, help="Presenter mode: large type, only the example, its boxes and the plan.")
    presented = Unicode("", help="Id of the example on stage in presenter mode ('' when not presenting).")
    revealed = Bool(True, help="In presenter mode: whether the plan is shown (hidden while the room is asked).")
    undo_offer = Unicode("", help="What `undo()` can bring back: EXAMPLE_REPLACED, CLEARED, or '' (nothing to undo).")

    def __init__(self, circumstance_order: Iterable[str], concern_order: Iterable[str], **kwargs: Any):
        super().__init__(**kwargs)
        self._circumstance_order = list(circumstance_order)
        self._concern_order = list(concern_order)
        self._before: Snapshot | None = None
        self._restoring = False

    def _snapshot(self) -> Snapshot:
        return Snapshot(self.circumstances, self.concerns, self.ticked, self.scenario)

    def _offer_undo(self, kind: str, before: Snapshot) -> None:
        self._before = before
        self.undo_offer = kind

    @observe("scenario")
    def _example_chosen(self, change: dict[str, Any]) -> None:
        """Keep the person's own ticks before an example replaces them (this runs before any view's observer).

        Own ticks: boxes ticked while no example was shown. Presenter mode steps through examples on purpose
        and offers nothing; a language switch or a link sets the example on a fresh, empty state.
        """
        if self._restoring or self.present or not change["new"] or change["old"]:
            return
        if self.circumstances or self.concerns:
            self._offer_undo(EXAMPLE_REPLACED, Snapshot(self.circumstances, self.concerns, self.ticked, ""))

    def select(self, circumstances: Iterable[str], concerns: Iterable[str]) -> None:
        """Set both selections at once; observers see the new pair, never half of it."""
        wanted_c, wanted_w = set(circumstances), set(concerns)
        with self.hold_trait_notifications():
            self.circumstances = tuple(i for i in self._circumstance_order if i in wanted_c)
            self.concerns = tuple(i for i in self._concern_order if i in wanted_w)

    def set_ticked(self, item_id: str, done: bool) -> None:
        """Tick an item off, or un-tick it."""
        rest = tuple(i for i in self.ticked if i != item_id)
        self.ticked = (*rest, item_id) if done else rest

    def reset(self) -> None:
        """Clear every box and the example patient; keep the large-text setting of the presenter.

        What was ticked can be brought back with `undo()` (not in presenter mode, where Clear all starts the
        room's question again). In presenter mode the example on stage stays, and its plan is hidden again.
        """
        before = self._snapshot()
        if not self.present and (before.circumstances or before.concerns or before.ticked or before.scenario):
            self._offer_undo(CLEARED, before)
        with self.hold_trait_notifications():
            self.scenario = ""
            self.select((), ())
            self.ticked = ()
            if self.present:
                self.revealed = False

    def undo(self) -> bool:
        """Put back what the last example or Clear all replaced; False when there is nothing to undo."""
        before = self._before
        if before is None or not self.undo_offer:
            return False
        self._restoring = True
        try:
            self.scenario = before.scenario
            self.select(before.circumstances, before.concerns)
            self.ticked = before.ticked
        finally:
            self._restoring = False
        self.forget_undo()
        return True

    def forget_undo(self) -> None:
        """The person moved on (ticked a box themselves): the offer to undo goes away."""
        self._before = None
        self.undo_offer = ""
