"""Models of the structure files in `data/`: ids, triggers, links and sources.

Wording lives apart, in `data/text/<language>/` (see `wording.py`), so a second
language is a set of data files and no code change.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, HttpUrl, model_validator

from ..languages import ordered_languages
from .base import EntryId, Sourced, Strict


class Source(Strict):
    """A publication the content relies on.

    Either someone read the source's own text (`checked`), or it is known only through another source
    that was read (`summarised_in`): a plan never claims a check that did not happen. `excerpts` quote
    what was read, so every figure in a text can be traced to the words it came from.
    """

    id: EntryId
    title: str = Field(min_length=1, description="Title of the page, article or document.")
    publisher: str = Field(min_length=1, description="Who publishes it, e.g. `American Cancer Society`.")
    url: HttpUrl | None = Field(
        default=None, description="Web address (https://...). Leave out only for a document with no public address."
    )
    checked: dt.date | None = Field(
        default=None,
        description="Date (YYYY-MM-DD) someone last read this source's own text and checked the content against "
        "it. Leave out if its text could not be read, and give `summarised_in` instead.",
    )
    summarised_in: EntryId | None = Field(
        default=None,
        description="For a source whose own text could not be read: id of the checked source that reports it "
        "(e.g. a news report of a study). Plans then say 'as summarised in' that source, with no checked date.",
    )
    excerpts: list[str] = Field(
        min_length=1,
        description="Short quotes of what the source says, as read (from `summarised_in` when the source itself "
        "was not read). Every figure in a text that cites this source must appear in one of them.",
    )
    language: EntryId = Field(default="en", description="Language the source is written in, e.g. `en` or `es`.")
    version_of: EntryId | None = Field(
        default=None,
        description="For a source in another language: id of the source it is a version of. Plans in this "
        "source's language cite it in place of that source.",
    )
    note: str | None = Field(default=None, description="For analysts only: how to get it, or what in it is used.")

    @model_validator(mode="after")
    def _checked_or_summarised(self) -> Source:
        if (self.checked is None) == (self.summarised_in is None):
            raise ValueError(
                "give either `checked` (the date its own text was read) or `summarised_in` (the source that "
                "reports it), not both and not neither"
            )
        return self


class FigureException(Strict):
    """A figure allowed in a text although no cited source has it, with the reason why (e.g. an invented age)."""

    file: str = Field(min_length=1, description="Text file name, e.g. `scenarios.yaml`.")
    entry: EntryId = Field(description="Id of the entry whose text carries the figure.")
    field: str = Field(min_length=1, description="Name of the text field, e.g. `story`.")
    figure: str = Field(min_length=1, description="The figure exactly as the text writes it, e.g. `64`.")
    reason: str = Field(min_length=1, description="Why the figure needs no source.")


class ReadingException(Strict):
    """A text allowed above the reading-grade target, with the reason why."""

    file: str = Field(min_length=1, description="Text file name, e.g. `glossary.yaml`.")
    entry: EntryId = Field(description="Id of the entry whose text may score higher.")
    field: str = Field(min_length=1, description="Name of the text field, e.g. `definition`.")
    reason: str = Field(min_length=1, description="Why plainer wording is not possible here.")


class DerivedFigure(Strict):
    """A plain frequency worked out from a source's percentages, e.g. 12–69% -> about 1 to 7 in 10.

    Texts that cite `source` may then use the figures in `gives` and `out_of`; the validator checks that every
    figure in `percents` is in an excerpt of `source`, and that `gives[i] == round(percents[i] * out_of / 100)`.
    """

    source: EntryId = Field(description="Id of the source whose excerpt has the percentages.")
    percents: list[int | float] = Field(
        min_length=1, description="The percentages as the source states them, e.g. `[12, 69]` or `[90.3]`."
    )
    out_of: int = Field(gt=0, le=100, description="The frequency's base: 10 for 'in 10', 5 for 'in 5'.")
    gives: list[int] = Field(
        min_length=1,
        description="The frequencies, one per percentage, each the percentage of `out_of` rounded, e.g. `[1, 7]`.",
    )


class Settings(Strict):
    """Project-wide content settings."""

    @property
    def all_languages(self) -> list[str]:
        """The default language first, then the others in the order listed."""
        return ordered_languages(self.language, self.languages)

    language: EntryId = Field(
        description="Folder under `data/text/` with the wording shown unless a person asks for another, e.g. `en`."
    )
    languages: list[EntryId] = Field(
        default_factory=list,
        description="Every language shipped, each a folder under `data/text/` with every wording file, e.g. "
        "`[en, es]`. The validator checks that every language has every text. Empty means only `language`.",
    )
    content_reviewed: dt.date = Field(description="Date the whole content was last reviewed; shown to every user.")
    source_max_age_days: int = Field(
        gt=0, description="A source whose `last_reviewed` is older than this many days is flagged for review."
    )
    reading_grade_target: float = Field(
        gt=0, description="Highest US school grade (Flesch-Kincaid) allowed for a patient-facing text."
    )
    reading_ease_minimum: float = Field(
        default=60,
        gt=0,
        description="For Spanish (measured by the Fernández-Huerta reading ease, higher is easier): the lowest "
        "score a patient-facing body text may have.",
    )
    reading_exceptions: list[ReadingException] = Field(
        default_factory=list, description="Texts allowed above the target, each with a reason."
    )
    figure_exceptions: list[FigureException] = Field(
        default_factory=list,
        description="Figures allowed in a text although none of its sources' excerpts has them, each with a reason.",
    )
    derived_figures: list[DerivedFigure] = Field(
        default_factory=list,
        description="Plain frequencies worked out from a source's percentages (e.g. 'about 1 to 7 in 10' beside "
        "'12% to 69%'): texts citing the source may use them; the validator checks the arithmetic.",
    )
    public_url: str | None = Field(
        default=None,
        pattern=r"^https?://[^\s]+$",
        description="Web address where participants can open the dashboard (e.g. the published Binder address); "
        "presenter mode shows it as a QR code that opens the current example. A `{query}` in it is replaced by "
        "the example's query string, encoded (for a Binder `urlpath`); otherwise the query is added after `?`. "
        "`secondop serve --public-url URL` overrides it. Leave out when there is none: no QR code is shown.",
    )


class Theme(Sourced):
    """A family of reasons, used to group them in the chart."""


class Circumstance(Sourced):
    """A situation a person can tick."""

    group: Literal["diagnosis", "treatment_plan", "where_treated"] = Field(
        description="Where the box appears: `diagnosis`, `treatment_plan` or `where_treated`."
    )
    glossary: list[EntryId] = Field(
        default_factory=list, description="Ids of glossary terms explained next to this box."
    )


class Concern(Sourced):
    """A worry the app answers (offending the doctor, delay, cost)."""


class AlwaysShown(Sourced):
    """A block every plan shows, whatever is ticked: when not to wait, what it may cost you, and so on."""


class Expert(Sourced):
    """Where to look for the right expert or center."""

    links: list[EntryId] = Field(
        default_factory=list, description="Ids of sources whose web address helps to find such an expert."
    )


class Reason(Sourced):
    """A reason to get a second opinion, and what makes it apply."""

    always: bool = Field(default=False, description="True if it applies to everyone (only `new_diagnosis`).")
    triggered_by: list[EntryId] = Field(
        default_factory=list, description="Ids of circumstances that make this reason apply (any one is enough)."
    )
    strength: int = Field(
        ge=1,
        le=3,
        description="How strongly sources urge a second opinion: 3 = clearly, 2 = usually, 1 = worth a thought.",
    )
    theme: EntryId = Field(description="Id of the theme in themes.yaml this reason belongs to.")
    expert: EntryId = Field(description="Id of the expert guidance in experts.yaml for this reason.")


class ReviewPoint(Sourced):
    """A heading of the checklist: one of the five things the reviewing doctor looks at, or the appointment."""

    kind: Literal["review", "appointment"] = Field(
        description="`review` for the five things the doctor reviews; `appointment` for the visit itself."
    )


class ChecklistItem(Sourced):
    """Something to bring or do before the appointment."""

    group: EntryId = Field(description="Id of the review point in review_points.yaml this item belongs under.")
    always: bool = Field(default=False, description="True if everyone should bring it.")
    added_by: list[EntryId] = Field(
        default_factory=list,
        description="Ids of circumstances or concerns (worries) that add this item (when `always` is false).",
    )
    record: bool = Field(
        default=False,
        description="True if the item is a record a provider holds and can copy (a report, scans, a written plan): "
        "the records-request letter then asks for it, by its `record_name`.",
    )
    specimen: bool = Field(
        default=False,
        description="True if the item is a specimen a lab keeps (pathology slides, tissue blocks): it goes to the "
        "reviewing doctor on the lab's own release, not as a copy under the right of access, so it is never "
        "`record: true`.",
    )


class Question(Sourced):
    """A question to ask at the appointment."""

    always: bool = Field(default=False, description="True if everyone should ask it.")
    asked_when: list[EntryId] = Field(
        default_factory=list, description="Ids of circumstances or concerns that add this question."
    )


class GlossaryTerm(Sourced):
    """A word explained in place."""


class Scenario(Sourced):
    """A named example patient for workshops and tests."""

    circumstances: list[EntryId] = Field(description="Ids of the circumstances this person ticks.")
    concerns: list[EntryId] = Field(default_factory=list, description="Ids of the worries this person has.")
    expected_reasons: list[EntryId] = Field(
        min_length=1, description="Ids of exactly the reasons this scenario must produce (tests check it)."
    )
    order: int | None = Field(
        default=None,
        ge=1,
        description="Place of this example in a workshop (1 = first): presenter mode's Next and Previous and the "
        "facilitator guide follow it. Examples without one come after those with one, in file order.",
    )


class Letter(Strict):
    """The records-request letter (`data/letter.yaml`): the sources its wording relies on.

    Its wording is in `data/text/<language>/letter.yaml`; the records it asks for are the checklist items with
    `record: true` that the person's plan lists.
    """

    sources: list[EntryId] = Field(
        min_length=1,
        description="Ids of entries in sources.yaml that back the letter's wording (the right of access, the "
        "30-day limit, the patient portal). Every figure in the letter must be in one of their excerpts.",
    )
