"""Voilà's prelaunch hook that puts the app's first view into the page, so it paints before any script runs.

Voilà sends a page whose app appears only once the browser has run Voilà's front end and drawn every widget
from the kernel (Lighthouse: largest contentful paint 2.7–3.0 s on its desktop preset, 11 s on its mobile
one). The server already knows what the app will show: the same content, the same link. This hook builds
the dashboard for the page's query string in the server's own process (`secondop.ui.create_app`, about
35 ms), draws it as static HTML (`secondop.ui.first_view`) and hands it to the `secondop` template through
the notebook's metadata. The template paints it in place of Voilà's spinner; the page's script swaps it for
the live app once that is drawn.

Only a notebook that asks for it gets one (metadata `secondop.first_view: true`: the dashboard's notebook),
so any other notebook the server renders is left as it is. Views are kept per query string and content
version (`FIRST_VIEW_CACHE` of them): a class opening the same link gets it from memory. Any failure leaves
the page as Voilà makes it, with the spinner, and is logged without the link (it may name what a person
ticked).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from tornado.web import RequestHandler

log = logging.getLogger(__name__)

#: Where the template finds the view: the notebook's metadata (a fresh copy per request).
METADATA_KEY = "secondop_first_view"
#: How many views are kept (each 60–160 kB of HTML): distinct links in use at once in a class or workshop.
FIRST_VIEW_CACHE = 64


def wants_first_view(notebook: Any) -> bool:
    """True for a notebook whose metadata asks for a first view (`"secondop": {"first_view": true}`)."""
    settings = getattr(notebook, "metadata", {}).get("secondop", {})
    return isinstance(settings, dict) and settings.get("first_view") is True


def content_version() -> str:
    """The content's fingerprint (its YAML bytes and the package's code): a new version draws new views."""
    from secondop.content.cache import fingerprint
    from secondop.paths import data_dir

    return fingerprint(data_dir(None), None)


@lru_cache(maxsize=FIRST_VIEW_CACHE)
def first_view_for(query: str, version: str) -> str:
    """The app's first view for this query string (`version` only keys the cache)."""
    from secondop.ui.entry import create_app
    from secondop.ui.first_view import closing_widget_tree, first_view_html

    with closing_widget_tree(create_app(query_string=query).root) as root:
        return first_view_html(root)


def add_first_view(handler: RequestHandler, notebook: Any = None, cwd: str | None = None) -> Any:
    """Put the first view for this request into the notebook's metadata; returns the notebook (or None)."""
    if notebook is None or not wants_first_view(notebook):
        return None
    try:
        notebook.metadata[METADATA_KEY] = first_view_for(handler.request.query, content_version())
    except Exception as error:  # the page still works, as Voilà makes it
        log.warning("no first view for this page (%s)", type(error).__name__)
        return None
    return notebook
