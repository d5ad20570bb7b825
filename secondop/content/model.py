"""Typed content: each entry's structure merged with its wording in the chosen language."""

from __future__ import annotations

from .schema import decision, first_steps, structure, wording


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


class FirstStep(first_steps.FirstStep, first_steps.FirstStepText):
    """A step of 'What to do this week', shown first when time is short."""


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


class Choice(decision.Choice, decision.ChoiceText):
    """One of the person's choices, with its good and hard points."""


class ValueStatement(decision.ValueStatement, decision.ValueStatementText):
    """Something that may matter to the person as they decide."""


class SureQuestion(decision.SureQuestion, decision.SureQuestionText):
    """One question of the SURE test, with what to do when the answer is no."""


class Step(decision.Step, decision.StepText):
    """A step on the path from deciding to comparing the opinions."""


class KeyFigure(decision.KeyFigure, decision.KeyFigureText):
    """The plan's one number, shown as an icon array."""


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
    "first_steps": FirstStep,
    "experts": Expert,
    "reasons": Reason,
    "review_points": ReviewPoint,
    "checklist": ChecklistItem,
    "questions": Question,
    "scenarios": Scenario,
    "choices": Choice,
    "values": ValueStatement,
    "sure_questions": SureQuestion,
    "steps": Step,
    "key_figures": KeyFigure,
}
