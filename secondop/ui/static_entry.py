"""The static edition's one call: the same app, run by Python in the page (Voici, Pyodide), no server.

The content comes from the JSON bundled into the wheel at build time (already validated), not from the
YAML folder: the browser has neither pydantic v2 nor PyYAML. The link's query string comes from the page's
address, since no server hands over a `QUERY_STRING`.
"""

from __future__ import annotations

import logging
import os

from secondop.content.plain import load_bundled

from .app import Dashboard
from .entry import ProblemApp, create_app

log = logging.getLogger(__name__)

#: Set by the page before Python starts (the static template copies `location.search` into the kernel's
#: environment, see `secondop-static-query.js`); the same variable Voilà sets on the server.
QUERY_ENV = "QUERY_STRING"


def page_query_string() -> str:
    """The page's query string: from the kernel's environment, else from the page's own address."""
    if QUERY_ENV in os.environ:
        return os.environ[QUERY_ENV]
    try:
        from js import location  # type: ignore[import-not-found]  # Pyodide only

        return str(location.search or "")
    except Exception:  # not in a browser (tests), or an address this kernel cannot read
        log.debug("no page address to read", exc_info=True)
        return ""


def show_static_dashboard() -> Dashboard | ProblemApp:
    """Build the app from the bundled content for this page's link and display it."""
    from IPython.display import display

    app = create_app(query_string=page_query_string(), load=load_bundled)
    display(app.root)
    return app
