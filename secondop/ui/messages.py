"""Friendly messages instead of tracebacks: a message area, a guard for callbacks, and the last-resort view."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as w

from .html_parts import esc

#: The one text in code: shown only when the content (and so every label) could not be loaded.
FALLBACK = "This guide could not load its content; the list below tells the content team what to fix."

log = logging.getLogger(__name__)


class MessageView:
    """A live region for short friendly messages; empty when all is well."""

    def __init__(self) -> None:
        self.widget = w.HTML("", layout=w.Layout(display="none"))
        self.widget.add_class("secondop-message")

    def show(self, text: str, details: Iterable[str] = ()) -> None:
        items = "".join(f"<li>{esc(d)}</li>" for d in details)
        body = f'<div role="alert"><p>{esc(text)}</p>' + (f"<ul>{items}</ul>" if items else "") + "</div>"
        self.widget.value = body
        self.widget.layout.display = ""

    def clear(self) -> None:
        self.widget.value = ""
        self.widget.layout.display = "none"

    @property
    def text(self) -> str:
        return self.widget.value


def guard(message: MessageView, text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a callback so a failure shows `text` in the message area instead of a traceback."""

    def wrap(callback: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(callback)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except Exception as error:
                # operators see that something broke, and what kind of thing: never the person's ticks
                log.warning("dashboard callback %s failed: %s", callback.__name__, type(error).__name__)
                log.debug("dashboard callback failed", exc_info=True)
                message.show(text)
                return None

        return guarded

    return wrap


def connection_lost_view(text: str) -> w.HTML:
    """The content's "the app stopped" sentence, hidden until the page template's script sees the kernel go.

    Rendered by the app (the wording lives in data/); the script in the `secondop` Voilà template moves it to
    the top of the page, un-hides it and makes it an alert. The widget takes no room while hidden.
    """
    note = w.HTML(
        f'<div class="secondop-connection-lost" hidden>{esc(text)}</div>',
        layout=w.Layout(height="0px", margin="0px", overflow="hidden"),
    )
    note.add_class("secondop-connection-lost-holder")
    return note


def problem_view(text: str, problems: Iterable[str]) -> w.VBox:
    """The whole app when it cannot start: a short message and, for analysts, the list of problems."""
    message = MessageView()
    message.show(text, problems)
    root = w.VBox([message.widget])
    for name in ("secondop-app", "secondop-ready"):
        root.add_class(name)
    return root
