"""The dashboard's stylesheet, read from `dashboard.css` beside this module (package data, so the installed
package, the served edition and the static edition's wheel all carry the same file).

CSS lives in `.css` files, where an editor and a linter see it as CSS; Python only reads it once, at import.
"""

from __future__ import annotations

from importlib.resources import files

#: The whole stylesheet, scoped to `.secondop-app` (see the file's first comment).
CSS = files("secondop.ui").joinpath("dashboard.css").read_text(encoding="utf-8")


def style_tag() -> str:
    """The stylesheet as an HTML snippet for an ipywidgets.HTML."""
    return f"<style>{CSS}</style>"
