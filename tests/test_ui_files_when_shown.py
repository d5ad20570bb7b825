"""The downloads' files go out once a page shows them (`files_when_shown`, the notebook's call; issue #22).

They carry whole documents as data URIs (the plan as a web page, as text and as Markdown, the letter, the short
version): about half of the page's first state. A phone loads that state before any box works, so with
`files_when_shown` the first state has the links without targets (as the first view shows them), and the
files follow once the front end reports a view of the page's foot (ipywidgets' `_view_count`).
"""

from __future__ import annotations

import json
import re

import ipywidgets.widgets.widget as widget_registry

from secondop.ui.app import Dashboard
from secondop.ui.entry import create_app

LINK = "scenario=maria_told_no_options"
FILE_LINK = re.compile(r'<a download="[^"]+"( href="data:[^"]+")?>')


def file_links(app: Dashboard) -> list[bool]:
    """For each download link in the page's foot: does it carry its file?"""
    links = FILE_LINK.findall(app._foot.widget.value)
    return [bool(target) for target in links]


def state_bytes() -> int:
    return sum(len(json.dumps(widget.get_state())) for widget in widget_registry._instances.values())


def dashboard(**options: bool) -> Dashboard:
    app = create_app(query_string=LINK, **options)
    assert isinstance(app, Dashboard)
    return app


def test_the_first_state_has_the_links_without_their_files():
    app = dashboard(files_when_shown=True)
    links = file_links(app)
    assert len(links) >= 5 and not any(links)
    assert "data:" not in app._foot.widget.value
    assert app.downloads.value and app.summary_download.value  # the link texts are there


def test_the_files_follow_once_a_page_shows_the_foot():
    app = dashboard(files_when_shown=True)
    app._foot.widget._view_count = 1  # what the front end sends when it has drawn the foot
    links = file_links(app)
    assert len(links) >= 5 and all(links)
    eager = dashboard()
    assert app._foot.widget.value == eager._foot.widget.value


def test_a_tick_before_the_foot_is_shown_sends_no_file_and_one_after_does():
    app = dashboard(files_when_shown=True)
    unticked = next(box for box in app.circumstance_boxes.values() if not box.value)
    unticked.value = True
    assert not any(file_links(app))
    app._foot.widget._view_count = 1
    before = app._foot.widget.value
    unticked.value = False
    assert all(file_links(app)) and app._foot.widget.value != before


def test_without_the_option_the_files_are_there_at_once():
    """Tests, the CLI and notebooks without a page: as before."""
    assert all(file_links(dashboard()))


def test_the_first_state_is_about_half_as_large():
    for widget in list(widget_registry._instances.values()):
        widget.close()
    dashboard(files_when_shown=True)
    deferred = state_bytes()
    for widget in list(widget_registry._instances.values()):
        widget.close()
    dashboard()
    eager = state_bytes()
    assert deferred < 0.6 * eager, (deferred, eager)


def test_a_new_language_sends_its_files_once_shown_too():
    app = dashboard(files_when_shown=True)
    app._foot.widget._view_count = 1
    app.switch_language("es")
    assert not any(file_links(app))  # a new page foot: not shown yet
    app._foot.widget._view_count = 1
    assert all(file_links(app))
