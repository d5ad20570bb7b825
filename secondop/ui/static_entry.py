"""The static edition's one call: the same app, run by Python in the page (Voici, Pyodide), no server.

The content comes from the JSON bundled into the wheel at build time (already validated), not from the
YAML folder: the browser has neither pydantic v2 nor PyYAML. The link's query string arrives as Voilà hands
it over, in the environment variable QUERY_STRING: the page's `secondop-static-query.js` puts it into the
kernel's start options, since Python runs in a web worker whose own address has no query.
"""

from __future__ import annotations

from secondop.content.plain import load_bundled

from .app import Dashboard
from .entry import ProblemApp, create_app


def show_static_dashboard() -> Dashboard | ProblemApp:
    """Build the app from the bundled content for this page's link and display it (the downloads' files once
    the page shows them, as in the served edition: Python in the page builds them after the app is live)."""
    from IPython.display import display

    app = create_app(load=load_bundled, files_when_shown=True)
    display(app.root)
    return app
