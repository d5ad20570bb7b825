"""HTML fragments of the dashboard: pure functions of content and assessment, every text escaped.

Kept apart from the widgets so they can be tested as strings, and so no content text reaches the page
without `html.escape`.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from secondop.plan.assessment import AppliedReason, Assessment, sources_of
from secondop.plan.chart import strength_name
from secondop.plan.export.phones import link_phones
from secondop.plan.export.provenance import format_date, language_note, provenance
from secondop.plan.export.urls import safe_url
from secondop.plan.points import points

if TYPE_CHECKING:
    from secondop.content.collection import Content
    from secondop.content.model import ChecklistItem, Circumstance, Concern, ReviewPoint, Source


def esc(text: object) -> str:
    """Text as HTML text, quotes included (safe inside attributes too)."""
    return escape(str(text), quote=True)


def link(url: object, text: str) -> str:
    """An external link that opens in a new tab, or the plain text when the address is not http(s)."""
    address = safe_url(url)
    if address is None:
        return esc(text)
    return f'<a href="{esc(address)}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'


def heading(level: int, text: str) -> str:
    return f"<h{level}>{esc(text)}</h{level}>"


def _in_lang(text: str, lang: str) -> str:
    """Escaped text, marked with its own language when that is not the page's."""
    return f'<span lang="{esc(lang)}">{esc(text)}</span>' if lang else esc(text)


def source_line(content: Content, source: Source) -> str:
    """Title (a link), publisher, and a note when the source is in another language (marked with its `lang`)."""
    note = language_note(content, source)
    line = f"{link(source.url, source.title)} ({esc(source.publisher)})"
    if not note:
        return line
    return f'<span lang="{esc(source.language)}">{line}</span> {esc(note)}'


def cited(content: Content, sources: tuple[Source, ...]) -> str:
    """A small 'Source: ...' line under an entry."""
    if not sources:
        return ""
    items = "; ".join(source_line(content, s) for s in sources)
    return f'<p class="secondop-cite">{esc(content.labels.plan.source_label)}: {items}</p>'


def circumstance_note(content: Content, entry: Circumstance | Concern) -> str:
    """The one-line explanation under a box, with its glossary terms explained in place."""
    parts = [f'<p class="secondop-explain">{esc(entry.explanation)}</p>']
    for term_id in getattr(entry, "glossary", ()):
        term = content.glossary[term_id]
        parts.append(
            f'<details class="secondop-term"><summary><dfn>{esc(term.term)}</dfn></summary>'
            f"<p>{esc(term.definition)}</p></details>"
        )
    return "".join(parts)


def reason_card(content: Content, applied: AppliedReason, expert_above: str = "") -> str:
    """One reason: title, strength, why, what made it apply, which expert and where to look, sources.

    `expert_above`: the title of a reason shown earlier with the same expert; the card then points to it
    instead of repeating the same "who to look for" paragraph (five reasons can share one expert).
    Phone numbers in the text are `tel:` links.
    """
    plan, dash = content.labels.plan, content.labels.dashboard
    reason = applied.reason
    parts = [
        f'<article class="secondop-reason" data-reason="{esc(reason.id)}" data-strength="{reason.strength}">',
        f"<h3>{esc(reason.title)}</h3>",
        f'<p class="secondop-strength">{esc(strength_name(content, reason.strength))}</p>',
        f"<p>{esc(reason.why)}</p>",
    ]
    if applied.because:
        names = "; ".join(esc(c.label) for c in applied.because)
        parts.append(f'<p class="secondop-because"><strong>{esc(dash.because)}:</strong> {names}</p>')
    if expert_above:
        same = plan.expert_same.format(reason=expert_above)
        parts.append(f'<p class="secondop-expert-same"><strong>{esc(plan.expert)}:</strong> {esc(same)}</p>')
    else:
        parts.append(f"<p><strong>{esc(plan.expert)}:</strong> {esc(applied.expert.who)} {esc(applied.expert.how)}</p>")
    if applied.expert_links and not expert_above:
        links = "".join(f"<li>{source_line(content, s)}</li>" for s in applied.expert_links)
        parts.append(f"<p><strong>{esc(plan.where_to_look)}:</strong></p><ul>{links}</ul>")
    parts.append(cited(content, applied.sources))
    parts.append("</article>")
    return link_phones("".join(parts))


def review_point_intro(point: ReviewPoint) -> str:
    return f"<h3>{esc(point.title)}</h3><p>{esc(point.doctor_checks)}</p>"


def how_to_get(content: Content, item: ChecklistItem) -> str:
    return f'<p class="secondop-how"><strong>{esc(content.labels.plan.how_to_get)}:</strong> {esc(item.how_to_get)}</p>'


def progress(content: Content, done: int, total: int) -> str:
    """'3 of 12' as words for everyone and a progress bar for the eye."""
    text = content.labels.dashboard.progress.replace("{done}", str(done)).replace("{total}", str(total))
    return (
        f'<p class="secondop-progress-text" role="status" aria-live="polite">{esc(text)}</p>'
        f'<progress max="{max(total, 1)}" value="{done}" aria-hidden="true"></progress>'
    )


def questions_list(content: Content, assessment: Assessment) -> str:
    items = "".join(f"<li>{esc(q.text)}</li>" for q in assessment.questions)
    return heading(2, content.labels.plan.questions) + (f"<ol>{items}</ol>" if items else "")


def worries(content: Content, assessment: Assessment) -> str:
    """The answers to the ticked worries, or a hint to tick one."""
    parts = [heading(2, content.labels.plan.worries)]
    if not assessment.concerns:
        parts.append(f'<p class="secondop-hint">{esc(content.labels.dashboard.worries_hint)}</p>')
    for concern in assessment.concerns:
        parts.append(
            f'<div class="secondop-worry" data-concern="{esc(concern.id)}"><h3>{esc(concern.label)}</h3>'
            f"{_answer_html(concern.answer)}{cited(content, sources_of(content, concern.sources))}</div>"
        )
    return "".join(parts)


def _answer_html(answer: str) -> str:
    """One paragraph, or a list of short points when the answer has several (see secondop.plan.points)."""
    parts = points(answer)
    if len(parts) == 1:
        return f"<p>{esc(parts[0])}</p>"
    return "<ul>" + "".join(f"<li>{esc(part)}</li>" for part in parts) + "</ul>"


def sources_list(content: Content, assessment: Assessment) -> str:
    """Every source behind the plan shown, and the date the content was last reviewed."""
    plan = content.labels.plan
    items = "".join(
        f"<li>{source_line(content, s)}. {esc(status.label)}: {_in_lang(status.value, status.lang)}</li>"
        for s in assessment.sources
        for status in [provenance(content, s)]
    )
    return (
        heading(2, plan.sources)
        + f"<ul>{items}</ul>"
        + f'<p class="secondop-reviewed"><strong>{esc(plan.reviewed)}:</strong> '
        + f"{esc(format_date(content, content.reviewed))}</p>"
    )


def always_shown(content: Content, assessment: Assessment) -> str:
    """The blocks every plan shows (when not to wait first), each with its sources."""
    parts = [heading(2, content.labels.plan.always_shown)]
    for block in assessment.blocks:
        parts.append(
            f'<div class="secondop-block" data-block="{esc(block.id)}"><h3>{esc(block.title)}</h3>'
            f"<p>{esc(block.text)}</p>{cited(content, sources_of(content, block.sources))}</div>"
        )
    return "".join(parts)


def first_steps(content: Content, assessment: Assessment) -> str:
    """What to do this week, in order, when a ticked box says time is short; nothing otherwise."""
    if not assessment.first_steps:
        return ""
    items = "".join(
        f'<li data-step="{esc(step.id)}"><strong>{esc(step.text)}.</strong> {esc(step.how)}'
        f"{cited(content, sources_of(content, step.sources))}</li>"
        for step in assessment.first_steps
    )
    return heading(2, content.labels.plan.this_week) + f'<ol class="secondop-first-steps">{items}</ol>'


def glossary(content: Content, assessment: Assessment) -> str:
    """The words the plan on screen uses, explained: printed with the plan too."""
    if not assessment.glossary:
        return ""
    items = "".join(f"<dt>{esc(t.term)}</dt><dd>{esc(t.definition)}</dd>" for t in assessment.glossary)
    return heading(2, content.labels.plan.glossary) + f'<dl class="secondop-glossary-list">{items}</dl>'


def notice(content: Content) -> str:
    return f'<p role="note"><strong>{esc(content.labels.plan.notice)}</strong></p>'


def scenario_story(content: Content, scenario_id: str) -> str:
    if scenario_id not in content.scenarios:
        return ""
    scenario = content.scenarios[scenario_id]
    return (
        f'<div class="secondop-story"><h3>{esc(scenario.name)}</h3><p>{esc(scenario.story)}</p>'
        f"<p><strong>{esc(content.labels.dashboard.scenario_teaches)}:</strong> {esc(scenario.teaches)}</p></div>"
    )


def situation(content: Content, assessment: Assessment) -> str:
    """The ticked boxes as a list: only printed, since on screen the boxes show them."""
    plan = content.labels.plan
    names = [c.label for c in assessment.circumstances] + [c.label for c in assessment.concerns]
    body = "".join(f"<li>{esc(n)}</li>" for n in names) if names else ""
    return heading(2, plan.your_situation) + (f"<ul>{body}</ul>" if body else f"<p>{esc(plan.nothing_ticked)}</p>")


#: A link's target that carries a whole file (a data URI): the plan's downloads.
FILE_TARGET = re.compile(r'\shref="data:[^"]*"')


def without_file_targets(html: str) -> str:
    """`html` with its file links' targets left out (their text stays): what a page shows until the files are
    sent (the first view; the dashboard before its foot is on screen)."""
    return FILE_TARGET.sub("", html)


#: Characters a document keeps as they are in its data URI: none that ends an HTML attribute (`"`), starts
#: an entity (`&`) or markup (`<`, `>`), starts a fragment (`#`) or an escape (`%`), and no white space
#: (a URL parser drops tabs and newlines). Everything else is percent-encoded as UTF-8.
_URI_SAFE = "/:=;,.-_()!*'?@+$~"


def data_uri(document: str, mime: str) -> str:
    """`document` as a data URI for a download link, percent-encoded rather than base64: the same file, but
    the text stays text, so the page's compression works on it (the plan's five files: 77 -> 50 KiB deflated
    on the way to the page, on every change)."""
    return f"data:{mime};charset=utf-8,{quote(document, safe=_URI_SAFE)}"


def data_uri_document(uri: str) -> str:
    """The document a `data_uri` carries (for tests and tools reading a page's links)."""
    header, _, payload = uri.partition(",")
    if header.endswith(";base64"):
        return base64.b64decode(payload).decode("utf-8")
    return unquote(payload, encoding="utf-8")


def file_stem(content: Content, base: str, scenario_id: str = "") -> str:
    """A download's name without extension: `base`, whose example it is (its first name), the language.

    "second-opinion-plan-grace-en", "plan-de-segunda-opinion-es": two downloads from a workshop, or one in
    each language, no longer share a name (the browser's "(1)" told nothing about which was which).
    """
    scenario = content.scenarios.get(scenario_id) if scenario_id else None
    parts = [base, _slug(scenario.name.split(",")[0]) if scenario is not None else "", content.language]
    return "-".join(part for part in parts if part)


def _slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by hyphens ("Sofía" -> "sofia"), safe in any file name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def downloads(
    content: Content,
    plan_html: str,
    plan_markdown: str,
    query: str,
    letter_html: str = "",
    *,
    plan_text: str = "",
    scenario: str = "",
) -> str:
    """Download links carrying the whole plan, a print button and a link that reopens this selection.

    "Download as text" is plain text a phone can show (`plan_text`); the Markdown, for analysts, has its own
    link. File names say whose example it is and the language (`file_stem`).
    """
    dash = content.labels.dashboard
    plan_name = esc(file_stem(content, dash.file_name, scenario))
    text_link = (
        f'<li><a download="{plan_name}.txt" href="{data_uri(plan_text, "text/plain")}">'
        f"{esc(content.labels.files.download_text)}</a></li>"
        if plan_text
        else ""
    )
    return (
        heading(2, dash.share)
        + '<ul class="secondop-download-links">'
        + f'<li><a download="{plan_name}.html" href="{data_uri(plan_html, "text/html")}">'
        + f"{esc(dash.download_html)}</a></li>"
        + text_link
        + (
            f'<li><a download="{esc(file_stem(content, content.letter.file_name, scenario))}.html" '
            f'href="{data_uri(letter_html, "text/html")}">{esc(content.letter.link)}</a></li>'
            if letter_html
            else ""
        )
        + f'<li><a class="secondop-share-link" href="?{esc(query)}">{esc(dash.share_link)}</a></li>'
        + f'<li><a download="{plan_name}.md" href="{data_uri(plan_markdown, "text/markdown")}">'
        + f"{esc(dash.download_markdown)}</a></li>"
        + "</ul>"
        + f'<button type="button" class="secondop-print" onclick="window.print()">{esc(dash.print_view)}</button>'
    )
