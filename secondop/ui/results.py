"""The reasons that apply and the chart of them. Built once; a toggle only shows, hides or refills parts."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from secondop.content.model import Content
from secondop.plan.assessment import Assessment
from secondop.plan.chart import FIGURE_CONFIG, chart_summary, reasons_figure_json

from . import html_parts as hp
from .factory import WidgetFactory

#: Chart text sizes (px): as the page's small print, and for a projector (large-text mode).
TEXT_SIZE = 14
LARGE_TEXT_SIZE = 22


def figure_output(figure: dict[str, Any], alt: str) -> dict:
    """A figure's plotly JSON as an Output widget's display message (what `display(go.Figure(...))` sends).

    Rendered by the jupyterlab-plotly extension that ships with plotly: cached, offline, no FigureWidget,
    and no plotly import in the kernel.
    """
    plotly_json = {**figure, "config": FIGURE_CONFIG}
    bundle = {"application/vnd.plotly.v1+json": plotly_json, "text/plain": alt}
    return {"output_type": "display_data", "data": bundle, "metadata": {}}


class ReasonsView:
    """A card widget per reason, built when the reason first applies and then kept; the section holds only
    the cards that apply.

    A toggle changes which existing cards are children (and refills a card whose "because" changed), so the
    page never carries hidden reasons that a screen reader or a test could trip over.
    """

    def __init__(self, content: Content, make: WidgetFactory):
        self.content = content
        self.make = make
        self.cards: dict[str, w.HTML] = {}
        self.heading = make.html(hp.heading(2, content.labels.plan.reasons))
        self.widget = make.vbox([self.heading], "secondop-reasons")
        self._shown: list[str] = []

    def update(self, assessment: Assessment) -> None:
        for applied in assessment.reasons:
            card = hp.reason_card(self.content, applied)
            if applied.id in self.cards:
                self.cards[applied.id].value = card
            else:
                self.cards[applied.id] = self.make.html(card)
        shown = [r.id for r in assessment.reasons]
        if shown != self._shown:
            self.widget.children = (self.heading, *(self.cards[i] for i in shown))
            self._shown = shown

    def shown_ids(self) -> list[str]:
        return [i for i in self._shown if self.cards[i] in self.widget.children]


class ChartView:
    """The chart of the applying reasons, redrawn only when they change, with its text alternative beside it."""

    def __init__(self, content: Content, make: WidgetFactory):
        self.content = content
        self.output = w.Output(layout=w.Layout(width="100%"))  # its own layout: it carries the chart's height
        self.alt = make.html("", "secondop-chart-alt")
        title = make.html(hp.heading(2, content.labels.dashboard.chart_title))
        self.widget = make.vbox([title, self.output, self.alt], "secondop-chart", layout=make.full_width)
        self._drawn: tuple[str | bool, ...] | None = None

    def update(self, assessment: Assessment, large_text: bool = False) -> None:
        key = (*(r.id for r in assessment.reasons), large_text)
        if key == self._drawn:
            return
        summary = chart_summary(self.content, assessment)
        figure = reasons_figure_json(self.content, assessment, LARGE_TEXT_SIZE if large_text else TEXT_SIZE)
        # A responsive plotly chart fills its container's height, so the container carries the figure's height.
        self.output.layout.height = f"{figure['layout']['height']}px"
        self.output.outputs = (figure_output(figure, summary),)
        self.alt.value = f'<p class="secondop-chart-summary">{hp.esc(summary)}</p>'
        self._drawn = key
