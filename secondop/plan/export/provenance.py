"""How a plan says where a source stands: checked on a date, or known only through another source.

One rule for every renderer, so no handout claims a check that did not happen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secondop.content.collection import Content
    from secondop.content.model import Source


@dataclass(frozen=True)
class Provenance:
    """`label: value` for a source, e.g. 'Checked: 2026-11-30' or 'As summarised in: <title>'."""

    label: str
    value: str
    checked: dt.date | None  # set when the source's own text was read
    lang: str = ""  # the language of `value` when it is not the plan's (a report's title), for a lang attribute


def format_date(content: Content, date: dt.date) -> str:
    """A date the way the content's language writes it (`labels.language.date_format`)."""
    pattern = content.labels.language.date_format
    return (
        pattern.replace("{day}", f"{date.day:02d}")
        .replace("{month}", f"{date.month:02d}")
        .replace("{year}", str(date.year))
    )


def provenance(content: Content, source: Source) -> Provenance:
    labels = content.labels.plan
    if source.checked is not None:
        return Provenance(labels.source_reviewed, format_date(content, source.checked), source.checked)
    report = content.sources.get(source.summarised_in or "")
    title = f"{report.title} ({report.publisher})" if report is not None else str(source.summarised_in)
    lang = report.language if report is not None and report.language != content.language else ""
    return Provenance(labels.source_summarised, title, None, lang)


def language_note(content: Content, source: Source) -> str:
    """'(in Spanish)' after a source written in another language than the plan's; empty otherwise."""
    if source.language == content.language:
        return ""
    names = content.labels.language.names
    return content.labels.language.source_note.replace("{language}", names.get(source.language, source.language))
