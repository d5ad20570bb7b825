"""The built site's pages: offline (no outside stylesheet or script), pruned of what the app page never
loads, and a front door that opens the app with the link's query.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from .common import SERVED_NOTEBOOK, BuildError

#: Stylesheet links to a CDN that Voici's pages carry (Font Awesome on the file tree page): removed, the app
#: uses none of their icons. A script from outside would be a request the page cannot do without: refused.
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref=[\"']https?://[^>]*>[ \t]*\n?", re.IGNORECASE)

_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[\"']https?://", re.IGNORECASE)


def offline_pages(output: Path) -> list[Path]:
    """Strip outside stylesheets from every page of the site; fail on an outside script. Returns the pages changed."""
    changed = []
    for page in sorted(output.rglob("*.html")):
        text = page.read_text("utf-8")
        if _REMOTE_SCRIPT.search(text):
            raise BuildError(f"{page.relative_to(output)} loads a script from outside the site")
        stripped = _REMOTE_LINK.sub("", text)
        if stripped != text:
            page.write_text(stripped, "utf-8")
            changed.append(page)
    return changed


#: JupyterLite's own app bundle (`build/`: the JupyterLab core, MathJax and Font Awesome fonts, 6.5 MiB, a
#: fifth of the site) is never asked for by the app page, which runs Voici's bundle (`voici/build/`). Kept:
#: the settings schemas its page configuration names, and the licences of what the folder held.
UNUSED_FOLDER = "build"

UNUSED_KEEP = {"schemas", "third-party-licenses.json"}


def prune_unused(output: Path) -> int:
    """Remove JupyterLite's unused app bundle; returns the bytes removed."""
    removed = 0
    folder = output / UNUSED_FOLDER
    for item in sorted(folder.iterdir()) if folder.is_dir() else []:
        if item.name in UNUSED_KEEP:
            continue
        files = [item] if item.is_file() else [f for f in item.rglob("*") if f.is_file()]
        removed += sum(f.stat().st_size for f in files)
        if item.is_dir():
            shutil.rmtree(item)
        else:
            item.unlink()
    return removed


def front_door(output: Path, title: str, language: str) -> None:
    """The site's own address opens the app, keeping the link's `?scenario=`/`?lang=` (JupyterLite's page goes)."""
    app = f"voici/render/{SERVED_NOTEBOOK.stem}.html"
    title = html.escape(title)
    (output / "index.html").write_text(
        f"""<!DOCTYPE html>
<html lang="{html.escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<script>location.replace("{app}" + location.search + location.hash);</script>
<noscript><meta http-equiv="refresh" content="0; url={app}"></noscript>
</head>
<body><p><a href="{app}">{title}</a></p></body>
</html>
""",
        "utf-8",
    )
