"""Voilà's prelaunch hook: its type, and the one way this package runs several of them (`chain`).

Voilà takes a single `VoilaConfiguration.prelaunch_hook`, called before each page's kernel starts as
`hook(handler, notebook=notebook, cwd=cwd)`; a notebook it returns replaces the page's notebook. The server
has several (the long-link guard, the page limit, the first view), and an operator may configure one too:
`chain` runs them in order, each on the notebook the previous one returned, and a hook that ends the request
(`tornado.web.Finish`, after a redirect or a page of its own) stops the ones after it.
"""

from __future__ import annotations

from typing import Any, Protocol

from tornado.web import RequestHandler


class PrelaunchHook(Protocol):
    """What Voilà calls before it starts a page's kernel; returns a notebook to use instead, or None."""

    def __call__(self, handler: RequestHandler, notebook: Any = None, cwd: str | None = None) -> Any: ...


def chain(*hooks: PrelaunchHook | None) -> PrelaunchHook | None:
    """One hook running `hooks` in order (None entries skipped): a single hook is returned as it is, none is None.

    Each hook gets the notebook the last one returned (or Voilà's, if none has); the chain returns the last
    notebook a hook returned, or None when none did, so Voilà keeps its own.
    """
    present = [hook for hook in hooks if hook is not None]
    if len(present) <= 1:
        return present[0] if present else None

    def chained(handler: RequestHandler, notebook: Any = None, cwd: str | None = None) -> Any:
        returned = None
        for hook in present:
            changed = hook(handler, notebook=notebook, cwd=cwd)
            if changed is not None:
                notebook = returned = changed
        return returned

    return chained
