"""Plotly figures of the content for analysts: pure functions of the content, no widgets, no files.

Each figure has a data function behind it (a pandas frame) so tests and the notebook can check the
numbers, not the pixels. Figures are plain `go.Figure`s: they render offline through the
jupyterlab-plotly extension that ships in the plotly wheel. Wording here is for analysts, not patients.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from secondop.content import rules
from secondop.content.collection import Content
from secondop.content.schema import KINDS
from secondop.plan.assessment import assess

from .readability import grade_frame

#: Okabe-Ito colours: distinguishable with common colour-blindness.
BLUE, ORANGE, GREEN, PINK, GREY, RED = "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#999999", "#D55E00"
EVERYONE = "(everyone)"
#: Kinds of entries that cite sources ("sources" itself: a report that vouches for an unread source).
#: Who cites sources: every kind of entry, the records-request letter (`letter.yaml`), and sources themselves
#: (a report vouching for an unread source, a translation cited where its original is).
CITING_KINDS = (*(kind.name for kind in KINDS if kind.name != "sources"), "letter", "sources")

#: Codes of the coverage matrix: which kind of entry a row switches on.
COVERAGE_CODES = {0: "nothing", 1: "reason", 2: "checklist item", 3: "question"}
#: Codes of the scenario matrix.
OUTCOME_CODES = {
    0: "not expected, not produced",
    1: "expected and produced",
    2: "produced, not expected",
    3: "expected, missing",
}


def _discrete_scale(colours: list[str]) -> list[list[float | str]]:
    """A colour scale with one flat band per integer code 0..n-1 (for zmin=-0.5, zmax=n-0.5)."""
    n = len(colours)
    scale: list[list[float | str]] = []
    for code, colour in enumerate(colours):
        scale += [[code / n, colour], [(code + 1) / n, colour]]
    return scale


def coverage_matrix(content: Content) -> pd.DataFrame:
    """Rows: circumstances, concerns and `(everyone)`; columns `reason:<id>`, `checklist:<id>`, `question:<id>`.

    A cell holds the code (see COVERAGE_CODES) of the column's kind when the row switches that entry on, else 0.
    """
    rows = [EVERYONE, *content.circumstances, *(f"concern:{c}" for c in content.concerns)]
    columns: dict[str, tuple[int, bool, set[str]]] = {}
    kinds = (("reason", 1, content.reasons), ("checklist", 2, content.checklist), ("question", 3, content.questions))
    for prefix, code, entries in kinds:
        for entry in entries.values():
            rows_on = {f"concern:{t}" if t in content.concerns else t for t in rules.triggers(entry)}
            columns[f"{prefix}:{entry.id}"] = (code, entry.always, rows_on)
    matrix = pd.DataFrame(0, index=pd.Index(rows, name="row"), columns=list(columns), dtype=int)
    for column, (code, always, triggers) in columns.items():
        if always:
            matrix.loc[EVERYONE, column] = code
        for row in triggers:
            matrix.loc[row, column] = code
    return matrix


def _category_heatmap(
    matrix: pd.DataFrame, hover: list[list[str]], colours: list[str], codes: dict[int, str], title: str | None = None
) -> go.Heatmap:
    """A heatmap of the codes 0-3 (0 blank), one colour per code, with the codes named in the colour bar."""
    colorbar: dict[str, Any] = {"tickvals": list(codes), "ticktext": list(codes.values())}
    if title:
        colorbar["title"] = title
    return go.Heatmap(
        z=matrix.to_numpy(),
        x=list(matrix.columns),
        y=list(matrix.index),
        zmin=-0.5,
        zmax=3.5,
        colorscale=_discrete_scale(["#ffffff", *colours]),
        xgap=1,
        ygap=1,
        hovertext=hover,
        hoverinfo="text",
        colorbar=colorbar,
    )


def coverage_figure(content: Content) -> go.Figure:
    """Which circumstance (or concern) switches on which reason, checklist item and question."""
    matrix = coverage_matrix(content)
    hover = [
        [f"{row} → {column}" if value else f"{row} · {column}: nothing" for column, value in matrix.loc[row].items()]
        for row in matrix.index
    ]
    figure = go.Figure(_category_heatmap(matrix, hover, [BLUE, ORANGE, GREEN], COVERAGE_CODES, "adds"))
    figure.update_layout(
        title="Coverage: what each circumstance and concern switches on",
        height=max(400, 28 * len(matrix.index) + 260),
        yaxis={"autorange": "reversed"},
        xaxis={"tickangle": -60},
    )
    return figure


def reading_figure(content: Content) -> go.Figure:
    """The reading grade of every text, one dot each, against the target; colour says what to do."""
    grades = grade_frame(content)
    target = content.settings.reading_grade_target
    grades = grades.assign(where=grades["file"].str.removesuffix(".yaml") + " · " + grades["field"])
    colours = {"ok": GREEN, "short": GREY, "exception": ORANGE, "over_target": RED}
    figure = go.Figure()
    for status, colour in colours.items():
        part = grades[grades["status"] == status]
        figure.add_trace(
            go.Scatter(
                x=part["where"],
                y=part["grade"],
                mode="markers",
                name=f"{status} ({len(part)})",
                marker={"color": colour, "size": 8, "opacity": 0.8},
                hovertext=[
                    f"{entry}.{field}: grade {grade:g}<br>{str(text)[:90]}"
                    for entry, field, grade, text in zip(
                        part["entry"], part["field"], part["grade"], part["text"], strict=True
                    )
                ],
                hoverinfo="text",
            )
        )
    figure.add_hline(y=target, line_dash="dash", line_color=RED, annotation_text=f"target: grade {target:g}")
    figure.update_layout(
        title="Reading grade (Flesch-Kincaid) of every text", yaxis_title="US school grade", xaxis={"tickangle": -45}
    )
    return figure


def _citing_entries(content: Content, kind_name: str) -> list[Any]:
    """The entries of one citing kind; the letter is a single entry."""
    found = getattr(content, kind_name)
    return [found] if kind_name == "letter" else list(found.values())


def citation_frame(content: Content) -> pd.DataFrame:
    """How many entries of each kind cite each source (`sources` fields and experts' `links`)."""
    counts: dict[str, dict[str, int]] = {source_id: {"total": 0} for source_id in content.sources}
    for kind_name in CITING_KINDS[:-1]:
        for entry in _citing_entries(content, kind_name):
            for source_id in rules.cited_ids(entry):
                counts[source_id][kind_name] = counts[source_id].get(kind_name, 0) + 1
                counts[source_id]["total"] += 1
    for source in content.sources.values():  # a report that vouches for an unread source backs it
        if source.summarised_in:
            counts[source.summarised_in]["sources"] = counts[source.summarised_in].get("sources", 0) + 1
            counts[source.summarised_in]["total"] += 1
    for source in content.sources.values():  # a version in another language is cited where its original is
        if source.version_of in counts:
            original = counts[source.version_of]["total"]
            counts[source.id]["sources"] = counts[source.id].get("sources", 0) + original
            counts[source.id]["total"] += original
    frame = (
        pd.DataFrame.from_dict(counts, orient="index").reindex(columns=["total", *CITING_KINDS]).fillna(0).astype(int)
    )
    frame.index.name = "source"
    return frame.sort_values("total", ascending=True, kind="stable")


def sources_figure(content: Content) -> go.Figure:
    """Which sources carry how much of the content, split by the kind of entry that cites them."""
    frame = citation_frame(content)
    figure = go.Figure()
    palette = [BLUE, ORANGE, GREEN, PINK, GREY, RED, "#56B4E9", "#F0E442", "#000000", "#8A6A00", "#6A3D9A", "#B15928"]
    cited_by = [kind_name for kind_name in CITING_KINDS if frame[kind_name].any()]
    for index, kind_name in enumerate(cited_by):  # colours repeat past the palette: every kind keeps its bar
        colour = palette[index % len(palette)]
        figure.add_trace(
            go.Bar(y=list(frame.index), x=frame[kind_name], name=kind_name, orientation="h", marker_color=colour)
        )
    figure.update_layout(
        barmode="stack",
        title="Sources: how many entries cite each one",
        xaxis_title="entries citing the source",
        height=max(400, 26 * len(frame) + 160),
    )
    return figure


def scenario_outcomes(content: Content) -> pd.DataFrame:
    """Every scenario × reason: expected (in scenarios.yaml), produced (by `assess`) and the outcome code."""
    rows = []
    for scenario in content.scenarios.values():
        produced = {r.id for r in assess(content, scenario.circumstances, scenario.concerns).reasons}
        for reason_id in content.reasons:
            expected = reason_id in scenario.expected_reasons
            made = reason_id in produced
            code = {(False, False): 0, (True, True): 1, (False, True): 2, (True, False): 3}[(expected, made)]
            rows.append(
                {"scenario": scenario.id, "reason": reason_id, "expected": expected, "produced": made, "outcome": code}
            )
    return pd.DataFrame(rows, columns=["scenario", "reason", "expected", "produced", "outcome"])


def scenarios_figure(content: Content) -> go.Figure:
    """Every scenario's reasons side by side; red or pink cells are scenarios that no longer produce what they say."""
    outcomes = scenario_outcomes(content)
    matrix = outcomes.pivot(index="scenario", columns="reason", values="outcome").reindex(
        index=list(content.scenarios), columns=list(content.reasons)
    )
    hover = [[f"{s} · {r}: {OUTCOME_CODES[int(matrix.loc[s, r])]}" for r in matrix.columns] for s in matrix.index]
    figure = go.Figure(_category_heatmap(matrix, hover, [BLUE, PINK, RED], OUTCOME_CODES))
    figure.update_layout(
        title="Scenarios: reasons expected vs produced",
        height=max(400, 30 * len(matrix.index) + 260),
        yaxis={"autorange": "reversed"},
        xaxis={"tickangle": -45},
    )
    return figure
