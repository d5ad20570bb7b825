"""Wording of the dashboard's own controls (in `data/text/<language>/labels.yaml`, under `dashboard`)."""

from __future__ import annotations

from pydantic import Field

from .base import Strict, Text


class DashboardLabels(Strict):
    """Labels of controls and sections that only the dashboard shows."""

    app_title: Text = Field(description="Title at the top of the dashboard.")
    intro: Text = Field(description="One or two sentences under the title: what the tool does.")
    circumstances: Text = Field(description="Heading above the boxes to tick.")
    group_diagnosis: Text = Field(description="Heading of the circumstances about the diagnosis.")
    group_treatment_plan: Text = Field(description="Heading of the circumstances about the treatment plan.")
    group_where_treated: Text = Field(description="Heading of the circumstances about where you are treated.")
    concerns: Text = Field(description="Heading above the worries to tick.")
    scenario: Text = Field(description="Label of the example-patient picker.")
    scenario_none: Text = Field(description="The picker's choice for 'no example'.")
    reset: Text = Field(description="Label of the button that clears every box.")
    large_text: Text = Field(description="Label of the large-text (projector) switch.")
    progress: Text = Field(description="Progress of the checklist; `{done}` and `{total}` are filled in.")
    download_html: Text = Field(description="Label of the link that downloads the plan as a web page.")
    download_markdown: Text = Field(description="Label of the link that downloads the plan as text (Markdown).")
    print_view: Text = Field(description="Label of the button that opens a print-ready view.")
    chart_title: Text = Field(description="Title of the chart of reasons.")
    chart_alt: Text = Field(description="Text alternative of the chart; `{summary}` is filled in.")
    chart_axis: Text = Field(description="Title of the chart's axis that shows how strongly each reason applies.")
    chart_empty: Text = Field(description="Shown in place of the chart when no reason applies.")
    strength_1: Text = Field(
        description="Name of strength 1 (worth thinking about), shown in the chart and the reasons."
    )
    strength_2: Text = Field(description="Name of strength 2 (usually advised), shown in the chart and the reasons.")
    strength_3: Text = Field(description="Name of strength 3 (clearly advised), shown in the chart and the reasons.")
    because: Text = Field(
        description="Label before the ticked boxes that made a reason apply, e.g. 'Because you ticked'."
    )
    worries_hint: Text = Field(description="Shown under 'worries answered' when no worry is ticked.")
    presenters: Text = Field(description="Heading of the tools for presenters: example patients, reset, large text.")
    scenario_teaches: Text = Field(description="Label before what the chosen example patient teaches.")
    share: Text = Field(description="Heading of the section to download, print or share the plan.")
    share_link: Text = Field(description="Label of the link that reopens the app with the same boxes ticked.")
    file_name: Text = Field(
        description="Name (without extension) of the downloaded plan files, e.g. 'second-opinion-plan'."
    )
    loading: Text = Field(
        description="Shown, and read out, while the page shows the plan but its boxes do not work yet (the app "
        "is starting): why a tap does nothing, and that it will work in a moment."
    )
