"""Figures of a plan: pure functions of the content and an assessment, no widgets.

`chart_bars` is the chart's data (one bar per applying reason, in order, with its theme's colour): the
dashboard draws it as plain HTML (`secondop.ui.chart_html`), with no chart library in the browser at all.

`reasons_figure_json` builds the figure as plain plotly JSON, without importing plotly: the dashboard sends
exactly that (plotly's import alone costs its kernel ~0.1 s and several MiB on every page load).
Notebooks wrap it in a plain `go.Figure(...)` (which validates every property); never a FigureWidget,
which ships a 5 MB bundle per page load.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .assessment import Assessment

if TYPE_CHECKING:
    from secondop.content.collection import Content

#: Colour-blind-safe colours (Okabe-Ito, darkened to 3:1 or more on white); one per theme, in theme order.
THEME_COLOURS = ("#0072B2", "#B84D00", "#00795A", "#A8468A", "#7A5C00", "#3A6EA5", "#5A5A5A", "#000000")

#: Plotly display options: responsive, no logo, no toolbar to get lost in.
FIGURE_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}

TEXT_COLOUR = "#1a1a1a"


def strength_name(content: Content, strength: int) -> str:
    """The plain name of a strength level (1-3), from the labels."""
    labels = content.labels.dashboard
    return {1: labels.strength_1, 2: labels.strength_2, 3: labels.strength_3}[strength]


def theme_colour(content: Content, theme_id: str) -> str:
    """The colour of a theme: its place in the content's theme order picks it, in every chart alike."""
    return THEME_COLOURS[list(content.themes).index(theme_id) % len(THEME_COLOURS)]


@dataclass(frozen=True)
class ChartBar:
    """One bar of the reasons chart: what it shows and how, with no drawing library attached."""

    reason_id: str
    title: str
    strength: int
    strength_name: str
    theme_id: str
    theme_label: str
    colour: str


def chart_bars(content: Content, assessment: Assessment) -> list[ChartBar]:
    """The bars of the reasons chart, first reason first: as long as its strength, coloured by its theme."""
    return [
        ChartBar(
            reason_id=applied.id,
            title=applied.reason.title,
            strength=applied.reason.strength,
            strength_name=strength_name(content, applied.reason.strength),
            theme_id=applied.reason.theme,
            theme_label=content.themes[applied.reason.theme].label,
            colour=theme_colour(content, applied.reason.theme),
        )
        for applied in assessment.reasons
    ]


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def chart_summary(content: Content, assessment: Assessment) -> str:
    """The chart's text alternative: every reason with its strength, in chart order."""
    if not assessment.reasons:
        return content.labels.dashboard.chart_empty
    parts = [f"{r.reason.title}: {strength_name(content, r.reason.strength)}" for r in assessment.reasons]
    return content.labels.dashboard.chart_alt.replace("{summary}", "; ".join(parts))


def reasons_figure_json(content: Content, assessment: Assessment, text_size: int = 14) -> dict[str, Any]:
    """One bar per applying reason, as long as its strength and coloured by its theme; the reason's title
    sits above its bar (not as an axis label), so the chart stays readable at phone width.

    With no reason, a figure with a plain message instead of empty axes. The title is left to the page
    (a real heading); `labels.dashboard.chart_title` is its text. `text_size` (px) grows it for a projector.
    Returns plotly's JSON form (`{"data": [...], "layout": {...}}`), as `go.Figure.to_plotly_json` would.
    """
    scale = text_size / 14
    labels = content.labels.dashboard
    layout: dict[str, Any] = {
        "autosize": True,
        "font": {"color": TEXT_COLOUR, "size": text_size},
        "margin": {"b": 8, "l": 8, "r": 16, "t": 8},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "showlegend": True,
        "template": {"data": {"scatter": [{"type": "scatter"}]}},  # plotly's `template="none"`: no theme
    }
    if not assessment.reasons:
        layout.update(height=round(120 * scale), xaxis={"visible": False}, yaxis={"visible": False}, showlegend=False)
        layout["annotations"] = [
            {"showarrow": False, "text": labels.chart_empty, "x": 0.5, "xref": "paper", "y": 0.5, "yref": "paper"}
        ]
        return {"data": [], "layout": layout}

    count = len(assessment.reasons)
    row = {r.id: count - 1 - index for index, r in enumerate(assessment.reasons)}  # first reason on top
    theme_ids = list(content.themes)
    traces = []
    for theme_id in theme_ids:
        reasons = [r.reason for r in assessment.reasons if r.reason.theme == theme_id]
        if not reasons:
            continue
        traces.append(
            {
                "customdata": [[r.id, r.title, strength_name(content, r.strength)] for r in reasons],
                "hovertemplate": "%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
                "marker": {"color": theme_colour(content, theme_id)},
                "name": content.themes[theme_id].label,
                "orientation": "h",
                "width": 0.38,
                "x": [r.strength for r in reasons],
                "y": [row[r.id] for r in reasons],
                "type": "bar",
            }
        )
    layout["annotations"] = [
        {
            "align": "left",
            "bgcolor": "white",
            "showarrow": False,
            "text": _wrap(applied.reason.title, round(36 / scale)),
            "x": 0,
            "xanchor": "left",
            "xref": "x",
            "y": row[applied.id] + 0.2,
            "yanchor": "bottom",
            "yref": "y",
        }
        for applied in assessment.reasons
    ]
    layout.update(
        height=round(min(150 + 72 * count, 1000) * scale),
        barmode="overlay",
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom"},
        xaxis={
            "title": {"text": labels.chart_axis},
            "range": [0, 3.45],
            "tickvals": [1, 2, 3],
            "ticktext": [_wrap(strength_name(content, s), 12) for s in (1, 2, 3)],
            "gridcolor": "#8c8c8c",
            "zeroline": True,
            "zerolinecolor": "#4d4d4d",
            "automargin": True,
            "fixedrange": True,
        },
        yaxis={"range": [-0.4, count - 0.15], "visible": False, "fixedrange": True},
    )
    return {"data": traces, "layout": layout}
