"""The reasons that apply and the chart of them. Built once; a toggle only shows, hides or refills parts."""

from __future__ import annotations

import json

import ipywidgets as w
import plotly.graph_objects as go

from ..assessment import Assessment
from ..content import Content
from ..figures import FIGURE_CONFIG, chart_summary, reasons_figure
from . import html_parts as hp

HIDDEN = "none"
SHOWN = ""


def figure_output(figure: go.Figure, alt: str) -> dict:
    """A plain figure as an Output widget's display message (what `display(fig)` would send).

    Rendered by the jupyterlab-plotly extension that ships with plotly: cached, offline, no FigureWidget.
    """
    plotly_json = {**json.loads(figure.to_json()), "config": FIGURE_CONFIG}
    bundle = {"application/vnd.plotly.v1+json": plotly_json, "text/plain": alt}
    return {"output_type": "display_data", "data": bundle, "metadata": {}}


class ReasonsView:
    """A card for every reason in the content, shown only while it applies (the order never changes)."""

    def __init__(self, content: Content):
        self.content = content
        self.cards = {reason_id: w.HTML("", layout=w.Layout(display=HIDDEN)) for reason_id in content.reasons}
        self.widget = w.VBox([w.HTML(hp.heading(2, content.labels.plan.reasons)), *self.cards.values()])
        self.widget.add_class("secondop-reasons")
        self._order = list(content.reasons)

    def update(self, assessment: Assessment) -> None:
        applied = {r.id: r for r in assessment.reasons}
        wanted = [r.id for r in assessment.reasons]
        if [i for i in self._order if i in applied] != wanted:  # order is by strength, then file order
            self._order = wanted + [i for i in self.content.reasons if i not in applied]
            self.widget.children = (self.widget.children[0], *(self.cards[i] for i in self._order))
        for reason_id, card in self.cards.items():
            if reason_id in applied:
                card.value = hp.reason_card(self.content, applied[reason_id])
                card.layout.display = SHOWN
            else:
                card.layout.display = HIDDEN

    def shown_ids(self) -> list[str]:
        return [i for i in self._order if self.cards[i].layout.display != HIDDEN]


class ChartView:
    """The chart of the applying reasons, redrawn only when they change, with its text alternative beside it."""

    def __init__(self, content: Content):
        self.content = content
        self.output = w.Output(layout=w.Layout(width="100%"))
        self.alt = w.HTML("")
        self.alt.add_class("secondop-chart-alt")
        title = w.HTML(hp.heading(2, content.labels.dashboard.chart_title))
        self.widget = w.VBox([title, self.output, self.alt], layout=w.Layout(width="100%"))
        self.widget.add_class("secondop-chart")
        self._drawn: tuple[str, ...] | None = None

    def update(self, assessment: Assessment) -> None:
        key = tuple(r.id for r in assessment.reasons)
        if key == self._drawn:
            return
        summary = chart_summary(self.content, assessment)
        figure = reasons_figure(self.content, assessment)
        # A responsive plotly chart fills its container's height, so the container carries the figure's height.
        self.output.layout.height = f"{figure.layout.height}px"
        self.output.outputs = (figure_output(figure, summary),)
        self.alt.value = f'<p class="secondop-chart-summary">{hp.esc(summary)}</p>'
        self._drawn = key
