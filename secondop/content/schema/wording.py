"""Models of the wording files in `data/text/<language>/`.

Each file maps an entry id (from the matching structure file) to its texts.
"""

from __future__ import annotations

from pydantic import Field

from .base import Strict, Text
from .dashboard_labels import DashboardLabels
from .decision import DecisionLabels
from .presenter_labels import PresenterLabels


class ThemeText(Strict):
    label: Text = Field(description="Short name of the theme, shown in the chart.")


class CircumstanceText(Strict):
    label: Text = Field(description="The box's label, in the person's words: 'I ...' or 'My ...'.")
    explanation: Text = Field(description="One plain sentence that says what the box means.")


class ConcernText(Strict):
    label: Text = Field(description="The worry in the person's words, e.g. 'I worry my doctor will be upset'.")
    explanation: Text = Field(description="One plain sentence that says what the worry is about.")
    answer: Text = Field(
        description="The answer to the worry: what the sources say, in a few short sentences. "
        "A blank line splits a long answer into short points, shown as a list."
    )


class ExpertText(Strict):
    who: Text = Field(description="What kind of expert or center to look for.")
    how: Text = Field(description="How to find one: who to ask, where to look.")


class ReasonText(Strict):
    title: Text = Field(description="The reason as a short heading.")
    why: Text = Field(description="Why this situation makes a second opinion worth it, in a few short sentences.")


class ReviewPointText(Strict):
    title: Text = Field(description="The heading, e.g. 'Your pathology report'.")
    doctor_checks: Text = Field(description="What the reviewing doctor looks at under this heading, and why.")


class ChecklistItemText(Strict):
    text: Text = Field(description="What to bring or do, as a short instruction.")
    how_to_get: Text = Field(description="How to get it: who to ask, what you have a right to.")
    record_name: Text | None = Field(
        default=None,
        description="For an item with `record: true` in checklist.yaml (and only then): the record as the "
        "records-request letter names it, in the person's words, e.g. 'My pathology report'.",
    )


class QuestionText(Strict):
    text: Text = Field(description="The question, as the person would ask it.")


class GlossaryTermText(Strict):
    term: Text = Field(description="The word or phrase as it appears in the app.")
    definition: Text = Field(description="What it means, in one or two plain sentences.")
    forms: list[Text] = Field(
        default_factory=list,
        description="Other ways the texts write this term (plurals, short forms), e.g. `biopsies`. A handout's "
        "glossary lists a term when its text uses the term or one of these forms.",
    )


class AlwaysShownText(Strict):
    title: Text = Field(description="The block's heading, e.g. 'When not to wait'.")
    text: Text = Field(description="What everyone should know, in a few short sentences.")


class ScenarioText(Strict):
    name: Text = Field(description="A short name for the example patient, e.g. 'Maria, rare cancer'.")
    story: Text = Field(description="The example patient's situation in two or three sentences.")
    teaches: Text = Field(description="What a workshop learns from this example.")
    ask_the_room: Text = Field(
        description="What a workshop presenter asks the room before showing the plan for this example (presenter "
        "mode and the facilitator guide)."
    )


class PlanLabels(Strict):
    """Headings and notices shared by the dashboard and the exported plan."""

    title: Text = Field(description="Title of a person's plan, e.g. 'My second-opinion plan'.")
    notice: Text = Field(description="The not-medical-advice notice, shown everywhere.")
    reviewed: Text = Field(description="Label before the content review date, e.g. 'Content last reviewed'.")
    your_situation: Text = Field(description="Heading for the circumstances the person ticked.")
    nothing_ticked: Text = Field(description="Shown under 'your situation' when nothing is ticked.")
    reasons: Text = Field(description="Heading for the reasons that apply.")
    expert: Text = Field(description="Label before the kind of expert to look for.")
    where_to_look: Text = Field(description="Label before the links that help to find an expert.")
    expert_same: Text = Field(
        description="Said in place of the expert paragraph when an earlier reason names the same expert; "
        "`{reason}` is that reason's title, e.g. 'The same as for \"{reason}\" above.'."
    )
    checklist: Text = Field(description="Heading for what to bring.")
    how_to_get: Text = Field(description="Label before how to get an item.")
    questions: Text = Field(description="Heading for the questions to ask.")
    worries: Text = Field(description="Heading for the worries answered.")
    sources: Text = Field(description="Heading for the list of sources.")
    source_label: Text = Field(description="Short label before an entry's sources, e.g. 'Source'.")
    source_reviewed: Text = Field(
        description="Label before the date a source was last checked, in the plan's list of sources, e.g. 'Checked'."
    )
    source_summarised: Text = Field(
        description="Label before the source that reports a source nobody could read, e.g. 'As summarised in'."
    )
    always_shown: Text = Field(description="Heading above the blocks every plan shows, e.g. 'Before you decide'.")
    this_week: Text = Field(
        description="Heading of the steps a plan opens with when time is short (first_steps.yaml), e.g. 'What to "
        "do this week'."
    )
    glossary: Text = Field(description="Heading of the handout's list of words it uses, e.g. 'Words to know'.")


class MessageLabels(Strict):
    """Short friendly messages shown when something goes wrong."""

    unknown_ids: Text = Field(description="Shown when a link names circumstances or a scenario that do not exist.")
    link_too_long: Text = Field(
        description="Shown when a link is too long for the guide to read (a damaged or made-up link), "
        "so nothing was ticked from it: what happened and what to do instead."
    )
    unexpected: Text = Field(description="Shown when anything else fails.")
    connection_lost: Text = Field(
        description="Shown over the page when the app behind it stopped (its kernel died or the server restarted): "
        "what happened and that reloading the page starts again."
    )


class BusyLabels(Strict):
    """The small page a server shows instead of the app when it already has as many pages open as it may."""

    title: Text = Field(description="The busy page's heading (and window title), e.g. 'This guide is busy'.")
    text: Text = Field(
        description="What happened and what to do: many people have the guide open, try again in a minute."
    )
    try_again: Text = Field(description="The link that asks for the guide again, e.g. 'Try again'.")
    other_copy: Text = Field(
        description="Said before the address of another copy of the guide (the `public_url`), shown only when "
        "one is set, e.g. 'You can also open another copy of this guide:'."
    )


class UndoLabels(Strict):
    """The note and button that bring back ticks an example or Clear all replaced."""

    button: Text = Field(description="The button that brings the ticks back, e.g. 'Undo'.")
    example: Text = Field(
        description="Said when an example patient replaced the boxes the person had ticked (Undo brings them back)."
    )
    cleared: Text = Field(description="Said when Clear all emptied every box (Undo brings them back).")


class FileLabels(Strict):
    """Downloads beyond the plan as a web page: the plan as plain text for a phone."""

    download_text: Text = Field(
        description="Label of the link that downloads the plan as plain text, easy to read on a phone."
    )


class LanguageLabels(Strict):
    """How this language names itself and the others, for the language switch and foreign-language sources."""

    name: Text = Field(description="This language's name in itself, as the switch shows it, e.g. 'Español'.")
    switch: Text = Field(description="Accessible name of the language switch, e.g. 'Language'.")
    names: dict[str, Text] = Field(
        description="Every shipped language's name in this language, by code, e.g. `{en: inglés, es: español}`."
    )
    date_format: Text = Field(
        description="How dates are written; `{day}`, `{month}` and `{year}` are filled in (two-digit day and "
        "month), e.g. '{year}-{month}-{day}' or '{day}/{month}/{year}'."
    )
    source_note: Text = Field(
        description="Shown after a source written in another language; `{language}` is filled in, "
        "e.g. '(en {language})'."
    )


class Labels(Strict):
    """Every fixed piece of interface wording, so no patient-facing text lives in code."""

    plan: PlanLabels = Field(description="Headings and notices of a plan.")
    messages: MessageLabels = Field(description="Friendly error messages.")
    busy: BusyLabels = Field(description="The page shown instead of the app when the server is full.")
    undo: UndoLabels = Field(description="Bringing back ticks an example or Clear all replaced.")
    files: FileLabels = Field(description="Downloads of the plan beyond the web page.")
    dashboard: DashboardLabels = Field(description="Wording of the dashboard's controls.")
    language: LanguageLabels = Field(description="The language's own name, the switch, and notes on sources.")
    presenter: PresenterLabels = Field(
        description="Presenter mode: stepping through examples, the reveal, the QR code."
    )
    decision: DecisionLabels = Field(
        description="The decision aid: key points, choices, values, the SURE test, the step path, about this guide."
    )


class LetterText(Strict):
    """The wording of the records-request letter (`data/text/<language>/letter.yaml`).

    The letter asks a provider for copies of the records the person's plan lists, under the HIPAA right of
    access. Personal details are blank lines the person fills in by hand: the app never asks for them.
    """

    link: Text = Field(description="The dashboard's download link, e.g. 'Download a records request letter'.")
    file_name: Text = Field(description="Name of the downloaded file, without `.html`, e.g. 'records-request-letter'.")
    title: Text = Field(description="The letter's heading, e.g. 'Request for copies of my medical records'.")
    date: Text = Field(description="Label of the blank line for the date the letter is sent.")
    to: Text = Field(description="Label of the blank lines for who the letter goes to (office, records department).")
    name: Text = Field(description="Label of the blank line for the person's name.")
    birth_date: Text = Field(description="Label of the blank line for the person's date of birth.")
    record_number: Text = Field(description="Label of the blank line for the medical record number, if known.")
    address: Text = Field(description="Label of the blank lines for the person's address.")
    phone: Text = Field(description="Label of the blank line for a phone number or email address.")
    greeting: Text = Field(description="How the letter opens, e.g. 'Dear records office,'.")
    request: Text = Field(description="The request: who asks, why, and the right it relies on.")
    records_heading: Text = Field(description="Heading above the list of records asked for.")
    send_heading: Text = Field(description="Heading above the tick boxes for where to send the copies.")
    send_to_me: Text = Field(description="Tick box: send the copies to me.")
    send_to_doctor: Text = Field(description="Tick box: send the copies to the doctor giving the second opinion.")
    doctor_name: Text = Field(description="Label of the blank line for that doctor's name.")
    doctor_address: Text = Field(description="Label of the blank lines for that doctor's address, fax or email.")
    deadline: Text = Field(description="Asks for a date, and states the legal time limit (with its figures).")
    wanted_by: Text = Field(description="Label of the blank line for the date the person would like the copies by.")
    treatment_start: Text = Field(
        description="Label of the blank line for the date the person's treatment is set to start, so the office "
        "can hurry, e.g. 'My treatment is set to start on'."
    )
    portal_request: Text = Field(description="Asks the office to say if the records are in the patient portal.")
    closing: Text = Field(description="The letter's closing line, e.g. 'Thank you for your help.'.")
    signature: Text = Field(description="Label of the blank line for the person's signature.")
    who_signs: Text = Field(
        description="Who signs: the patient, or a personal representative (someone who may make health care "
        "decisions for the patient, e.g. with a health care power of attorney the patient signed)."
    )
    representative: Text = Field(
        description="Label of the blank line for a personal representative's name and how they may act for the "
        "patient; left empty when the patient signs."
    )
    copy_note: Text = Field(
        description="Printed above the copy of the letter in the guide's main language, which a letter in another "
        "language carries on its last page (a records office may not read the other language); `{language}` is "
        "filled in with that language's name."
    )
    notes_heading: Text = Field(description="Heading of the notes for the person, printed after the letter.")
    fill_in: Text = Field(description="Tells the person to fill in the blank lines by hand, and why they are blank.")
    portal_tip: Text = Field(description="The patient portal is often the fastest way to get copies.")
    send_tip: Text = Field(description="Where to give or send the letter; keep a copy.")
    fee_tip: Text = Field(description="What the office may and may not charge for.")
    check_tip: Text = Field(description="Call the new doctor's office to check the records arrived.")
