"""The static edition's first views, without a browser: one per example link, drawn by the served edition's
code, and a page index the loader can read (tests/browser/test_static_edition.py shows them in Chromium)."""

from __future__ import annotations

import json
from pathlib import Path

from devtools.static.first_views import FOLDER, inject_loader, loader_script, write_first_views
from secondop import load_content
from secondop.content.collection import Content
from secondop.server.first_view_hook import draw_first_view, example_links


def test_every_example_link_in_every_language_gets_the_served_editions_view(tmp_path: Path, content: Content) -> None:
    index = write_first_views(tmp_path)
    languages = content.settings.all_languages
    assert len(index) == 1 + len(languages) * (len(content.scenarios) + 1) * 2 - 1  # none, then each, ± present
    assert list(index) == list(example_links())
    for link in ("", "scenario=maria_told_no_options", "lang=es&scenario=maria_told_no_options&present=1"):
        assert (tmp_path / FOLDER / index[link]).read_text("utf-8") == draw_first_view(link)
    spanish = load_content(None, "es")
    view = (tmp_path / FOLDER / index["lang=es&scenario=maria_told_no_options"]).read_text("utf-8")
    assert spanish.scenarios["maria_told_no_options"].name in view
    assert 'data-secondop-loading="' in view  # what the page says while the boxes do not work yet


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
