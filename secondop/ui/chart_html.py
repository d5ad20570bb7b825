"""The patient's chart as plain HTML: one bar per applying reason, drawn by the browser's layout engine.

The served page used to draw this chart with plotly.js, a 4.7 MB script (most of the page's weight) for
two to five bars. These bars are `<span>`s sized in percent and coloured by theme, from the same data
(`figures.chart_bars`), in the same order and colours. Being text, they wrap at phone width and grow with the
page's large-text mode with no redraw. Plotly stays the library of the analysts' explorer notebook.

Accessibility: the chart is one image to assistive technology (`role="img"`), named by its heading and
described by the visible text alternative (`figures.chart_summary`), which lists every reason with its
strength. Colour is never the only signal: each bar is labelled with its strength and its theme in words.
Every text from content is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from secondop.plan.chart import ChartBar

from .html_parts import esc

#: The longest bar: the highest strength fills the track.
MAX_STRENGTH = 3
#: Ids of the chart's name and description (one dashboard per page).
TITLE_ID = "secondop-chart-title"
SUMMARY_ID = "secondop-chart-summary"


def chart_title(text: str, how_to_use: str = "", use: str = "") -> str:
    """The chart's heading, with the id the chart is named by, then what the bars mean and what to do with them
    (PEMAT: a visual aid says how to use it)."""
    heading = f'<h2 id="{TITLE_ID}">{esc(text)}</h2>'
    if not use:
        return heading
    label = f"<strong>{esc(how_to_use)}:</strong> " if how_to_use else ""
    return f'{heading}<p class="secondop-chart-use">{label}{esc(use)}</p>'


def chart_summary_paragraph(summary: str) -> str:
    """The visible text alternative, with the id the chart is described by."""
    return f'<p class="secondop-chart-summary" id="{SUMMARY_ID}">{esc(summary)}</p>'


def _legend(bars: Sequence[ChartBar]) -> str:
    """The themes shown, in order of first appearance, with their colours (as plotly's legend showed them)."""
    themes = {bar.theme_id: bar for bar in bars}
    items = "".join(
        f'<li><span class="secondop-swatch" style="background:{bar.colour}"></span>{esc(bar.theme_label)}</li>'
        for bar in themes.values()
    )
    return f'<ul class="secondop-legend">{items}</ul>'


def _bar(bar: ChartBar) -> str:
    width = round(100 * bar.strength / MAX_STRENGTH, 2)
    return (
        f'<li class="secondop-bar-row" data-reason="{esc(bar.reason_id)}" data-strength="{bar.strength}">'
        f'<span class="secondop-bar-title">{esc(bar.title)}</span>'
        f'<span class="secondop-bar-track">'
        f'<span class="secondop-bar" style="width:{width}%;background:{bar.colour}"></span></span>'
        f'<span class="secondop-bar-value">{esc(bar.strength_name)} · {esc(bar.theme_label)}</span>'
        "</li>"
    )


def _axis(strength_names: Sequence[str], axis_title: str) -> str:
    """The strength scale under the bars: one tick label per strength, ending where that bar ends."""
    ticks = "".join(f"<span>{esc(name)}</span>" for name in strength_names)
    return (
        f'<div class="secondop-axis"><div class="secondop-axis-ticks">{ticks}</div>'
        f'<div class="secondop-axis-title">{esc(axis_title)}</div></div>'
    )


def chart_html(bars: Sequence[ChartBar], strength_names: Sequence[str], axis_title: str) -> str:
    """The chart of `bars` (in order); nothing when there is none (the text alternative then says so)."""
    if not bars:
        return ""
    rows = "".join(_bar(bar) for bar in bars)
    return (
        f'<div class="secondop-barchart" role="img" aria-labelledby="{TITLE_ID}" aria-describedby="{SUMMARY_ID}">'
        f'{_legend(bars)}<ol class="secondop-bars">{rows}</ol>{_axis(strength_names, axis_title)}</div>'
    )
