"""The person's own marks in the decision aid: how much each thing matters, their leaning, their SURE answers.

They exist only in memory, for the handout the person downloads: nothing here is stored, logged, sent or put
in a link. Pure data and pure functions, so every renderer shows the marks the same way.

The SURE test (Légaré et al., Can Fam Physician 2010): four yes/no questions, yes = 1 and no = 0; a score of
4 means no decisional conflict, 3 or less that the person is not sure yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secondop.content.model import SureQuestion

#: How many marks a value statement can get (0 = not much, 1 = some, 2 = a lot), as `value_levels` names them.
VALUE_LEVELS = 3
#: The leaning answers, in the order of `labels.decision.leaning_options`.
LEANINGS = ("second_opinion", "go_ahead", "not_sure")


@dataclass(frozen=True)
class Marks:
    """What the person marked; anything left out is unmarked. Never written anywhere but the handout."""

    values: Mapping[str, int] = field(default_factory=dict)  # value statement id -> 0..2
    leaning: str | None = None  # one of LEANINGS
    sure: Mapping[str, bool] = field(default_factory=dict)  # SURE question id -> yes (True) / no (False)

    def __post_init__(self) -> None:
        for value_id, level in self.values.items():
            if not 0 <= level < VALUE_LEVELS:
                raise ValueError(f"value `{value_id}`: mark {level} is not one of 0..{VALUE_LEVELS - 1}")
        if self.leaning is not None and self.leaning not in LEANINGS:
            raise ValueError(f"leaning `{self.leaning}` is not one of {', '.join(LEANINGS)}")

    @property
    def is_empty(self) -> bool:
        return not self.values and self.leaning is None and not self.sure


@dataclass(frozen=True)
class SureResult:
    """The SURE score and what follows from it."""

    score: int  # the number of yes answers
    total: int  # the number of questions (4)
    answered: bool  # every question answered
    not_sure: tuple[SureQuestion, ...]  # the questions answered no, in order: their `if_no` is what to do next
    support: SureQuestion | None = None  # the test's last question (Encouragement: enough support and advice)

    @property
    def next_steps(self) -> tuple[SureQuestion, ...]:
        """What to do next under a full score: the step for each "no", and always the support step (someone to
        bring, the ACS and NCI lines), since support helps whatever is unclear. Empty when nothing was answered no."""
        if not self.not_sure:
            return ()
        extra = (self.support,) if self.support is not None and self.support not in self.not_sure else ()
        return (*self.not_sure, *extra)

    @property
    def ready(self) -> bool:
        """Every answer yes: no decisional conflict found. A score under the total means 'not sure yet'."""
        return self.answered and self.score == self.total


def sure_result(questions: tuple[SureQuestion, ...], answers: Mapping[str, bool]) -> SureResult:
    """Score the SURE test: one point per yes; the questions answered no give the next steps."""
    score = sum(1 for q in questions if answers.get(q.id) is True)
    not_sure = tuple(q for q in questions if answers.get(q.id) is False)
    answered = all(q.id in answers for q in questions)
    support = questions[-1] if questions else None  # S, U, R, E: the E item asks about support and advice
    return SureResult(score=score, total=len(questions), answered=answered, not_sure=not_sure, support=support)
