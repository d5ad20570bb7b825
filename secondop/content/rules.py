"""The domain rules, in one place: what makes an entry apply, what counts as a citation, when a source is due.

Every stage asks these questions (the assessment, the validator, the analysts' findings and charts), so
each is answered here once. Pure functions of the content models: no files, widgets or pandas.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

#: The field that lists an entry's triggers, by entry type: any one listed id is enough.
TRIGGER_FIELDS = ("triggered_by", "added_by", "asked_when", "shown_when")


def triggers(entry: Any) -> tuple[str, ...]:
    """The circumstance or concern ids that switch this reason, checklist item or question on."""
    for field in TRIGGER_FIELDS:
        if hasattr(entry, field):
            return tuple(getattr(entry, field))
    return ()


def applies(entry: Any, chosen: Iterable[str]) -> bool:
    """True if the entry is for everyone (`always`), or if any one of its triggers was chosen."""
    return bool(getattr(entry, "always", False)) or not set(triggers(entry)).isdisjoint(chosen)


def outranking_everyone(reasons: Iterable[Any]) -> list[Any]:
    """The reasons for everyone (`always: true`) rated above the weakest triggered reason.

    A reason everyone gets says "think about it"; it must never outrank a situation the person ticked, or a
    plan for someone already at a specialised center would open with a stronger word than the sources use.
    """
    listed = list(reasons)
    triggered = [r.strength for r in listed if not getattr(r, "always", False)]
    weakest = min(triggered, default=None)
    return [r for r in listed if getattr(r, "always", False) and weakest is not None and r.strength > weakest]


def cited_ids(entry: Any) -> set[str]:
    """The source ids an entry relies on: its `sources`, and for expert guidance its `links` too."""
    return set(getattr(entry, "sources", ())) | set(getattr(entry, "links", ()))


def with_reports(source_ids: Iterable[str], sources: Mapping[str, Any]) -> set[str]:
    """The ids plus, for each source known only through a report (`summarised_in`), that report."""
    chosen = set(source_ids)
    return chosen | {sources[s].summarised_in for s in chosen if s in sources and sources[s].summarised_in}


def citation_counts(sources: Mapping[str, Any], entries_by_kind: Mapping[str, Iterable[Any]]) -> Counter[str]:
    """How many entries cite each source (every source appears, 0 if uncited).

    A report that vouches for an unread source (`summarised_in`) counts as one more citation of the report;
    a version in another language (`version_of`) counts as often as the source it translates.
    """
    counts: Counter[str] = Counter(dict.fromkeys(sources, 0))
    for entries in entries_by_kind.values():
        for entry in entries:
            counts.update(cited_ids(entry))
    counts.update(s.summarised_in for s in sources.values() if s.summarised_in)
    # a version in another language is cited wherever the source it translates is
    counts.update({s.id: counts[s.version_of] for s in sources.values() if s.version_of in counts})
    return counts


def source_age_days(source: Any, today: dt.date) -> int | None:
    """Days since the source's own text was last read, or None if it never was (`summarised_in`)."""
    return None if source.checked is None else (today - source.checked).days


def needs_review(source: Any, today: dt.date, max_age_days: int) -> bool:
    """A source is due when nobody has read it, or when its last reading is older than the limit."""
    age = source_age_days(source, today)
    return age is None or age > max_age_days


def in_language(source_ids: Iterable[str], sources: Mapping[str, Any], language: str) -> list[str]:
    """The ids, each replaced by its version in `language` where one exists (a Spanish plan cites the Spanish
    page); the order is kept and nothing is dropped."""
    versions = {s.version_of: s.id for s in sources.values() if s.version_of and s.language == language}
    return list(dict.fromkeys(versions.get(source_id, source_id) for source_id in source_ids))
