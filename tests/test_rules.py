"""The domain rules, on small synthetic content where each rule can be told apart from its near misses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from synthetic import write_content

from secondop import Content, assess, find_problems, load_content
from secondop.content import rules


@pytest.fixture(scope="module")
def tiny_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_content(tmp_path_factory.mktemp("tiny") / "data")


@pytest.fixture(scope="module")
def tiny(tiny_root: Path) -> Content:
    return load_content(tiny_root)


def test_the_synthetic_content_is_valid(tiny_root: Path) -> None:
    assert find_problems(tiny_root) == []


@pytest.mark.parametrize("ticked", [{"first"}, {"second"}, {"first", "second"}])
def test_any_one_trigger_is_enough(tiny: Content, ticked: set[str]) -> None:
    plan = assess(tiny, ticked)
    assert "either" in [r.id for r in plan.reasons]
    assert "either_item" in [i.id for i in plan.checklist]
    because = next(r for r in plan.reasons if r.id == "either").because
    assert {c.id for c in because} == ticked


def test_an_untriggered_entry_stays_out(tiny: Content) -> None:
    plan = assess(tiny, {"third"})
    assert [r.id for r in plan.reasons] == ["for_everyone", "strong"]
    assert "either_item" not in [i.id for i in plan.checklist]


def test_the_reason_for_everyone_comes_first_then_the_strongest(tiny: Content) -> None:
    plan = assess(tiny, {"first", "third"})
    assert [r.id for r in plan.reasons] == ["for_everyone", "strong", "either"]


def test_a_worry_adds_checklist_items_and_questions(tiny: Content) -> None:
    assert "worry_item" not in [i.id for i in assess(tiny, set()).checklist]
    plan = assess(tiny, set(), {"worry"})
    assert "worry_item" in [i.id for i in plan.checklist]
    assert "worry_question" in [q.id for q in plan.questions]


def test_the_reason_for_everyone_has_the_lowest_strength(tiny_root: Path, tmp_path: Path) -> None:
    """It applies whatever is ticked, so it may never outrank a situation the person ticked (issue 19, item 4)."""
    assert rules.outranking_everyone(load_content(tiny_root).reasons.values()) == []
    root = write_content(tmp_path / "data")
    path = root / "reasons.yaml"
    reasons = yaml.safe_load(path.read_text("utf-8"))
    reasons[0]["strength"] = 2  # equal to `either`, the weakest triggered reason
    path.write_text(yaml.safe_dump(reasons, sort_keys=False), "utf-8")
    assert find_problems(root) == []  # equal to the weakest triggered reason is allowed
    reasons[0]["strength"] = 3
    path.write_text(yaml.safe_dump(reasons, sort_keys=False), "utf-8")
    problems = find_problems(root)
    assert len(problems) == 1 and problems[0].field == "strength" and "lowest strength" in problems[0].message
    assert "`for_everyone`" in problems[0].entry


def test_first_steps_open_the_plan_in_order_only_when_triggered(tiny: Content) -> None:
    """What to do this week: shown when a trigger is ticked, in file order, before anything else in every format."""
    from secondop.plan.export import plan_html, plan_markdown
    from secondop.plan.plain_text import plan_text

    assert assess(tiny, {"first"}).first_steps == ()
    plan = assess(tiny, {"third"})
    assert [s.id for s in plan.first_steps] == ["step_one", "step_two"]
    for handout in (plan_html(tiny, plan), plan_markdown(tiny, plan), plan_text(tiny, plan)):
        rendered = handout.replace("\\", "")  # Markdown escapes the labels' underscores
        heading = rendered.index(tiny.labels.plan.this_week)
        assert heading < rendered.index("Do step_one") < rendered.index("Do step_two")
        assert rendered.index("Do step_two") < rendered.index(tiny.labels.plan.your_situation)
        assert rendered.index("Do step_two") < rendered.index(tiny.labels.plan.always_shown)
    assert tiny.labels.plan.this_week not in plan_text(tiny, assess(tiny, {"first"}))


def test_every_plan_shows_every_block(tiny: Content) -> None:
    for ticked in [set(), {"first"}, {"third"}]:
        assert [b.id for b in assess(tiny, ticked).blocks] == ["safety", "downsides", "opinions_differ", "scope"]


def test_a_figure_is_traced_to_the_cited_excerpts(tiny_root: Path, tmp_path: Path) -> None:
    root = write_content(tmp_path / "data")
    path = root / "text" / "en" / "concerns.yaml"
    texts = yaml.safe_load(path.read_text("utf-8"))
    texts["worry"]["answer"] = "The answer is 13 days."
    path.write_text(yaml.safe_dump(texts), "utf-8")
    problems = find_problems(root)
    assert len(problems) == 1 and "`13 days`" in problems[0].message and problems[0].field == "answer"


def test_applies_reads_the_trigger_field_of_each_kind(tiny: Content) -> None:
    assert rules.triggers(tiny.reasons["either"]) == ("first", "second")
    assert rules.triggers(tiny.checklist["worry_item"]) == ("worry",)
    assert rules.triggers(tiny.questions["worry_question"]) == ("worry",)
    assert rules.applies(tiny.reasons["for_everyone"], set())
    assert not rules.applies(tiny.reasons["strong"], {"first"})


def test_citations_count_links_and_reports(tiny: Content) -> None:
    counts = rules.citation_counts(tiny.sources, {"reasons": tiny.reasons.values()})
    assert counts == {"a_source": len(tiny.reasons)}


def test_a_source_is_due_when_unread_or_old(tiny: Content) -> None:
    source = tiny.sources["a_source"]
    assert source.checked is not None
    assert not rules.needs_review(source, source.checked + dt.timedelta(days=365), 365)
    assert rules.needs_review(source, source.checked + dt.timedelta(days=366), 365)
    unread = source.model_construct(**{**dict(source), "checked": None, "summarised_in": "x"})
    assert rules.source_age_days(unread, dt.date(2030, 1, 1)) is None and rules.needs_review(
        unread, source.checked, 365
    )
