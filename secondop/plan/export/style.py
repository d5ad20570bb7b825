"""The handouts' stylesheets, read from the `.css` files beside this module (package data, so the installed
package and the static edition's wheel carry the same files).

Each page inlines its one stylesheet: no web fonts, no images, no imports, so a saved page makes no request.
"""

from __future__ import annotations

from importlib.resources import files


def _css(name: str) -> str:
    return files("secondop.plan.export").joinpath(name).read_text(encoding="utf-8")


#: The plan page (`plan.css`): readable on screen, clean on A4 and US Letter paper.
PLAN_CSS = _css("plan.css") + _css("decision.css")  # decision.css: the decision aid (decision_html)
#: The short version (`summary.css`), added to the plan page's: at most two US Letter pages printed.
SUMMARY_CSS = _css("summary.css")
#: The records-request letter (`letter.css`): one page to print and fill in by hand.
LETTER_CSS = _css("letter.css")
