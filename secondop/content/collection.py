"""The whole validated content as one object, without pydantic: the browser edition builds it too.

The served edition fills it with the pydantic models of `model.py`; the static edition (Voici, no pydantic
in the browser) fills it with `plain.Record` objects read from the JSON written at build time. Both carry
the same attributes, so the plan and the dashboard cannot tell them apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import (
        AlwaysShown,
        ChecklistItem,
        Choice,
        Circumstance,
        Concern,
        Expert,
        FirstStep,
        GlossaryTerm,
        KeyFigure,
        Labels,
        Letter,
        Question,
        Reason,
        ReviewPoint,
        Scenario,
        Settings,
        Source,
        Step,
        SureQuestion,
        Theme,
        ValueStatement,
    )


@dataclass(frozen=True)
class Content:
    """All content, validated. Dicts keep the order of the files, which is the display order."""

    root: Path
    language: str  # the language of every text in this object (a folder under data/text/)
    settings: Settings
    labels: Labels
    sources: dict[str, Source]
    themes: dict[str, Theme]
    glossary: dict[str, GlossaryTerm]
    circumstances: dict[str, Circumstance]
    concerns: dict[str, Concern]
    always_shown: dict[str, AlwaysShown]
    experts: dict[str, Expert]
    reasons: dict[str, Reason]
    review_points: dict[str, ReviewPoint]
    checklist: dict[str, ChecklistItem]
    questions: dict[str, Question]
    scenarios: dict[str, Scenario]
    letter: Letter  # the records-request letter (data/letter.yaml, text/<language>/letter.yaml)
    # the decision aid; after `letter` with defaults, so content written before it still loads
    choices: dict[str, Choice] = field(default_factory=dict)
    values: dict[str, ValueStatement] = field(default_factory=dict)
    sure_questions: dict[str, SureQuestion] = field(default_factory=dict)
    steps: dict[str, Step] = field(default_factory=dict)
    key_figures: dict[str, KeyFigure] = field(default_factory=dict)
    # what to do this week, when time is short; with a default for the same reason
    first_steps: dict[str, FirstStep] = field(default_factory=dict)

    @property
    def reviewed(self) -> dt.date:
        return self.settings.content_reviewed
