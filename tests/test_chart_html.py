"""The patient's chart as HTML: the same bars as the plotly figure (order, strength, colour), in words too."""

from __future__ import annotations

import dataclasses
import re
from html import unescape

import pytest

from secondop import Content, assess
from secondop.plan.chart import chart_bars, reasons_figure_json, strength_name
from secondop.ui.chart_html import SUMMARY_ID, TITLE_ID, chart_html, chart_summary_paragraph, chart_title

SELECTIONS = [
    ("rare_cancer",),
    ("rare_cancer", "small_or_rural_hospital", "expensive_treatment"),
    ("unclear_diagnosis", "told_no_options", "surgery_primary", "clinical_trial_offered"),
]
ROW = re.compile(
    r'<li class="secondop-bar-row" data-reason="(?P<id>[^"]+)" data-strength="(?P<strength>\d)">'
    r'<span class="secondop-bar-title">(?P<title>[^<]*)</span>.*?'
    r'style="width:(?P<width>[\d.]+)%;background:(?P<colour>#[0-9A-Fa-f]{6})".*?'
    r'<span class="secondop-bar-value">(?P<value>[^<]*)</span>'
)


def draw(content: Content, ticked: tuple[str, ...]) -> str:
    names = [strength_name(content, s) for s in (1, 2, 3)]
    return chart_html(chart_bars(content, assess(content, ticked)), names, content.labels.dashboard.chart_axis)


def plotly_bars(content: Content, ticked: tuple[str, ...]) -> list[tuple[str, int, str]]:
    """(reason id, strength, colour) of the plotly figure's bars, top bar first."""
    figure = reasons_figure_json(content, assess(content, ticked))
    bars = [
        (y, custom[0], x, trace["marker"]["color"])
        for trace in figure["data"]
        for custom, x, y in zip(trace["customdata"], trace["x"], trace["y"], strict=True)
    ]
    return [(reason, strength, colour) for _, reason, strength, colour in sorted(bars, reverse=True)]


@pytest.mark.parametrize("ticked", SELECTIONS)
def test_same_bars_in_the_same_order_and_colours_as_the_plotly_figure(content: Content, ticked) -> None:
    rows = [m.groupdict() for m in ROW.finditer(draw(content, ticked))]
    assert [(r["id"], int(r["strength"]), r["colour"]) for r in rows] == plotly_bars(content, ticked)
    assert [r["id"] for r in rows] == [r.id for r in assess(content, ticked).reasons]


@pytest.mark.parametrize("ticked", SELECTIONS)
def test_each_bar_says_its_title_strength_and_theme_in_words(content: Content, ticked) -> None:
    """No colour-only signal: the theme a colour stands for is written on the bar."""
    rows = {m["id"]: m for m in ROW.finditer(draw(content, ticked))}
    for applied in assess(content, ticked).reasons:
        row = rows[applied.id]
        assert unescape(row["title"]) == applied.reason.title
        value = unescape(row["value"])
        assert strength_name(content, applied.reason.strength) in value
        assert content.themes[applied.reason.theme].label in value
        assert float(row["width"]) == pytest.approx(100 * applied.reason.strength / 3, abs=0.01)


def test_chart_is_an_image_named_by_its_heading_and_described_by_its_text_alternative(content: Content) -> None:
    figure = draw(content, ("rare_cancer",))
    assert f'role="img" aria-labelledby="{TITLE_ID}" aria-describedby="{SUMMARY_ID}"' in figure
    assert f'id="{TITLE_ID}"' in chart_title("Why")
    assert f'id="{SUMMARY_ID}"' in chart_summary_paragraph("Reasons: a; b")
    assert content.labels.dashboard.chart_axis in unescape(figure)


def test_no_reason_draws_nothing(content: Content) -> None:
    """The text alternative (chart_empty) then stands alone, not a second copy of it."""
    assessment = dataclasses.replace(assess(content, ()), reasons=())
    assert chart_html(chart_bars(content, assessment), ["a", "b", "c"], "axis") == ""


def test_content_text_is_escaped(content: Content) -> None:
    hostile = '<img src=x onerror=alert(1)>"'
    reason = content.reasons["rare_cancer"].model_copy(update={"title": hostile})
    assessment = assess(content, ("rare_cancer",))
    applied = [dataclasses.replace(r, reason=reason) if r.id == "rare_cancer" else r for r in assessment.reasons]
    bars = chart_bars(content, dataclasses.replace(assessment, reasons=tuple(applied)))
    figure = chart_html(bars, ["<b>1", "2", "3"], "<i>axis")
    assert "<img" not in figure and "<b>" not in figure and "<i>" not in figure
    assert "&lt;img src=x onerror=alert(1)&gt;&quot;" in figure


def test_the_dashboards_chart_says_what_the_bars_mean_and_what_to_do(content: Content) -> None:
    """Issue #20.8 (PEMAT: a visual aid says how to use it): the sentence sits under the chart's heading."""
    from secondop.ui import build_dashboard

    app = build_dashboard(content, "circumstances=rare_cancer")
    title = app.chart.widget.value.split('<div class="secondop-chart-figure">')[0]  # what stands above the bars
    decision = content.labels.decision
    assert decision.chart_use.split(".")[0] in unescape(title) and decision.how_to_use in unescape(title)
    assert 'class="secondop-chart-use"' in chart_title("Why", "How", "Read it <so>") and "&lt;so&gt;" in chart_title(
        "Why", "How", "Read it <so>"
    )
