"""The analyst's figures show what the content says: checked against the content, not against stored numbers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import plotly.graph_objects as go
import pytest

from secondop import Content, assess
from secondop.analysis import charts as figures
from secondop.analysis import notebook as explorer
from secondop.analysis.findings import citation_counts
from secondop.analysis.readability import grade_frame, over_target


def test_coverage_matrix_marks_exactly_the_triggers(content: Content):
    matrix = figures.coverage_matrix(content)
    assert list(matrix.index) == [
        figures.EVERYONE,
        *content.circumstances,
        *(f"concern:{c}" for c in content.concerns),
    ]
    expected: dict[tuple[str, str], int] = {}
    for r in content.reasons.values():
        for row in r.triggered_by or ([figures.EVERYONE] if r.always else []):
            expected[(row, f"reason:{r.id}")] = 1
    for i in content.checklist.values():
        added = [f"concern:{t}" if t in content.concerns else t for t in i.added_by]
        for row in added or ([figures.EVERYONE] if i.always else []):
            expected[(row, f"checklist:{i.id}")] = 2
    for q in content.questions.values():
        rows = [f"concern:{t}" if t in content.concerns else t for t in q.asked_when]
        for row in rows or ([figures.EVERYONE] if q.always else []):
            expected[(row, f"question:{q.id}")] = 3
    marked = {(row, col): int(v) for row, values in matrix.iterrows() for col, v in values.items() if v}
    assert marked == expected
    assert len(matrix.columns) == len(content.reasons) + len(content.checklist) + len(content.questions)


def test_coverage_matrix_agrees_with_assess(content: Content):
    """Ticking one circumstance adds exactly its row's reasons and checklist items on top of `(everyone)`."""
    matrix = figures.coverage_matrix(content)
    for circumstance_id in content.circumstances:
        plan = assess(content, {circumstance_id})
        shown = {f"reason:{r.id}" for r in plan.reasons} | {f"checklist:{i.id}" for i in plan.checklist}
        row = matrix.loc[circumstance_id] + matrix.loc[figures.EVERYONE]
        assert shown == {c for c, v in row.items() if v and not c.startswith("question:")}


def test_coverage_figure_is_the_matrix(content: Content):
    figure = figures.coverage_figure(content)
    matrix = figures.coverage_matrix(content)
    assert isinstance(figure, go.Figure) and not isinstance(figure, go.FigureWidget)
    [heatmap] = figure.data
    assert list(heatmap.y) == list(matrix.index)
    assert list(heatmap.x) == list(matrix.columns)
    assert heatmap.z.tolist() == matrix.to_numpy().tolist()


def test_reading_figure_has_one_dot_per_text_and_the_target(content: Content):
    figure = figures.reading_figure(content)
    grades = grade_frame(content)
    assert sum(len(trace.y) for trace in figure.data) == len(grades)
    assert sorted(y for trace in figure.data for y in trace.y) == sorted(grades["grade"])
    over = next(trace for trace in figure.data if trace.name.startswith("over_target"))
    assert len(over.y) == len(over_target(content))
    [line] = figure.layout.shapes
    assert line.y0 == line.y1 == content.settings.reading_grade_target


def test_reading_figure_shows_a_hard_text_in_red(content: Content):
    reason = next(iter(content.reasons.values()))
    hard = "Consequently, interdisciplinary deliberation substantially ameliorates diagnostic classification. " * 2
    reasons = {**content.reasons, reason.id: reason.model_copy(update={"why": hard})}
    edited = dataclasses.replace(content, reasons=reasons)
    over = next(trace for trace in figures.reading_figure(edited).data if trace.name.startswith("over_target"))
    assert any(text.startswith(f"{reason.id}.why:") for text in over.hovertext)


def test_citation_frame_matches_the_findings_counts(content: Content):
    frame = figures.citation_frame(content)
    assert frame["total"].to_dict() == dict(citation_counts(content))
    kinds = [c for c in frame.columns if c != "total"]
    assert (frame[kinds].sum(axis=1) == frame["total"]).all()
    reason_sources = [s for r in content.reasons.values() for s in r.sources]
    assert frame["reasons"].sum() == len(reason_sources)


def test_sources_figure_stacks_the_citations(content: Content):
    figure = figures.sources_figure(content)
    frame = figures.citation_frame(content)
    assert figure.layout.barmode == "stack"
    totals: dict[str, int] = {}
    for trace in figure.data:
        for source_id, x in zip(trace.y, trace.x, strict=True):
            totals[source_id] = totals.get(source_id, 0) + int(x)
    assert totals == frame["total"].to_dict()
    assert {trace.name for trace in figure.data} == {c for c in frame.columns if c != "total" and frame[c].any()}


def test_scenario_outcomes_match_scenarios(content: Content):
    outcomes = figures.scenario_outcomes(content)
    assert len(outcomes) == len(content.scenarios) * len(content.reasons)
    for scenario in content.scenarios.values():
        rows = outcomes[outcomes["scenario"] == scenario.id]
        assert set(rows.loc[rows["expected"], "reason"]) == set(scenario.expected_reasons)
        produced = {r.id for r in assess(content, scenario.circumstances, scenario.concerns).reasons}
        assert set(rows.loc[rows["produced"], "reason"]) == produced
    assert set(outcomes["outcome"]) <= {0, 1}  # valid content: every scenario produces what it says


def test_scenarios_figure_shows_a_broken_expectation(content: Content):
    scenario = next(s for s in content.scenarios.values() if len(s.expected_reasons) > 1)
    dropped = next(r for r in scenario.expected_reasons if r != "new_diagnosis")
    extra = next(r for r in content.reasons if r not in scenario.expected_reasons)
    changed = [r for r in scenario.expected_reasons if r != dropped] + [extra]
    edited = dataclasses.replace(
        content,
        scenarios={**content.scenarios, scenario.id: scenario.model_copy(update={"expected_reasons": changed})},
    )
    [heatmap] = figures.scenarios_figure(edited).data
    row = list(heatmap.y).index(scenario.id)
    cells = dict(zip(heatmap.x, heatmap.z[row], strict=True))
    assert cells[dropped] == 2  # produced, not expected
    assert cells[extra] == 3  # expected, missing
    assert list(heatmap.y) == list(content.scenarios)


@pytest.mark.parametrize(
    "build", [figures.coverage_figure, figures.reading_figure, figures.sources_figure, figures.scenarios_figure]
)
def test_figures_are_plain_titled_and_serialisable(content: Content, build):
    figure = build(content)
    assert type(figure) is go.Figure
    assert figure.layout.title.text
    json.loads(figure.to_json())


def test_what_if_tables_follow_assess(content: Content):
    chosen = list(content.circumstances)[:2]
    concern = next(iter(content.concerns))
    tables = explorer.what_if(content, chosen, [concern])
    plan = assess(content, chosen, [concern])
    assert list(tables["reasons"]["id"]) == [r.id for r in plan.reasons]
    assert list(tables["checklist"]["id"]) == [i.id for i in plan.checklist]
    assert list(tables["questions"]["id"]) == [q.id for q in plan.questions]
    assert list(tables["worries"]["id"]) == [concern]


def test_helpers_say_why_instead_of_failing(content: Content, capsys, data_copy):
    assert explorer.what_if(content, ["no_such_thing"]) is None
    assert "no_such_thing" in capsys.readouterr().out
    assert explorer.when_valid(None, figures.coverage_figure) is None
    assert explorer.findings_table(None, dt.date(2026, 1, 1)) is None
    assert explorer.what_if(None, []) is None
    assert capsys.readouterr().out.count("Skipped") == 3

    (data_copy / "sources.yaml").write_text("- id: [broken\n", "utf-8")
    assert explorer.validation_report(data_copy) is None
    report = capsys.readouterr().out
    assert "data/sources.yaml" in report and "found in data/" in report
    assert explorer.validation_report() is not None
    assert capsys.readouterr().out.startswith("Content is valid")


def test_explorer_notebook_stores_only_checked_outputs():
    """Outputs are committed only where nbval compares them; no widget state, no plotly figure in git."""
    import nbformat

    from secondop.paths import PACKAGED_DATA

    path = PACKAGED_DATA.parent / "notebooks" / "content_explorer.ipynb"
    notebook = nbformat.read(path, as_version=4)
    assert "widgets" not in notebook.metadata
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    checked = [cell for cell in code if "# NBVAL_CHECK_OUTPUT" in cell.source]
    assert checked, "the validation report cell should be compared by nbval"
    for cell in code:
        assert len(cell.source.splitlines()) <= 10, "keep notebook cells thin: move code into secondop/"
        if cell in checked:
            assert cell.outputs and cell.execution_count is not None  # nbval ignores outputs of unrun cells
            assert cell.metadata.get("keep_output") is True  # so nbstripout keeps them
            assert all(
                "data" not in output or "application/vnd.plotly.v1+json" not in output.data for output in cell.outputs
            )
        else:
            assert not cell.outputs and cell.execution_count is None


def test_charts_survive_an_html_export_and_tables_show_every_row(content: Content):
    """#24.13: a headless `nbconvert --execute --to html` keeps the charts; the language table is not cut to 10 rows."""
    import pandas as pd
    import plotly.io as pio

    before = pio.renderers.default, pd.get_option("display.max_rows"), pd.get_option("display.min_rows")
    try:
        explorer.setup()
        bundle = pio.renderers._build_mime_bundle(figures.sources_figure(content).to_dict())
        assert "application/vnd.plotly.v1+json" in bundle, "JupyterLab draws it from plotly's own type"
        assert "Plotly.newPlot" in bundle["text/html"], "an exported page draws it from HTML"
        html = bundle["text/html"]
        assert "cdn.plot.ly" not in html and not pio.renderers["notebook"].connected, "plotly.js inline: works offline"
        table = explorer.reading_by_language(content)
        assert len(table) > 100
        assert pd.get_option("display.max_rows") >= len(table) and pd.get_option("display.min_rows") >= len(table)
        assert table.to_string().count("\n") >= len(table), "every row printed"
    finally:
        pio.renderers.default = before[0]
        pd.set_option("display.max_rows", before[1])
        pd.set_option("display.min_rows", before[2])


def test_plan_changes_and_translations_tables(tmp_path, capsys):
    """The explorer's section 9: `secondop diff` and `secondop translations` as tables, for the folders named."""
    import shutil

    from synthetic import add_translation, write_content

    from secondop.content import translations

    old = add_translation(write_content(tmp_path / "old" / "data"))
    translations.mark(old, "es")
    new = tmp_path / "new" / "data"
    shutil.copytree(old, new)
    path = new / "text" / "en" / "reasons.yaml"
    path.write_text(path.read_text("utf-8").replace("Why strong.", "Why strong, reworded."), "utf-8")

    table = explorer.plan_changes(new, old)
    assert "1 of 12 plans change" in capsys.readouterr().out
    assert table is not None and len(table) == 1
    row = table.iloc[0]
    assert (row["language"], row["plans"], row["entries"]) == (
        "en",
        "circumstance `third` alone",
        "reasons.yaml `strong`",
    )
    assert (row["removed"], row["added"]) == ("Why strong.", "Why strong, reworded.")

    stale = explorer.translations_table(new)
    assert "es: 1 out of date, 0 untranslated, 0 not marked" in capsys.readouterr().out
    assert stale[["status", "file", "entry", "field"]].values.tolist() == [
        ["out of date", "reasons.yaml", "strong", "why"]
    ]

    (new / "themes.yaml").write_text("- id: [unclosed\n", "utf-8")
    assert explorer.plan_changes(new, old) is None
    assert "data/themes.yaml" in capsys.readouterr().out
