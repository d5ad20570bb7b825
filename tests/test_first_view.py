"""The app's first view: the widget tree drawn as static HTML, and the server hook that puts it into the page.

The browser side (it paints before Voilà's scripts, gives way to the live app without moving anything, and
is laid out like it) is in tests/browser/test_first_view_page.py.
"""

from __future__ import annotations

import gc
import logging
import re
import threading
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path

import ipywidgets as w
import nbformat
import pytest
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
from tornado.web import Finish
from voila.configuration import VoilaConfiguration

from secondop.link_limits import MAX_QUERY_CHARS
from secondop.server import first_view_hook as hook
from secondop.server import launcher
from secondop.server.command import NOTEBOOK
from secondop.ui import build_dashboard, create_app, first_view
from secondop.ui.first_view import ELEMENT_ID, closing_widget_tree, first_view_html


class Tags(HTMLParser):
    """Start tags with their attributes, in order."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def widget_count(widget: w.Widget) -> int:
    return 1 + sum(widget_count(child) for child in getattr(widget, "children", ()))


@pytest.fixture
def david():
    """The app as a page opened from David's link builds it (the language switch included)."""
    return create_app(query_string="scenario=david_kidney_cancer")


def test_the_view_carries_every_widget_and_says_how_many(david):
    html = first_view_html(david.root)
    count = int(re.search(r'data-secondop-widgets="(\d+)"', html).group(1))
    unmarked = sum(isinstance(x, first_view.UNMARKED_VIEWS) for x in _walk(david.root))
    assert count == widget_count(david.root) - unmarked  # what the live app marks `.jupyter-widgets`
    drawn = [attrs for _tag, attrs in Tags(html).tags if "jupyter-widgets" in (attrs.get("class") or "").split()]
    assert len(drawn) == count  # one marked element per marked widget, as the live app draws them
    assert html.startswith(f'<div id="{ELEMENT_ID}"') and 'aria-busy="true"' in html


def test_the_view_shows_the_texts_the_widgets_show(david):
    html = first_view_html(david.root)
    last_card = david.reasons.cards[david.shown_reason_ids()[-1]].value
    for text in (david.presenter.story.value, last_card, david.reasons.widget.value, david.notice.value):
        assert text and text in html


def test_boxes_keep_their_state_and_nothing_can_be_changed_yet(david):
    tags = Tags(first_view_html(david.root)).tags
    boxes = [attrs for tag, attrs in tags if tag == "input" and attrs.get("type") == "checkbox"]
    ticked = {c for c in david.state.circumstances} | {c for c in david.state.concerns}
    assert len(boxes) == sum(isinstance(x, w.Checkbox) for x in _walk(david.root))
    assert all("disabled" in attrs for attrs in boxes)
    assert sum("checked" in attrs for attrs in boxes) == len(ticked) > 0
    assert all("disabled" in attrs for tag, attrs in tags if tag == "select")
    # buttons look as they will: only the current language's is disabled
    language_buttons = [attrs for tag, attrs in tags if tag == "button" and "secondop-language" in attrs["class"]]
    assert sum("disabled" in attrs for attrs in language_buttons) == 1


def test_the_view_is_not_mistaken_for_the_live_app_and_leaves_out_file_payloads(david):
    html = first_view_html(david.root)
    assert "secondop-ready" not in html  # tests, the benchmark and scripts wait for the live app's marker
    assert "secondop-ready" in david.root._dom_classes
    assert 'href="data:' not in html and "data:" in david.downloads.value
    assert "secondop-app" in html


def test_hidden_widgets_stay_hidden_and_layouts_become_styles(david):
    html = first_view_html(david.root)
    # the message area, hidden until there is a message: by a class the view's stylesheet knows, as in the live app
    message = re.search(r'<div class="([^"]*\bsecondop-message\b[^"]*)"', html).group(1).split()
    assert "secondop-message-shown" not in message
    assert ".secondop-message:not(.secondop-message-shown) { display: none; }" in html
    assert "flex-flow: row wrap" in html and "width: 100%" in html


def test_descriptions_are_escaped():
    box = w.Checkbox(description='<b>"x" & y</b>', value=True)
    html = first_view_html(w.VBox([box]))
    assert "&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;" in html and "<b>" not in html


def test_radio_buttons_are_drawn_as_ipywidgets_draws_them():
    radio = w.RadioButtons(options=[("Yes", 1), ("No <b>", 2)], value=2, description="Pick")
    radio.add_class("secondop-value")
    html = first_view_html(w.VBox([radio]))
    tags = Tags(html).tags
    box = next(attrs for tag, attrs in tags if "widget-radio" in (attrs.get("class") or "").split())
    assert "secondop-value" in (box["class"] or "").split()
    assert "jupyter-widgets" not in (box["class"] or "").split()  # as its live view: not counted
    assert 'data-secondop-widgets="1"' in html  # the VBox only
    inputs = [attrs for tag, attrs in tags if tag == "input"]
    assert [i["value"] for i in inputs] == ["0", "1"] and all("disabled" in i for i in inputs)
    assert ["checked" in i for i in inputs] == [False, True]
    assert "No &lt;b&gt;" in html and ">Pick</label>" in html


def test_a_widget_the_view_cannot_draw_is_an_error_not_a_blank():
    with pytest.raises(TypeError, match="IntSlider"):
        first_view_html(w.VBox([w.IntSlider()]))


def _open_widgets() -> int:
    """Widgets alive and not closed (public API: a closed widget has no comm)."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, w.Widget) and getattr(o, "comm", None) is not None)


def test_widgets_made_for_a_view_are_closed_afterwards(content):
    """Every widget the app makes is reachable from its root, so closing the tree leaves none open."""
    before = _open_widgets()
    with closing_widget_tree(build_dashboard(content, "scenario=david_kidney_cancer").root) as root:
        assert _open_widgets() > before
    assert _open_widgets() == before
    assert root.comm is None  # closed


def test_the_view_reads_only_public_ipywidgets_api():
    """`Widget.get_state` and traits, never private attributes or the widget registry."""
    source = Path(first_view.__file__).read_text("utf-8")
    assert "_instances" not in source and "widget_module" not in source
    assert not re.findall(r"\.\s*_(?!_)[a-z]\w*", source.replace("self._", "self.")), "a private attribute is read"


#: The versions the first view (and the page around it) was checked against, major.minor: the view draws the DOM
#: that ipywidgets 8's views make and reads their model state; secondop-page.css repeats ipywidgets' and
#: jupyterlab_widgets' CSS rules for it; the template copies blocks of Voilà's lab template.
CHECKED_AGAINST = {"ipywidgets": "8.1", "jupyterlab_widgets": "3.0", "voila": "0.5"}
RECHECK = {
    "ipywidgets": "secondop/ui/first_view.py draws each widget as ipywidgets' views do (element nesting, class "
    "names, label and input structure) and reads the model state fields `_dom_classes` and `_options_labels`",
    "jupyterlab_widgets": "the ipywidgets rules repeated in share/jupyter/voila/templates/secondop/static/"
    "secondop-page.css (:where(#secondop-first-view) ...) match the widget manager's CSS",
    "voila": "the blocks share/jupyter/voila/templates/secondop/index.html.j2 copies from Voilà's lab template "
    "(tests/test_page_template.py) and the swap in secondop-first-view.js (Voilà's #rendered_cells, #loading)",
}


@pytest.mark.parametrize("package", sorted(CHECKED_AGAINST))
def test_the_first_view_was_checked_against_the_installed_versions(package: str) -> None:
    installed = version(package)
    checked = CHECKED_AGAINST[package]
    assert ".".join(installed.split(".")[:2]) == checked, (
        f"{package} is {installed}; the first view was checked against {checked}. Re-check: {RECHECK[package]}. "
        "Then run tests/browser/test_first_view_page.py (the view laid out as the live app, and the swap) "
        f"and record the new version in CHECKED_AGAINST ({Path(__file__).name})."
    )


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


# --- the server's hook -----------------------------------------------------------------------------------------


class FakeHandler:
    def __init__(self, query: str):
        path = f"/?{query}" if query else "/"
        start = RequestStartLine("GET", path, "HTTP/1.1")
        self.request = HTTPServerRequest(start_line=start, headers=HTTPHeaders({"Host": "127.0.0.1"}))

    def redirect(self, url: str) -> None:
        self.redirected = url


def dashboard_notebook() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def test_the_dashboard_notebook_asks_for_a_first_view():
    assert hook.wants_first_view(dashboard_notebook())
    assert not hook.wants_first_view(nbformat.v4.new_notebook())


def test_the_hook_puts_the_view_for_the_link_into_the_notebook():
    notebook = dashboard_notebook()
    result = hook.add_first_view(FakeHandler("scenario=david_kidney_cancer"), notebook=notebook, cwd=".")
    assert result is notebook
    view = notebook.metadata[hook.METADATA_KEY]
    expected = first_view_html(create_app(query_string="scenario=david_kidney_cancer").root)
    assert view == expected
    assert "David" in view


def test_the_hook_leaves_other_notebooks_alone():
    notebook = nbformat.v4.new_notebook()
    assert hook.add_first_view(FakeHandler(""), notebook=notebook, cwd=".") is None
    assert hook.METADATA_KEY not in notebook.metadata


class Counting:
    """A stand-in drawing function that counts what it draws."""

    def __init__(self) -> None:
        self.drawn: list[str] = []

    def __call__(self, query: str) -> str:
        self.drawn.append(query)
        return f"<div>{query}</div>"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_views_are_kept_per_link_and_the_content_fingerprinted_once(data_copy_all_languages, monkeypatch):
    draw, clock = Counting(), Clock()
    views = hook.FirstViews(draw=draw, clock=clock, root=data_copy_all_languages)
    fingerprints: list[str] = []
    real = views._fingerprint
    monkeypatch.setattr(views, "_fingerprint", lambda root: fingerprints.append("x") or real(root))
    for step in range(50):
        clock.now = step * 0.1  # 5 s of requests
        assert views.view("scenario=david_kidney_cancer") == "<div>scenario=david_kidney_cancer</div>"
    assert draw.drawn == ["scenario=david_kidney_cancer"]
    assert fingerprints == ["x"], "the content is fingerprinted once while data/ does not change"


def test_a_change_in_data_draws_the_views_again_and_a_touch_does_not(data_copy_all_languages):
    draw, clock = Counting(), Clock()
    views = hook.FirstViews(draw=draw, clock=clock, root=data_copy_all_languages)
    views.view("")
    settings = data_copy_all_languages / "settings.yaml"
    settings.touch()  # same bytes, new time: looked at, fingerprinted, kept
    clock.now += hook.CHECK_EVERY_S
    views.view("")
    assert draw.drawn == [""]
    settings.write_text(settings.read_text("utf-8") + "\n# an analyst's edit\n", "utf-8")
    views.view("")
    assert draw.drawn == [""], f"data/ is looked at only every {hook.CHECK_EVERY_S} s"
    clock.now += hook.CHECK_EVERY_S
    views.view("")
    assert draw.drawn == ["", ""], "new content, new view"


def test_other_links_are_kept_up_to_the_cache_size(data_copy_all_languages):
    draw = Counting()
    views = hook.FirstViews(draw=draw, clock=Clock(), root=data_copy_all_languages)
    for n in range(hook.FIRST_VIEW_CACHE + 1):
        views.view(f"circumstances=rare_cancer&n={n}")
    views.view("circumstances=rare_cancer&n=0")  # the oldest was dropped: drawn again
    assert len(draw.drawn) == hook.FIRST_VIEW_CACHE + 2
    assert len(views.recent) == hook.FIRST_VIEW_CACHE


def test_example_links_are_drawn_at_start_up_and_served_without_drawing(data_copy_all_languages, monkeypatch):
    monkeypatch.setenv("SECONDOP_DATA", str(data_copy_all_languages))
    links = list(hook.example_links())
    assert len(links) == len(set(links)) and links[0] == ""
    assert {"scenario=david_kidney_cancer", "present=1", "lang=es&scenario=david_kidney_cancer&present=1"} <= set(links)
    draw = Counting()
    views = hook.FirstViews(draw=draw, clock=Clock(), root=data_copy_all_languages)
    assert views.prebuild(iter(links)) == len(links)
    drawn = len(draw.drawn)
    for link in links:
        views.view(link)
    assert len(draw.drawn) == drawn, "no example link is drawn on a request"


def test_example_links_are_spelled_as_the_page_writes_its_address():
    """The page's address bar (presenter mode keeps it) and the start-up views use one spelling."""
    from secondop.content.cache import load_content_cached
    from secondop.ui import presenter

    address_query = getattr(presenter, "address_query", None)
    if address_query is None:
        pytest.skip("presenter.address_query is not there yet")
    content = load_content_cached(language="es")
    for scenario, present in [("", False), ("", True), ("david_kidney_cancer", True)]:
        expected = address_query(content, scenario, present)
        assert hook.example_link("es", content.settings.language, scenario, present) == expected


def test_a_real_prebuilt_view_is_the_view_of_its_link():
    link = "lang=es&scenario=david_kidney_cancer&present=1"
    views = hook.FirstViews(clock=Clock())
    views.prebuild(iter([link]))
    assert views.kept[link] == hook.draw_first_view(link)
    assert 'lang="es"' in views.kept[link] or 'data-secondop-lang="es"' in views.kept[link]


def test_a_failing_view_leaves_the_page_as_voila_makes_it_and_logs_no_link(monkeypatch, caplog):
    def broken(query: str) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(hook, "VIEWS", hook.FirstViews(draw=broken))
    notebook = dashboard_notebook()
    with caplog.at_level(logging.WARNING, logger=hook.__name__):
        assert hook.add_first_view(FakeHandler("circumstances=rare_cancer"), notebook=notebook) is None
    assert hook.METADATA_KEY not in notebook.metadata
    assert "RuntimeError" in caplog.text and "rare_cancer" not in caplog.text


def test_views_drawn_in_another_process_are_kept_unless_the_content_changed(data_copy_all_languages):
    draw = Counting()
    views = hook.FirstViews(draw=draw, clock=Clock(), root=data_copy_all_languages)
    views.view("present=1")  # a page asked before the start-up views arrived: drawn for it
    version = views.version
    assert views.keep_drawn(version, {"": "<div>all</div>", "present=1": "<div>p</div>"}) == 2
    assert views.view("") == "<div>all</div>" and "present=1" in views.kept and not views.recent
    assert views.keep_drawn("another version", {"scenario=x": "<div>old</div>"}) == 0
    assert "scenario=x" not in views.kept
    assert draw.drawn == ["present=1"]


def test_the_example_views_are_drawn_in_a_separate_process_and_kept(monkeypatch, caplog):
    """What the launcher starts: a spawned process draws every example link; the server's loop only keeps them."""
    from tornado.ioloop import IOLoop

    monkeypatch.setattr(hook, "VIEWS", hook.FirstViews())
    loop = IOLoop(make_current=False)
    with caplog.at_level(logging.INFO, logger=hook.__name__):

        def start() -> None:
            hook.prebuild_first_views()

        loop.add_callback(start)

        def stop_when_kept() -> None:
            if hook.VIEWS.kept:
                loop.stop()
            else:
                loop.call_later(0.2, stop_when_kept)

        loop.call_later(0.2, stop_when_kept)
        loop.call_later(120, loop.stop)
        # its own thread: a browser test earlier in the session leaves Playwright's loop running in this one
        runner = threading.Thread(target=loop.start, daemon=True)
        runner.start()
        runner.join(130)
    loop.close()
    links = list(hook.example_links())
    assert set(hook.VIEWS.kept) == set(links), caplog.text
    assert hook.VIEWS.drawn == 0, "the server's own loop drew none of them"
    assert hook.VIEWS.kept["lang=es&scenario=david_kidney_cancer&present=1"] == hook.draw_first_view(
        "lang=es&scenario=david_kidney_cancer&present=1"
    )


def test_a_failing_start_up_draw_only_logs(monkeypatch, caplog):
    from concurrent.futures import Future

    monkeypatch.setattr(hook, "VIEWS", hook.FirstViews())
    failed: Future = Future()
    failed.set_exception(RuntimeError("boom"))
    with caplog.at_level(logging.WARNING, logger=hook.__name__):
        assert hook.keep_arrived(failed, 0.0) == 0
    assert "RuntimeError" in caplog.text and not hook.VIEWS.kept


def test_the_hook_keeps_a_configured_hook_and_its_notebook():
    calls: list[str] = []

    def earlier(handler, notebook=None, cwd=None):
        calls.append("earlier")
        return notebook

    configuration = VoilaConfiguration(prelaunch_hook=earlier)
    assert launcher.install_first_view(configuration)
    notebook = dashboard_notebook()
    assert configuration.prelaunch_hook(FakeHandler(""), notebook=notebook, cwd=".") is notebook
    assert calls == ["earlier"] and hook.METADATA_KEY in notebook.metadata


def test_the_launcher_installs_it_inside_the_long_link_guard():
    configuration = VoilaConfiguration()
    assert launcher.install_first_view(configuration)
    assert launcher.install_link_guard(configuration)
    notebook = dashboard_notebook()
    with pytest.raises(Finish):  # a too-long link is sent on before any view is drawn
        configuration.prelaunch_hook(FakeHandler("x" * (MAX_QUERY_CHARS + 1)), notebook=notebook, cwd=".")
    assert hook.METADATA_KEY not in notebook.metadata
    configuration.prelaunch_hook(FakeHandler("scenario=david_kidney_cancer"), notebook=notebook, cwd=".")
    assert hook.METADATA_KEY in notebook.metadata


def test_no_hook_with_preheated_kernels():
    configuration = VoilaConfiguration(preheat_kernel=True)
    assert not launcher.install_first_view(configuration)
    assert configuration.prelaunch_hook is None
