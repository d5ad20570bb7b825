"""Generate the scenario links of the educators' guide (docs/educators.md) from the content.

Scenarios, what each teaches and the names of the presenter controls live in `data/`; this module
writes them between `<!-- scenarios:start -->` and `<!-- scenarios:end -->`, with a Binder link and a
local link that preselect each one. Run `python -m secondop.docsgen.educators_doc` after changing scenarios
or labels; a test fails while the block is stale.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import quote, urlencode

from secondop.content.collection import Content
from secondop.content.loading import load_content
from secondop.paths import PACKAGED_DATA

from .markers import markers, replace_block, write_or_check

GUIDE = PACKAGED_DATA.parent / "docs" / "educators.md"
BLOCK = "scenarios"
START, END = markers(BLOCK)
COMMAND = "python -m secondop.docsgen.educators_doc"

#: The published repository is not known yet: replace `secondop/secondop` with the real GitHub org/repo.
BINDER_REPO = "https://mybinder.org/v2/gh/secondop/secondop/main"
APP_PATH = "voila/render/notebooks/second_opinion.ipynb"
LOCAL_APP = "http://127.0.0.1:8866/"


def binder_link(query: str = "") -> str:
    """A Binder link that opens the dashboard (Voilà, no code shown), with an optional query string."""
    return f"{BINDER_REPO}?urlpath={quote(APP_PATH + (f'?{query}' if query else ''), safe='')}"


def scenario_query(scenario_id: str, language: str = "") -> str:
    """`scenario=<id>`, with `lang=<code>` first when the link is for another language than the default."""
    return urlencode({"lang": language, "scenario": scenario_id} if language else {"scenario": scenario_id})


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def scenarios_block(content: Content, translations: Mapping[str, Content] | None = None) -> str:
    """The generated part of the guide: the controls' names, then one row per scenario, with a ready link in
    every other shipped language (`translations`: the content in those languages)."""
    translations = translations or {}
    labels = content.labels.dashboard
    lines = [
        "",
        f"The presenter controls are called **{labels.scenario}** (the example-patient picker), "
        f"**{labels.reset}** (clears every box) and **{labels.large_text}** (for a projector).",
        "",
        "| example patient | what it teaches | ticked | open |"
        + "".join(f" {t.labels.language.name} |" for t in translations.values()),
        "|---|---|---|---|" + "---|" * len(translations),
    ]
    for scenario in content.scenarios.values():
        ticked = [content.circumstances[c].label for c in scenario.circumstances]
        ticked += [content.concerns[c].label for c in scenario.concerns]
        query = scenario_query(scenario.id)
        lines.append(
            f"| **{_cell(scenario.name)}** (`{scenario.id}`) | {_cell(scenario.teaches)} "
            f"| {_cell('; '.join(ticked)) or '—'} "
            f"| [Binder]({binder_link(query)}) · [local]({LOCAL_APP}?{query}) |"
            + "".join(
                f" {_cell(t.scenarios[scenario.id].name)}: [Binder]({binder_link(scenario_query(scenario.id, code))})"
                f" · [local]({LOCAL_APP}?{scenario_query(scenario.id, code)}) |"
                for code, t in translations.items()
            )
        )
    lines.append("")
    return "\n".join(lines)


def updated(text: str, content: Content, translations: Mapping[str, Content] | None = None) -> str:
    """`text` with the generated block replaced by the current one."""
    return replace_block(text, BLOCK, scenarios_block(content, translations))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--guide", type=Path, default=GUIDE, help="the guide to update (default: docs/educators.md)")
    parser.add_argument("--check", action="store_true", help="only check that the guide is current; exit 1 if not")
    args = parser.parse_args(argv)
    content = load_content()
    translations = {code: load_content(None, code) for code in content.settings.all_languages[1:]}
    return write_or_check(args.guide, lambda text: updated(text, content, translations), args.check, COMMAND)


if __name__ == "__main__":
    sys.exit(main())
