"""What a clinician would check first: safety in every plan, ratings that fit, balance, traceable figures.

These run on the real content, since the point is what patients read.
"""

from __future__ import annotations

import statistics

import pytest

from secondop import Content, assess, load_content, scenario_selection
from secondop.analysis.readability import text_grades
from secondop.plan.assessment import Assessment
from secondop.plan.export import plan_html, plan_markdown
from secondop.plan.plain_text import plan_text
from secondop.ui import html_parts as hp

ALWAYS_SHOWN = ("safety", "downsides", "opinions_differ", "scope", "may_add_less", "for_caregivers")
LANGUAGES = ("en", "es")
#: The action the safety block must give, in each language's words (issue 19, item 1).
SAFETY_ACTION = {"en": ("911", "do not stop it"), "es": ("911", "no lo deje")}


@pytest.fixture(scope="module", params=LANGUAGES)
def lang_content(request: pytest.FixtureRequest) -> Content:
    return load_content(language=request.param)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _renderings(content: Content, plan: Assessment) -> dict[str, str]:
    """The plan as every user sees it: the dashboard's blocks, the web page, the Markdown and the text."""
    return {
        "dashboard": hp.always_shown(content, plan),
        "html": plan_html(content, plan),
        "markdown": plan_markdown(content, plan),
        "text": plan_text(content, plan),
    }


def _selections(content: Content) -> list[tuple[str, set[str], set[str]]]:
    """No circumstance, every single circumstance and every single worry, and every scenario."""
    chosen: list[tuple[str, set[str], set[str]]] = [("nothing", set(), set())]
    chosen += [(c, {c}, set()) for c in content.circumstances]
    chosen += [(c, set(), {c}) for c in content.concerns]
    for scenario_id in content.scenarios:
        circumstances, concerns = scenario_selection(content, scenario_id)
        chosen.append((f"scenario {scenario_id}", set(circumstances), set(concerns)))
    return chosen


def test_every_plan_shows_safety_first_in_every_format(content: Content) -> None:
    safety = content.always_shown["safety"]
    for name, circumstances, concerns in _selections(content):
        plan = assess(content, circumstances, concerns)
        assert [b.id for b in plan.blocks][: len(content.always_shown)] == list(content.always_shown), name
        assert set(ALWAYS_SHOWN) <= {b.id for b in plan.blocks} and plan.blocks[0].id == "safety", name
        html, markdown, text = plan_html(content, plan), plan_markdown(content, plan), plan_text(content, plan)
        for rendered in (html, markdown, text):
            flat = " ".join(rendered.split())
            assert safety.title in flat, name
            # before the reasons: the safety block comes before the reasons' section (key points may name a
            # reason above it, but the blocks come before the reasons are set out)
            reasons_heading = " ".join(content.labels.plan.reasons.split())
            assert flat.index("911") < flat.rindex(reasons_heading), name
        assert " ".join(safety.text.split()) in " ".join(text.split()), name


def test_every_plan_in_every_language_and_format_gives_the_safety_action(lang_content: Content) -> None:
    """Call 911 in an emergency, do not stop a started treatment: in each circumstance's, worry's and scenario's
    plan, in the dashboard, the web page, the Markdown and the text, in English and Spanish."""
    safety = lang_content.always_shown["safety"]
    for words in SAFETY_ACTION[lang_content.language]:
        assert words in _flat(safety.text), words
    for name, circumstances, concerns in _selections(lang_content):
        plan = assess(lang_content, circumstances, concerns)
        for where, rendered in _renderings(lang_content, plan).items():
            flat = _flat(rendered)
            for words in SAFETY_ACTION[lang_content.language]:
                assert words in flat, (lang_content.language, name, where, words)


#: The interpreter line, in each language's words: every plan says a medical interpreter is free (issue 19, item 9).
INTERPRETER = {"en": ("medical interpreter", "free"), "es": ("intérprete médico", "gratis")}


def test_every_plan_in_every_language_and_format_says_an_interpreter_is_free(lang_content: Content) -> None:
    words = INTERPRETER[lang_content.language]
    block = _flat(lang_content.always_shown["help_by_phone"].text)
    # the sentences that say it, as printed (phone numbers elsewhere in the block may become links)
    lines = [s.strip() for s in block.split(". ") if any(w in s for w in words)]
    assert all(any(w in line for line in lines) for w in words), block
    for name, circumstances, concerns in _selections(lang_content):
        plan = assess(lang_content, circumstances, concerns)
        assert "free_interpreter" in [q.id for q in plan.questions], name
        for where, rendered in _renderings(lang_content, plan).items():
            flat = _flat(rendered)
            for line in lines:
                assert line.rstrip(".") in flat or hp.esc(line.rstrip(".")) in flat, (name, where, line)


def test_review_round_two_content_is_in_place(lang_content: Content) -> None:
    """The 'should fix' items, as a reader would check them (issue 19, items 6, 7, 10, 11, 12)."""
    c = lang_content
    es = c.language == "es"
    # 6: Medicare's third opinion is scoped to Original Medicare; the doctor must accept Medicare
    assert ("Medicare Original" if es else "Original Medicare") in _flat(c.always_shown["opinions_differ"].text)
    assert ("aceptar Medicare" if es else "accept Medicare") in _flat(c.concerns["worried_cost"].answer)
    # 7: the kidney example no longer ticks 'rare'; the non-specialist box names no urologist or children's doctor
    assert "rare_cancer" not in c.scenarios["david_kidney_cancer"].circumstances
    explanation = _flat(c.circumstances["non_cancer_specialist"].explanation + c.reasons["non_cancer_specialist"].why)
    assert not any(word in explanation.lower() for word in ("urolog", "children's doctors", "pediatras"))
    # 10: help with cost: a financial counselor, a Good Faith Estimate, co-pays
    cost = [i for i in assess(c, set(), {"worried_cost"}).checklist if i.id == "cost_help"]
    assert cost and "Good Faith Estimate" in _flat(cost[0].how_to_get)
    # 11: remote review for the far-away, and children's centers and fertility for the young
    assert "remote_review" in [q.id for q in assess(c, {"small_or_rural_hospital"}).questions]
    young = assess(c, {"child_or_young_adult"})
    assert "child_or_young_adult" in [r.id for r in young.reasons] and "fertility_first" in [
        q.id for q in young.questions
    ]
    # 12: trials are reviewed by a board, need consent, and can be left at any time
    trial = _flat(c.reasons["clinical_trial_offered"].why).lower()
    assert all(
        w in trial
        for w in (("comité", "consentimiento", "cualquier momento") if es else ("review board", "consent", "any time"))
    )


def test_the_reason_for_everyone_has_the_lowest_strength(lang_content: Content) -> None:
    """Everyone gets it, even someone already at a specialised center: "think about it", never above a ticked
    situation (issue 19, item 4)."""
    lowest = min(r.strength for r in lang_content.reasons.values())
    for reason in lang_content.reasons.values():
        if reason.always:
            assert reason.strength == lowest == 1, reason.id
    plan = assess(lang_content, set())
    assert [b.id for b in plan.blocks].count("may_add_less") == 1  # when a second opinion may add less


def test_no_slogan_in_place_of_lighter_routes(lang_content: Content) -> None:
    """`told_no_options` offers records-only and phone routes, not "nothing to lose" (issue 19, item 4)."""
    why = _flat(lang_content.reasons["told_no_options"].why).lower()
    assert "nothing to lose" not in why and "no pierden nada" not in why
    assert ("phone" in why and "without a visit" in why) or ("teléfono" in why and "sin una visita" in why)


def test_a_refused_referral_gets_a_route_that_does_not_need_that_doctor(lang_content: Content) -> None:
    """Ask why; take urgency seriously; and a way in that does not run through the doctor who said no."""
    why = _flat(lang_content.reasons["referral_refused"].why).lower()
    assert ("ask your doctor why" in why) or ("pregunte a su médico por qué" in why)
    assert "income" not in why and "ingresos" not in why
    plan = assess(lang_content, {"referral_refused"})
    refused = next(r for r in plan.reasons if r.id == "referral_refused")
    assert refused.expert.id == "own_route"
    how = _flat(refused.expert.how).lower()
    assert "refer you" not in how and "1-800-227-2345" in how and "1-800-4-cancer" in how


#: Timing words, per language: a text that tells the person to get the second opinion before treatment starts
#: must also say to ask how long it is safe to wait; a text that gives the 30-day records limit must say to ask
#: for a date; and no text may promise that a second opinion never delays treatment (issue 24, item 1).
TIMING = {
    "en": {
        "before": ("before treatment starts", "before you start treatment"),
        "hedge": "safe to wait",
        "limit": "30 days",
        "ask_date": ("ask for a date", "ask when"),
        "promise": ("do not delay", "don't delay", "won't delay"),
    },
    "es": {
        "before": ("antes de empezar el tratamiento",),
        "hedge": "esperar sin riesgo",
        "limit": "30 días",
        "ask_date": ("pida una fecha", "pregunte cuándo"),
        "promise": ("no retrasan", "no retrasa"),
    },
}


def _timing_texts(plan: Assessment) -> list[tuple[str, str]]:
    """Every advice text a plan shows, with where it comes from."""
    texts = [(f"step {s.id}", f"{s.text}. {s.how}") for s in plan.first_steps]
    texts += [(f"block {b.id}", b.text) for b in plan.blocks]
    for applied in plan.reasons:
        texts += [(f"reason {applied.id}", applied.reason.why), (f"expert {applied.expert.id}", applied.expert.how)]
    texts += [(f"item {i.id}", i.how_to_get) for i in plan.checklist]
    texts += [(f"worry {c.id}", c.answer) for c in plan.concerns]
    return [(where, _flat(text).lower()) for where, text in texts]


def test_treatment_soon_opens_with_three_ordered_steps_in_every_format(lang_content: Content) -> None:
    """The caregiver's 'this week' path: ask how long it is safe to wait (and about a review before treatment),
    ask for the records now, call the new center or a phone line, in that order, before everything else."""
    plan = assess(lang_content, {"treatment_soon"})
    assert [s.id for s in plan.first_steps] == ["ask_how_long", "ask_for_records", "call_the_center"]
    hedge = TIMING[lang_content.language]["hedge"]
    first = _flat(plan.first_steps[0].text + " " + plan.first_steps[0].how).lower()
    assert hedge in first or "cuánto tiempo puede esperar" in first
    assert "1-800-227-2345" in plan.first_steps[2].how and "1-800-4-CANCER" in plan.first_steps[2].how
    heading = lang_content.labels.plan.this_week
    for where, rendered in _renderings(lang_content, plan).items():
        flat = _flat(rendered)
        if where == "dashboard":  # the dashboard draws the steps in their own part, above the blocks
            flat = _flat(hp.first_steps(lang_content, plan))
            assert _flat(hp.first_steps(lang_content, assess(lang_content, set()))) == ""
        positions = [flat.index(_flat(step.text)) for step in plan.first_steps]
        assert flat.index(heading) < positions[0] < positions[1] < positions[2], where
        if where != "dashboard":
            assert positions[2] < flat.index(lang_content.always_shown["safety"].title), where
    for name, circumstances, concerns in _selections(lang_content):
        if "treatment_soon" not in circumstances:
            assert assess(lang_content, circumstances, concerns).first_steps == (), name


def test_no_plan_gives_contradictory_timing_advice_for_treatment_soon(lang_content: Content) -> None:
    """With treatment_soon ticked, alone or with any other box, worry or example, every timing text agrees."""
    words = TIMING[lang_content.language]
    selections = [(name, {"treatment_soon", *c}, set(w)) for name, c, w in _selections(lang_content)]
    selections.append(("everything", set(lang_content.circumstances), set(lang_content.concerns)))
    for name, circumstances, concerns in selections:
        plan = assess(lang_content, circumstances, concerns)
        for where, text in _timing_texts(plan):
            if any(before in text for before in words["before"]):
                assert words["hedge"] in text, (name, where, "before treatment, but no 'how long is it safe'")
            if words["limit"] in text:
                assert any(ask in text for ask in words["ask_date"]), (name, where, "30 days, but no 'ask when'")
            assert not any(promise in text for promise in words["promise"]), (name, where, "promises no delay")
        assert lang_content.always_shown["safety"] in plan.blocks, name


def test_how_long_is_it_safe_to_wait_is_asked_of_everyone(content: Content) -> None:
    for name, circumstances, concerns in _selections(content):
        assert "how_long_can_i_wait" in [q.id for q in assess(content, circumstances, concerns).questions], name


def test_safety_says_not_to_wait_in_an_emergency(content: Content) -> None:
    text = content.always_shown["safety"].text.lower()
    assert "emergency" in text and "how long it is safe to wait" in text


@pytest.mark.parametrize("reason_id", ["referral_refused", "surgery_doubt"])
def test_situations_the_sources_single_out_get_the_strongest_rating(content: Content, reason_id: str) -> None:
    assert content.reasons[reason_id].strength == 3


@pytest.mark.parametrize("reason_id", ["no_referral_offered", "surgery_primary"])
def test_ordinary_situations_never_get_the_strongest_rating(content: Content, reason_id: str) -> None:
    assert content.reasons[reason_id].strength < 3


def test_middle_rating_does_not_read_as_most_frequent(content: Content) -> None:
    assert "most" not in content.labels.dashboard.strength_2.lower()


def test_each_new_circumstance_triggers_its_own_reason(content: Content) -> None:
    for circumstance in ("referral_refused", "surgery_doubt"):
        assert circumstance in [r.id for r in assess(content, {circumstance}).reasons]


def test_worry_about_cost_adds_the_plan_rules_item(content: Content) -> None:
    assert "insurance_rules" not in [i.id for i in assess(content, set()).checklist]
    assert "insurance_rules" in [i.id for i in assess(content, set(), {"worried_cost"}).checklist]


@pytest.mark.parametrize("circumstance", ["told_no_options", "unclear_diagnosis", "rare_cancer"])
def test_slide_review_is_offered_where_the_diagnosis_may_be_in_doubt(content: Content, circumstance: str) -> None:
    assert "pathology_slides" in [i.id for i in assess(content, {circumstance}).checklist]


def test_told_no_options_says_symptom_care_is_always_there(content: Content) -> None:
    plan = assess(content, {"told_no_options"})
    why = next(r for r in plan.reasons if r.id == "told_no_options").reason.why.lower()
    assert "palliative" in why
    assert "palliative_care" in [t.id for t in plan.glossary]


def test_the_records_deadline_is_said_once_and_as_an_outer_limit(content: Content) -> None:
    texts = [item.how_to_get for item in content.checklist.values()]
    assert sum("30 days" in t or "30\ndays" in t for t in texts) == 1
    records = " ".join(content.checklist["records_sent_ahead"].how_to_get.split())
    assert "portal" in records and "longest" in records


def test_every_body_text_reads_at_grade_8_or_below_and_the_median_at_6(content: Content) -> None:
    body = [g for g in text_grades(content) if g.body]
    over = [f"{g.file} {g.entry} {g.field}: {g.grade}" for g in body if g.grade > 8]
    assert not over, over
    assert statistics.median(g.grade for g in body) <= 6


def test_handouts_end_with_the_words_their_text_uses(content: Content) -> None:
    plan = assess(content, {"specialized_treatment", "surgery_doubt"}, {"worried_cost"})
    ids = [t.id for t in plan.glossary]
    assert {"leukemia", "esophagus", "deductible", "medicare_advantage"} <= set(ids)
    assert "active_surveillance" not in ids  # only the prostate reason uses it
    html = plan_html(content, plan)
    markdown = plan_markdown(content, plan)
    for handout in (html, markdown):  # the word list comes after the plan's own parts
        assert handout.rindex(content.labels.plan.glossary) > handout.rindex(content.labels.plan.questions)
    for term in plan.glossary:
        assert term.term in html and term.term in markdown


def test_every_source_is_either_checked_or_summarised_and_plans_say_which(content: Content) -> None:
    plan = assess(content, set(content.circumstances), set(content.concerns))
    html = plan_html(content, plan)
    for source in plan.sources:
        assert (source.checked is None) != (source.summarised_in is None), source.id
        if source.summarised_in:
            assert source.summarised_in in {s.id for s in plan.sources}, source.id
    assert content.labels.plan.source_summarised in html
