"""The registry of content kinds: which files exist, the noun an analyst uses for one entry, and the models
that read its structure and its wording (re-exported by `secondop.content.schema`)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from . import decision, first_steps, structure, wording


@dataclass(frozen=True)
class Kind:
    """One kind of entry: its structure file, its wording file and their models."""

    name: str  # attribute name on Content, e.g. "reasons"
    noun: str  # how an analyst names one entry, e.g. "reason"
    file: str  # structure file name in data/
    model: type[BaseModel]
    text_model: type[BaseModel] | None  # None: the kind has no wording file


KINDS: tuple[Kind, ...] = (
    Kind("sources", "source", "sources.yaml", structure.Source, None),
    Kind("themes", "theme", "themes.yaml", structure.Theme, wording.ThemeText),
    Kind("glossary", "glossary term", "glossary.yaml", structure.GlossaryTerm, wording.GlossaryTermText),
    Kind("circumstances", "circumstance", "circumstances.yaml", structure.Circumstance, wording.CircumstanceText),
    Kind("concerns", "concern", "concerns.yaml", structure.Concern, wording.ConcernText),
    Kind("always_shown", "always-shown block", "always_shown.yaml", structure.AlwaysShown, wording.AlwaysShownText),
    # what to do this week: the steps a plan opens with when time is short (e.g. treatment starts soon)
    Kind("first_steps", "first step", "first_steps.yaml", first_steps.FirstStep, first_steps.FirstStepText),
    Kind("experts", "expert guidance", "experts.yaml", structure.Expert, wording.ExpertText),
    Kind("reasons", "reason", "reasons.yaml", structure.Reason, wording.ReasonText),
    Kind("review_points", "review point", "review_points.yaml", structure.ReviewPoint, wording.ReviewPointText),
    Kind("checklist", "checklist item", "checklist.yaml", structure.ChecklistItem, wording.ChecklistItemText),
    Kind("questions", "question", "questions.yaml", structure.Question, wording.QuestionText),
    Kind("scenarios", "scenario", "scenarios.yaml", structure.Scenario, wording.ScenarioText),
    # the decision aid (IPDAS): choices side by side, values, the SURE test, the step path, the key figure
    Kind("choices", "choice", "choices.yaml", decision.Choice, decision.ChoiceText),
    Kind("values", "value statement", "values.yaml", decision.ValueStatement, decision.ValueStatementText),
    Kind("sure_questions", "SURE question", "sure_questions.yaml", decision.SureQuestion, decision.SureQuestionText),
    Kind("steps", "step", "steps.yaml", decision.Step, decision.StepText),
    Kind("key_figures", "key figure", "key_figures.yaml", decision.KeyFigure, decision.KeyFigureText),
)

SETTINGS_FILE = "settings.yaml"
LABELS_FILE = "labels.yaml"
LETTER_FILE = "letter.yaml"  # the records-request letter: data/letter.yaml (sources), text/<language>/letter.yaml
TEXT_DIR = "text"

KIND_BY_NAME = {kind.name: kind for kind in KINDS}
