"""The content and a plan as pandas tables, for the analyst's notebook and for exports.

Every frame has `id` as an ordinary column and a plain RangeIndex: render with `to_html(index=False)`
(or `style.hide(axis="index")`) so no table gets an empty header cell. Lists are joined with ", ".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from secondop.content import rules
from secondop.content.collection import Content
from secondop.plan.assessment import Assessment


def _join(ids: Iterable[str]) -> str:
    return ", ".join(ids)


def _frame(rows: Sequence[Mapping[str, object]], columns: list[str]) -> pd.DataFrame:
    """A frame with these columns even when there are no rows."""
    return pd.DataFrame(rows, columns=columns)


def circumstances_frame(content: Content) -> pd.DataFrame:
    rows = [
        {
            "id": c.id,
            "group": c.group,
            "label": c.label,
            "explanation": c.explanation,
            "glossary": _join(c.glossary),
            "sources": _join(c.sources),
        }
        for c in content.circumstances.values()
    ]
    return _frame(rows, ["id", "group", "label", "explanation", "glossary", "sources"])


def reasons_frame(content: Content) -> pd.DataFrame:
    rows = [
        {
            "id": r.id,
            "title": r.title,
            "always": r.always,
            "triggered_by": _join(r.triggered_by),
            "theme": r.theme,
            "strength": r.strength,
            "expert": r.expert,
            "why": r.why,
            "sources": _join(r.sources),
        }
        for r in content.reasons.values()
    ]
    return _frame(rows, ["id", "title", "always", "triggered_by", "theme", "strength", "expert", "why", "sources"])


def checklist_frame(content: Content) -> pd.DataFrame:
    rows = [
        {
            "id": i.id,
            "item": i.text,
            "group": i.group,
            "always": i.always,
            "added_by": _join(i.added_by),
            "how_to_get": i.how_to_get,
            "sources": _join(i.sources),
        }
        for i in content.checklist.values()
    ]
    return _frame(rows, ["id", "item", "group", "always", "added_by", "how_to_get", "sources"])


def questions_frame(content: Content) -> pd.DataFrame:
    rows = [
        {
            "id": q.id,
            "question": q.text,
            "always": q.always,
            "asked_when": _join(q.asked_when),
            "sources": _join(q.sources),
        }
        for q in content.questions.values()
    ]
    return _frame(rows, ["id", "question", "always", "asked_when", "sources"])


def sources_frame(content: Content, on: dt.date) -> pd.DataFrame:
    """Sources with the age of their check in days on the date given (pass today's date to check freshness).

    A source nobody read (`summarised_in` another) has no age and always needs review: read it when you can.
    """
    limit = content.settings.source_max_age_days
    rows = []
    for s in content.sources.values():
        age = rules.source_age_days(s, on)
        rows.append(
            {
                "id": s.id,
                "title": s.title,
                "publisher": s.publisher,
                "url": "" if s.url is None else str(s.url),
                "checked": s.checked,
                "summarised_in": s.summarised_in or "",
                "excerpts": len(s.excerpts),
                "age_days": age,
                "needs_review": rules.needs_review(s, on, limit),
            }
        )
    columns = ["id", "title", "publisher", "url", "checked", "summarised_in", "excerpts", "age_days", "needs_review"]
    return _frame(rows, columns)


def scenarios_frame(content: Content) -> pd.DataFrame:
    rows = [
        {
            "id": s.id,
            "name": s.name,
            "circumstances": _join(s.circumstances),
            "concerns": _join(s.concerns),
            "expected_reasons": _join(s.expected_reasons),
            "story": s.story,
            "teaches": s.teaches,
        }
        for s in content.scenarios.values()
    ]
    return _frame(rows, ["id", "name", "circumstances", "concerns", "expected_reasons", "story", "teaches"])


def plan_reasons_frame(assessment: Assessment) -> pd.DataFrame:
    """The reasons that apply, strongest first, with the ticked circumstances that made each apply."""
    rows = [
        {
            "id": r.id,
            "title": r.reason.title,
            "strength": r.reason.strength,
            "theme": r.reason.theme,
            "because": _join(c.id for c in r.because),
            "expert": r.expert.who,
            "sources": _join(s.id for s in r.sources),
        }
        for r in assessment.reasons
    ]
    return _frame(rows, ["id", "title", "strength", "theme", "because", "expert", "sources"])


def plan_checklist_frame(assessment: Assessment) -> pd.DataFrame:
    """What to bring, in display order, with the review point each item belongs under."""
    rows = [
        {
            "id": item.id,
            "item": item.text,
            "group": group.review_point.id,
            "review_point": group.review_point.title,
            "how_to_get": item.how_to_get,
        }
        for group in assessment.checklist_groups
        for item in group.items
    ]
    return _frame(rows, ["id", "item", "group", "review_point", "how_to_get"])


def plan_questions_frame(assessment: Assessment) -> pd.DataFrame:
    rows = [{"id": q.id, "question": q.text} for q in assessment.questions]
    return _frame(rows, ["id", "question"])
