"""The centre of the project: a person's circumstances in, their second-opinion plan out.

Pure and deterministic: no widgets, files or network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from secondop.content.glossary_use import used_term_ids
from secondop.content.problems import UnknownIdError
from secondop.content.rules import applies, cited_ids, in_language, with_reports

if TYPE_CHECKING:
    from secondop.content.collection import Content
    from secondop.content.model import (
        AlwaysShown,
        ChecklistItem,
        Choice,
        Circumstance,
        Concern,
        Expert,
        FirstStep,
        GlossaryTerm,
        KeyFigure,
        Question,
        Reason,
        ReviewPoint,
        Source,
        Step,
        SureQuestion,
        ValueStatement,
    )


@dataclass(frozen=True)
class AppliedReason:
    """A reason that applies to this person, with what made it apply and where to look."""

    reason: Reason
    because: tuple[Circumstance, ...]
    expert: Expert
    expert_links: tuple[Source, ...]
    sources: tuple[Source, ...]

    @property
    def id(self) -> str:
        return self.reason.id


@dataclass(frozen=True)
class ChecklistGroup:
    """The items to bring under one review point."""

    review_point: ReviewPoint
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Assessment:
    """A person's plan. Every tuple is in display order.

    `blocks` are shown in every plan, whatever is ticked (when not to wait, what it may cost you, ...):
    safety must never depend on ticking the right box.
    """

    blocks: tuple[AlwaysShown, ...]
    circumstances: tuple[Circumstance, ...]
    concerns: tuple[Concern, ...]
    reasons: tuple[AppliedReason, ...]
    checklist_groups: tuple[ChecklistGroup, ...]
    questions: tuple[Question, ...]
    glossary: tuple[GlossaryTerm, ...]  # the terms the plan's own text uses, for the handout's word list
    sources: tuple[Source, ...]  # exactly the sources the plan cites with an [n] marker (and their reports)
    reviewed: dt.date
    # the decision aid, the same in every plan: the choices side by side, what may matter, the SURE test, the
    # step path (the checklist follows its order) and the one key figure
    choices: tuple[Choice, ...] = ()
    values: tuple[ValueStatement, ...] = ()
    sure_questions: tuple[SureQuestion, ...] = ()
    steps: tuple[Step, ...] = ()
    key_figure: KeyFigure | None = None
    # what to do this week, in order, when a ticked box says time is short: the plan opens with it
    first_steps: tuple[FirstStep, ...] = ()

    @property
    def checklist(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for group in self.checklist_groups for item in group.items)

    @property
    def strongest(self) -> AppliedReason | None:
        """The reason that speaks most to this person: the strongest one a ticked box made apply, else the one
        for everyone (the list is in that order already, the reason for everyone first)."""
        ticked = [r for r in self.reasons if r.because]
        return next(iter(ticked or self.reasons), None)

    @property
    def path_step(self) -> Step | None:
        """The first thing to do once the person has decided: the step after the decision itself."""
        return self.steps[1] if len(self.steps) > 1 else (self.steps[0] if self.steps else None)

    @property
    def safety(self) -> AlwaysShown | None:
        """When not to wait (the required `safety` block): a key point of every plan."""
        return next((block for block in self.blocks if block.id == "safety"), None)

    @property
    def answers(self) -> tuple[Concern, ...]:
        """The worries answered: the concerns the person ticked, each carrying its answer."""
        return self.concerns


def _check_known(kind: str, ids: Iterable[str], known: Mapping[str, object]) -> None:
    unknown = set(ids) - set(known)
    if unknown:
        raise UnknownIdError(kind, unknown, known)


def sources_of(content: Content, ids: Iterable[str]) -> tuple[Source, ...]:
    """The sources with these ids, in the file's order, each as its version in the content's language if any."""
    wanted = set(in_language(ids, content.sources, content.language))
    return tuple(source for source_id, source in content.sources.items() if source_id in wanted)


def _plan_texts(
    blocks: tuple[AlwaysShown, ...],
    circumstances: tuple[Circumstance, ...],
    concerns: tuple[Concern, ...],
    reasons: tuple[AppliedReason, ...],
    groups: list[ChecklistGroup],
    questions: tuple[Question, ...],
    first_steps: tuple[FirstStep, ...] = (),
) -> list[str]:
    """Every text a plan shows (dashboard and handouts alike), to find the glossary terms it uses."""
    texts = [t for b in blocks for t in (b.title, b.text)]
    texts += [t for step in first_steps for t in (step.text, step.how)]
    texts += [c.label for c in circumstances] + [c.label for c in concerns] + [c.answer for c in concerns]
    for applied in reasons:
        texts += [applied.reason.title, applied.reason.why, applied.expert.who, applied.expert.how]
    for group in groups:
        texts += [group.review_point.title, group.review_point.doctor_checks]
        texts += [t for item in group.items for t in (item.text, item.how_to_get)]
    texts += [q.text for q in questions]
    return texts


def assess(content: Content, circumstances: Iterable[str], concerns: Iterable[str] = ()) -> Assessment:
    """Build the plan for these circumstance and concern ids; unknown ids raise UnknownIdError."""
    ticked = set(circumstances)
    worried = set(concerns)
    _check_known("circumstance", ticked, content.circumstances)
    _check_known("concern", worried, content.concerns)

    chosen = ticked | worried
    reasons = [reason for reason in content.reasons.values() if applies(reason, chosen)]
    order = {reason_id: index for index, reason_id in enumerate(content.reasons)}
    # the reason for everyone first, then the strongest
    reasons.sort(key=lambda r: (not r.always, -r.strength, order[r.id]))
    applied = tuple(
        AppliedReason(
            reason=reason,
            because=tuple(content.circumstances[c] for c in reason.triggered_by if c in ticked),
            expert=content.experts[reason.expert],
            expert_links=sources_of(content, content.experts[reason.expert].links),
            sources=sources_of(content, reason.sources),
        )
        for reason in reasons
    )

    groups = []
    for point in _points_in_step_order(content):
        items = tuple(item for item in content.checklist.values() if item.group == point.id and applies(item, chosen))
        if items:
            groups.append(ChecklistGroup(point, items))

    questions = tuple(q for q in content.questions.values() if applies(q, chosen))
    chosen_circumstances = tuple(c for c in content.circumstances.values() if c.id in ticked)
    chosen_concerns = tuple(c for c in content.concerns.values() if c.id in worried)

    blocks = tuple(content.always_shown.values())
    first_steps = tuple(step for step in content.first_steps.values() if applies(step, chosen))
    texts = _plan_texts(blocks, chosen_circumstances, chosen_concerns, applied, groups, questions, first_steps)
    terms = ((t.id, t.term, tuple(t.forms)) for t in content.glossary.values())
    glossary = tuple(content.glossary[term_id] for term_id in used_term_ids(terms, texts))
    items = tuple(item for group in groups for item in group.items)
    experts = tuple(reason.expert for reason in applied)
    key_figure = next(iter(content.key_figures.values()), None)
    decision = (*content.choices.values(), *content.values.values(), *content.sure_questions.values())
    decision += (*content.steps.values(), *((key_figure,) if key_figure else ()))
    # only what the handouts mark with [n]: the ticked boxes and the checklist headings carry no marker
    shown = (*first_steps, *blocks, *chosen_concerns, *reasons, *questions, *items, *experts, *glossary, *decision)
    # a source known only through a report: the report is listed too, so "as summarised in" points somewhere
    cited = with_reports(set().union(*(cited_ids(entry) for entry in shown)), content.sources)

    return Assessment(
        blocks=blocks,
        circumstances=chosen_circumstances,
        concerns=chosen_concerns,
        reasons=applied,
        checklist_groups=tuple(groups),
        questions=questions,
        glossary=glossary,
        sources=sources_of(content, cited),
        reviewed=content.settings.content_reviewed,
        choices=tuple(content.choices.values()),
        values=tuple(content.values.values()),
        sure_questions=tuple(content.sure_questions.values()),
        steps=tuple(content.steps.values()),
        key_figure=key_figure,
        first_steps=first_steps,
    )


def _points_in_step_order(content: Content) -> list[ReviewPoint]:
    """The checklist headings in the order of the step path (a heading under no step keeps its place, after)."""
    rank = {point: index for index, step in enumerate(content.steps.values()) for point in step.review_points}
    order = list(content.review_points)
    return sorted(content.review_points.values(), key=lambda p: (rank.get(p.id, len(rank)), order.index(p.id)))


def scenario_selection(content: Content, scenario_id: str) -> tuple[frozenset[str], frozenset[str]]:
    """The circumstances and concerns of a named example patient."""
    _check_known("scenario", [scenario_id], content.scenarios)
    scenario = content.scenarios[scenario_id]
    return frozenset(scenario.circumstances), frozenset(scenario.concerns)
