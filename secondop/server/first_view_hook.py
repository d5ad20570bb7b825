"""Voilà's prelaunch hook that puts the app's first view into the page, so it paints before any script runs.

Voilà sends a page whose app appears only once the browser has run Voilà's front end and drawn every widget
from the kernel (Lighthouse: largest contentful paint 2.7–3.0 s on its desktop preset, 11 s on its mobile
one). The server already knows what the app will show: the same content, the same link. This hook builds
the dashboard for the page's query string in the server's own process (`secondop.ui.create_app`, 30–50 ms),
draws it as static HTML (`secondop.ui.first_view`) and hands it to the `secondop` template through the
notebook's metadata. The template paints it in place of Voilà's spinner; the page's script swaps it for the
live app once that is drawn.

Off the request path: the hook runs on the server's event loop, where every millisecond holds up every other
page. So the links a class or workshop opens (each example in each language, with and without presenter mode,
and no query at all) are drawn at start-up in a separate process (`prebuild_first_views`, from the launcher)
and kept once they arrive, so the server listens at once and its event loop draws none of them; any other link
is drawn on its first request and kept (`FIRST_VIEW_CACHE` of them). The content's fingerprint is computed
once; a request looks at data/ again only every `CHECK_EVERY_S` seconds (file sizes and times), and only when
that changed is the fingerprint computed again, and the views drawn anew when it differs.

Only a notebook that asks for it gets one (metadata `secondop.first_view: true`: the dashboard's notebook),
so any other notebook the server renders is left as it is. Any failure leaves the page as Voilà makes it,
with the spinner, and is logged without the link (it may name what a person ticked).
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tornado.web import RequestHandler

log = logging.getLogger(__name__)

#: Where the template finds the view: the notebook's metadata (a fresh copy per request).
METADATA_KEY = "secondop_first_view"
#: How many views of other links are kept (each 60–160 kB of HTML): distinct links in use at once in a class.
FIRST_VIEW_CACHE = 64
#: How often, at most, a request looks at data/ for a change (seconds): an analyst's edit shows within this.
CHECK_EVERY_S = 2.0


def wants_first_view(notebook: Any) -> bool:
    """True for a notebook whose metadata asks for a first view (`"secondop": {"first_view": true}`)."""
    settings = getattr(notebook, "metadata", {}).get("secondop", {})
    return isinstance(settings, dict) and settings.get("first_view") is True


def draw_first_view(query: str) -> str:
    """The app's first view for this query string, drawn now (30–50 ms); its widgets are closed afterwards."""
    from secondop.ui.entry import create_app
    from secondop.ui.first_view import closing_widget_tree, first_view_html

    with closing_widget_tree(create_app(query_string=query).root) as root:
        return first_view_html(root)


def example_link(language: str, default_language: str, scenario: str, present: bool) -> str:
    """A link as the page's address bar spells it: `lang` (unless the default), `scenario`, `present=1`."""
    pairs = [] if language == default_language else [("lang", language)]
    if scenario:
        pairs.append(("scenario", scenario))
    if present:
        pairs.append(("present", "1"))
    return urlencode(pairs)


def example_links() -> Iterator[str]:
    """The links a class or workshop opens: no query; each example (and none) in each language, with and
    without presenter mode."""
    from secondop.content.cache import load_content_cached

    content = load_content_cached()
    yield ""
    for language in content.settings.all_languages:
        for scenario in ["", *content.scenarios]:
            for present in (False, True):
                link = example_link(language, content.settings.language, scenario, present)
                if link:
                    yield link


def _data_signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Each content file's name, size and modification time: cheap (stat only), and changes with any edit."""
    files = sorted(p for p in root.rglob("*") if p.suffix in {".yaml", ".yml"})
    return tuple((p.relative_to(root).as_posix(), (s := p.stat()).st_size, s.st_mtime_ns) for p in files)


class FirstViews:
    """The first views this server has drawn, for the current content.

    `kept` are the example links drawn at start-up, kept for the server's life; `recent` the other links,
    the latest FIRST_VIEW_CACHE of them. Both are emptied when the content changes.
    """

    def __init__(
        self,
        draw: Callable[[str], str] = draw_first_view,
        clock: Callable[[], float] = time.monotonic,
        root: Path | None = None,
    ):
        self._draw = draw
        self._root_given = root
        self._clock = clock
        self.kept: dict[str, str] = {}
        self.recent: OrderedDict[str, str] = OrderedDict()
        self.version = ""
        self._signature: tuple[tuple[str, int, int], ...] | None = None
        self._checked_at = float("-inf")
        self.drawn = 0  # views drawn since start (for tests and the benchmark)

    def _root(self) -> Path:
        from secondop.paths import data_dir

        return self._root_given or data_dir(None)

    def _fingerprint(self, root: Path) -> str:
        from secondop.content.cache import fingerprint

        return fingerprint(root, None)

    def check_content(self, force: bool = False) -> bool:
        """Look at data/ (at most every CHECK_EVERY_S unless `force`); True when the content changed.

        A changed fingerprint empties the views: each is drawn again on its next request.
        """
        now = self._clock()
        if not force and now - self._checked_at < CHECK_EVERY_S:
            return False
        self._checked_at = now
        root = self._root()
        signature = _data_signature(root)
        if signature == self._signature:
            return False
        self._signature = signature
        version = self._fingerprint(root)
        if version == self.version:
            return False
        changed = bool(self.version)
        self.version = version
        self.kept.clear()
        self.recent.clear()
        if changed:
            log.info("the content changed: first views are drawn again as pages ask for them")
        return changed

    def view(self, query: str) -> str:
        """The first view for this query string: kept, recent, or drawn now (and kept among the recent)."""
        self.check_content()
        found = self.kept.get(query)
        if found is not None:
            return found
        found = self.recent.get(query)
        if found is not None:
            self.recent.move_to_end(query)
            return found
        drawn = self._draw(query)
        self.drawn += 1
        self.recent[query] = drawn
        if len(self.recent) > FIRST_VIEW_CACHE:
            self.recent.popitem(last=False)
        return drawn

    def _keep(self, link: str) -> None:
        if link not in self.kept:
            found = self.recent.pop(link, None)  # asked for before its turn: drawn already
            self.kept[link] = found if found is not None else self._draw(link)
            self.drawn += found is None

    def prebuild(self, links: Iterator[str] | None = None) -> int:
        """Draw the example links now, one after the other; returns how many are kept."""
        self.check_content(force=True)
        for link in example_links() if links is None else links:
            self._keep(link)
        return len(self.kept)

    def keep_drawn(self, version: str, views: dict[str, str]) -> int:
        """Keep views drawn elsewhere (`draw_examples`, in another process) for content `version`; returns how
        many were kept (none when the content changed meanwhile: they would show the old content)."""
        self.check_content(force=True)
        if version != self.version:
            log.info("first views drawn at start-up are for content that changed since: not kept")
            return 0
        for link, html in views.items():
            self.kept.setdefault(link, html)
            self.recent.pop(link, None)
        return len(views)


#: The server's views (one server process, one event loop).
VIEWS = FirstViews()


def draw_examples() -> tuple[str, dict[str, str]]:
    """The content's fingerprint and the first view of every example link, drawn in this process.

    Run in a separate process as the server starts (`prebuild_first_views`).
    """
    views = FirstViews()
    views.prebuild()
    return views.version, views.kept


def prebuild_first_views() -> None:
    """Draw the example links' first views in a separate process as the server starts; the server keeps them
    when they arrive (a few seconds later) and draws none of them on its event loop.

    Drawing them on the event loop held every page up meanwhile: on a busy machine, long enough for a page's
    kernel to be culled as never connected. A failure only logs: the pages are then drawn on request.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from tornado.ioloop import IOLoop

    loop = IOLoop.current()
    started = time.perf_counter()
    # spawn: a fresh interpreter (forking a server with running threads and sockets is unsafe)
    executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    future = executor.submit(draw_examples)
    executor.shutdown(wait=False)  # the worker exits once its one task is done

    future.add_done_callback(lambda done: loop.add_callback(keep_arrived, done, started))  # executor's thread


def keep_arrived(done: Future[tuple[str, dict[str, str]]], started: float) -> int:
    """On the event loop: keep the views the start-up process drew; a failure only logs. Returns how many."""
    try:
        version, views = done.result()
    except Exception as error:
        log.warning("first views not drawn at start-up (%s)", type(error).__name__)
        return 0
    kept = VIEWS.keep_drawn(version, views)
    log.info("first views of %d example links drawn in %.1f s", kept, time.perf_counter() - started)
    return kept


def add_first_view(handler: RequestHandler, notebook: Any = None, cwd: str | None = None) -> Any:
    """Put the first view for this request into the notebook's metadata; returns the notebook (or None)."""
    if notebook is None or not wants_first_view(notebook):
        return None
    try:
        notebook.metadata[METADATA_KEY] = VIEWS.view(handler.request.query)
    except Exception as error:  # the page still works, as Voilà makes it
        log.warning("no first view for this page (%s)", type(error).__name__)
        return None
    return notebook
