"""The validator: real content passes; each kind of mistake is reported with file, entry (or line) and field.

Every test breaks a private copy of data/ (fixture `data_copy`) and looks for the exact problem.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from secondop import ContentError, Problem, assess, find_problems, load_content
from secondop.cli import main
from secondop.paths import PACKAGED_DATA

# --- helpers -------------------------------------------------------------------------------------


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def write(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), "utf-8")


def entry_line(path: Path, entry_id: str) -> int:
    """Line (1-based) where the structure entry `- id: entry_id` starts."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if re.fullmatch(rf"- id: ['\"]?{entry_id}['\"]?", line.strip()):
            return number
    raise AssertionError(f"{entry_id} not found in {path}")


def key_line(path: Path, key: str, occurrence: int = 1) -> int:
    """Line of the `occurrence`-th top-level `key:` in a wording file."""
    hits = [n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if line.startswith(f"{key}:")]
    return hits[occurrence - 1]


def edit_entry(root: Path, file: str, entry_id: str, change: Callable[[dict], None]) -> int:
    """Change one entry of a structure file in place; return the line where it now starts."""
    path = root / file
    entries = read(path)
    change(next(entry for entry in entries if entry["id"] == entry_id))
    write(path, entries)
    return entry_line(path, entry_id)


def edit_wording(root: Path, file: str, change: Callable[[dict], None]) -> Path:
    path = root / "text" / "en" / file
    texts = read(path)
    change(texts)
    write(path, texts)
    return path


def the_problem(
    problems: list[Problem], file: str, entry: str | None = None, field: str | None = None, says: str = ""
) -> Problem:
    """The problem with exactly this file, entry and field whose message contains `says`."""
    found = [p for p in problems if p.file == file and p.entry == entry and p.field == field and says in p.message]
    listing = "\n".join(str(p) for p in problems) or "(no problems)"
    assert found, f"expected {file} / {entry} / {field} / {says!r} among:\n{listing}"
    return found[0]


def hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --- the real content ----------------------------------------------------------------------------


def test_project_content_is_valid() -> None:
    assert [str(p) for p in find_problems(PACKAGED_DATA)] == []


def test_every_scenario_yields_exactly_its_expected_reasons(content) -> None:
    assert content.scenarios, "data/scenarios.yaml has no scenarios"
    for scenario in content.scenarios.values():
        result = assess(content, scenario.circumstances, scenario.concerns)
        reasons = [reason.id for reason in result.reasons]
        assert sorted(reasons) == sorted(scenario.expected_reasons), scenario.id
        assert content.reasons[reasons[0]].always, scenario.id


def test_copy_of_content_is_valid(data_copy: Path) -> None:
    """Guards the helpers: a copy rewritten by yaml.safe_dump (comments lost) must still be valid."""
    for file in ("reasons.yaml", "sources.yaml"):
        write(data_copy / file, read(data_copy / file))
    assert find_problems(data_copy) == []


# --- one test per kind of mistake ----------------------------------------------------------------


def test_yaml_syntax_error_names_the_line(data_copy: Path) -> None:
    path = data_copy / "reasons.yaml"
    lines = path.read_text("utf-8").splitlines()
    lines += ["- id: broken_entry", "  sources: a: b"]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    problem = the_problem(find_problems(data_copy), "data/reasons.yaml", f"line {len(lines)}", None, "not valid YAML")
    assert "line" in str(problem)


def test_unreadable_file_is_one_problem_not_a_cascade(data_copy: Path) -> None:
    (data_copy / "sources.yaml").write_text("- id: seed_article\n  title: [unclosed\n", "utf-8")
    problems = find_problems(data_copy)
    assert len(problems) == 1, "\n".join(map(str, problems))
    assert problems[0].file == "data/sources.yaml"


def test_missing_field(data_copy: Path) -> None:
    line = edit_entry(data_copy, "reasons.yaml", "rare_cancer", lambda e: e.pop("strength"))
    the_problem(
        find_problems(data_copy), "data/reasons.yaml", f"reason `rare_cancer` (line {line})", "strength", "missing"
    )


def test_unknown_field(data_copy: Path) -> None:
    line = edit_entry(data_copy, "circumstances.yaml", "rare_cancer", lambda e: e.update(grup="diagnosis"))
    the_problem(
        find_problems(data_copy),
        "data/circumstances.yaml",
        f"circumstance `rare_cancer` (line {line})",
        "grup",
        "not a known field",
    )


def test_unknown_field_in_wording(data_copy: Path) -> None:
    path = edit_wording(data_copy, "reasons.yaml", lambda t: t["rare_cancer"].update(wy="typo"))
    line = key_line(path, "rare_cancer")
    the_problem(
        find_problems(data_copy),
        "data/text/en/reasons.yaml",
        f"reason `rare_cancer` (line {line})",
        "wy",
        "not a known",
    )


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("strength", "high", "whole number"),
        ("strength", 7, "at most 3"),
        ("triggered_by", "rare_cancer", "should be a list"),
        ("always", "sometimes", "true or false"),
    ],
)
def test_wrong_type(data_copy: Path, field: str, value: object, says: str) -> None:
    line = edit_entry(data_copy, "reasons.yaml", "rare_cancer", lambda e: e.update({field: value}))
    the_problem(find_problems(data_copy), "data/reasons.yaml", f"reason `rare_cancer` (line {line})", field, says)


@pytest.mark.parametrize("empty", ["", "   "])
def test_empty_text(data_copy: Path, empty: str) -> None:
    path = edit_wording(data_copy, "reasons.yaml", lambda t: t["rare_cancer"].update(why=empty))
    line = key_line(path, "rare_cancer")
    the_problem(
        find_problems(data_copy), "data/text/en/reasons.yaml", f"reason `rare_cancer` (line {line})", "why", "empty"
    )


def test_duplicate_id_in_structure_file(data_copy: Path) -> None:
    path = data_copy / "circumstances.yaml"
    entries = read(path)
    write(path, [*entries, dict(entries[0])])
    first_id = entries[0]["id"]
    first, second = [n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if line == f"- id: {first_id}"]
    the_problem(
        find_problems(data_copy),
        "data/circumstances.yaml",
        f"circumstance `{first_id}` (line {second})",
        "id",
        f"already used at line {first}",
    )


def test_duplicate_key_in_wording_file(data_copy: Path) -> None:
    path = data_copy / "text" / "en" / "circumstances.yaml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\nrare_cancer:\n  label: Twice\n  explanation: The same id again.\n")
    first, second = key_line(path, "rare_cancer", 1), key_line(path, "rare_cancer", 2)
    the_problem(
        find_problems(data_copy),
        "data/text/en/circumstances.yaml",
        f"circumstance `rare_cancer` (line {second})",
        None,
        f"already used at line {first}",
    )


@pytest.mark.parametrize(
    ("file", "entry_id", "noun", "field", "target"),
    [
        ("reasons.yaml", "rare_cancer", "reason", "triggered_by", "circumstances.yaml"),
        ("reasons.yaml", "rare_cancer", "reason", "theme", "themes.yaml"),
        ("reasons.yaml", "rare_cancer", "reason", "expert", "experts.yaml"),
        ("checklist.yaml", "companion", "checklist item", "added_by", "circumstances.yaml"),
        ("circumstances.yaml", "rare_cancer", "circumstance", "glossary", "glossary.yaml"),
        ("scenarios.yaml", "david_kidney_cancer", "scenario", "circumstances", "circumstances.yaml"),
        ("scenarios.yaml", "david_kidney_cancer", "scenario", "concerns", "concerns.yaml"),
        ("experts.yaml", "cancer_type_specialist", "expert guidance", "links", "sources.yaml"),
        ("questions.yaml", None, "question", "asked_when", "circumstances.yaml or data/concerns.yaml"),
    ],
)
def test_reference_to_an_id_that_does_not_exist(
    data_copy: Path, file: str, entry_id: str | None, noun: str, field: str, target: str
) -> None:
    if entry_id is None:  # any entry that is not `always` (a trigger on an `always` entry is its own problem)
        entry_id = next(e["id"] for e in read(data_copy / file) if not e.get("always"))

    def add_ghost(entry: dict) -> None:
        if isinstance(entry.get(field), str):
            entry[field] = "no_such_id"
        else:
            entry[field] = [*entry.get(field, []), "no_such_id"]
            entry.pop("always", None)

    line = edit_entry(data_copy, file, entry_id, add_ghost)
    the_problem(
        find_problems(data_copy),
        f"data/{file}",
        f"{noun} `{entry_id}` (line {line})",
        field,
        f"`no_such_id` is not in data/{target}",
    )


def test_source_never_defined(data_copy: Path) -> None:
    line = edit_entry(data_copy, "reasons.yaml", "rare_cancer", lambda e: e["sources"].append("acs_2024"))
    problem = the_problem(
        find_problems(data_copy),
        "data/reasons.yaml",
        f"reason `rare_cancer` (line {line})",
        "sources",
        "`acs_2024` is not in data/sources.yaml",
    )
    where = f"data/reasons.yaml, reason `rare_cancer` (line {line}), field `sources`"
    assert str(problem) == f"{where}: `acs_2024` is not in data/sources.yaml"


def test_orphan_source(data_copy: Path) -> None:
    path = data_copy / "sources.yaml"
    extra = {
        "id": "orphan_source",
        "title": "Unused",
        "publisher": "Nobody",
        "checked": "2026-01-01",
        "excerpts": ["Words."],
    }
    write(path, [*read(path), extra])
    line = entry_line(path, "orphan_source")
    the_problem(
        find_problems(data_copy), "data/sources.yaml", f"source `orphan_source` (line {line})", None, "nothing refers"
    )


@pytest.mark.parametrize("url", ["not a web address", "www.cancer.org/no-scheme", "ftp://example.org/file"])
def test_malformed_url_is_one_problem(data_copy: Path, url: str) -> None:
    """A linked source with a bad url is reported once, not again in every file that cites it."""
    line = edit_entry(data_copy, "sources.yaml", "nci_cancer_centers", lambda e: e.update(url=url))
    problems = find_problems(data_copy)
    the_problem(problems, "data/sources.yaml", f"source `nci_cancer_centers` (line {line})", "url", "web address")
    assert len(problems) == 1, "\n".join(map(str, problems))


def test_malformed_date_written_bare(data_copy: Path) -> None:
    """A bare 2026-13-45 (not quoted) must be a located problem, not a crash of the YAML reader."""
    path = data_copy / "sources.yaml"
    first_id = read(path)[0]["id"]
    text, count = re.subn(r"^  checked: .*$", "  checked: 2026-13-45", path.read_text("utf-8"), count=1, flags=re.M)
    assert count == 1
    path.write_text(text, "utf-8")
    the_problem(
        find_problems(data_copy),
        "data/sources.yaml",
        f"source `{first_id}` (line {entry_line(path, first_id)})",
        "checked",
        "real date",
    )


def test_malformed_date_in_settings(data_copy: Path) -> None:
    path = data_copy / "settings.yaml"
    path.write_text(
        re.sub(r"^content_reviewed: .*$", "content_reviewed: 2026-02-30", path.read_text("utf-8"), flags=re.M), "utf-8"
    )
    the_problem(find_problems(data_copy), "data/settings.yaml", None, "content_reviewed", "real date")


def test_missing_wording_for_an_id(data_copy: Path) -> None:
    edit_wording(data_copy, "reasons.yaml", lambda t: t.pop("rare_cancer"))
    problem = the_problem(
        find_problems(data_copy), "data/text/en/reasons.yaml", "reason `rare_cancer`", None, "wording for this reason"
    )
    line = entry_line(data_copy / "reasons.yaml", "rare_cancer")
    assert f"data/reasons.yaml line {line}" in problem.message


def test_wording_for_an_unknown_id(data_copy: Path) -> None:
    path = edit_wording(data_copy, "reasons.yaml", lambda t: t.update(no_such_reason={"title": "T", "why": "W."}))
    the_problem(
        find_problems(data_copy),
        "data/text/en/reasons.yaml",
        f"reason `no_such_reason` (line {key_line(path, 'no_such_reason')})",
        None,
        "no reason with this id",
    )


def test_scenario_expected_reasons_mismatch(data_copy: Path) -> None:
    scenarios = read(data_copy / "scenarios.yaml")
    scenario = next(s for s in scenarios if len(s["expected_reasons"]) >= 2)
    dropped = next(r for r in scenario["expected_reasons"] if r != "new_diagnosis")
    line = edit_entry(data_copy, "scenarios.yaml", scenario["id"], lambda e: e["expected_reasons"].remove(dropped))
    problem = the_problem(
        find_problems(data_copy),
        "data/scenarios.yaml",
        f"scenario `{scenario['id']}` (line {line})",
        "expected_reasons",
        "produce",
    )
    assert dropped in problem.message


def test_all_problems_are_collected_at_once(data_copy: Path) -> None:
    edit_entry(data_copy, "reasons.yaml", "rare_cancer", lambda e: e.pop("theme"))
    edit_wording(data_copy, "concerns.yaml", lambda t: t["worried_cost"].update(answer=""))
    with pytest.raises(ContentError) as caught:
        load_content(data_copy)
    files_fields = {(p.file, p.field) for p in caught.value.problems}
    assert ("data/reasons.yaml", "theme") in files_fields
    assert ("data/text/en/concerns.yaml", "answer") in files_fields
    assert "2 problems" in str(caught.value)


@pytest.mark.parametrize(
    ("file", "garbage"),
    [
        ("reasons.yaml", ""),
        ("reasons.yaml", "just some words\n"),
        ("reasons.yaml", "- 5\n- [a, b]\n- id: [x]\n"),
        ("reasons.yaml", "\t- id: tab\n"),
        ("text/en/reasons.yaml", "1: {title: a}\n? [a, b]\n: c\n"),
        ("text/en/reasons.yaml", "42: {title: T, why: W}\nnull: x\n"),
        ("settings.yaml", "- a list\n"),
        ("text/en/labels.yaml", "plan: 3\n"),
        ("sources.yaml", "- id: x\n  checked: 99999-99-99\n"),
    ],
)
def test_garbage_is_reported_never_raised(data_copy: Path, file: str, garbage: str) -> None:
    (data_copy / file).write_text(garbage, "utf-8")
    problems = find_problems(data_copy)
    assert problems, "garbage passed as valid content"
    assert any(p.file == f"data/{file}" for p in problems), "\n".join(map(str, problems))


def test_binary_and_missing_and_folder_instead_of_file(data_copy: Path) -> None:
    (data_copy / "reasons.yaml").write_bytes(b"\xff\xfe\x00garbage\x00")
    (data_copy / "themes.yaml").unlink()
    (data_copy / "questions.yaml").unlink()
    (data_copy / "questions.yaml").mkdir()
    problems = find_problems(data_copy)
    for file, says in [("reasons.yaml", "cannot be read"), ("themes.yaml", "missing"), ("questions.yaml", "read")]:
        the_problem(problems, f"data/{file}", None, None, says)


def test_missing_content_folder(tmp_path: Path) -> None:
    problems = find_problems(tmp_path / "nowhere")
    assert len(problems) == 1 and "does not exist" in problems[0].message
    (tmp_path / "reasons.yaml").write_text("[]\n", "utf-8")
    problems = find_problems(tmp_path / "reasons.yaml")
    assert len(problems) == 1 and "is a file" in problems[0].message


# --- the analyst's files are never modified ------------------------------------------------------


def _run_every_command(root: Path, out: Path) -> list[int]:
    scenario_args = ["--circumstances", "rare_cancer,surgery_primary", "--concerns", "worried_cost"]
    codes = [
        main(["validate", str(root)]),
        main(["--data", str(root), "assess", *scenario_args]),
        main(["--data", str(root), "assess", "--circumstances", "no_such_id"]),
        main(["--data", str(root), "export", *scenario_args, "--format", "md", "-o", str(out / "plan.md")]),
        main(["--data", str(root), "export", *scenario_args, "--format", "html", "-o", str(root / "plan.html")]),
    ]
    find_problems(root)
    with contextlib.suppress(ContentError):
        load_content(root)
    return codes


@pytest.mark.parametrize("broken", [False, True])
def test_no_command_modifies_the_content_files(data_copy: Path, tmp_path: Path, capsys, broken: bool) -> None:
    if broken:
        edit_entry(data_copy, "reasons.yaml", "rare_cancer", lambda e: e.update(strength="high"))
        (data_copy / "text" / "en" / "themes.yaml").write_text("this: [is: broken\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    before = hashes(data_copy)
    codes = _run_every_command(data_copy, out)
    capsys.readouterr()
    assert hashes(data_copy) == before
    assert codes[0] == (1 if broken else 0)
    assert codes[-1] != 0, "export into the content folder must be refused"


# --- numbers you can trace -------------------------------------------------------------------------


def test_a_changed_figure_is_refused_with_file_entry_field_and_figure(data_copy: Path) -> None:
    def change(texts: dict) -> None:
        texts["worried_delay"]["answer"] = texts["worried_delay"]["answer"].replace("41.5", "41")

    edit_wording(data_copy, "concerns.yaml", change)
    problems = find_problems(data_copy)
    problem = next(p for p in problems if "the figure `41 days`" in p.message)
    assert problem.file == "data/text/en/concerns.yaml" and problem.field == "answer"
    assert problem.entry is not None and problem.entry.startswith("concern `worried_delay` (line ")
    assert "healthday_second_opinion_breast" in problem.message  # names the sources it looked in
    assert len(find_problems(data_copy)) == 1


def test_a_figure_is_traced_only_to_the_sources_the_text_cites(data_copy: Path) -> None:
    """41.5 is in the HealthDay excerpt, but a text that does not cite HealthDay may not use it."""
    edit_wording(data_copy, "questions.yaml", lambda t: t["side_effects"].update(text="Is 41.5 days too long?"))
    problems = find_problems(data_copy)
    assert [p.field for p in problems] == ["text"] and "`41.5 days`" in problems[0].message
    edit_entry(
        data_copy, "questions.yaml", "side_effects", lambda e: e["sources"].append("healthday_second_opinion_breast")
    )
    assert find_problems(data_copy) == []


def test_a_phone_number_is_a_figure(data_copy: Path) -> None:
    def change(texts: dict) -> None:
        texts["help_by_phone"]["text"] = texts["help_by_phone"]["text"].replace("1-800-227-2345", "1-800-227-2346")

    edit_wording(data_copy, "always_shown.yaml", change)
    problems = find_problems(data_copy)
    assert len(problems) == 1 and "`1-800-227-2346`" in problems[0].message and problems[0].field == "text"


def test_a_figure_exception_allows_a_named_figure_only(data_copy: Path) -> None:
    settings = read(data_copy / "settings.yaml")
    settings["figure_exceptions"] = [e for e in settings["figure_exceptions"] if e["entry"] != "maria_told_no_options"]
    write(data_copy / "settings.yaml", settings)
    problems = find_problems(data_copy)
    assert len(problems) == 1 and problems[0].field == "story" and "`71`" in problems[0].message


def test_labels_carry_no_figures(data_copy: Path) -> None:
    edit_wording(data_copy, "labels.yaml", lambda t: t["dashboard"].update(reset="Clear all 3"))
    the_problem(find_problems(data_copy), "data/text/en/labels.yaml", "`dashboard`", "reset", "labels cite no source")


def test_a_source_is_checked_or_summarised_never_both_nor_neither(data_copy: Path) -> None:
    line = edit_entry(data_copy, "sources.yaml", "acs_helpline", lambda e: e.update(summarised_in="nci_trial_guide"))
    the_problem(find_problems(data_copy), "data/sources.yaml", f"source `acs_helpline` (line {line})", None, "not both")
    line = edit_entry(data_copy, "sources.yaml", "acs_helpline", lambda e: [e.pop("checked"), e.pop("summarised_in")])
    the_problem(find_problems(data_copy), "data/sources.yaml", f"source `acs_helpline` (line {line})", None, "neither")


def test_a_summary_must_come_from_a_source_that_was_read(data_copy: Path) -> None:
    line = edit_entry(data_copy, "sources.yaml", "nci_cis", lambda e: e.update(summarised_in="hipaa_right_of_access"))
    the_problem(
        find_problems(data_copy), "data/sources.yaml", f"source `nci_cis` (line {line})", "summarised_in", "not read"
    )


def test_every_required_block_must_exist(data_copy: Path) -> None:
    write(data_copy / "always_shown.yaml", [e for e in read(data_copy / "always_shown.yaml") if e["id"] != "safety"])
    edit_wording(data_copy, "always_shown.yaml", lambda t: t.pop("safety"))
    the_problem(find_problems(data_copy), "data/always_shown.yaml", None, None, "the block `safety` is missing")


def test_a_worry_may_add_a_checklist_item_but_an_unknown_id_may_not(data_copy: Path) -> None:
    edit_entry(data_copy, "checklist.yaml", "companion", lambda e: e.update(always=False, added_by=["worried_delay"]))
    assert find_problems(data_copy) == []
    line = edit_entry(data_copy, "checklist.yaml", "companion", lambda e: e.update(added_by=["worried_sick"]))
    the_problem(
        find_problems(data_copy),
        "data/checklist.yaml",
        f"checklist item `companion` (line {line})",
        "added_by",
        "circumstances.yaml or data/concerns.yaml",
    )


# --- figures with their units, from the source cited for them (#24.14), errors in the right place (#24.15) --


def test_a_figure_must_keep_its_unit(tmp_path: Path) -> None:
    """The synthetic source says "It takes 12 days.": "12%" must not pass on it, "12 days" and "12" do."""
    from synthetic import write_content

    root = write_content(tmp_path / "data")
    for answer, refused in (("It is 12%.", True), ("It takes 12 days.", False), ("It is 12 or so.", False)):
        edit_wording(root, "concerns.yaml", lambda t, answer=answer: t["worry"].update(answer=answer))
        problems = find_problems(root)
        assert bool(problems) == refused, (answer, problems)
    edit_wording(root, "concerns.yaml", lambda t: t["worry"].update(answer="It is 12%."))
    (problem,) = find_problems(root)
    assert "the figure `12%` cannot be traced" in problem.message
    assert "`12 days`, with another unit" in problem.message


def test_units_are_read_in_both_languages_and_across_ranges() -> None:
    from secondop.content.figures_in_text import Figure, figures_with_units

    def shown(text: str, language: str = "en") -> list[str]:
        return [str(figure) for figure in figures_with_units(text, language)]

    assert shown("It takes 58 days, in 58% of cases, for $50.") == ["58 days", "58%", "$50"]
    assert shown("41.5 versus 31 days; 90.3 versus 68.1 percent; 60 to 90 days") == [
        *("41.5 days", "31 days", "90.3%", "68.1%", "60 days", "90 days")
    ]
    assert shown("del 12 % al 69 % de las veces, en 30 días", "es") == ["12%", "69%", "30 days"]
    assert shown("Call 1-800-422-6237 within 30 calendar days") == ["1-800-422-6237", "30 days"]
    assert Figure("58", "days").matches(Figure("58")) and not Figure("58", "days").matches(Figure("58", "%"))


def test_numbers_in_words_are_figures_where_they_state_a_proportion() -> None:
    from secondop.content.figures_in_text import figures_with_units

    def shown(text: str, language: str = "en") -> list[str]:
        return [str(figure) for figure in figures_with_units(text, language)]

    assert shown("About one in three people, nine out of ten doctors, half of them.") == ["1", "3", "9", "10", "50%"]
    assert shown("uno de cada diez pacientes; la mitad de ellos", "es") == ["1", "10", "50%"]
    assert shown("Get a third opinion from one doctor.") == [], "counting words are not proportions"


def test_a_proportion_in_words_must_be_in_a_source(data_copy: Path) -> None:
    def change(texts: dict) -> None:
        texts["worried_delay"]["answer"] += " About one in three people wait too long."

    edit_wording(data_copy, "concerns.yaml", change)
    messages = [p.message for p in find_problems(data_copy)]
    assert any("the figure `3` cannot be traced" in m for m in messages), messages


def test_a_figure_comes_from_the_source_its_sentence_names(data_copy: Path) -> None:
    """41.5 days is in the HealthDay excerpt, which the entry cites; but this sentence says NCCN said it."""

    def change(texts: dict) -> None:
        answer = texts["worried_delay"]["answer"]
        assert "you can't take a few weeks" in answer, "tests/test_validation.py needs updating"
        texts["worried_delay"]["answer"] = answer.replace("you can't take a few weeks", "you can't take 41.5 days")

    edit_wording(data_copy, "concerns.yaml", change)
    problems = find_problems(data_copy)
    assert len(problems) == 1, problems
    assert "`41.5 days`" in problems[0].message and "`nccn_guide_second_opinion`" in problems[0].message
    assert "the source its sentence names" in problems[0].message


def test_a_figure_error_names_the_wording_files_own_line(data_copy: Path) -> None:
    path = edit_wording(
        data_copy, "concerns.yaml", lambda t: t["worried_delay"].update(answer=t["worried_delay"]["answer"] + " 77.")
    )
    problem = the_problem(
        find_problems(data_copy),
        "data/text/en/concerns.yaml",
        f"concern `worried_delay` (line {key_line(path, 'worried_delay')})",
        "answer",
        "the figure `77`",
    )
    assert key_line(path, "worried_delay") != entry_line(data_copy / "concerns.yaml", "worried_delay")
    assert "none" not in problem.message


def test_a_translation_error_has_a_line_and_says_what_differs(tmp_path: Path) -> None:
    from synthetic import add_translation, write_content

    root = add_translation(write_content(tmp_path / "data"))
    path = root / "text" / "es" / "concerns.yaml"
    texts = read(path)
    texts["worry"]["answer"] = "ES La respuesta."  # the English says "The answer is 12 days."
    write(path, texts)
    problem = the_problem(
        find_problems(root),
        "data/text/es/concerns.yaml",
        f"concern `worry` (line {key_line(path, 'worry')})",
        "answer",
        "lacks the figure `12 days`, which the `en` text has; a translation keeps every figure",
    )
    assert "none" not in problem.message and "has the figures" not in problem.message
    texts["worry"]["answer"] = "ES La respuesta es 12 días y 3 horas."
    write(path, texts)
    problems = find_problems(root)
    assert any("has the figure `3 hours`, which the `en` text does not" in p.message for p in problems), problems


def test_a_difference_says_what_is_lacking_and_added_never_none() -> None:
    from secondop.content.figure_checks import difference

    assert difference("figure", [], ["30 days"], "en") == "lacks the figure `30 days`, which the `en` text has"
    assert difference("placeholder", ["{a}"], ["{b}", "{c}"], "en") == (
        "lacks the placeholders `{b}`, `{c}`, which the `en` text has; has the placeholder `{a}`, which the `en` "
        "text does not"
    )


def test_a_phone_number_belongs_to_the_organisation_its_sentence_names(data_copy: Path) -> None:
    """The NCI's number is in an excerpt this entry cites, but not under the American Cancer Society's name."""

    def change(texts: dict) -> None:
        text = texts["help_by_phone"]["text"]
        assert "American Cancer Society at 1-800-227-2345" in text, "tests/test_validation.py needs updating"
        texts["help_by_phone"]["text"] = text.replace("Society at 1-800-227-2345", "Society at 1-800-422-6237")

    edit_wording(data_copy, "always_shown.yaml", change)
    problems = find_problems(data_copy)
    assert len(problems) == 1, problems
    assert "`1-800-422-6237`" in problems[0].message and "`acs_helpline`, the source its sentence names" in (
        problems[0].message
    )
