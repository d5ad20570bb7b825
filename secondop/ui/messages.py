"""Friendly messages instead of tracebacks: a message area, a guard for callbacks, and the last-resort view."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as w

from .factory import WidgetFactory
from .html_parts import esc

#: The one text in code: shown only when the content (and so every label) could not be loaded.
FALLBACK = "This guide could not load its content; the list below tells the content team what to fix."

#: The class that shows the message area (dashboard.css hides `.secondop-message` without it).
MESSAGE_SHOWN = "secondop-message-shown"

log = logging.getLogger(__name__)


def _html(value: str, css_class: str, make: WidgetFactory | None) -> w.HTML:
    """An HTML widget with the page's shared layout and style when there is a page (`make`); hidden or shown by
    a class in dashboard.css, not by a layout of its own (each one more model for a phone to build)."""
    if make is not None:
        return make.html(value, css_class)
    return w.HTML(value, _dom_classes=(css_class,))


class MessageView:
    """A live region for short friendly messages; empty and hidden when all is well."""

    def __init__(self, make: WidgetFactory | None = None) -> None:
        self.widget = _html("", "secondop-message", make)

    def show(self, text: str, details: Iterable[str] = ()) -> None:
        items = "".join(f"<li>{esc(d)}</li>" for d in details)
        body = f'<div role="alert"><p>{esc(text)}</p>' + (f"<ul>{items}</ul>" if items else "") + "</div>"
        self.widget.value = body
        self.widget.add_class(MESSAGE_SHOWN)

    def clear(self) -> None:
        self.widget.value = ""
        self.widget.remove_class(MESSAGE_SHOWN)

    @property
    def shown(self) -> bool:
        return MESSAGE_SHOWN in self.widget._dom_classes

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


def connection_lost_view(text: str, make: WidgetFactory | None = None) -> w.HTML:
    """The content's "the app stopped" sentence, hidden until the page template's script sees the kernel go.

    Rendered by the app (the wording lives in data/); the script in the `secondop` Voilà template moves it to
    the top of the page, un-hides it and makes it an alert. The widget takes no room (dashboard.css).
    """
    return _html(
        f'<div class="secondop-connection-lost" hidden>{esc(text)}</div>', "secondop-connection-lost-holder", make
    )


def problem_view(text: str, problems: Iterable[str]) -> w.VBox:
    """The whole app when it cannot start: a short message and, for analysts, the list of problems."""
    message = MessageView()
    message.show(text, problems)
    root = w.VBox([message.widget])
    for name in ("secondop-app", "secondop-ready"):
        root.add_class(name)
    return root
