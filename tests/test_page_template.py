"""The page template without a browser: every change it makes to Voilà's `lab` template, checked on a served page,
and every name the Python, the template, the scripts and the stylesheets share, checked in each of them.

The template (share/jupyter/voila/templates/secondop/index.html.j2) overrides Voilà's Jinja blocks, copying
three of them (`notebook_css`, `body_header`, `body_footer`) with its changes. A served page shows whether each
change took effect; the recorded text of each copied block shows when Voilà changed one (whitespace included:
the copy is ours to bring up to date). Each failure says what to re-check.
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path

import pytest

from devtools.browser_harness import running_voila
from secondop.server import first_view_hook
from secondop.server.command import NOTEBOOK, REPO_ROOT, TEMPLATE_ROOT
from secondop.ui import first_view
from secondop.ui.presenter import PRESENTING_CLASS

TEMPLATE_DIR = TEMPLATE_ROOT / "voila" / "templates" / "secondop"
TEMPLATE = TEMPLATE_DIR / "index.html.j2"
STATIC = TEMPLATE_DIR / "static"
#: The dashboard's front end (built from frontend/ into the template's static folder).
MAIN_SCRIPT = "secondop-widgets.js"
EXTERNAL_ASSET = re.compile(r"""<(?:link|script|img)\b[^>]*\b(?:href|src)=["']?(?:https?:)?//""", re.IGNORECASE)

#: Voilà's blocks that index.html.j2 copies (with its changes), as Voilà's `lab/index.html.j2` has them: the
#: SHA-256 of each block's text between `{%- block name -%}` and `{%- endblock name -%}`, exactly. Checked
#: against voila 0.5.13. When Voilà changes one, bring our copy up to date, then record the new digest here.
VOILA_BLOCKS = {
    "notebook_css": "bf2f30d1217f54b702df0b30ffa3ea0c62c874d92ff533df85fae4d24806a1ea",
    "body_header": "71a6c68299a313aaeba0b4a257079a5690c396853d141f74169a9ef5a9476f31",
    "body_footer": "e11b305810529a8649e2cc3dcd4a135761debc75a76b4989cbc65812ac0b5c99",
}


def _recheck(block: str) -> str:
    return (
        f"re-check block `{block}` of {TEMPLATE.relative_to(REPO_ROOT)} against Voilà's lab template "
        f"(voila {version('voila')}): the page no longer has what that block adds"
    )


@dataclass
class Page:
    """The served page's start tags in order (with attributes) and its inline scripts."""

    html: str
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)

    def first(self, **attributes: str) -> tuple[int, dict[str, str]] | None:
        for index, (_, attrs) in enumerate(self.tags):
            if all(attrs.get(k) == v for k, v in attributes.items()):
                return index, attrs
        return None

    def of(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append((tag, {k: v or "" for k, v in attrs}))
        self.in_script = tag == "script"
        if self.in_script:
            self.page.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False if tag == "script" else self.in_script

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.page.scripts[-1] += data


def parse(html: str) -> Page:
    page = Page(html)
    _Parser(page).feed(html)
    return page


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Page:
    """The dashboard's page as `secondop serve` sends it (127.0.0.1, a free port; the server stops after)."""
    log = tmp_path_factory.mktemp("served") / "voila.log"
    with running_voila(log) as server:
        url = server.url + "?scenario=david_kidney_cancer"
        with urllib.request.urlopen(url, timeout=180) as response:
            html = response.read().decode("utf-8")
    return parse(html)


# --- each change the template makes, on the served page ---------------------------------------------------------
def test_the_rendered_app_is_the_main_landmark(served: Page) -> None:
    cells = served.first(id="rendered_cells")
    assert cells is not None, "Voilà's #rendered_cells is missing: " + _recheck("body_header")
    assert cells[1].get("role") == "main", 'no role="main" on #rendered_cells: ' + _recheck("body_header")


def test_the_first_view_comes_first_and_the_body_says_so(served: Page) -> None:
    view = served.first(id=first_view.ELEMENT_ID)
    assert view is not None, f"no #{first_view.ELEMENT_ID} in the page: " + _recheck("body_header")
    spinner, cells = served.first(id="loading"), served.first(id="rendered_cells")
    assert spinner and cells, "Voilà's spinner or cells are missing: " + _recheck("body_header")
    assert view[0] < spinner[0] < cells[0], "the first view must come before the spinner: " + _recheck("body_header")
    assert int(view[1]["data-secondop-widgets"]) >= 1
    (body,) = served.of("body")
    classes = body.get("class", "").split()
    assert "secondop-first-view-on" in classes, "the body lacks its first-view class: " + _recheck("body_header")
    assert "jp-Notebook" in classes and body.get("data-voila") == "voila", "Voilà's body: " + _recheck("body_header")
    assert any("window.display_cells" in s for s in served.scripts), "Voilà's helpers: " + _recheck("body_header")


def test_the_main_script_is_the_dashboards_own_and_deferred_behind_the_first_view(served: Page) -> None:
    """The dashboard's notebook asks for the light front end (`secondop.frontend: "light"`): the page's main
    script is frontend/'s bundle, not Voilà's JupyterLab application (1.4 MB in ~95 files on a phone's slow
    link). With a first view there is no static tag for it: the page asks for it once the view is painted
    (Lighthouse's mobile run put the largest paint at 9-12 s in 4 runs of 8 without this; docs/performance.md)."""
    tags = [attrs["src"] for attrs in served.of("script") if MAIN_SCRIPT in attrs.get("src", "")]
    assert not tags, f"a static <script src=…{MAIN_SCRIPT}> tag is on the page: {tags}; " + _recheck("body_footer")
    calls = [s for s in served.scripts if "window.secondopAfterFirstPaint(" in s]
    assert len(calls) == 1, "no deferred load of the main script: " + _recheck("body_footer")
    url = json.loads(calls[0].split("window.secondopAfterFirstPaint(", 1)[1].split(");", 1)[0])
    assert re.fullmatch(rf"/voila/templates/secondop/static/{re.escape(MAIN_SCRIPT)}\?v=[0-9a-f]+", url), url
    assert "voila.js" not in served.html, "Voilà's main script is on the page: " + _recheck("body_footer")
    assert sum("window.voila_finish();" in s for s in served.scripts) == 1, "Voilà's finish: " + _recheck("body_footer")


def test_the_listener_patch_is_undone_when_the_live_app_shows() -> None:
    """The deferred script's `load` listeners run late through a patched `window.addEventListener`; the swap
    gives the window its own back (checked in Chromium by tests/browser/test_first_view_page.py)."""
    source = JS_FIRST_VIEW.read_text("utf-8")
    swap = source[source.index("function swap()") : source.index("function markReady()")]
    assert "restoreListeners()" in swap
    assert "delete window.addEventListener" in source
    others = [p.name for p in STATIC.glob("*.js") if p != JS_FIRST_VIEW]
    assert not [n for n in others if "window.addEventListener =" in (STATIC / n).read_text("utf-8")]


def test_the_page_links_nothing_outside_and_carries_its_own_files(served: Page) -> None:
    outside = EXTERNAL_ASSET.findall(served.html)
    assert not outside, f"outside links on the page: {outside}; " + _recheck("notebook_css")
    assert "fontawesome" not in served.html.lower(), "a Font Awesome link is back: " + _recheck("notebook_css")
    sources = " ".join(attrs.get("src", "") for attrs in served.of("script"))
    sheets = " ".join(attrs.get("href", "") for attrs in served.of("link"))
    for script in sorted(p for p in STATIC.glob("*.js") if p.name != MAIN_SCRIPT):  # the main one is deferred
        assert f"/static/{script.name}" in sources, f"{script.name} not on the page: " + _recheck("html_head_js")
    assert "/static/secondop-page.css" in sheets, "the page's stylesheet is missing: " + _recheck("notebook_css")
    deferred = [
        attrs.get("content", "") for attrs in served.of("meta") if attrs.get("name") == "secondop-deferred-style"
    ]
    assert "/static/voila-style.js" not in sources, "Voilà's style script blocks the first paint: " + _recheck(
        "notebook_css"
    )
    assert len(deferred) == 1 and "/static/voila-style.js?v=" in deferred[0], "Voilà's style script is missing: " + (
        _recheck("notebook_css")
    )
    css = [attrs.get("content", "") for attrs in served.of("meta") if attrs.get("name") == "secondop-deferred-css"]
    assert "/static/index.css" not in sheets, "nbconvert's index.css blocks the first paint: " + _recheck(
        "notebook_css"
    )
    assert len(css) == 1 and "/static/index.css?v=" in css[0], "nbconvert's index.css is missing: " + _recheck(
        "notebook_css"
    )
    assert "/static/theme-light.css" in sheets, "JupyterLab's theme (the first view's colours) is missing"


# --- Voilà's blocks that the template copies --------------------------------------------------------------------
def _voila_lab_template() -> Path:
    """Voilà's `lab/index.html.j2` as the server finds it (first on the Jupyter path, as Voilà looks)."""
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("voila", "templates", "lab"):
        if (Path(folder) / "index.html.j2").is_file():
            return Path(folder) / "index.html.j2"
    raise AssertionError("Voilà's lab template was not found on the Jupyter path")


def _block(source: str, name: str) -> str:
    match = re.search(r"\{%-?\s*block " + name + r"\s*-?%\}(.*?)\{%-?\s*endblock " + name + r"\s*-?%\}", source, re.S)
    assert match, f"Voilà's lab template has no block `{name}` any more: " + _recheck(name)
    return match.group(1)


#: nbconvert's `lab` template block that index.html.j2 copies for the light front end (its index.css named in a
#: <meta>): the SHA-256 of the block's text, exactly, as in nbconvert 7.17.
NBCONVERT_BLOCKS = {"notebook_css": "f690a73cc46653cfe64e63ea1a0567fe507e230cf1aa26b2c9fa23e7cea325a7"}


@pytest.mark.parametrize("name", sorted(NBCONVERT_BLOCKS))
def test_the_nbconvert_blocks_the_template_copies_are_as_recorded(name: str) -> None:
    from jupyter_core.paths import jupyter_path

    found = [Path(f) / "index.html.j2" for f in jupyter_path("nbconvert", "templates", "lab")]
    lab = next(path for path in found if path.is_file())
    digest = hashlib.sha256(_block(lab.read_text("utf-8"), name).encode()).hexdigest()
    assert digest == NBCONVERT_BLOCKS[name], (
        f"nbconvert's block `{name}` changed ({lab}, nbconvert {version('nbconvert')}). "
        f"{TEMPLATE.relative_to(REPO_ROOT)} copies it for the light front end (index.css in a <meta>): carry "
        f"nbconvert's change into that copy, run this file, then record {digest} in NBCONVERT_BLOCKS."
    )


@pytest.mark.parametrize("name", sorted(VOILA_BLOCKS))
def test_the_voila_blocks_the_template_copies_are_as_recorded(name: str) -> None:
    lab = _voila_lab_template()
    digest = hashlib.sha256(_block(lab.read_text("utf-8"), name).encode()).hexdigest()
    assert digest == VOILA_BLOCKS[name], (
        f"Voilà's block `{name}` changed ({lab}, voila {version('voila')}). {TEMPLATE.relative_to(REPO_ROOT)} "
        f"copies it: compare the two, carry Voilà's change into our copy (keeping ours: no Font Awesome links, "
        f"the first view and its body class, role=main, the deferred main script), run this file, then record {digest} "
        "in VOILA_BLOCKS."
    )


def test_every_override_names_a_block_voila_has() -> None:
    """An override of a block Voilà no longer has would do nothing, silently."""
    ours = set(re.findall(r"\{%-?\s*block (\w+)", TEMPLATE.read_text("utf-8"))) - {"secondop_scripts"}
    lab = _voila_lab_template().read_text("utf-8")
    missing = {name for name in ours if not re.search(r"block " + name + r"\b", lab)}
    assert not missing, f"overrides of blocks Voilà's lab template lacks: {sorted(missing)}; " + _recheck(
        ", ".join(sorted(missing))
    )


def test_the_template_replaces_no_string_inside_voilas_blocks() -> None:
    """Block overrides only: a string replace() on Voilà's output breaks silently when Voilà's spacing changes."""
    source = TEMPLATE.read_text("utf-8")
    assert "| replace(" not in source and "|replace(" not in source


# --- names shared by Python, the template, the scripts and the stylesheets --------------------------------------
PY_FIRST_VIEW = REPO_ROOT / "secondop" / "ui" / "first_view.py"
PY_HOOK = REPO_ROOT / "secondop" / "server" / "first_view_hook.py"
PY_APP = REPO_ROOT / "secondop" / "ui" / "app.py"
PY_MESSAGES = REPO_ROOT / "secondop" / "ui" / "messages.py"
PY_PRESENTER = REPO_ROOT / "secondop" / "ui" / "presenter.py"
#: The dashboard's stylesheets (a folder stands for all its `.css` files).
DASHBOARD_CSS = REPO_ROOT / "secondop" / "ui"
PAGE_CSS = STATIC / "secondop-page.css"
JS_FIRST_VIEW = STATIC / "secondop-first-view.js"

#: Each name the parts of the page agree on, and the text that carries it in each file that must have it.
CONTRACT: dict[str, dict[Path, str]] = {
    "the first view's place in the notebook's metadata": {
        PY_HOOK: f'METADATA_KEY = "{first_view_hook.METADATA_KEY}"',
        TEMPLATE: f'nb.metadata.get("{first_view_hook.METADATA_KEY}"',
    },
    "the dashboard notebook asks for the light front end": {
        NOTEBOOK: '"frontend": "light"',
        TEMPLATE: '.get("frontend") == "light"',
    },
    "where Voilà's style script goes, loaded by the light front end after the first paint": {
        TEMPLATE: '<meta name="secondop-deferred-style"',
        REPO_ROOT / "frontend" / "src" / "main.js": 'meta[name="secondop-deferred-style"]',
        STATIC / MAIN_SCRIPT: 'meta[name="secondop-deferred-style"]',
    },
    "where nbconvert's index.css goes, loaded by the light front end after the first paint": {
        TEMPLATE: '<meta name="secondop-deferred-css"',
        REPO_ROOT / "frontend" / "src" / "main.js": 'meta[name="secondop-deferred-css"]',
        STATIC / MAIN_SCRIPT: 'meta[name="secondop-deferred-css"]',
        JS_FIRST_VIEW: 'meta[name="secondop-deferred-css"]',
    },
    "the dashboard notebook asks for a first view": {
        PY_HOOK: '.get("first_view") is True',
        NOTEBOOK: '"first_view": true',
    },
    "the first view's element": {
        PY_FIRST_VIEW: f'ELEMENT_ID = "{first_view.ELEMENT_ID}"',
        JS_FIRST_VIEW: f'getElementById("{first_view.ELEMENT_ID}")',
        PAGE_CSS: f"#{first_view.ELEMENT_ID}",
    },
    "how many widgets the first view stands for": {
        PY_FIRST_VIEW: "data-secondop-widgets=",
        JS_FIRST_VIEW: 'getAttribute("data-secondop-widgets")',
    },
    "the body's class while the first view shows": {
        TEMPLATE: "secondop-first-view-on",
        JS_FIRST_VIEW: 'classList.remove("secondop-first-view-on")',
        PAGE_CSS: "body.secondop-first-view-on",
    },
    "the app's 'the app stopped' note": {
        PY_MESSAGES: 'class="secondop-connection-lost"',
        STATIC / "secondop-connection.js": '".secondop-connection-lost"',
        PAGE_CSS: ".secondop-connection-lost",
    },
    "the element that carries the app's language and title": {
        PY_APP: "data-secondop-lang=",
        STATIC / "secondop-lang.js": 'getAttribute("data-secondop-lang")',
    },
    "the app's title for the page": {
        PY_APP: "data-secondop-title=",
        STATIC / "secondop-lang.js": 'getAttribute("data-secondop-title")',
    },
    "the language buttons' class": {
        PY_APP: '"secondop-lang-',
        STATIC / "secondop-lang.js": "secondop-lang-([a-z]",
    },
    "presenter mode's class": {
        PY_PRESENTER: f'PRESENTING_CLASS = "{PRESENTING_CLASS}"',
        STATIC / "secondop-present.js": f".{PRESENTING_CLASS}",
        DASHBOARD_CSS: f".{PRESENTING_CLASS}",
    },
    "the clicker's buttons": {
        PY_PRESENTER: '"secondop-present-forward"',
        STATIC / "secondop-present.js": '".secondop-present-" + action',
    },
    "the clicker's directions": {
        PY_PRESENTER: '"secondop-present-back"',
        STATIC / "secondop-present.js": 'PageUp: "back"',
    },
    "the app's root, and its mark once built": {
        PY_APP: '"secondop-app"',
        PY_MESSAGES: '("secondop-app", "secondop-ready")',
        STATIC / "secondop-present.js": ".secondop-app.secondop-ready",
    },
    "the address of what presenter mode shows": {
        PY_PRESENTER: "data-secondop-address=",
        STATIC / "secondop-present.js": 'getAttribute("data-secondop-address")',
    },
    "the decision aid's radio groups": {
        REPO_ROOT / "secondop" / "ui" / "decision_view.py": '"secondop-radio"',
        PAGE_CSS: ".secondop-app .secondop-radio .widget-radio-box",
    },
    "the app's words for the line shown while the first view's boxes do not work yet": {
        PY_APP: "data-secondop-loading=",
        JS_FIRST_VIEW: 'querySelector("[data-secondop-loading]")',
    },
    "that line's element": {
        JS_FIRST_VIEW: 'LOADING_ID = "secondop-first-view-loading"',
        PAGE_CSS: "#secondop-first-view-loading {",
    },
    "that line's nudge when a box is pressed too early": {
        JS_FIRST_VIEW: 'classList.add("secondop-loading-nudge")',
        PAGE_CSS: "#secondop-first-view-loading.secondop-loading-nudge",
    },
    "that line's class": {
        JS_FIRST_VIEW: 'note.className = "secondop-loading"',
    },
    "the deferred load of Voilà's main script": {
        TEMPLATE: "window.secondopAfterFirstPaint(",
        JS_FIRST_VIEW: "window.secondopAfterFirstPaint = function",
    },
    "the announcements' live region": {
        PY_PRESENTER: '"secondop-live"',
        STATIC / "secondop-present.js": '".secondop-live"',
    },
}


def _text(path: Path) -> str:
    if path.is_dir():
        return "\n".join(sheet.read_text("utf-8") for sheet in sorted(path.glob("*.css")))
    return path.read_text("utf-8")


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_each_shared_name_is_in_every_part_that_uses_it(name: str) -> None:
    missing = [
        f"{path.relative_to(REPO_ROOT)} lacks {text!r}"
        for path, text in CONTRACT[name].items()
        if text not in _text(path)
    ]
    assert not missing, f"{name}: the parts that share it no longer agree; change them together:\n" + "\n".join(missing)


def test_every_secondop_name_in_the_scripts_and_page_css_is_in_the_contract() -> None:
    """A new class, id or attribute the page's scripts or stylesheet rely on gets its line in CONTRACT."""
    known = " ".join(text for places in CONTRACT.values() for text in places.values())
    found: set[str] = set()
    for path in [*STATIC.glob("*.js"), PAGE_CSS]:
        source = re.sub(r"/\*.*?\*/", "", path.read_text("utf-8"), flags=re.S)  # comments name files, not selectors
        found |= set(re.findall(r"""["'.#\[](?:data-)?secondop-[a-z-]*[a-z]""", source))
    names = {re.sub(r"""^["'.#\[]""", "", name) for name in found}
    names -= {"secondop-lang", "secondop-present"}  # prefixes of names in CONTRACT ("secondop-lang-" + code)
    unknown = sorted(name for name in names if name not in known)
    assert not unknown, f"names the page's scripts or stylesheet share with the app, not in CONTRACT: {unknown}"
