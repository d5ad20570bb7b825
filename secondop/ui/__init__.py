"""The dashboard (ipywidgets). The only package that imports ipywidgets.

`show_dashboard()` is the notebook's one call; `create_app` / `build_dashboard` are for tests.
"""

from .app import Dashboard, build_dashboard
from .entry import ProblemApp, create_app, show_dashboard
from .query import QuerySelection, parse_query, selection_query
from .state import DashboardState

__all__ = [
    "Dashboard",
    "DashboardState",
    "ProblemApp",
    "QuerySelection",
    "build_dashboard",
    "create_app",
    "parse_query",
    "selection_query",
    "show_dashboard",
]
