"""Typed content: each entry's structure merged with its wording in the chosen language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .schema import structure, wording


class Theme(structure.Theme, wording.ThemeText):
    """A family of reasons."""


class GlossaryTerm(structure.GlossaryTerm, wording.GlossaryTermText):
    """A word explained in place."""


class Circumstance(structure.Circumstance, wording.CircumstanceText):
    """A situation a person can tick."""


class Concern(structure.Concern, wording.ConcernText):
    """A worry, with its answer."""


class AlwaysShown(structure.AlwaysShown, wording.AlwaysShownText):
    """A block every plan shows (when not to wait, what it may cost you, ...)."""


class Expert(structure.Expert, wording.ExpertText):
    """Where to look for the right expert."""


class Reason(structure.Reason, wording.ReasonText):
    """A reason to get a second opinion."""


class ReviewPoint(structure.ReviewPoint, wording.ReviewPointText):
    """A heading of the checklist."""


class ChecklistItem(structure.ChecklistItem, wording.ChecklistItemText):
    """Something to bring."""


class Question(structure.Question, wording.QuestionText):
    """A question to ask."""


class Scenario(structure.Scenario, wording.ScenarioText):
    """An example patient."""


class Letter(structure.Letter, wording.LetterText):
    """The records-request letter: its wording in the chosen language, and the sources behind it."""


Source = structure.Source
Settings = structure.Settings
Labels = wording.Labels

#: Merged class per kind name (sources have no wording).
MERGED: dict[str, type] = {
    "themes": Theme,
    "glossary": GlossaryTerm,
    "circumstances": Circumstance,
    "concerns": Concern,
    "always_shown": AlwaysShown,
    "experts": Expert,
    "reasons": Reason,
    "review_points": ReviewPoint,
    "checklist": ChecklistItem,
    "questions": Question,
    "scenarios": Scenario,
}


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

    @property
    def reviewed(self) -> dt.date:
        return self.settings.content_reviewed
