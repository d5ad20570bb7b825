"""The way back when ticks were replaced: a short note and an Undo button, shown only while there is something
to bring back (`DashboardState.undo_offer`).

Picking an example patient replaces the boxes a person ticked, and Clear all empties them; a caregiver who
had ticked their mother's situation lost it without a word. Asking first ("Replace your ticks?") would
stop every presenter and every reader of an example at a dialog; an Undo right where they clicked costs
nothing when it is not needed. The note says what happened in words, as the boxes it changed may be out of
sight (the tools sit below the plan).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from . import html_parts as hp
from .factory import WidgetFactory
from .state import CLEARED, EXAMPLE_REPLACED, DashboardState

if TYPE_CHECKING:
    from secondop.content.collection import Content


class UndoView:
    """`widget`: the note and the Undo button, or nothing at all while there is nothing to undo.

    Empty rather than hidden: a box without children takes no room, and needs no layout model of its own
    (three widget models in all, the page's budget being tight).
    """

    def __init__(
        self, content: Content, state: DashboardState, guard: Callable[[Callable], Callable], make: WidgetFactory
    ):
        labels = content.labels.undo
        self.state = state
        self._texts = {EXAMPLE_REPLACED: labels.example, CLEARED: labels.cleared}
        self.note = make.html("", "secondop-undo-note")
        self.button = make.button(labels.button, "secondop-undo-button")
        self.widget = make.hbox([], "secondop-undo", "secondop-no-print", layout=make.row)
        self.button.on_click(guard(lambda _button: state.undo()))
        state.observe(guard(self._offer_changed), names="undo_offer")

    @property
    def text(self) -> str:
        """What the note says now ('' when there is nothing to undo)."""
        return self._texts.get(self.state.undo_offer, "")

    @property
    def shown(self) -> bool:
        return bool(self.widget.children)

    def _offer_changed(self, _change: dict) -> None:
        text = self.text
        self.note.value = f'<p role="status">{hp.esc(text)}</p>' if text else ""
        self.widget.children = (self.note, self.button) if text else ()
