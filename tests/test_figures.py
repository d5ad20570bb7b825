"""The chart builders: pure functions whose figure matches the assessment, with a message when empty."""

from __future__ import annotations

import dataclasses
import json

import plotly.graph_objects as go
import pytest

from secondop import Content, assess
from secondop.plan.chart import FIGURE_CONFIG, chart_summary, reasons_figure_json, strength_name

SELECTIONS = [
    (),
    ("rare_cancer",),
    ("rare_cancer", "small_or_rural_hospital", "expensive_treatment"),
    ("unclear_diagnosis", "told_no_options", "surgery_primary", "clinical_trial_offered"),
]


def _bars(figure: go.Figure) -> list[tuple[str, int, str]]:
    """(reason id, strength, theme label) of every bar in the figure."""
    return [
        (custom[0], strength, trace.name)
        for trace in figure.data
        for custom, strength in zip(trace.customdata, trace.x, strict=True)
    ]


def reasons_figure(content, assessment, text_size: int = 14) -> go.Figure:
    """The chart's JSON as a plotly figure: plotly checks every property on the way in."""
    return go.Figure(reasons_figure_json(content, assessment, text_size))


@pytest.mark.parametrize("ticked", SELECTIONS)
def test_one_bar_per_applying_reason_with_its_strength_and_theme(content: Content, ticked: tuple[str, ...]) -> None:
    assessment = assess(content, ticked)
    figure = reasons_figure(content, assessment)
    assert isinstance(figure, go.Figure) and not isinstance(figure, go.FigureWidget)
    expected = {(r.id, r.reason.strength, content.themes[r.reason.theme].label) for r in assessment.reasons}
    bars = _bars(figure)
    assert len(bars) == len(assessment.reasons)
    assert set(bars) == expected


@pytest.mark.parametrize("ticked", SELECTIONS)
def test_reason_titles_stand_above_their_bars_in_plan_order(content: Content, ticked: tuple[str, ...]) -> None:
    assessment = assess(content, ticked)
    figure = reasons_figure(content, assessment)
    titles = [a.text.replace("<br>", " ") for a in sorted(figure.layout.annotations, key=lambda a: -a.y)]
    assert titles == [r.reason.title for r in assessment.reasons]
    rows = {custom[0]: y for trace in figure.data for custom, y in zip(trace.customdata, trace.y, strict=True)}
    top_down = sorted(rows, key=lambda reason_id: -rows[reason_id])
    assert top_down == [r.id for r in assessment.reasons]


def test_more_reasons_make_a_taller_chart_with_a_modest_cap(content: Content) -> None:
    few = reasons_figure(content, assess(content, ()))
    many = reasons_figure(content, assess(content, set(content.circumstances)))
    assert few.layout.height < many.layout.height <= 1000


def test_larger_text_makes_a_larger_chart_with_the_same_bars(content: Content) -> None:
    assessment = assess(content, ("rare_cancer",))
    normal, large = reasons_figure(content, assessment), reasons_figure(content, assessment, text_size=22)
    assert large.layout.font.size == 22 > normal.layout.font.size
    assert large.layout.height > normal.layout.height
    assert _bars(large) == _bars(normal)


def test_empty_assessment_gives_a_plain_message_not_a_blank_chart(content: Content) -> None:
    empty = dataclasses.replace(assess(content, ()), reasons=())
    figure = reasons_figure(content, empty)
    assert len(figure.data) == 0
    assert [a.text for a in figure.layout.annotations] == [content.labels.dashboard.chart_empty]
    assert chart_summary(content, empty) == content.labels.dashboard.chart_empty


def test_summary_names_every_reason_and_its_strength(content: Content) -> None:
    assessment = assess(content, ("rare_cancer", "expensive_treatment"))
    summary = chart_summary(content, assessment)
    prefix = content.labels.dashboard.chart_alt.split("{summary}")[0]
    assert summary.startswith(prefix)
    for applied in assessment.reasons:
        assert f"{applied.reason.title}: {strength_name(content, applied.reason.strength)}" in summary


def test_figure_is_offline_friendly_and_config_is_plain(content: Content) -> None:
    figure = reasons_figure(content, assess(content, set(content.circumstances)))
    text = figure.to_json()
    assert {trace.type for trace in figure.data} == {"bar"}
    layout = figure.to_plotly_json()["layout"]
    assert not {"geo", "mapbox", "map"} & set(layout)
    assert "cdn" not in text.lower()
    assert FIGURE_CONFIG["displaylogo"] is False
    assert FIGURE_CONFIG["responsive"] is True
    assert figure.layout.autosize is True
    json.loads(text)  # serialisable as sent to the page


@pytest.mark.parametrize("ticked", SELECTIONS)
@pytest.mark.parametrize("text_size", [14, 22])
def test_the_json_the_dashboard_sends_is_exactly_what_plotly_makes_of_it(
    content: Content, ticked: tuple[str, ...], text_size: int
) -> None:
    """The dashboard sends `reasons_figure_json` without plotly: plotly must accept it unchanged."""
    raw = reasons_figure_json(content, assess(content, ticked), text_size)
    assert json.loads(go.Figure(raw).to_json()) == json.loads(json.dumps(raw))


def test_the_empty_figure_json_is_accepted_by_plotly_unchanged(content: Content) -> None:
    raw = reasons_figure_json(content, dataclasses.replace(assess(content, ()), reasons=()))
    assert raw["data"] == []
    assert json.loads(go.Figure(raw).to_json()) == json.loads(json.dumps(raw))
