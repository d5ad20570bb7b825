"""The one state object of the dashboard: what the person has ticked and how the page looks.

Views read it and write it; none of them keeps its own copy of a selection.
"""

from __future__ import annotations

from collections.abc import Iterable

from traitlets import Bool, HasTraits, Tuple, Unicode


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

    def __init__(self, circumstance_order: Iterable[str], concern_order: Iterable[str], **kwargs):
        super().__init__(**kwargs)
        self._circumstance_order = list(circumstance_order)
        self._concern_order = list(concern_order)

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

        In presenter mode the example on stage stays, and its plan is hidden again (the room is asked anew).
        """
        with self.hold_trait_notifications():
            self.scenario = ""
            self.select((), ())
            self.ticked = ()
            if self.present:
                self.revealed = False
