"""Models of `first_steps.yaml`: the steps a plan opens with when time is short (What to do this week).

A person whose treatment starts in a few weeks needs an order, not a list: ask how long it is safe to wait,
ask for the records now, call the new center. Each step is an entry like any other (structure in
`data/first_steps.yaml`, wording in `data/text/<language>/first_steps.yaml`), so the validator checks its
sources, figures, translation and reading level, and the steps' text stays in data/.
"""

from __future__ import annotations

from pydantic import Field

from .base import EntryId, Sourced, Strict, Text


class FirstStep(Sourced):
    """One step of 'What to do this week', shown first, in file order, when one of its triggers is ticked."""

    shown_when: list[EntryId] = Field(
        min_length=1,
        description="Ids of circumstances or concerns (worries) that show this step (any one is enough), e.g. "
        "`[treatment_soon]`.",
    )


class FirstStepText(Strict):
    text: Text = Field(description="The step as a short instruction, e.g. 'Ask for your records now'.")
    how: Text = Field(description="How to do it, in a few short sentences: who to ask, what to say.")
