"""Generate the session plan of the facilitator guide (docs/workshop.md) from the content.

The examples, their facilitator order (`order` in scenarios.yaml), what to ask the room (`ask_the_room`), what
each teaches and the names of presenter mode's controls live in `data/`; this module writes the timed session
plan between `<!-- session:start -->` and `<!-- session:end -->`, with what the plan shows for each example
(the reasons that apply and the kind of expert). Run `python -m secondop.docsgen.workshop_doc` after changing
scenarios or labels; a test fails while the block is stale (`--check` only reports).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from secondop.content.collection import Content
from secondop.content.loading import load_content
from secondop.content.workshop import facilitator_order
from secondop.plan.assessment import assess

from .educators_doc import LOCAL_APP, scenario_query
from .markers import replace_block, write_or_check

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "workshop.md"
BLOCK = "session"
COMMAND = "python -m secondop.docsgen.workshop_doc"

#: Minutes of the session: a welcome, each example, a close. The plan must fit 45 to 60 minutes.
WELCOME_MINUTES = 5
EXAMPLE_MINUTES = 4
CLOSE_MINUTES = 5


def session_minutes(examples: int) -> int:
    return WELCOME_MINUTES + examples * EXAMPLE_MINUTES + CLOSE_MINUTES


def _one_line(text: str) -> str:
    return " ".join(text.split())


def session_block(content: Content) -> str:
    """The generated part of the guide: the controls' names, the timetable, then one section per example."""
    order = facilitator_order(content)
    dash, present = content.labels.dashboard, content.labels.presenter
    total = session_minutes(len(order))
    lines = [
        "",
        f"The session takes about **{total} minutes**: {WELCOME_MINUTES} to welcome the room and open the app, "
        f"{EXAMPLE_MINUTES} for each of the {len(order)} examples, and {CLOSE_MINUTES} to close. "
        "Short of time? Stop after any example; the order puts the common situations first.",
        "",
        f"Presenter mode's controls are called **{present.mode}** (the switch under **{dash.presenters}**), "
        f"**{present.previous}**, **{present.next}**, **{present.show_answer}** (ticks the example's own boxes "
        f"and shows the plan), **{present.show_plan}** (shows the plan for the boxes ticked now) and "
        f"**{dash.reset}** (unticks every box and hides the plan again).",
        "",
        "| minute | what happens |",
        "|---:|---|",
        f"| 0 | Welcome. Open the app in presenter mode ({LOCAL_APP}?present=1). Say that it is education, "
        "not medical advice. Put the QR link on screen (see below). |",
    ]
    minute = WELCOME_MINUTES
    for number, scenario_id in enumerate(order, start=1):
        lines.append(f"| {minute} | Example {number}: {_one_line(content.scenarios[scenario_id].name)} |")
        minute += EXAMPLE_MINUTES
    lines += [f"| {minute} | Close: questions, and where to get help. |", ""]

    for number, scenario_id in enumerate(order, start=1):
        scenario = content.scenarios[scenario_id]
        plan = assess(content, scenario.circumstances, scenario.concerns)
        ticked = [content.circumstances[c].label for c in scenario.circumstances]
        ticked += [content.concerns[c].label for c in scenario.concerns]
        lines += [
            f"### {number}. {_one_line(scenario.name)} (`{scenario.id}`)",
            "",
            f"- **Story** (on screen): {_one_line(scenario.story)}",
            f"- **Ask the room:** {_one_line(scenario.ask_the_room)}",
            f"- **The answer** ({present.show_answer}): {'; '.join(ticked) or '—'}.",
            "- **What the plan shows:** "
            + "; ".join(f"{_one_line(a.reason.title)} (look for: {_one_line(a.expert.who)})" for a in plan.reasons)
            + ".",
            f"- **What it teaches:** {_one_line(scenario.teaches)}",
            f"- **Open it alone:** {LOCAL_APP}?{scenario_query(scenario.id)}&present=1",
            "",
        ]
    return "\n".join(lines)


def updated(text: str, content: Content) -> str:
    """`text` with the generated block replaced by the current one."""
    return replace_block(text, BLOCK, session_block(content))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--guide", type=Path, default=GUIDE, help="the guide to update (default: docs/workshop.md)")
    parser.add_argument("--check", action="store_true", help="only check that the guide is current; exit 1 if not")
    args = parser.parse_args(argv)
    content = load_content()
    return write_or_check(args.guide, lambda text: updated(text, content), args.check, COMMAND)


if __name__ == "__main__":
    sys.exit(main())
