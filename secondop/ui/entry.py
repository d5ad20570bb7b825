"""The edge of the dashboard: load content, read the page's link, build the app, never show a traceback."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from secondop.content.problems import ContentError

from .app import Dashboard, build_dashboard
from .messages import FALLBACK, connection_lost_view, problem_view
from .query import language_query
from .styles import style_tag

if TYPE_CHECKING:
    from secondop.content.collection import Content

log = logging.getLogger(__name__)

#: Where the page's query string arrives: Voilà sets it for each page's kernel; the static edition's page
#: puts it into the Pyodide kernel's environment before Python starts.
QUERY_ENV = "QUERY_STRING"

#: Loads the content in a language (None: the content's default). The served edition reads the YAML folder
#: through the validator and its cache; the static edition reads the JSON bundled at build time.
Loader = Callable[[str | None], "Content"]


def request_query_string() -> str:
    """The page's query string under Voilà ('' in a plain kernel or in tests).

    A preheated Voilà kernel runs before any request exists: only then wait for Voilà to hand it over.
    """
    if os.environ.get("VOILA_PREHEAT", "False") == "True":
        try:
            from voila.utils import wait_for_request

            wait_for_request()
        except Exception:
            log.debug("could not get the request from Voila", exc_info=True)
    return os.environ.get(QUERY_ENV, "")


class ProblemApp:
    """What shows instead of the dashboard when it cannot start."""

    def __init__(self, text: str, problems: list[str]):
        self.message_text = text
        self.problems = problems
        self.root = problem_view(text, problems)
        self.root.children = (w.HTML(style_tag()), *self.root.children)


def folder_loader(path: str | os.PathLike[str] | None = None) -> Loader:
    """The served edition's loader: the content folder at `path`, validated, through the cache."""
    from secondop.content.cache import load_content_cached  # a content folder: the browser edition has none

    return lambda language: load_content_cached(path, language)


def create_app(
    path: str | os.PathLike[str] | None = None,
    query_string: str | None = None,
    load: Loader | None = None,
    *,
    files_when_shown: bool = False,
) -> Dashboard | ProblemApp:
    """The dashboard for the content at `path` (default: $SECONDOP_DATA, else the project's data/).

    `load` replaces the folder (the static edition passes its bundled content). `files_when_shown`: the
    downloads' files go out once a page shows them, not in the page's first state (the notebook's call).

    Never raises: invalid content gives the fixed sentence plus the validator's problems; any other failure
    gives the content's own friendly message.
    """
    query = request_query_string() if query_string is None else query_string
    try:
        load = load or folder_loader(path)
        content = load(None)
        language, unknown_language = language_query(query, content.settings.all_languages)
        if language and language != content.language:
            content = load(language)
    except ContentError as error:
        return ProblemApp(FALLBACK, [str(problem) for problem in error.problems])
    except Exception as error:  # unreadable folder, broken install: still no traceback on the page
        log.debug("content failed to load", exc_info=True)
        return ProblemApp(FALLBACK, [f"{type(error).__name__}: {error}"])
    try:
        app: Dashboard | ProblemApp = build_dashboard(content, query, load, files_when_shown=files_when_shown)
        if unknown_language and isinstance(app, Dashboard) and not app.message.text:
            app.message.show(content.labels.messages.unknown_ids, unknown_language)
    except Exception:
        log.debug("dashboard failed to build", exc_info=True)
        app = ProblemApp(content.labels.messages.unexpected, [])
    make = app.make if isinstance(app, Dashboard) else None
    app.root.children = (*app.root.children, connection_lost_view(content.labels.messages.connection_lost, make))
    return app


def show_dashboard(path: str | os.PathLike[str] | None = None) -> Dashboard | ProblemApp:
    """Build the app for this page and display it (the one call in the notebook).

    The downloads' files (half of the page's first state) are sent once the page shows them: a phone loads
    less before a box works (issue #22)."""
    from IPython.display import display

    app = create_app(path, files_when_shown=True)
    display(app.root)
    return app
