"""The reasons that apply and the chart of them. Built once; a toggle only redraws what changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from secondop.plan.assessment import Assessment
from secondop.plan.chart import chart_bars, chart_summary, strength_name
from secondop.plan.export.once import experts_above

from . import html_parts as hp
from .chart_html import MAX_STRENGTH, chart_html, chart_summary_paragraph, chart_title
from .factory import Piece, WidgetFactory

if TYPE_CHECKING:
    from secondop.content.collection import Content


class ReasonsView:
    """The heading and a card per reason that applies, in one HTML widget (a widget per card was one more model
    per reason for a phone to build before it can tick a box).

    The section holds only the cards that apply, so the page never carries hidden reasons that a screen reader
    or a test could trip over. `cards` keeps each card's HTML by reason id, for the reasons that applied so far.
    """

    def __init__(self, content: Content, make: WidgetFactory):
        self.content = content
        self.cards: dict[str, Piece] = {}
        self.heading = hp.heading(2, content.labels.plan.reasons)
        self.widget = make.html(self.heading, "secondop-reasons")
        self._shown: list[str] = []

    def update(self, assessment: Assessment) -> None:
        above = experts_above(assessment.reasons)  # an expert's paragraph once, in the first card naming it
        for applied in assessment.reasons:
            card = hp.reason_card(self.content, applied, above.get(applied.id, ""))
            self.cards.setdefault(applied.id, Piece()).value = card
        self._shown = [r.id for r in assessment.reasons]
        # sent only when it differs: a change of worries alone leaves the reasons as they are
        self.widget.value = self.heading + "".join(self.cards[i].value for i in self._shown)

    def shown_ids(self) -> list[str]:
        return list(self._shown)


class ChartView:
    """The chart of the applying reasons as plain HTML (`chart_html`), redrawn only when they change, with its
    text alternative below it.

    No plotly.js on the page: the bars are sized HTML, so the large-text mode needs no redraw either.
    """

    def __init__(self, content: Content, make: WidgetFactory):
        self.content = content
        labels = content.labels.dashboard
        self.strength_names = tuple(strength_name(content, s) for s in range(1, MAX_STRENGTH + 1))
        decision = content.labels.decision
        # the title, the bars and their text alternative: one HTML widget (they change together)
        self._parts = make.parts(
            {"figure": "secondop-chart-figure", "alt": "secondop-chart-alt"},
            "secondop-chart",
            layout=make.full_width,
            value=chart_title(labels.chart_title, decision.how_to_use, decision.chart_use),
        )
        self.widget = self._parts.widget
        self.figure, self.alt = self._parts["figure"], self._parts["alt"]
        self._drawn: tuple[str, ...] | None = None

    def update(self, assessment: Assessment, large_text: bool = False) -> None:
        """Redraw when the reasons change. `large_text` is accepted for the caller's sake: sizes are in em."""
        key = tuple(r.id for r in assessment.reasons)
        if key == self._drawn:
            return
        bars = chart_bars(self.content, assessment)
        self._parts.set(
            figure=chart_html(bars, self.strength_names, self.content.labels.dashboard.chart_axis),
            alt=chart_summary_paragraph(chart_summary(self.content, assessment)),
        )
        self._drawn = key
