"""pandas views of the content and of a plan: one row per entry, named columns, id as a column."""

from __future__ import annotations

import datetime as dt

import pytest

from secondop import Assessment, assess, scenario_selection
from secondop.analysis import tables as views

CONTENT_FRAMES = {
    "circumstances": (views.circumstances_frame, {"id", "group", "label", "explanation", "glossary", "sources"}),
    "reasons": (views.reasons_frame, {"id", "title", "triggered_by", "theme", "strength", "expert", "always"}),
    "checklist": (views.checklist_frame, {"id", "item", "group", "always", "added_by", "how_to_get"}),
    "questions": (views.questions_frame, {"id", "question", "always", "asked_when"}),
    "scenarios": (views.scenarios_frame, {"id", "name", "circumstances", "concerns", "expected_reasons"}),
}


@pytest.mark.parametrize("kind", sorted(CONTENT_FRAMES))
def test_content_frames_have_one_row_per_entry(content, kind):
    build, columns = CONTENT_FRAMES[kind]
    frame = build(content)
    assert columns <= set(frame.columns)
    assert list(frame["id"]) == list(getattr(content, kind))
    assert "" not in {str(c) for c in frame.columns}
    assert "<th></th>" not in frame.to_html(index=False)
    for column in frame.columns:
        assert not any(isinstance(value, (list, tuple, set)) for value in frame[column]), column


def test_list_columns_are_joined_ids(content):
    reasons = views.reasons_frame(content).set_index("id")
    for reason in content.reasons.values():
        row = reasons.loc[reason.id]
        assert row["triggered_by"] == ", ".join(reason.triggered_by)
        assert (row["theme"], row["strength"], row["expert"]) == (reason.theme, reason.strength, reason.expert)
    checklist = views.checklist_frame(content).set_index("id")
    for item in content.checklist.values():
        assert checklist.loc[item.id, "added_by"] == ", ".join(item.added_by)
        assert checklist.loc[item.id, "item"] == item.text
        assert bool(checklist.loc[item.id, "always"]) is item.always


def test_sources_frame_ages_relative_to_the_given_date(content):
    limit = content.settings.source_max_age_days
    newest = max(s.checked for s in content.sources.values() if s.checked is not None)
    on = newest + dt.timedelta(days=limit)
    frame = views.sources_frame(content, on).set_index("id")
    assert list(frame.index) == list(content.sources)
    for source in content.sources.values():
        if source.checked is None:  # never read: always due
            assert bool(frame.loc[source.id, "needs_review"]) and frame.loc[source.id, "summarised_in"]
            continue
        age = (on - source.checked).days
        assert frame.loc[source.id, "age_days"] == age
        assert frame.loc[source.id, "checked"] == source.checked
        assert bool(frame.loc[source.id, "needs_review"]) is (age > limit)
    later = views.sources_frame(content, on + dt.timedelta(days=1))
    assert later["needs_review"].all()


def test_plan_frames_follow_the_assessment(content):
    for name in content.scenarios:
        plan = assess(content, *scenario_selection(content, name))
        reasons = views.plan_reasons_frame(plan)
        assert list(reasons["id"]) == [r.id for r in plan.reasons]
        assert list(reasons["title"]) == [r.reason.title for r in plan.reasons]
        ticked = set(content.scenarios[name].circumstances)
        for because in reasons["because"]:
            assert set(filter(None, because.split(", "))) <= ticked
        checklist = views.plan_checklist_frame(plan)
        assert list(checklist["id"]) == [i.id for i in plan.checklist]
        assert set(checklist["group"]) == {g.review_point.id for g in plan.checklist_groups}
        questions = views.plan_questions_frame(plan)
        assert list(questions["question"]) == [q.text for q in plan.questions]


def test_plan_frames_keep_columns_when_empty(content):
    empty = Assessment((), (), (), (), (), (), (), (), content.reviewed)
    assert list(views.plan_reasons_frame(empty).columns) == [
        "id",
        "title",
        "strength",
        "theme",
        "because",
        "expert",
        "sources",
    ]
    assert list(views.plan_checklist_frame(empty).columns) == ["id", "item", "group", "review_point", "how_to_get"]
    assert list(views.plan_questions_frame(empty).columns) == ["id", "question"]
    assert views.plan_questions_frame(empty).empty
