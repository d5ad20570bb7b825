"""Models of the decision aid's files: the choices side by side, what matters to the person, the SURE test,
the step path and the key figure (IPDAS: state the decision, lay out the options in equal detail, help the
person weigh them, check they are ready).

Structure in `data/<kind>.yaml` (ids, sources, links); wording in `data/text/<language>/<kind>.yaml`, as for
every other kind, so the validator checks sources, figures, translations and reading level for them too.
"""

from __future__ import annotations

from pydantic import Field

from .base import EntryId, Sourced, Strict, Text


class Choice(Sourced):
    """One of the choices a person has (going ahead now, a second opinion in person, a remote review, ...)."""


class ValueStatement(Sourced):
    """Something that may matter to a person as they decide (knowing all the choices, cost, ...)."""


class SureQuestion(Sourced):
    """One of the four questions of the SURE test (Légaré et al. 2010): answered yes (1) or no (0)."""


class Step(Sourced):
    """A step on the path from deciding to comparing the opinions; the checklist follows their order."""

    review_points: list[EntryId] = Field(
        default_factory=list,
        description="Ids of review points (checklist headings) whose items belong to this step: the checklist "
        "is shown in step order.",
    )


class KeyFigure(Sourced):
    """The plan's one number shown as a picture: an icon array of `out_of` icons, `low` to `high` of them marked.

    The three numbers must be a derived figure of a source this entry cites (`settings.derived_figures`), so
    the picture can never show a number the source does not support.
    """

    low: int = Field(ge=0, description="Icons surely marked, e.g. 1 (of 10).")
    high: int = Field(ge=0, description="Icons marked at most, e.g. 7 (of 10); equal to `low` for one number.")
    out_of: int = Field(gt=0, le=100, description="How many icons the picture has: 10 or 100.")


class ChoiceText(Strict):
    name: Text = Field(description="The choice as a short heading, e.g. 'Get a second opinion in person'.")
    what_happens: Text = Field(description="What this choice means and what happens next, in one or two sentences.")
    good: Text = Field(description="The good points of this choice, in a few short sentences.")
    hard: Text = Field(
        description="The hard points of this choice, in a few short sentences: as much detail as the good points."
    )


class ValueStatementText(Strict):
    statement: Text = Field(description="What may matter, in the person's words, e.g. 'Knowing all my choices'.")


class SureQuestionText(Strict):
    question: Text = Field(
        description="The question, answered yes or no, e.g. 'Do you feel sure about the best choice?'."
    )
    if_no: Text = Field(description="What to do next when the answer is no.")


class StepText(Strict):
    title: Text = Field(description="The step as a short heading, e.g. 'Check your plan's rules'.")
    text: Text = Field(description="What to do in this step, in one or two sentences.")


class KeyFigureText(Strict):
    title: Text = Field(description="The picture's title, e.g. 'How often a second opinion changes the plan'.")
    text: Text = Field(
        description="What the picture shows, with the percentages and the plain frequency (e.g. 'about 1 to 7 "
        "in 10') beside each other."
    )


class DecisionLabels(Strict):
    """Headings and fixed wording of the decision aid (labels cite no source: no figures here)."""

    purpose: Text = Field(description="What the plan helps with: whether to get a second opinion, and how.")
    key_points: Text = Field(description="Heading of the key points.")
    key_decision: Text = Field(description="Key point: the decision to make.")
    key_reason: Text = Field(description="Key point label before the strongest reason, e.g. 'Your strongest reason'.")
    key_step: Text = Field(description="Key point label before the first step, e.g. 'Your first step'.")
    key_wait: Text = Field(description="Key point label before when not to wait, e.g. 'When not to wait'.")
    choices: Text = Field(description="Heading of the choices side by side, e.g. 'Your choices'.")
    choices_intro: Text = Field(description="One or two sentences under that heading.")
    choice: Text = Field(description="Table column heading: the choice.")
    good: Text = Field(description="Table column heading: the good points.")
    hard: Text = Field(description="Table column heading: the hard points.")
    values: Text = Field(description="Heading of the values exercise, e.g. 'What matters most to me'.")
    values_intro: Text = Field(description="How to do the exercise, and that the marks stay on this device.")
    value_levels: list[Text] = Field(
        min_length=3,
        max_length=3,
        description="The three marks of a statement, from least to most: e.g. 'Not much', 'Some', 'A lot'.",
    )
    value_unmarked: Text = Field(description="Shown in a handout for a statement the person did not mark.")
    leaning: Text = Field(description="Heading of the leaning question, e.g. 'I'm leaning toward'.")
    leaning_options: list[Text] = Field(
        min_length=3,
        max_length=3,
        description="The three answers, in order: a second opinion; going ahead with the first plan; not sure yet.",
    )
    sure: Text = Field(description="Heading of the SURE test, e.g. 'Am I ready to decide?'.")
    sure_intro: Text = Field(description="How to use the four questions.")
    yes: Text = Field(description="The answer yes.")
    no: Text = Field(description="The answer no.")
    sure_score: Text = Field(
        description="The score; `{score}` and `{total}` are filled in, e.g. 'Score: {score} of {total}'."
    )
    sure_ready: Text = Field(description="Shown when every answer is yes.")
    sure_not_ready: Text = Field(description="Shown above the next steps when an answer is no.")
    sure_unanswered: Text = Field(description="Shown before all four questions are answered.")
    sure_credit: Text = Field(description="Credits the SURE test's authors, shown on screen and in the handout.")
    steps: Text = Field(description="Title of the step path, e.g. 'Your path, step by step'.")
    how_to_use: Text = Field(description="Heading 'How to use this', above the instructions for the picture.")
    steps_use: Text = Field(description="How to use the step path.")
    chart_use: Text = Field(description="How to use the chart of reasons: what the bars mean and what to do with them.")
    figure_use: Text = Field(description="How to read the picture of the key figure.")
    figure_marked: Text = Field(description="Legend: icons that stand for the low end of the range.")
    figure_maybe: Text = Field(description="Legend: icons that stand for the rest of the range (up to the high end).")
    figure_rest: Text = Field(description="Legend: the other icons.")
    marks_note: Text = Field(description="Under the person's marks in a handout: they are as the person chose them.")
    about: Text = Field(description="Heading 'About this guide'.")
    about_who: Text = Field(description="Who makes the guide.")
    about_funding: Text = Field(description="Who pays for it (no one).")
    about_conflicts: Text = Field(description="Conflicts of interest, including the seed article's publisher.")
    about_sources: Text = Field(description="How sources are chosen and checked.")
    about_reading: Text = Field(description="The reading level; `{grade}` (the US school grade target) is filled in.")
    about_updates: Text = Field(description="How often sources are read again; `{days}` is filled in.")
    about_testing: Text = Field(description="That the guide has not yet been tested with patients.")
    summary_title: Text = Field(description="Title of the short version, e.g. 'My second opinion plan, short version'.")
    summary_first_steps: Text = Field(description="Heading of the first steps in the short version.")
    summary_bring: Text = Field(description="Heading of what to bring in the short version.")
    summary_phones: Text = Field(description="Heading of the phone lines in the short version.")
    summary_full_plan: Text = Field(description="Heading before the address of the full plan.")
    summary_no_address: Text = Field(description="Shown when there is no public address of the full plan.")
    download_summary: Text = Field(description="Label of the link that downloads the short version.")
    summary_file_name: Text = Field(description="Name of the downloaded short version, without `.html`.")
