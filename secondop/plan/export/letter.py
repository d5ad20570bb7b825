"""The records-request letter: one self-contained HTML page asking a provider for copies under the HIPAA
right of access, listing exactly the records the person's plan says to bring.

Personal details (name, date of birth, record number, address, signature, date) are blank lines to fill in
by hand: nothing here takes a personal value, so none can ever be printed. No scripts, no fonts, no request;
every content string goes through html.escape.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from secondop.content.rules import with_reports
from secondop.plan.assessment import Assessment, sources_of

from .html import page_head, source_item
from .provenance import format_date

if TYPE_CHECKING:
    from secondop.content.collection import Content
    from secondop.content.model import ChecklistItem, Source

LETTER_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-size: 112.5%; }
body {
  margin: 0 auto; max-width: 46rem; padding: 1.5rem 1rem 3rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  line-height: 1.45; color: #1a1a1a; background: #ffffff;
}
h1 { font-size: 1.5rem; line-height: 1.25; margin: 1.2rem 0 0.8rem; }
h2 { font-size: 1.1rem; margin: 1.1rem 0 0.4rem; }
p { margin: 0.45rem 0; }
a { color: #0a3d75; text-decoration: underline; overflow-wrap: anywhere; }
a:focus-visible { outline: 3px solid #0a3d75; outline-offset: 2px; }
.field { display: flex; align-items: flex-end; gap: 0.5rem; margin: 0.55rem 0; break-inside: avoid; }
.field .label { white-space: nowrap; font-weight: 600; }
.blank { flex: 1 1 auto; min-width: 8rem; height: 1.5em; border-bottom: 1px solid #1a1a1a; }
.blank.extra { display: block; margin: 0 0 0.55rem; }
.records li { margin: 0.2rem 0; }
.ticks { list-style: none; padding-left: 0; }
.ticks > li { margin: 0.45rem 0; break-inside: avoid; }
.box {
  display: inline-block; width: 1em; height: 1em; border: 1.5px solid #1a1a1a;
  vertical-align: -0.15em; margin-right: 0.5rem;
}
.indent { margin-left: 1.5rem; }
.notes { margin-top: 2.5rem; border-top: 2px solid #1a1a1a; padding-top: 0.5rem; }
.notice { border: 2px solid #1a1a1a; padding: 0.6rem 0.8rem; font-weight: 600; }
.sources li { margin-bottom: 0.4rem; }
time { white-space: nowrap; }
@page { size: auto; margin: 16mm 18mm; }
@media print {
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; color: #000000; }
  a { color: #000000; }
  h1, h2 { break-after: avoid; page-break-after: avoid; }
  .blank, .box, .notice { border-color: #000000; }
  .notes { break-before: page; page-break-before: always; border-top: none; margin-top: 0; padding-top: 0; }
}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def requested_records(assessment: Assessment) -> tuple[ChecklistItem, ...]:
    """The records the letter asks for: the plan's checklist items marked `record: true`, in the plan's order."""
    return tuple(item for item in assessment.checklist if item.record)


def letter_sources(content: Content) -> tuple[Source, ...]:
    """The letter's sources in the content's language, with the report of any source known only through one."""
    return sources_of(content, with_reports(content.letter.sources, content.sources))


def _field(label: str, extra_lines: int = 0) -> list[str]:
    """A label and a blank line to fill in by hand (and more blank lines under it, e.g. for an address)."""
    out = [f'<p class="field"><span class="label">{_e(label)}:</span><span class="blank"></span></p>']
    out += ['<span class="blank extra"></span>'] * extra_lines
    return out


def _letter(content: Content, records: tuple[ChecklistItem, ...]) -> list[str]:
    text = content.letter
    out = ['<article class="letter" aria-labelledby="letter-title">', '<div class="from">']
    out += _field(text.name)
    out += _field(text.birth_date)
    out += _field(text.record_number)
    out += _field(text.address, extra_lines=1)
    out += _field(text.phone)
    out += ["</div>", *_field(text.date), *_field(text.to, extra_lines=1)]
    out += [
        f'<h1 id="letter-title">{_e(text.title)}</h1>',
        f"<p>{_e(text.greeting)}</p>",
        f"<p>{_e(text.request)}</p>",
        f"<h2>{_e(text.records_heading)}</h2>",
        '<ul class="records">',
        *(f'<li data-record="{_e(item.id)}">{_e(item.record_name)}</li>' for item in records),
        "</ul>",
        f"<h2>{_e(text.send_heading)}</h2>",
        '<ul class="ticks">',
        f'<li><span class="box" aria-hidden="true"></span>{_e(text.send_to_me)}</li>',
        f'<li><span class="box" aria-hidden="true"></span>{_e(text.send_to_doctor)}',
        '<div class="indent">',
        *_field(text.doctor_name),
        *_field(text.doctor_address, extra_lines=1),
        "</div></li>",
        "</ul>",
        f"<p>{_e(text.deadline)}</p>",
        *_field(text.wanted_by),
        f"<p>{_e(text.portal_request)}</p>",
        f"<p>{_e(text.closing)}</p>",
        *_field(text.signature),
        "</article>",
    ]
    return out


def _notes(content: Content) -> list[str]:
    text, labels = content.letter, content.labels.plan
    reviewed = content.settings.content_reviewed
    tips = (text.fill_in, text.portal_tip, text.send_tip, text.fee_tip, text.check_tip)
    return [
        '<section class="notes" aria-labelledby="notes-title">',
        f'<h2 id="notes-title">{_e(text.notes_heading)}</h2>',
        "<ul>",
        *(f"<li>{_e(tip)}</li>" for tip in tips),
        "</ul>",
        f'<p class="notice" role="note">{_e(labels.notice)}</p>',
        f"<h2>{_e(labels.sources)}</h2>",
        '<ol class="sources">',
        *(source_item(source, content, anchor=False) for source in letter_sources(content)),
        "</ol>",
        f'<p class="reviewed">{_e(labels.reviewed)}: '
        f'<time datetime="{reviewed.isoformat()}">{_e(format_date(content, reviewed))}</time></p>',
        "</section>",
    ]


def letter_html(content: Content, assessment: Assessment) -> str:
    """The letter as a complete HTML document in the content's language. Same input, same bytes."""
    out = [
        *page_head(content.language, content.letter.title, LETTER_CSS),
        "<body>",
        "<main>",
        *_letter(content, requested_records(assessment)),
        *_notes(content),
        "</main>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)
