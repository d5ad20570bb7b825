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
from typing import TYPE_CHECKING, Any

from . import html_parts as hp
from .factory import WidgetFactory
from .state import CLEARED, EXAMPLE_REPLACED, DashboardState

if TYPE_CHECKING:
    from secondop.content.collection import Content


#: The class that shows the note and the button (dashboard.css hides `.secondop-undo` without it).
SHOWN_CLASS = "secondop-undo-shown"


class UndoView:
    """`widget`: the note and the Undo button, hidden by a CSS class while there is nothing to undo.

    Always in the page's widget tree (closing the tree closes them: the server draws first views from apps it
    then closes), hidden by a class rather than a layout of their own: three widget models in all.
    """

    def __init__(
        self,
        content: Content,
        state: DashboardState,
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
        make: WidgetFactory,
        announce: Callable[[str], None] | None = None,
    ):
        """`announce` reads the note out (the page's live region): a note that appears in a new element is not
        reliably announced by screen readers, a region that was there all along is."""
        labels = content.labels.undo
        self.state = state
        self._announce = announce
        self._texts = {EXAMPLE_REPLACED: labels.example, CLEARED: labels.cleared}
        self.note = make.html("", "secondop-undo-note")
        self.button = make.button(labels.button, "secondop-undo-button")
        self.widget = make.hbox([self.note, self.button], "secondop-undo", "secondop-no-print", layout=make.row)
        self.button.on_click(guard(lambda _button: state.undo()))
        state.observe(guard(self._offer_changed), names="undo_offer")

    @property
    def text(self) -> str:
        """What the note says now ('' when there is nothing to undo)."""
        return self._texts.get(self.state.undo_offer, "")

    @property
    def shown(self) -> bool:
        return SHOWN_CLASS in self.widget._dom_classes

    def _offer_changed(self, _change: dict[str, Any]) -> None:
        text = self.text
        self.note.value = f"<p>{hp.esc(text)}</p>" if text else ""
        if text:
            self.widget.add_class(SHOWN_CLASS)
            if self._announce is not None:
                self._announce(text)
        else:
            self.widget.remove_class(SHOWN_CLASS)
