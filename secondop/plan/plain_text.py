"""A person's plan as plain text for a terminal: what `secondop assess` prints.

Every heading comes from `content.labels.plan`, so the wording stays in data/.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .assessment import Assessment
from .export.provenance import format_date, language_note, provenance

if TYPE_CHECKING:
    from secondop.content.collection import Content
    from secondop.content.model import Circumstance, Concern, Source

WIDTH = 88


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(
        " ".join(text.split()),
        WIDTH,
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


def plan_text(content: Content, assessment: Assessment) -> str:
    """Render the assessment as wrapped plain text, in the same order as the dashboard."""
    plan = content.labels.plan
    lines = [plan.title, "=" * len(plan.title), _wrap(plan.notice)]

    lines += _heading(plan.your_situation)
    chosen: list[Circumstance | Concern] = [*assessment.circumstances, *assessment.concerns]
    lines += [_wrap(item.label, "  ", "- ") for item in chosen] or [_wrap(plan.nothing_ticked)]

    lines += _heading(plan.always_shown)
    for block in assessment.blocks:
        lines += ["", block.title, _wrap(block.text, "  ")]

    lines += _heading(plan.reasons)
    for number, applied in enumerate(assessment.reasons, start=1):
        reason = applied.reason
        lines += ["", _wrap(reason.title, "   ", f"{number}. "), _wrap(reason.why, "   ")]
        lines.append(_wrap(f"{plan.expert}: {applied.expert.who}", "   "))
        lines.append(_wrap(applied.expert.how, "   "))
        if applied.expert_links:
            lines.append(f"   {plan.where_to_look}:")
            lines += [line for link in applied.expert_links for line in _source_lines(link, "     ")]
        lines.append(_wrap(_cited(plan.source_label, applied.sources), "   "))

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
            lines += ["", concern.label, _wrap(concern.answer, "  ")]

    lines += _heading(plan.sources)
    lines += [line for source in assessment.sources for line in _source_lines(source, "  ", content)]
    lines += ["", f"{plan.reviewed}: {format_date(content, assessment.reviewed)}"]
    if assessment.glossary:
        lines += _heading(plan.glossary)
        for term in assessment.glossary:
            lines.append(_wrap(f"{term.term}: {term.definition}", "    ", "  "))
    return "\n".join(lines) + "\n"
