"""The static edition's first views, without a browser: one per example link, drawn by the served edition's
code, and a page index the loader can read (tests/browser/test_static_edition.py shows them in Chromium)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from devtools.static.first_views import FOLDER, inject_loader, loader_script, write_first_views
from secondop import assess, load_content
from secondop.content.collection import Content
from secondop.server.first_view_hook import draw_first_view, example_links


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The views (and handouts) written once for the module: drawing 48 views takes tens of seconds."""
    folder = tmp_path_factory.mktemp("site")
    return folder, write_first_views(folder)


def test_every_example_link_in_every_language_gets_the_served_editions_view(built, content: Content) -> None:
    tmp_path, index = built
    languages = content.settings.all_languages
    assert len(index) == 1 + len(languages) * (len(content.scenarios) + 1) * 2 - 1  # none, then each, ± present
    assert list(index) == list(example_links())
    for link in ("", "scenario=maria_told_no_options", "lang=es&scenario=maria_told_no_options&present=1"):
        written = (tmp_path / FOLDER / index[link]).read_text("utf-8")
        # the same view, its download links leading to the handouts written beside it
        assert re.sub(r' href="\.\./\.\./first-views/[^"]+"', "", written) == draw_first_view(link)
    spanish = load_content(None, "es")
    view = (tmp_path / FOLDER / index["lang=es&scenario=maria_told_no_options"]).read_text("utf-8")
    assert spanish.scenarios["maria_told_no_options"].name in view
    assert 'data-secondop-loading="' in view  # what the page says while the boxes do not work yet


def test_an_examples_view_downloads_its_handouts_before_the_app_is_live(built, content: Content) -> None:
    """#22.2: the plan, its text version and the letter, written beside the view, linked from its own links."""
    tmp_path, index = built
    link = "scenario=maria_told_no_options"
    view = (tmp_path / FOLDER / index[link]).read_text("utf-8")
    targets = re.findall(r'<a download="([^"]+)" href="\.\./\.\./first-views/([^"]+)"', view)
    assert len(targets) >= 3, f"the view's download links lead nowhere: {targets}"
    for name, target in targets:
        assert target.endswith(name) and (tmp_path / FOLDER / target).is_file()
    plan = next(t for n, t in targets if n.endswith(".html") and n.startswith(content.labels.dashboard.file_name))
    text = (tmp_path / FOLDER / plan).read_text("utf-8")
    assert all(r.reason.title in text for r in assess(content, ("told_no_options",), ()).reasons)
    present = (tmp_path / FOLDER / index[link + "&present=1"]).read_text("utf-8")
    assert "../../first-views/" not in present  # the room is asked, not handed the plan


def test_the_index_cannot_close_its_script_and_goes_before_the_pages_first_script(tmp_path: Path) -> None:
    script = loader_script({"scenario=x": "1.html", "a</script>": "2.html"}, "en")
    config = script.split("window.secondopFirstViews=", 1)[1].split(";</script>", 1)[0]
    assert "</script>" not in config and json.loads(config)["views"]["a</script>"] == "2.html"
    page = tmp_path / "voici" / "render" / "second_opinion.html"
    page.parent.mkdir(parents=True)
    page.write_text("<html><head><script>first()</script></head><body></body></html>", "utf-8")
    inject_loader(tmp_path, {"": "0.html"}, "en")
    text = page.read_text("utf-8")
    assert text.index("window.secondopFirstViews") < text.index("first()")
