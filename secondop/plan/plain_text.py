"""A person's plan as plain text for a terminal: what `secondop assess` prints.

Every heading comes from `content.labels.plan`, so the wording stays in data/.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from contextvars import ContextVar
from typing import TYPE_CHECKING

from .assessment import Assessment, sources_of
from .export.decision_html import about_texts, key_step, wait_summary
from .export.decision_md import icon_row
from .export.once import experts_above
from .export.provenance import format_date, language_note, provenance
from .marks import LEANINGS, Marks, sure_result
from .points import points

if TYPE_CHECKING:
    from secondop.content.collection import Content
    from secondop.content.model import Circumstance, Concern, Source

WIDTH = 88
#: The width `_wrap` fills to; 0 leaves each paragraph on one line (`plan_text_for_phone`).
_WIDTH: ContextVar[int] = ContextVar("plain_text_width", default=WIDTH)


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    width = _WIDTH.get()
    if not width:
        return (first if first is not None else indent) + " ".join(text.split())
    return textwrap.fill(
        " ".join(text.split()),
        width,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_long_words=False,  # web addresses stay whole, so they can be copied
        break_on_hyphens=False,
    )


def _heading(text: str) -> list[str]:
    return ["", text, "-" * len(text)]


def _source_lines(source: Source, indent: str, content: Content | None = None) -> list[str]:
    """Title and publisher, then the web address alone on its line (unwrapped, easy to copy)."""
    note = language_note(content, source) if content is not None else ""
    note = f" {note}" if note else ""
    lines = [_wrap(f"{source.title}{note} — {source.publisher}", indent + "  ", indent + "- ")]
    lines += [f"{indent}  {source.url}"] if source.url else []
    if content is not None:
        status = provenance(content, source)
        lines.append(_wrap(f"{status.label}: {status.value}", indent + "  "))
    return lines


def _cited(label: str, sources: Iterable[Source]) -> str:
    return f"{label}: " + "; ".join(source.title for source in sources)


def _key_points(content: Content, assessment: Assessment) -> list[str]:
    labels = content.labels.decision
    lines = ["", _wrap(labels.purpose), *_heading(labels.key_points), _wrap(labels.key_decision, "  ", "- ")]
    if assessment.safety is not None:
        lines.append(_wrap(f"{labels.key_wait}: {wait_summary(assessment.safety.text)}", "  ", "- "))
    if assessment.strongest is not None:
        lines.append(_wrap(f"{labels.key_reason}: {assessment.strongest.reason.title}", "  ", "- "))
    step, text = key_step(assessment)
    if step is not None:
        lines.append(_wrap(f"{labels.key_step}: {text}", "  ", "- "))
    return lines


def _choices(content: Content, assessment: Assessment) -> list[str]:
    labels = content.labels.decision
    lines = [*_heading(labels.choices), _wrap(labels.choices_intro)]
    for choice in assessment.choices:
        lines += ["", choice.name, _wrap(choice.what_happens, "  ")]
        lines += [
            _wrap(f"{labels.good}: {choice.good}", "    ", "  + "),
            _wrap(f"{labels.hard}: {choice.hard}", "    ", "  - "),
        ]
        lines.append(_wrap(_cited(content.labels.plan.source_label, sources_of(content, choice.sources)), "  "))
    figure = assessment.key_figure
    if figure is not None:
        lines += [
            "",
            figure.title,
            f"  {icon_row(figure)}",
            _wrap(figure.text, "  "),
            _wrap(f"{labels.how_to_use}: {labels.figure_use}", "  "),
        ]
    return lines


def _decision_tools(content: Content, assessment: Assessment, marks: Marks) -> list[str]:
    """What matters, the leaning, the SURE test and the step path: marks shown as chosen, blanks otherwise."""
    labels = content.labels.decision
    lines = [*_heading(labels.values), _wrap(labels.values_intro)]
    for value in assessment.values:
        chosen = marks.values.get(value.id)
        levels = " ".join(f"[{'x' if chosen == n else ' '}] {name}" for n, name in enumerate(labels.value_levels))
        lines.append(_wrap(f"{value.statement}: {levels}", "    ", "  - "))
    lines += ["", f"{labels.leaning}:"]
    lines += [
        f"  [{'x' if marks.leaning == key else ' '}] {text}"
        for key, text in zip(LEANINGS, labels.leaning_options, strict=True)
    ]
    lines += [*_heading(labels.sure), _wrap(labels.sure_intro)]
    result = sure_result(assessment.sure_questions, marks.sure)
    for number, question in enumerate(assessment.sure_questions, start=1):
        answer = marks.sure.get(question.id)
        shown = labels.yes if answer is True else labels.no if answer is False else f"[ ] {labels.yes}  [ ] {labels.no}"
        lines.append(_wrap(f"{question.question} {shown}", "   ", f"{number}. "))
    if result.answered:
        lines.append(labels.sure_score.replace("{score}", str(result.score)).replace("{total}", str(result.total)))
        if result.ready:
            lines.append(_wrap(labels.sure_ready))
    if result.not_sure:
        lines += [_wrap(labels.sure_not_ready), *(_wrap(q.if_no, "    ", "  - ") for q in result.next_steps)]
    lines.append(_wrap(labels.sure_credit))
    lines += [*_heading(labels.steps), _wrap(f"{labels.how_to_use}: {labels.steps_use}")]
    for number, step in enumerate(assessment.steps, start=1):
        lines.append(_wrap(f"{step.title}. {step.text}", "   ", f"{number}. "))
    return lines


def plan_text(content: Content, assessment: Assessment, marks: Marks | None = None) -> str:
    """Render the assessment as wrapped plain text, in the same order as the handouts."""
    marks = marks or Marks()
    plan = content.labels.plan
    lines = [plan.title, "=" * len(plan.title), _wrap(plan.notice)]

    if assessment.first_steps:  # when time is short, the plan opens with what to do this week
        lines += _heading(plan.this_week)
        for number, step in enumerate(assessment.first_steps, start=1):
            lines += ["", _wrap(f"{step.text}.", "   ", f"{number}. "), _wrap(step.how, "   ")]

    lines += _key_points(content, assessment)
    lines += _heading(plan.your_situation)
    chosen: list[Circumstance | Concern] = [*assessment.circumstances, *assessment.concerns]
    lines += [_wrap(item.label, "  ", "- ") for item in chosen] or [_wrap(plan.nothing_ticked)]

    lines += _heading(plan.always_shown)
    for block in assessment.blocks:
        lines += ["", block.title, _wrap(block.text, "  ")]

    lines += _choices(content, assessment)
    lines += _heading(plan.reasons)
    above = experts_above(assessment.reasons)  # a shared expert's paragraph once, under its first reason
    for number, applied in enumerate(assessment.reasons, start=1):
        reason = applied.reason
        lines += ["", _wrap(reason.title, "   ", f"{number}. "), _wrap(reason.why, "   ")]
        if applied.id in above:
            lines.append(_wrap(f"{plan.expert}: {plan.expert_same.format(reason=above[applied.id])}", "   "))
        else:
            lines.append(_wrap(f"{plan.expert}: {applied.expert.who}", "   "))
            lines.append(_wrap(applied.expert.how, "   "))
        if applied.expert_links and applied.id not in above:
            lines.append(f"   {plan.where_to_look}:")
            lines += [line for link in applied.expert_links for line in _source_lines(link, "     ")]
        lines.append(_wrap(_cited(plan.source_label, applied.sources), "   "))

    lines += _decision_tools(content, assessment, marks)
    lines += _heading(plan.checklist)
    for group in assessment.checklist_groups:
        lines += ["", group.review_point.title]
        for item in group.items:
            lines.append(_wrap(item.text, "      ", "  [ ] "))
            lines.append(_wrap(f"{plan.how_to_get}: {item.how_to_get}", "      "))

    if assessment.questions:
        lines += _heading(plan.questions)
        lines += [_wrap(question.text, "  ", "- ") for question in assessment.questions]

    if assessment.concerns:
        lines += _heading(plan.worries)
        for concern in assessment.concerns:
            parts = points(concern.answer)
            lines += ["", concern.label]
            if len(parts) == 1:
                lines.append(_wrap(parts[0], "  "))
            else:  # short points
                lines += [_wrap(part, "    ", "  - ") for part in parts]

    lines += _heading(content.labels.decision.about) + [_wrap(text, "  ", "- ") for text in about_texts(content)]
    lines += _heading(plan.sources)
    lines += [line for source in assessment.sources for line in _source_lines(source, "  ", content)]
    lines += ["", f"{plan.reviewed}: {format_date(content, assessment.reviewed)}"]
    if assessment.glossary:
        lines += _heading(plan.glossary)
        for term in assessment.glossary:
            lines.append(_wrap(f"{term.term}: {term.definition}", "    ", "  "))
    return "\n".join(lines) + "\n"


def plan_text_for_phone(content: Content, assessment: Assessment, marks: Marks | None = None) -> str:
    """`plan_text` with each paragraph on one line, for the dashboard's "Download as text".

    A phone shows a text file in its own narrow width; lines broken at 88 characters would break again
    there, every other line a stub. Unbroken paragraphs wrap to whatever screen shows them.
    """
    token = _WIDTH.set(0)
    try:
        return plan_text(content, assessment, marks)
    finally:
        _WIDTH.reset(token)
