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

import ipywidgets as w

from . import html_parts as hp
from .factory import WidgetFactory
from .state import CLEARED, EXAMPLE_REPLACED, DashboardState

if TYPE_CHECKING:
    from secondop.content.collection import Content


#: The class that shows the note and the button (dashboard.css hides `.secondop-undo` without it).
SHOWN_CLASS = "secondop-undo-shown"


class UndoView:
    """`widget`: the note and the Undo button, built the first time there is something to undo, then hidden by a
    CSS class while there is nothing to undo.

    Most people never replace their ticks: until then the page carries none of its three widget models (each one
    more model for a phone to build before it can tick a box). `attach` puts the bar on the page when it is
    built, in the page's widget tree (closing the tree closes it: the server draws first views from apps it then
    closes); hidden by a class rather than a layout of its own.
    """

    def __init__(
        self,
        content: Content,
        state: DashboardState,
        guard: Callable[[Callable[..., Any]], Callable[..., Any]],
        make: WidgetFactory,
        attach: Callable[[w.Widget], None],
        announce: Callable[[str], None] | None = None,
    ):
        """`announce` reads the note out (the page's live region): a note that appears in a new element is not
        reliably announced by screen readers, a region that was there all along is."""
        self._labels = content.labels.undo
        self.state = state
        self._make = make
        self._guard = guard
        self._attach = attach
        self._announce = announce
        self._texts = {EXAMPLE_REPLACED: self._labels.example, CLEARED: self._labels.cleared}
        self._parts: tuple[w.HTML, w.Button, w.HBox] | None = None
        state.observe(guard(self._offer_changed), names="undo_offer")

    def _built(self) -> tuple[w.HTML, w.Button, w.HBox]:
        if self._parts is None:
            make = self._make
            note = make.html("", "secondop-undo-note")
            button = make.button(self._labels.button, "secondop-undo-button")
            bar = make.hbox([note, button], "secondop-undo", "secondop-no-print", layout=make.row)
            button.on_click(self._guard(lambda _button: self.state.undo()))
            self._parts = (note, button, bar)
            self._attach(bar)
        return self._parts

    @property
    def built(self) -> bool:
        return self._parts is not None

    @property
    def note(self) -> w.HTML:
        return self._built()[0]

    @property
    def button(self) -> w.Button:
        return self._built()[1]

    @property
    def widget(self) -> w.HBox:
        return self._built()[2]

    @property
    def text(self) -> str:
        """What the note says now ('' when there is nothing to undo)."""
        return self._texts.get(self.state.undo_offer, "")

    @property
    def shown(self) -> bool:
        return self._parts is not None and SHOWN_CLASS in self._parts[2]._dom_classes

    def _offer_changed(self, _change: dict[str, Any]) -> None:
        text = self.text
        if not text and self._parts is None:
            return  # nothing to take back, and no bar to hide
        note, _button, bar = self._built()
        note.value = f"<p>{hp.esc(text)}</p>" if text else ""
        if text:
            bar.add_class(SHOWN_CLASS)
            if self._announce is not None:
                self._announce(text)
        else:
            bar.remove_class(SHOWN_CLASS)
