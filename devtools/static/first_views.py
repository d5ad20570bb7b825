"""The static edition's first views: the app drawn as HTML at build time, shown while Python starts in the page.

On a phone the static edition's page shows "Starting up kernel…" for 15–20 s before any word of the plan: the
browser must fetch and start Pyodide (about 11 MB) and the app before a widget is drawn. The words are known
at build time. For every link a class or workshop opens (no query; each example, and none, in each language,
with and without presenter mode: `example_links`, the served edition's own list), the build draws the app's
first view with the served edition's code (`draw_first_view`: the same widgets, drawn as HTML) into
`first-views/<n>.html`.

How the page finds its view: a static host cannot vary a page by its query string, so the page carries a
small index (link → file, written into the page by `inject_loader`) and a tiny script
(`first_view_loader.js`) that reads the page's own query, spells it as the address bar does (`lang` unless
the default, `scenario`, `present=1`), and fetches that one file from the same host (a few kB gzipped). The
view then takes the spinner's place, and the served edition's `secondop-first-view.js` swaps it for the live
app once that is drawn, laid out the same way. A link with anything else in it (ticked boxes, an unknown
example) has no view: the page shows the spinner as before.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from urllib.parse import quote

from .common import SERVED_NOTEBOOK, BuildError

#: Where the views go, beside `voici/` in the built site.
FOLDER = "first-views"
#: The page script that fetches the view for the page's own link.
LOADER = Path(__file__).with_name("first_view_loader.js")
#: The page the views belong to, as the build writes it.
APP_PAGE = Path("voici") / "render" / f"{SERVED_NOTEBOOK.stem}.html"
#: Before the page's first script: the index and the loader must run before Voici's bundle takes the time.
_FIRST_SCRIPT = re.compile(r"<script\b", re.IGNORECASE)
#: A download link as the app draws it (`html_parts.downloads`), and as the first view keeps it (no `href`).
_DOWNLOAD = re.compile(r'<a download="([^"]+)" href="(data:[^;"]+;charset=utf-8[;,][^"]+)"')
_ANCHOR = re.compile(r'<a download="([^"]+)"(?= ?>)')


@contextmanager
def _content_folder(data: Path | None) -> Iterator[None]:
    """Point the app's loader at `data` (the folder the bundle was built from) for the block."""
    from secondop.paths import DATA_ENV

    if data is None:
        yield
        return
    before = os.environ.get(DATA_ENV)
    os.environ[DATA_ENV] = str(data)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DATA_ENV, None)
        else:
            os.environ[DATA_ENV] = before


def handouts(link: str) -> dict[str, bytes]:
    """The files the app offers to download for this link (plan, text, letter…), by their download names.

    The live app carries them as `data:` links; the first view leaves those out (they are large). The static
    edition writes them beside the view, so a person can take the example home before Python has started.
    """
    from secondop.ui.entry import create_app
    from secondop.ui.first_view import closing_widget_tree
    from secondop.ui.html_parts import data_uri_document

    app = create_app(query_string=link)
    downloads = getattr(app, "downloads", None)
    with closing_widget_tree(app.root):
        html = downloads.value if downloads is not None else ""
    files: dict[str, bytes] = {}
    for name, uri in _DOWNLOAD.findall(html):
        files[unescape(name)] = data_uri_document(unescape(uri)).encode("utf-8")
    return files


def _link_handouts(view: str, number: int, files: dict[str, bytes]) -> str:
    """The view with each download link that has a handout pointing at it (`first-views/<number>/<name>`)."""

    def link(match: re.Match[str]) -> str:
        name = unescape(match.group(1))
        if name not in files:
            return match.group(0)
        return f'{match.group(0)} href="../../{FOLDER}/{number}/{quote(name)}"'

    return _ANCHOR.sub(link, view)


def write_first_views(output: Path, data: Path | None = None) -> dict[str, str]:
    """Draw every example link's first view into `output/first-views/`; returns the index (link → file name).

    Outside presenter mode (where the room is asked, not handed a plan) the view's download links point at the
    handouts written beside it (`first-views/<n>/<download name>`), so they work before the live app does.
    """
    from secondop.server.first_view_hook import draw_first_view, example_links

    folder = output / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    index: dict[str, str] = {}
    with _content_folder(data):
        for number, link in enumerate(example_links()):
            view = draw_first_view(link)
            if "present=1" not in link:
                files = handouts(link)
                for name, body in files.items():
                    (folder / str(number)).mkdir(exist_ok=True)
                    (folder / str(number) / name).write_bytes(body)
                view = _link_handouts(view, number, files)
            name = f"{number}.html"
            (folder / name).write_text(view, "utf-8")
            index[link] = name
    return index


def loader_script(index: dict[str, str], default_language: str) -> str:
    """The index and the loader, as the page's first inline scripts."""
    config = {"folder": f"../../{FOLDER}/", "views": index, "language": default_language}
    data = json.dumps(config, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
    return f"<script>window.secondopFirstViews={data};</script>\n<script>\n{LOADER.read_text('utf-8')}</script>\n"


def inject_loader(output: Path, index: dict[str, str], default_language: str) -> None:
    """Put the index and the loader into the app page, before its first script."""
    page = output / APP_PAGE
    text = page.read_text("utf-8")
    match = _FIRST_SCRIPT.search(text)
    if match is None:
        raise BuildError(f"{APP_PAGE} has no script: cannot add the first view's loader")
    page.write_text(text[: match.start()] + loader_script(index, default_language) + text[match.start() :], "utf-8")
