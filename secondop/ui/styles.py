"""The dashboard's stylesheet, read from `dashboard.css` beside this module (package data, so the installed
package, the served edition and the static edition's wheel all carry the same file).

CSS lives in `.css` files, where an editor and a linter see it as CSS; Python only reads it once, at import.
"""

from __future__ import annotations

from importlib.resources import files

#: The stylesheets, in this order (presenter mode's rules follow the page's).
SHEETS = ("dashboard.css", "presenter.css", "decision.css")
#: The whole stylesheet, scoped to `.secondop-app` (see each file's first comment).
CSS = "\n".join(files("secondop.ui").joinpath(name).read_text(encoding="utf-8") for name in SHEETS)


def style_tag() -> str:
    """The stylesheet as an HTML snippet for an ipywidgets.HTML."""
    return f"<style>{CSS}</style>"
