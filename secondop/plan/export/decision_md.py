"""The decision aid in the Markdown handout: key points, the choices as a table, the person's marks, the SURE
test, the step path, the key figure (with a text picture) and "About this guide".

Every content string goes through `md_text`, so nothing in the content can become markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secondop.plan.assessment import Assessment, sources_of
from secondop.plan.chart import chart_summary
from secondop.plan.marks import LEANINGS, Marks, sure_result

from .decision_html import about_texts, key_step, wait_summary
from .md_escape import md_text

if TYPE_CHECKING:
    from secondop.content.collection import Content
    from secondop.content.model import KeyFigure

#: A text picture of the key figure: the low end, the rest of the range, the others.
ICONS = ("●", "◐", "○")


def _md(value: object) -> str:
    return md_text(value)


def cite(content: Content, entry: object, numbers: dict[str, int]) -> str:
    """The `[n]` markers of an entry's sources, with a leading space; empty if none."""
    found = [numbers[s.id] for s in sources_of(content, getattr(entry, "sources", ())) if s.id in numbers]
    return "".join(f" \\[{n}\\]" for n in found)


def key_points(content: Content, assessment: Assessment, numbers: dict[str, int]) -> list[str]:
    labels = content.labels.decision
    out = [f"**{_md(labels.purpose)}**", "", f"## {_md(labels.key_points)}", "", f"- {_md(labels.key_decision)}"]
    safety = assessment.safety
    if safety is not None:
        out.append(f"- **{_md(labels.key_wait)}:** {_md(wait_summary(safety.text))}{cite(content, safety, numbers)}")
    strongest = assessment.strongest
    if strongest is not None:
        reason = strongest.reason
        out.append(f"- **{_md(labels.key_reason)}:** {_md(reason.title)}{cite(content, reason, numbers)}")
    step, text = key_step(assessment)
    if step is not None:
        out.append(f"- **{_md(labels.key_step)}:** {_md(text)}{cite(content, step, numbers)}")
    return [*out, ""]


def choices_table(content: Content, assessment: Assessment, numbers: dict[str, int]) -> list[str]:
    labels = content.labels.decision
    out = [f"## {_md(labels.choices)}", "", _md(labels.choices_intro), ""]
    out += [f"| {_md(labels.choice)} | {_md(labels.good)} | {_md(labels.hard)} |", "|---|---|---|"]
    for choice in assessment.choices:
        first = f"**{_md(choice.name)}:** {_md(choice.what_happens)}{cite(content, choice, numbers)}"
        out.append(f"| {first} | {_md(choice.good)} | {_md(choice.hard)} |")
    return [*out, ""]


def chart_text(content: Content, assessment: Assessment) -> list[str]:
    """The reasons chart in words (the handout's text alternative), and how to use it."""
    labels = content.labels
    if not assessment.reasons:
        return []
    return [
        f"*{_md(labels.dashboard.chart_title)}:* {_md(chart_summary(content, assessment))}",
        "",
        f"*{_md(labels.decision.how_to_use)}:* {_md(labels.decision.chart_use)}",
        "",
    ]


def icon_row(figure: KeyFigure) -> str:
    """The icon array as text, e.g. `●◐◐◐◐◐◐○○○` for 1 to 7 of 10."""
    return "".join(ICONS[0 if i < figure.low else 1 if i < figure.high else 2] for i in range(figure.out_of))


def key_figure(content: Content, assessment: Assessment, numbers: dict[str, int]) -> list[str]:
    figure = assessment.key_figure
    if figure is None:
        return []
    labels = content.labels.decision
    legend = "; ".join(
        f"{icon} {_md(text)}"
        for icon, text in zip(ICONS, (labels.figure_marked, labels.figure_maybe, labels.figure_rest), strict=True)
    )
    return [
        f"### {_md(figure.title)}",
        "",
        f"`{icon_row(figure)}` ({legend})",
        "",
        f"{_md(figure.text)}{cite(content, figure, numbers)}",
        "",
        f"*{_md(labels.how_to_use)}:* {_md(labels.figure_use)}",
        "",
    ]


def values_part(content: Content, assessment: Assessment, marks: Marks, numbers: dict[str, int]) -> list[str]:
    labels = content.labels.decision
    levels = labels.value_levels
    out = [f"## {_md(labels.values)}", "", _md(labels.values_intro), ""]
    out += ["| | " + " | ".join(_md(level) for level in levels) + " |", "|---|" + "---|" * len(levels)]
    for value in assessment.values:
        chosen = marks.values.get(value.id)
        cells = " | ".join("☑" if chosen == n else "☐" if chosen is None else " " for n in range(len(levels)))
        out.append(f"| {_md(value.statement)}{cite(content, value, numbers)} | {cells} |")
    out += ["", f"**{_md(labels.leaning)}:**", ""]
    out += [
        f"- {'☑' if marks.leaning == key else '☐'} {_md(text)}"
        for key, text in zip(LEANINGS, labels.leaning_options, strict=True)
    ]
    out.append("")
    if not marks.is_empty:
        out += [f"*{_md(labels.marks_note)}*", ""]
    return out


def sure_part(content: Content, assessment: Assessment, marks: Marks, numbers: dict[str, int]) -> list[str]:
    labels = content.labels.decision
    result = sure_result(assessment.sure_questions, marks.sure)
    out = [f"## {_md(labels.sure)}", "", _md(labels.sure_intro), ""]
    for number, question in enumerate(assessment.sure_questions, start=1):
        answer = marks.sure.get(question.id)
        shown = labels.yes if answer is True else labels.no if answer is False else f"☐ {labels.yes} ☐ {labels.no}"
        out.append(f"{number}. {_md(question.question)}{cite(content, question, numbers)} **{_md(shown)}**")
    out.append("")
    if result.answered:
        score = labels.sure_score.replace("{score}", str(result.score)).replace("{total}", str(result.total))
        out += [f"**{_md(score)}**", ""]
        if result.ready:
            out += [_md(labels.sure_ready), ""]
    elif marks.sure:
        out += [_md(labels.sure_unanswered), ""]
    if result.not_sure:
        out += [_md(labels.sure_not_ready), "", *(f"- {_md(q.if_no)}" for q in result.next_steps), ""]
    return [*out, f"*{_md(labels.sure_credit)}*", ""]


def step_path(content: Content, assessment: Assessment, numbers: dict[str, int]) -> list[str]:
    labels = content.labels.decision
    out = [f"## {_md(labels.steps)}", "", f"*{_md(labels.how_to_use)}:* {_md(labels.steps_use)}", ""]
    out += [
        f"{n}. **{_md(step.title)}.** {_md(step.text)}{cite(content, step, numbers)}"
        for n, step in enumerate(assessment.steps, start=1)
    ]
    return [*out, ""]


def about(content: Content) -> list[str]:
    texts = about_texts(content)
    return [f"## {_md(content.labels.decision.about)}", "", *(f"- {_md(text)}" for text in texts), ""]
