"""The reasons that apply and the chart of them. Built once; a toggle only shows, hides or refills parts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from secondop.plan.assessment import Assessment
from secondop.plan.chart import chart_bars, chart_summary, strength_name
from secondop.plan.export.once import experts_above

from . import html_parts as hp
from .chart_html import MAX_STRENGTH, chart_html, chart_summary_paragraph, chart_title
from .factory import WidgetFactory

if TYPE_CHECKING:
    from secondop.content.collection import Content


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
        above = experts_above(assessment.reasons)  # an expert's paragraph once, in the first card naming it
        for applied in assessment.reasons:
            card = hp.reason_card(self.content, applied, above.get(applied.id, ""))
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
    """The chart of the applying reasons as plain HTML (`chart_html`), redrawn only when they change, with its
    text alternative below it.

    No plotly.js on the page: the bars are sized HTML, so the large-text mode needs no redraw either.
    """

    def __init__(self, content: Content, make: WidgetFactory):
        self.content = content
        labels = content.labels.dashboard
        self.strength_names = tuple(strength_name(content, s) for s in range(1, MAX_STRENGTH + 1))
        self.figure = make.html("", "secondop-chart-figure")
        self.alt = make.html("", "secondop-chart-alt")
        decision = content.labels.decision
        title = make.html(chart_title(labels.chart_title, decision.how_to_use, decision.chart_use))
        self.widget = make.vbox([title, self.figure, self.alt], "secondop-chart", layout=make.full_width)
        self._drawn: tuple[str, ...] | None = None

    def update(self, assessment: Assessment, large_text: bool = False) -> None:
        """Redraw when the reasons change. `large_text` is accepted for the caller's sake: sizes are in em."""
        key = tuple(r.id for r in assessment.reasons)
        if key == self._drawn:
            return
        bars = chart_bars(self.content, assessment)
        self.figure.value = chart_html(bars, self.strength_names, self.content.labels.dashboard.chart_axis)
        self.alt.value = chart_summary_paragraph(chart_summary(self.content, assessment))
        self._drawn = key
