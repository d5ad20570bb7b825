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
from .style import LETTER_CSS

if TYPE_CHECKING:
    from secondop.content.collection import Content
    from secondop.content.model import ChecklistItem, Source


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


def _letter(content: Content, records: tuple[ChecklistItem, ...], key: str = "letter") -> list[str]:
    """One letter; `key` keeps the ids of a second copy apart from the first."""
    text = content.letter
    out = [f'<article class="letter" id="{key}" aria-labelledby="{key}-title">', '<div class="from">']
    out += _field(text.name)
    out += _field(text.birth_date)
    out += _field(text.record_number)
    out += _field(text.address, extra_lines=1)
    out += _field(text.phone)
    out += ["</div>", *_field(text.date), *_field(text.to, extra_lines=1)]
    out += [
        f'<h1 id="{key}-title">{_e(text.title)}</h1>',
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
        *_field(text.treatment_start),
        *_field(text.wanted_by),
        f"<p>{_e(text.portal_request)}</p>",
        # The closing, who signs and the signature lines print together: a signature alone on a page is a
        # letter an office may not accept.
        '<div class="sign-off">',
        f"<p>{_e(text.closing)}</p>",
        f'<p class="who-signs">{_e(text.who_signs)}</p>',
        *_field(text.signature),
        *_field(text.representative),
        "</div>",
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


def _copy(content: Content, copy: Content, records: tuple[ChecklistItem, ...]) -> list[str]:
    """The same letter in the guide's main language, for a records office that may not read the person's: the
    same records (by id), its own wording, after a page break."""
    language = content.labels.language.names.get(copy.language, copy.language)
    copied = tuple(copy.checklist[item.id] for item in records if item.id in copy.checklist)
    note = content.letter.copy_note.format(language=language)
    return [
        f'<section class="copy" lang="{_e(copy.language)}" aria-label="{_e(copy.letter.title)}">',
        f'<p class="copy-note" lang="{_e(content.language)}">{_e(note)}</p>',
        *_letter(copy, copied, key="letter-copy"),
        "</section>",
    ]


def letter_html(content: Content, assessment: Assessment, copy: Content | None = None) -> str:
    """The letter as a complete HTML document in the content's language. Same input, same bytes.

    `copy` is the content in the guide's main language: a letter in another language (Spanish) then carries the
    same letter in that language (English) too, since the records office may not read the person's language.
    """
    records = requested_records(assessment)
    second = _copy(content, copy, records) if copy is not None and copy.language != content.language else []
    out = [
        *page_head(content.language, content.letter.title, LETTER_CSS),
        "<body>",
        "<main>",
        *_letter(content, records),
        *_notes(content),
        *second,
        "</main>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)
