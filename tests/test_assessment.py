"""assess(): circumstances in, plan out. Pure, deterministic, strict about ids."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from secondop import UnknownIdError, assess, load_content, scenario_selection

CIRCUMSTANCES = (
    "unclear_diagnosis",
    "non_cancer_specialist",
    "no_referral_offered",
    "referral_refused",
    "single_specialty_advice",
    "told_no_options",
    "clinical_trial_offered",
    "rare_cancer",
    "surgery_primary",
    "surgery_doubt",
    "small_or_rural_hospital",
    "specialized_treatment",
    "expensive_treatment",
    "treatment_soon",
    "child_or_young_adult",
)
CONCERNS = ("worried_offend_doctor", "worried_delay", "worried_cost")
REVIEW_POINTS = ("pathology_report", "biomarker_tests", "staging_and_imaging", "health_summary", "treatment_plan")
APPOINTMENT_ITEMS = ("question_list", "companion", "recording_device", "insurance_info")
BLOCKS = ("safety", "opinions_differ", "downsides", "scope")


@pytest.fixture(scope="module")
def content():
    return load_content()


def test_design_ids_exist(content):
    """The ids in design.md are public interface: links, tests and scenarios use them."""
    assert set(CIRCUMSTANCES) <= set(content.circumstances)
    assert set(CONCERNS) <= set(content.concerns)
    assert set(REVIEW_POINTS) <= set(content.review_points)
    assert set(REVIEW_POINTS + APPOINTMENT_ITEMS) <= set(content.checklist)
    assert set(BLOCKS) <= set(content.always_shown)
    assert "new_diagnosis" in content.reasons


def test_nothing_ticked_still_gives_the_core_plan(content):
    result = assess(content, set())
    assert [r.id for r in result.reasons] == ["new_diagnosis"]
    ids = [item.id for item in result.checklist]
    assert set(REVIEW_POINTS + APPOINTMENT_ITEMS) <= set(ids)
    assert all(content.checklist[i].always for i in ids)
    assert result.questions, "everyone gets questions to ask"
    assert result.sources


@pytest.mark.parametrize("circumstance", CIRCUMSTANCES)
def test_each_circumstance_adds_its_reason(content, circumstance):
    result = assess(content, {circumstance})
    ids = [r.id for r in result.reasons]
    assert ids[0] == "new_diagnosis"
    mapped = [r.id for r in content.reasons.values() if circumstance in r.triggered_by]
    assert mapped, f"no reason is triggered by {circumstance}"
    assert set(ids[1:]) == set(mapped)
    for applied in result.reasons[1:]:
        assert [c.id for c in applied.because] == [circumstance]


def test_reasons_come_new_diagnosis_first_then_by_strength(content):
    result = assess(content, set(CIRCUMSTANCES))
    assert result.reasons[0].id == "new_diagnosis"
    strengths = [r.reason.strength for r in result.reasons[1:]]
    assert strengths == sorted(strengths, reverse=True)
    assert {r.id for r in result.reasons} == set(content.reasons)


def test_checklist_is_grouped_by_review_point_in_content_order(content):
    result = assess(content, set(CIRCUMSTANCES))
    group_ids = [g.review_point.id for g in result.checklist_groups]
    assert group_ids == [p for p in content.review_points if p in group_ids]
    assert set(REVIEW_POINTS) <= set(group_ids)
    for group in result.checklist_groups:
        assert all(item.group == group.review_point.id for item in group.items)
    added = {i.id for i in result.checklist} - {i.id for i in content.checklist.values() if i.always}
    assert added, "circumstances add items of their own"


def test_items_added_by_several_circumstances_appear_once(content):
    item = next(iter(content.checklist.values()))
    copy = item.model_copy(update={"always": False, "added_by": ["rare_cancer", "surgery_primary"]})
    changed = dataclasses.replace(content, checklist={**content.checklist, item.id: copy})
    ids = [i.id for i in assess(changed, {"rare_cancer", "surgery_primary"}).checklist]
    assert ids.count(item.id) == 1
    assert item.id not in [i.id for i in assess(changed, {"told_no_options"}).checklist]


def test_concerns_bring_their_answers_and_questions(content):
    result = assess(content, set(), set(CONCERNS))
    assert [c.id for c in result.answers] == list(CONCERNS)
    assert all(c.answer for c in result.answers)
    plain = {q.id for q in assess(content, set()).questions}
    for concern in CONCERNS:
        asked = {q.id for q in assess(content, set(), {concern}).questions}
        expected = {q.id for q in content.questions.values() if concern in q.asked_when}
        assert asked - plain == expected


def test_plan_sources_cover_everything_shown(content):
    result = assess(content, {"rare_cancer", "clinical_trial_offered"}, {"worried_cost"})
    shown = {s.id for s in result.sources}
    for applied in result.reasons:
        assert {s.id for s in applied.sources} <= shown
        assert set(applied.expert.sources) <= shown
    for item in result.checklist:
        assert set(item.sources) <= shown
    for question in result.questions:
        assert set(question.sources) <= shown
    for concern in result.answers:
        assert set(concern.sources) <= shown


def test_order_of_input_does_not_matter_and_results_repeat(content):
    picks = ["rare_cancer", "small_or_rural_hospital", "surgery_primary"]
    outcomes = {
        (tuple(r.id for r in res.reasons), tuple(i.id for i in res.checklist))
        for res in (assess(content, list(order)) for order in itertools.permutations(picks))
    }
    assert len(outcomes) == 1
    assert assess(content, picks) == assess(content, picks)


def test_unknown_ids_are_refused_by_name(content):
    with pytest.raises(UnknownIdError) as caught:
        assess(content, {"rare_cancer", "rare_cancr"})
    assert "rare_cancr" in str(caught.value)
    assert caught.value.unknown == ("rare_cancr",)
    with pytest.raises(UnknownIdError, match="worried_parking"):
        assess(content, set(), {"worried_parking"})
    with pytest.raises(UnknownIdError, match="nobody"):
        scenario_selection(content, "nobody")


def test_a_circumstance_id_is_not_a_concern(content):
    with pytest.raises(UnknownIdError):
        assess(content, {"worried_delay"})


@pytest.mark.parametrize("scenario_id", sorted(load_content().scenarios))
def test_scenarios_yield_exactly_their_reasons(content, scenario_id):
    circumstances, concerns = scenario_selection(content, scenario_id)
    result = assess(content, circumstances, concerns)
    assert sorted(r.id for r in result.reasons) == sorted(content.scenarios[scenario_id].expected_reasons)


def test_there_are_at_least_six_scenarios(content):
    assert len(content.scenarios) >= 6
