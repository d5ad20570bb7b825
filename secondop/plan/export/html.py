"""A person's plan as one self-contained HTML page: no scripts, no fonts, no request of any kind.

Every content string goes through html.escape; only http(s) source addresses become links.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from secondop.plan.assessment import AppliedReason, Assessment, ChecklistGroup, sources_of
from secondop.plan.marks import Marks
from secondop.plan.points import points

from . import decision_html as dh
from .once import experts_above
from .phones import link_phones
from .provenance import format_date, language_note, provenance
from .style import PLAN_CSS
from .urls import safe_url

if TYPE_CHECKING:
    from secondop.content.collection import Content
    from secondop.content.model import AlwaysShown, Concern, GlossaryTerm, Source


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _section(key: str, heading: str, body: list[str]) -> list[str]:
    """A section labelled by its heading, so screen readers can jump between them."""
    return [f'<section aria-labelledby="h-{key}">', f'<h2 id="h-{key}">{_e(heading)}</h2>', *body, "</section>"]


def _link(text: str, url: object, css_class: str = "external") -> str:
    address = safe_url(url)
    if address is None:
        return _e(text)
    return f'<a class="{css_class}" href="{_e(address)}">{_e(text)}</a>'


def _refs(sources: tuple[Source, ...], numbers: dict[str, int]) -> str:
    return " ".join(f'<a href="#source-{_e(s.id)}">[{numbers[s.id]}]</a>' for s in sources if s.id in numbers)


def _situation(content: Content, assessment: Assessment) -> list[str]:
    if not assessment.circumstances:
        return [f"<p>{_e(content.labels.plan.nothing_ticked)}</p>"]
    return ["<ul>", *(f"<li>{_e(c.label)}</li>" for c in assessment.circumstances), "</ul>"]


def _worry(concern: Concern, content: Content, numbers: dict[str, int]) -> list[str]:
    parts, cites = points(concern.answer), dh.cite(content, concern, numbers)
    if len(parts) == 1:
        answer = [f"<p>{_e(parts[0])}{cites}</p>"]
    else:  # short points, the sources after the last
        *first, last = parts
        answer = ["<ul>", *(f"<li>{_e(part)}</li>" for part in first), f"<li>{_e(last)}{cites}</li>", "</ul>"]
    return ['<div class="worry">', f"<h3>{_e(concern.label)}</h3>", *answer, "</div>"]


def _block(block: AlwaysShown, content: Content, numbers: dict[str, int]) -> list[str]:
    cites = _refs(sources_of(content, block.sources), numbers)
    return [
        f'<div class="block" id="block-{_e(block.id)}">',
        f"<h3>{_e(block.title)}</h3>",
        f"<p>{_e(block.text)}</p>",
        f'<p class="cites">{_e(content.labels.plan.source_label)}: {cites}</p>',
        "</div>",
    ]


def _first_steps(assessment: Assessment, content: Content, numbers: dict[str, int]) -> list[str]:
    """What to do this week: the ordered steps a plan opens with when time is short."""
    items = [
        f'<li id="step-{_e(step.id)}"><strong>{_e(step.text)}.</strong> {_e(step.how)} '
        f'<span class="cites">{_refs(sources_of(content, step.sources), numbers)}</span></li>'
        for step in assessment.first_steps
    ]
    return ['<ol class="first-steps">', *items, "</ol>"]


def _glossary(terms: tuple[GlossaryTerm, ...], content: Content, numbers: dict[str, int]) -> list[str]:
    items = [f"<dt>{_e(t.term)}</dt><dd>{_e(t.definition)}{dh.cite(content, t, numbers)}</dd>" for t in terms]
    return ['<dl class="glossary">', *items, "</dl>"]


def _reason(applied: AppliedReason, content: Content, numbers: dict[str, int], above: str = "") -> list[str]:
    """One reason; `above` names an earlier reason with the same expert, whose paragraph is not repeated."""
    labels = content.labels.plan
    out = [
        '<article class="reason">',
        f"<h3>{_e(applied.reason.title)}</h3>",
        f"<p>{_e(applied.reason.why)}</p>",
    ]
    if above:
        same = labels.expert_same.format(reason=above)
        out.append(f'<p><span class="term">{_e(labels.expert)}:</span> {_e(same)}</p>')
    else:
        out += [
            f'<p><span class="term">{_e(labels.expert)}:</span> {_e(applied.expert.who)}</p>',
            f"<p>{_e(applied.expert.how)}{dh.cite(content, applied.expert, numbers)}</p>",
        ]
    if applied.expert_links and not above:
        out.append(f'<p><span class="term">{_e(labels.where_to_look)}:</span></p>')
        links = [f"<li>{_link(s.title, s.url)} {_refs((s,), numbers)}</li>" for s in applied.expert_links]
        out += ["<ul>", *links, "</ul>"]
    if applied.sources:
        out.append(f'<p class="cites">{_e(labels.source_label)}: {_refs(applied.sources, numbers)}</p>')
    out.append("</article>")
    return out


def _group(group: ChecklistGroup, content: Content, numbers: dict[str, int]) -> list[str]:
    how_label = _e(content.labels.plan.how_to_get)
    out = ['<div class="group">', f"<h3>{_e(group.review_point.title)}</h3>", '<ul class="checklist">']
    for item in group.items:
        box = f"item-{_e(item.id)}"
        out += [
            f'<li><input type="checkbox" id="{box}" aria-describedby="{box}-how">',
            f'<label for="{box}">{_e(item.text)}</label>',
            f'<p class="how" id="{box}-how"><span class="term">{how_label}:</span> {_e(item.how_to_get)}'
            f"{dh.cite(content, item, numbers)}</p></li>",
        ]
    out += ["</ul>", "</div>"]
    return out


def source_item(source: Source, content: Content, anchor: bool = True, numbers: dict[str, int] | None = None) -> str:
    """A source as a list item: title (marked if in another language), publisher, address, and whether it was
    checked or is known through a report. `anchor` gives it the id the plan's `[n]` references point to."""
    address = safe_url(source.url)
    note = language_note(content, source)
    lang = f' lang="{_e(source.language)}"' if note else ""
    parts = [f"<cite{lang}>{_e(source.title)}</cite>" + (f" {_e(note)}" if note else ""), _e(source.publisher)]
    if address:
        parts.append(f'<a href="{_e(address)}">{_e(address)}</a>')
    elif source.url is not None:
        parts.append(_e(source.url))
    status = provenance(content, source)
    if status.checked is not None:
        parts.append(f'{_e(status.label)}: <time datetime="{status.checked}">{_e(status.value)}</time>')
    else:
        value = f'<span lang="{_e(status.lang)}">{_e(status.value)}</span>' if status.lang else _e(status.value)
        report = content.sources.get(source.summarised_in or "")
        marker = f" {_refs((report,), numbers)}" if numbers and report is not None else ""
        parts.append(f"{_e(status.label)}: {value}{marker}")
    opening = f'<li id="source-{_e(source.id)}">' if anchor else "<li>"
    return opening + " — ".join(parts) + "</li>"


def page_head(language: str, title: str, css: str) -> list[str]:
    """The start of a self-contained page up to `</head>`: language, viewport, title and inline styles."""
    return [
        "<!doctype html>",
        f'<html lang="{_e(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{css}</style>",
        "</head>",
    ]


def plan_html(content: Content, assessment: Assessment, marks: Marks | None = None) -> str:
    """The plan as a complete HTML document in the content's language. Same input, same bytes.

    `marks` are the person's own marks in the decision aid (what matters, leaning, SURE answers): shown here
    exactly as chosen, and kept nowhere else."""
    marks = marks or Marks()
    labels = content.labels.plan
    numbers = {source.id: index for index, source in enumerate(assessment.sources, start=1)}
    reviewed, reviewed_shown = assessment.reviewed.isoformat(), format_date(content, assessment.reviewed)
    out = [
        *page_head(content.language, labels.title, PLAN_CSS),
        "<body>",
        "<main>",
        "<header>",
        f"<h1>{_e(labels.title)}</h1>",
        f'<p class="notice" role="note">{_e(labels.notice)}</p>',
        f'<p class="reviewed">{_e(labels.reviewed)}: <time datetime="{reviewed}">{_e(reviewed_shown)}</time></p>',
        "</header>",
    ]
    if assessment.first_steps:  # when time is short, the plan opens with what to do this week
        out += _section("this-week", labels.this_week, _first_steps(assessment, content, numbers))
    out += dh.key_points(content, assessment, numbers)
    out += _section("situation", labels.your_situation, _situation(content, assessment))
    blocks = [x for b in assessment.blocks for x in _block(b, content, numbers)]
    out += _section("always", labels.always_shown, blocks)
    out += dh.choices_table(content, assessment, numbers)
    above = experts_above(assessment.reasons)
    reasons = [x for r in assessment.reasons for x in _reason(r, content, numbers, above.get(r.id, ""))]
    out += _section("reasons", labels.reasons, [*dh.reasons_figure(content, assessment), *reasons])
    out += dh.key_figure(content, assessment, numbers)
    out += dh.values_part(content, assessment, marks, numbers)
    out += dh.sure_part(content, assessment, marks, numbers)
    out += dh.step_path(content, assessment.steps, numbers)
    groups = [x for g in assessment.checklist_groups for x in _group(g, content, numbers)]
    out += _section("checklist", labels.checklist, groups)
    if assessment.questions:
        questions = [f"<li>{_e(q.text)}{dh.cite(content, q, numbers)}</li>" for q in assessment.questions]
        out += _section("questions", labels.questions, ["<ol>", *questions, "</ol>"])
    if assessment.concerns:
        worries = [x for c in assessment.concerns for x in _worry(c, content, numbers)]
        out += _section("worries", labels.worries, worries)
    out += dh.about(content)
    sources = [source_item(s, content, numbers=numbers) for s in assessment.sources]
    out += _section("sources", labels.sources, ['<ol class="sources">', *sources, "</ol>"])
    if assessment.glossary:
        out += _section("glossary", labels.glossary, _glossary(assessment.glossary, content, numbers))
    out += ["</main>", "</body>", "</html>", ""]
    return link_phones("\n".join(out))  # numbers in the wording become links a phone can call
