"""Wording of presenter mode (in `data/text/<language>/labels.yaml`, under `presenter`)."""

from __future__ import annotations

from pydantic import Field

from .base import Strict, Text


class PresenterLabels(Strict):
    """Presenter mode: a workshop steps through the example patients, asks the room, then reveals the plan."""

    mode: Text = Field(description="Label of the switch that turns presenter mode on and off.")
    previous: Text = Field(description="Label of the button that opens the previous example.")
    next: Text = Field(description="Label of the button that opens the next example.")
    show_answer: Text = Field(description="Label of the button that ticks the example's own boxes and shows the plan.")
    show_plan: Text = Field(description="Label of the button that shows the plan for the boxes ticked now.")
    position: Text = Field(
        description="Which example is open, shown and read out; `{number}`, `{total}` and `{name}` are filled in."
    )
    ask_the_room: Text = Field(description="Label before the question to ask the room about the open example.")
    hidden_hint: Text = Field(description="Shown while the plan is hidden: what the presenter can do next.")
    answer_shown: Text = Field(
        description="Read out after 'show the answer'; `{ticked}` is filled in with the boxes now ticked."
    )
    plan_shown: Text = Field(description="Read out after 'show the plan'.")
    nothing_ticked: Text = Field(description="Fills `{ticked}` when the example ticks no box.")
    keys: Text = Field(description="Tells the presenter which keys (or a clicker) step through the examples.")
    on: Text = Field(description="Read out when presenter mode starts.")
    off: Text = Field(description="Read out when presenter mode ends.")
    qr_name: Text = Field(description="Accessible name of the QR code that opens the example on a phone.")
    qr_caption: Text = Field(description="Shown above the link next to the QR code, e.g. 'Open this on your phone'.")
    qr_missing: Text = Field(
        description="In the presenter's tools when no public address is set: how to set one (never projected)."
    )
    question: Text = Field(description="Label before the open example's question to the room, as projected.")
    notes: Text = Field(description="Marks the presenter's small strip of notes (not for the room), e.g. 'For you'.")
    leave: Text = Field(description="Label of the button in presenter mode's control row that leaves presenter mode.")
    forward: Text = Field(description="Name of the clicker's step forward (story, then answer, then next example).")
    back: Text = Field(description="Name of the clicker's step back (the same steps, backwards).")
