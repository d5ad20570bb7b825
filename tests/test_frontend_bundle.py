"""The dashboard's own front end (frontend/ → the template's secondop-widgets.js), without Node.js or a browser.

The bundle is committed (Binder and a fresh checkout serve it without Node.js), so nothing rebuilds it by
itself: these tests fail when it no longer matches what it is built from, when a dependency is not pinned,
or when the widget protocol it draws is not the one the installed ipywidgets speaks. Its behaviour in a page
is tested in the browser tests (tests/browser/test_first_view_page.py and every served-page test).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import ipywidgets
import ipywidgets.widgets.widget as widget_registry
import pytest

from secondop import load_content
from secondop.server.command import REPO_ROOT, TEMPLATE_ROOT
from secondop.ui.entry import create_app

FRONTEND = REPO_ROOT / "frontend"
STATIC = TEMPLATE_ROOT / "voila" / "templates" / "secondop" / "static"
BUNDLE = STATIC / "secondop-widgets.js"
LICENCES = STATIC / "secondop-widgets.licenses.txt"
REBUILD = "rebuild it: `make frontend` (npm ci, then node frontend/build.mjs), and commit the result"


def source_digest(root: Path = FRONTEND) -> str:
    """What frontend/build.mjs records: each source file's path and bytes, in sorted order."""
    files = sorted(["build.mjs", "package-lock.json", *(f"src/{p.name}" for p in (root / "src").iterdir())])
    digest = hashlib.sha256()
    for name in files:
        digest.update(f"{name}\n".encode())
        digest.update((root / name).read_bytes())
        digest.update(b"\n")
    return digest.hexdigest()


def recorded_digest() -> str:
    first_line = BUNDLE.read_text(encoding="utf-8").split("\n", 1)[0]
    match = re.search(r"source-digest ([0-9a-f]{64})", first_line)
    assert match, f"{BUNDLE.name} has no source digest on its first line: {REBUILD}"
    return match.group(1)


def test_the_bundle_is_built_from_the_sources_as_they_are() -> None:
    assert recorded_digest() == source_digest(), f"frontend/ changed since {BUNDLE.name} was built: {REBUILD}"


def test_the_digest_notices_a_changed_source(tmp_path: Path) -> None:
    copy = tmp_path / "frontend"
    (copy / "src").mkdir(parents=True)
    for name in ["build.mjs", "package-lock.json"]:
        (copy / name).write_bytes((FRONTEND / name).read_bytes())
    for source in (FRONTEND / "src").iterdir():
        (copy / "src" / source.name).write_bytes(source.read_bytes())
    assert source_digest(copy) == source_digest()
    main = copy / "src" / "main.js"
    main.write_text(main.read_text(encoding="utf-8") + "\n// one more line\n", encoding="utf-8")
    assert source_digest(copy) != source_digest()


def test_every_dependency_is_pinned_and_locked() -> None:
    package = json.loads((FRONTEND / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((FRONTEND / "package-lock.json").read_text(encoding="utf-8"))
    wanted = {**package["dependencies"], **package["devDependencies"]}
    loose = {name: spec for name, spec in wanted.items() if not re.fullmatch(r"\d+\.\d+\.\d+", spec)}
    assert not loose, f"frontend/package.json: pin exact versions, not {loose}"
    locked = {name: lock["packages"][f"node_modules/{name}"]["version"] for name in wanted}
    assert locked == wanted, "frontend/package-lock.json does not match package.json: run `npm install` in frontend/"


def test_the_bundle_draws_the_widget_protocol_the_kernel_speaks() -> None:
    """ipywidgets 8 names its models with protocol version 2.x; the bundle refuses any other (a clear error in
    the page rather than widgets drawn wrongly)."""
    source = (FRONTEND / "src" / "main.js").read_text(encoding="utf-8")
    match = re.search(r"const PROTOCOL_MAJOR = '(\d+)\.';", source)
    assert match, "frontend/src/main.js: PROTOCOL_MAJOR not found"
    major = match.group(1)
    assert ipywidgets._version.__jupyter_widgets_controls_version__.split(".")[0] == major
    assert ipywidgets._version.__jupyter_widgets_base_version__.split(".")[0] == major


def test_the_licences_of_everything_bundled_ship_beside_it() -> None:
    text = LICENCES.read_text(encoding="utf-8")
    lock = json.loads((FRONTEND / "package-lock.json").read_text(encoding="utf-8"))
    package = json.loads((FRONTEND / "package.json").read_text(encoding="utf-8"))
    for name in package["dependencies"]:
        version = lock["packages"][f"node_modules/{name}"]["version"]
        assert f"{name} {version} (" in text, f"{LICENCES.name} lacks {name} {version}: {REBUILD}"
    assert "esbuild" not in text  # a build tool, not part of the bundle


@pytest.mark.parametrize("query", ["", "lang=es", "present=1", "present=1&lang=es"])
def test_no_widget_asks_for_an_html_description(query: str) -> None:
    """The bundle leaves out ipywidgets' HTML sanitizer (frontend/src/escape-html.js shows such a description as
    text): the app must not mark any description as HTML, at the start, for any example, or once boxes are
    ticked (parts built on demand included)."""
    before = set(widget_registry._instances)
    links = [query, *(f"{query}&scenario={s}".lstrip("&") for s in load_content().scenarios)]
    for link in links:
        create_app(query_string=link)
    ticked = set(widget_registry._instances)
    create_app(query_string=query)
    for key in set(widget_registry._instances) - ticked:  # every box of one app ticked: its parts built on demand
        widget = widget_registry._instances.get(key)
        if isinstance(widget, ipywidgets.Checkbox) and not widget.disabled:
            widget.value = True
    made = [widget_registry._instances[k] for k in set(widget_registry._instances) - before]
    assert len(made) > 100
    marked = [type(w).__name__ for w in made if getattr(w, "description_allow_html", False)]
    assert not marked, f"widgets with description_allow_html=True: {marked}"
    for key in set(widget_registry._instances) - before:
        widget_registry._instances[key].close()


def test_the_bundle_is_one_self_contained_file() -> None:
    """No chunk loading, no source map or outside address: the page asks for one file, which works offline."""
    source = BUNDLE.read_text(encoding="utf-8")
    assert not re.search(r"^//# sourceMappingURL=", source, re.M), "the bundle points to a source map"
    assert not re.search(r"""import\(\s*["']""", source), "the bundle loads chunks"
    assert not re.search(r"https?://(?!www\.w3\.org/)[a-z0-9.-]+\.[a-z]{2,}/[^\s\"']*\.(?:js|css)\b", source)
