"""Findings an analyst should act on in content that is valid: computed, so nothing depends on eyeballing a chart.

The validator (`find_problems`) refuses content that cannot be used. Findings are the next layer: the
content loads, but something deserves attention — a text too hard to read, a circumstance that changes
nothing, a checklist item no example patient ever shows, a source due for review.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass

import pandas as pd

from secondop.content import rules
from secondop.content.collection import Content
from secondop.content.glossary_use import used_term_ids
from secondop.content.rules import triggers
from secondop.content.schema import KIND_BY_NAME, TEXT_DIR

from .readability import over_target, uses_ease

#: Finding kinds, in the order they are reported, with what to do about each.
KINDS: dict[str, str] = {
    "reading_grade": "rewrite the text in plainer words, or add a reading exception with a reason",
    "circumstance_triggers_nothing": "make it trigger a reason, checklist item or question, or remove it",
    "checklist_never_added": "list circumstances or worries in `added_by`, or set `always: true`",
    "checklist_in_no_scenario": "add a scenario whose circumstances add this item, so workshops show it",
    "glossary_term_unused": "list it in a circumstance's `glossary`, add the form a text uses to `forms`, or remove it",
    "thinly_cited_source": "check the source is needed, or cite it where it also backs the wording",
    "stale_source": "check the content against the source again, then update `checked`",
    "unread_source": "read the source's own text, quote it in `excerpts`, then set `checked`",
}

#: A source backing fewer entries than this is reported as thinly cited.
MIN_CITATIONS = 2


@dataclass(frozen=True)
class Finding:
    """One thing to act on, located like a validation problem: file, entry id, field."""

    kind: str
    file: str
    entry: str
    field: str | None
    message: str

    def __str__(self) -> str:
        where = ", ".join(
            part for part in (self.file, f"`{self.entry}`", self.field and f"field `{self.field}`") if part
        )
        return f"{where}: {self.message}"


def _structure_file(content: Content, kind_name: str) -> str:
    return f"{content.root.name}/{KIND_BY_NAME[kind_name].file}"


def _text_file(content: Content, file: str) -> str:
    return f"{content.root.name}/{TEXT_DIR}/{content.language}/{file}"


def reading_findings(content: Content) -> list[Finding]:
    """Body texts above the reading-grade target that no reading exception names."""
    target = content.settings.reading_grade_target
    return [
        Finding(
            "reading_grade",
            _text_file(content, grade.file),
            grade.entry,
            grade.field,
            (
                f"reading ease {grade.ease:g}, below the minimum of {content.settings.reading_ease_minimum:g}"
                if uses_ease(grade.language)
                else f"reads at grade {grade.grade:g}, above the target of {target:g}"
            ),
        )
        for grade in over_target(content)
    ]


def idle_circumstance_findings(content: Content) -> list[Finding]:
    """Circumstances that no reason, checklist item or question reacts to: ticking them changes nothing."""
    used: set[str] = set()
    for entry in (*content.reasons.values(), *content.checklist.values(), *content.questions.values()):
        used.update(triggers(entry))
    return [
        Finding(
            "circumstance_triggers_nothing",
            _structure_file(content, "circumstances"),
            circumstance_id,
            None,
            "no reason, checklist item or question lists it, so ticking it changes nothing",
        )
        for circumstance_id in content.circumstances
        if circumstance_id not in used
    ]


def checklist_findings(content: Content) -> list[Finding]:
    """Items no circumstance adds (the validator refuses those; kept for content built in code),
    and items that no scenario shows."""
    file = _structure_file(content, "checklist")
    in_scenarios: set[str] = set()
    for scenario in content.scenarios.values():
        in_scenarios.update(scenario.circumstances, scenario.concerns)
    findings = []
    for item in content.checklist.values():
        if item.always:
            continue
        if not item.added_by:
            findings.append(
                Finding(
                    "checklist_never_added",
                    file,
                    item.id,
                    "added_by",
                    "no circumstance or worry adds it and it is not `always`",
                )
            )
        elif not in_scenarios.intersection(item.added_by):
            findings.append(
                Finding(
                    "checklist_in_no_scenario",
                    file,
                    item.id,
                    "added_by",
                    f"no scenario ticks any of {', '.join(item.added_by)}, so no example patient shows it",
                )
            )
    return findings


def glossary_findings(content: Content) -> list[Finding]:
    """Glossary terms no box explains and no text uses (as its term or one of its forms): nobody sees them."""
    referenced = {term for c in content.circumstances.values() for term in c.glossary}
    texts = [
        value
        for kind in KIND_BY_NAME.values()
        if kind.text_model is not None and kind.name != "glossary"
        for entry in getattr(content, kind.name).values()
        for name in kind.text_model.model_fields
        if isinstance(value := getattr(entry, name), str)
    ]
    used = set(used_term_ids(((t.id, t.term, tuple(t.forms)) for t in content.glossary.values()), texts))
    return [
        Finding(
            "glossary_term_unused",
            _structure_file(content, "glossary"),
            term_id,
            None,
            "no circumstance lists it and no text uses it or one of its `forms`, so nobody sees it",
        )
        for term_id in content.glossary
        if term_id not in referenced and term_id not in used
    ]


def citation_counts(content: Content) -> Counter[str]:
    """How many entries cite each source (in `sources`, as an expert's link, or by the letter); every source
    appears."""
    kinds = {name: getattr(content, name).values() for name in KIND_BY_NAME if name != "sources"}
    kinds["letter"] = [content.letter]  # the records-request letter cites the law it states
    return rules.citation_counts(content.sources, kinds)


def citation_findings(content: Content, min_citations: int = MIN_CITATIONS) -> list[Finding]:
    """Sources that back fewer than `min_citations` entries (0 when built in code; the validator refuses it)."""
    file = _structure_file(content, "sources")
    return [
        Finding(
            "thinly_cited_source",
            file,
            source_id,
            None,
            f"backs {count} entr{'y' if count == 1 else 'ies'} (fewer than {min_citations})",
        )
        for source_id, count in citation_counts(content).items()
        if count < min_citations
    ]


def stale_source_findings(content: Content, today: dt.date) -> list[Finding]:
    """Sources checked longer ago than `settings.source_max_age_days` (counted back from `today`), and sources
    nobody read (known only through `summarised_in`)."""
    limit = content.settings.source_max_age_days
    file = _structure_file(content, "sources")
    findings = []
    for source in content.sources.values():
        if not rules.needs_review(source, today, limit):
            continue
        age = rules.source_age_days(source, today)
        if age is None:
            findings.append(
                Finding(
                    "unread_source",
                    file,
                    source.id,
                    "summarised_in",
                    f"its own text was not read; plans say it is as summarised in `{source.summarised_in}`",
                )
            )
            continue
        findings.append(
            Finding(
                "stale_source",
                file,
                source.id,
                "checked",
                f"last checked {source.checked}, {age} days before {today.isoformat()} (limit {limit} days)",
            )
        )
    return findings


def find_findings(content: Content, today: dt.date, min_citations: int = MIN_CITATIONS) -> list[Finding]:
    """Every finding, grouped by kind in the order of `KINDS`."""
    findings = [
        *reading_findings(content),
        *idle_circumstance_findings(content),
        *checklist_findings(content),
        *glossary_findings(content),
        *citation_findings(content, min_citations),
        *stale_source_findings(content, today),
    ]
    order = list(KINDS)
    return sorted(findings, key=lambda f: order.index(f.kind))


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """The findings as a table, each with what to do about it."""
    rows = [{**asdict(finding), "action": KINDS[finding.kind]} for finding in findings]
    return pd.DataFrame(rows, columns=["kind", "file", "entry", "field", "message", "action"])
