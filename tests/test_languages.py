"""The Spanish edition: parity with English, Spanish reading ease, and the language everywhere a plan goes."""

from __future__ import annotations

import statistics
from html import unescape
from pathlib import Path

import pytest
import yaml

from secondop import Content, assess, find_problems, load_content, scenario_selection
from secondop.analysis.readability import text_grades
from secondop.cli import main
from secondop.content.figures_in_text import figures
from secondop.content.schema import KINDS
from secondop.plan.export import plan_html, plan_markdown
from secondop.plan.plain_text import plan_text
from secondop.ui import build_dashboard, create_app
from secondop.ui.query import language_query


@pytest.fixture(scope="module")
def spanish() -> Content:
    return load_content(language="es")


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), "utf-8")


def test_every_shipped_language_has_every_text(content: Content, spanish: Content) -> None:
    assert content.settings.all_languages == ["en", "es"]
    for kind in KINDS:
        assert list(getattr(spanish, kind.name)) == list(getattr(content, kind.name)), kind.name
    assert spanish.language == "es" and spanish.labels.language.name == "Español"


def test_a_missing_translation_names_file_entry_and_language(data_copy_all_languages: Path) -> None:
    _edit(data_copy_all_languages / "text" / "es" / "reasons.yaml", lambda t: t.pop("rare_cancer"))
    problems = find_problems(data_copy_all_languages)
    assert [(p.file, p.entry) for p in problems] == [("data/text/es/reasons.yaml", "reason `rare_cancer`")]
    assert "missing" in problems[0].message


def test_a_missing_field_names_the_field(data_copy_all_languages: Path) -> None:
    _edit(data_copy_all_languages / "text" / "es" / "concerns.yaml", lambda t: t["worried_cost"].pop("answer"))
    problems = find_problems(data_copy_all_languages)
    assert len(problems) == 1 and problems[0].file == "data/text/es/concerns.yaml" and problems[0].field == "answer"


def test_a_translation_keeps_every_placeholder(data_copy_all_languages: Path) -> None:
    _edit(
        data_copy_all_languages / "text" / "es" / "labels.yaml",
        lambda t: t["dashboard"].update(progress="{done} listos"),
    )
    problems = find_problems(data_copy_all_languages)
    assert len(problems) == 1 and problems[0].field == "progress" and "{placeholder}" in problems[0].message


def test_a_translation_keeps_every_figure(data_copy_all_languages: Path) -> None:
    def change(texts: dict) -> None:
        texts["worried_delay"]["answer"] = texts["worried_delay"]["answer"].replace("41.5", "42")

    _edit(data_copy_all_languages / "text" / "es" / "concerns.yaml", change)
    problems = find_problems(data_copy_all_languages)
    assert {p.file for p in problems} == {"data/text/es/concerns.yaml"}
    assert any("`42 days`" in p.message for p in problems)  # traced to no source
    assert any("a translation keeps every figure" in p.message for p in problems)  # and not the English figure


def test_numbers_are_read_in_each_languages_own_format() -> None:
    # US Spanish writes a decimal point, like English (issue 19, item 8); French keeps the decimal comma
    assert figures("41.5 días frente a 31; 1,000 personas; 43 %", "es") == ["41.5", "31", "1000", "43"]
    assert figures("41,5 jours; 1.000 personnes", "fr") == ["41.5", "1000"]
    assert figures("41.5 days against 31; 1,000 people; 43%", "en") == ["41.5", "31", "1000", "43"]


def test_adding_a_language_is_a_folder_and_a_name_in_one_list(data_copy_all_languages: Path) -> None:
    root = data_copy_all_languages
    (root / "text" / "tl").mkdir()
    for path in (root / "text" / "en").glob("*.yaml"):
        (root / "text" / "tl" / path.name).write_text(path.read_text("utf-8"), "utf-8")
    _edit(root / "settings.yaml", lambda s: s.update(languages=["en", "es", "tl"]))
    assert find_problems(root) == []
    assert load_content(root, "tl").language == "tl"


def test_every_spanish_body_text_reads_easily(spanish: Content) -> None:
    body = [g for g in text_grades(spanish) if g.body]
    hard = [f"{g.file} {g.entry} {g.field}: {g.ease}" for g in body if g.ease < 60]
    assert not hard, hard
    assert statistics.median(g.ease for g in body) >= 70


def test_a_spanish_plan_is_spanish_everywhere(spanish: Content) -> None:
    plan = assess(spanish, *scenario_selection(spanish, "priya_just_diagnosed"))
    html = plan_html(spanish, plan)
    assert '<html lang="es">' in html
    assert spanish.always_shown["safety"].title in html
    # a source with a Spanish version is cited in Spanish; the others are marked as English
    ids = [s.id for s in assess(spanish, {"expensive_treatment"}, {"worried_cost"}).sources]
    assert "cancer_net_second_opinion_es" in ids and "cancer_net_second_opinion" not in ids
    assert '<cite lang="en">' in html and "(en inglés)" in unescape(html)
    assert "30/11/2026" in html and "30/11/2026" in plan_markdown(spanish, plan)
    assert spanish.labels.plan.title in plan_text(spanish, plan)


def test_cli_writes_a_spanish_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "plan.html"
    assert main(["export", "--lang", "es", "--scenario", "maria_told_no_options", "-o", str(target)]) == 0
    assert '<html lang="es">' in target.read_text("utf-8")
    assert main(["assess", "--lang", "es", "--circumstances", "rare_cancer"]) == 0
    assert "Mi plan: decidir sobre una segunda opinión" in capsys.readouterr().out


def test_a_link_opens_the_app_in_spanish_with_its_example() -> None:
    app = create_app(query_string="lang=es&scenario=david_kidney_cancer")
    assert app.content.language == "es"
    assert app.state.scenario == "david_kidney_cancer" and "small_or_rural_hospital" in app.shown_reason_ids()
    assert any('data-secondop-lang="es"' in getattr(child, "value", "") for child in app.root.children)


def test_an_unknown_language_opens_the_default_one_with_a_note(content: Content) -> None:
    app = create_app(query_string="lang=xx&circumstances=rare_cancer")
    assert app.content.language == content.language and "rare_cancer" in app.shown_reason_ids()
    assert content.labels.messages.unknown_ids in unescape(app.message.text) and "xx" in app.message.text


def test_switching_language_keeps_everything_ticked(content: Content) -> None:
    app = build_dashboard(
        content, "circumstances=rare_cancer&concerns=worried_cost", lambda code: load_content(None, code)
    )
    app.large_text_toggle.value = True
    first_item = app.shown_checklist_ids()[0]
    app.checklist_boxes[first_item].value = True
    assert set(app.language_buttons) == {"en", "es"} and app.language_buttons["en"].disabled
    app.language_buttons["es"].click()
    assert app.content.language == "es"
    assert app.circumstance_boxes["rare_cancer"].value and app.concern_boxes["worried_cost"].value
    assert app.checklist_boxes[first_item].value and app.large_text_toggle.value
    assert app.state.circumstances == ("rare_cancer",)
    downloads = app.downloads.value
    assert 'download="plan-de-segunda-opinion-es.html"' in downloads and "lang=es" in downloads
    app.language_buttons["en"].click()
    assert app.content.language == "en" and app.circumstance_boxes["rare_cancer"].value


def test_language_query_is_read_tolerantly() -> None:
    assert language_query("lang=ES&scenario=x", ["en", "es"]) == ("es", ())
    assert language_query("lang=xx", ["en", "es"]) == ("", ("xx",))
    assert language_query("", ["en", "es"]) == ("", ())
