"""Shared building blocks for the content file models."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: A stable identifier: lower-case words joined by underscores.
EntryId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"),
    Field(description="Stable id in snake_case, e.g. `rare_cancer`. Never rename: links and tests use it."),
]

#: A patient-facing text: never empty, never only spaces.
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    Field(description="Plain-language text shown to patients."),
]


class Strict(BaseModel):
    """Every content model refuses unknown fields, so a typo is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Sourced(Strict):
    """An entry whose wording must be backed by at least one listed source."""

    id: EntryId
    sources: list[EntryId] = Field(
        min_length=1,
        description="Ids of entries in sources.yaml that back this entry's wording.",
    )
