"""A person's plan as Markdown: a plain-text file that reads well as is and renders well anywhere.

Content is escaped so that it can never become a link, an image, HTML or other markup: only the
plan's own http(s) source addresses are links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secondop.plan.assessment import Assessment, sources_of
from secondop.plan.marks import Marks
from secondop.plan.points import points

from . import decision_md as dm
from .md_escape import md_text
from .once import experts_above
from .provenance import format_date, language_note, provenance
from .urls import safe_url

if TYPE_CHECKING:
    from secondop.content.collection import Content
    from secondop.content.model import Source


def md_link(text: str, url: object) -> str:
    """A link when the address is http(s); otherwise the text alone, so nothing unsafe is clickable."""
    address = safe_url(url)
    return f"[{md_text(text)}](<{address}>)" if address else md_text(text)


def _refs(sources: tuple[Source, ...], numbers: dict[str, int]) -> str:
    return " ".join(f"\\[{numbers[s.id]}\\]" for s in sources if s.id in numbers)


def plan_markdown(content: Content, assessment: Assessment, marks: Marks | None = None) -> str:
    """The plan as Markdown (GitHub-flavoured task lists for the checklist). Same input, same bytes.

    `marks` are the person's own marks in the decision aid, shown exactly as chosen."""
    marks = marks or Marks()
    labels = content.labels.plan
    numbers = {source.id: index for index, source in enumerate(assessment.sources, start=1)}
    out: list[str] = [f"# {md_text(labels.title)}", "", f"> {md_text(labels.notice)}", ""]
    out += [f"{md_text(labels.reviewed)}: {md_text(format_date(content, assessment.reviewed))}", ""]

    if assessment.first_steps:  # when time is short, the plan opens with what to do this week
        out += [f"## {md_text(labels.this_week)}", ""]
        for number, step in enumerate(assessment.first_steps, start=1):
            cites = _refs(sources_of(content, step.sources), numbers)
            out.append(f"{number}. **{md_text(step.text)}.** {md_text(step.how)} {cites}".rstrip())
        out.append("")

    out += dm.key_points(content, assessment, numbers)
    out += [f"## {md_text(labels.your_situation)}", ""]
    if assessment.circumstances:
        out += [f"- {md_text(c.label)}" for c in assessment.circumstances]
    else:
        out.append(md_text(labels.nothing_ticked))
    out.append("")

    out += [f"## {md_text(labels.always_shown)}", ""]
    for block in assessment.blocks:
        cites = _refs(sources_of(content, block.sources), numbers)
        out += [
            f"### {md_text(block.title)}",
            "",
            md_text(block.text),
            "",
            f"*{md_text(labels.source_label)}:* {cites}",
        ]
        out.append("")

    out += dm.choices_table(content, assessment, numbers)
    out += [f"## {md_text(labels.reasons)}", ""]
    out += dm.chart_text(content, assessment)
    above = experts_above(assessment.reasons)  # a shared expert's paragraph once, under its first reason
    for applied in assessment.reasons:
        out += [f"### {md_text(applied.reason.title)}", "", md_text(applied.reason.why), ""]
        if applied.id in above:
            same = labels.expert_same.format(reason=above[applied.id])
            out += [f"**{md_text(labels.expert)}:** {md_text(same)}", ""]
        else:
            how = md_text(applied.expert.how) + dm.cite(content, applied.expert, numbers)
            out += [f"**{md_text(labels.expert)}:** {md_text(applied.expert.who)}", "", how, ""]
        if applied.expert_links and applied.id not in above:
            out += [f"**{md_text(labels.where_to_look)}:**", ""]
            out += [f"- {md_link(link.title, link.url)} {_refs((link,), numbers)}" for link in applied.expert_links]
            out.append("")
        if applied.sources:
            out += [f"*{md_text(labels.source_label)}:* {_refs(applied.sources, numbers)}", ""]

    out += dm.key_figure(content, assessment, numbers)
    out += dm.values_part(content, assessment, marks, numbers)
    out += dm.sure_part(content, assessment, marks, numbers)
    out += dm.step_path(content, assessment, numbers)
    out += [f"## {md_text(labels.checklist)}", ""]
    for group in assessment.checklist_groups:
        out += [f"### {md_text(group.review_point.title)}", ""]
        for item in group.items:
            how = f"  *{md_text(labels.how_to_get)}:* {md_text(item.how_to_get)}{dm.cite(content, item, numbers)}"
            out += [f"- [ ] {md_text(item.text)}", "", how, ""]

    if assessment.questions:
        out += [f"## {md_text(labels.questions)}", ""]
        out += [f"{n}. {md_text(q.text)}{dm.cite(content, q, numbers)}" for n, q in enumerate(assessment.questions, 1)]
        out.append("")

    if assessment.concerns:
        out += [f"## {md_text(labels.worries)}", ""]
        for concern in assessment.concerns:
            parts, cites = points(concern.answer), dm.cite(content, concern, numbers)
            if len(parts) == 1:
                answer = [md_text(parts[0]) + cites]
            else:  # short points, the sources after the last
                answer = [f"- {md_text(part)}" for part in parts]
                answer[-1] += cites
            out += [f"### {md_text(concern.label)}", "", *answer, ""]

    out += dm.about(content)
    out += [f"## {md_text(labels.sources)}", ""]
    for number, source in enumerate(assessment.sources, start=1):
        address = safe_url(source.url)
        note = language_note(content, source)
        parts = [md_text(f"{source.title} {note}".strip()), md_text(source.publisher)]
        if address:
            parts.append(f"<{address}>")
        elif source.url is not None:
            parts.append(md_text(source.url))
        status = provenance(content, source)
        report = content.sources.get(source.summarised_in or "")
        marker = f" {_refs((report,), numbers)}" if report is not None and report.id in numbers else ""
        parts.append(f"{md_text(status.label)}: {md_text(status.value)}{marker}")
        out.append(f"{number}. " + " — ".join(parts))
    out.append("")
    if assessment.glossary:
        out += [f"## {md_text(labels.glossary)}", ""]
        for term in assessment.glossary:
            out += [f"**{md_text(term.term)}:** {md_text(term.definition)}{dm.cite(content, term, numbers)}", ""]
    return "\n".join(out)
