"""Reading the dashboard's state out of the page, and waiting for it, through the DOM hooks the app provides."""

from __future__ import annotations

import json
from functools import cache

from devtools.browser_harness import ACTION_TIMEOUT_MS
from secondop import assess, load_content
from secondop.content.collection import Content

REASONS = ".secondop-reasons [data-reason]"

# The ids the page shows (hidden parts excluded): reasons by data-reason, checklist items by their
# `secondop-item-<id>` class.
SHOWN_JS = """() => ({
  reasons: [...document.querySelectorAll('.secondop-reasons [data-reason]')]
    .filter(e => e.checkVisibility()).map(e => e.dataset.reason),
  checklist: [...document.querySelectorAll('.secondop-checklist .secondop-item')]
    .filter(e => e.checkVisibility())
    .flatMap(e => [...e.classList].filter(c => c.startsWith('secondop-item-')).map(c => c.slice(14))),
})"""


@cache
def content() -> Content:
    """The project's content, validated once per session (modules call it outside fixtures)."""
    return load_content()


def expected(content: Content, circumstances=(), concerns=()) -> dict[str, list[str]]:
    """What `assess` says the page must show for this selection."""
    result = assess(content, set(circumstances), set(concerns))
    return {"reasons": [r.id for r in result.reasons], "checklist": [i.id for i in result.checklist]}


def shown(page) -> dict[str, list[str]]:
    return page.evaluate(SHOWN_JS)


def wait_for_shown(page, want: dict[str, list[str]], timeout_ms: int = ACTION_TIMEOUT_MS) -> None:
    """Wait until the page shows exactly these reason and checklist ids (order of reasons included)."""
    expression = f"""() => {{
      const shown = ({SHOWN_JS})();
      const want = {json.dumps(want)};
      return JSON.stringify(shown.reasons) === JSON.stringify(want.reasons)
        && JSON.stringify([...shown.checklist].sort()) === JSON.stringify([...want.checklist].sort());
    }}"""
    try:
        page.wait_for_function(expression, timeout=timeout_ms)
    except Exception as error:
        raise AssertionError(f"page shows {shown(page)}, expected {want}") from error


def changing_circumstance(content: Content) -> str:
    """A circumstance that, ticked alone, changes both the reasons and the checklist."""
    none = expected(content)
    for circumstance in content.circumstances:
        one = expected(content, [circumstance])
        if one["reasons"] != none["reasons"] and set(one["checklist"]) != set(none["checklist"]):
            return circumstance
    raise AssertionError("no circumstance changes both reasons and checklist: check data/")


def checkbox(circumstance: str) -> str:
    return f".secondop-circumstance-{circumstance} input[type=checkbox]"
