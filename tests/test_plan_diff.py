"""`secondop diff` and out-of-date translations, on synthetic content where the answer is known.

The synthetic folder (tests/synthetic.py) has one example (`second` ticked, `worry`), three circumstances,
one worry, and a reason `either` that `first` or `second` switches on; its Spanish is the English
prefixed `ES `.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from synthetic import add_translation, write_content

from secondop import cli
from secondop.analysis.plan_diff import diff_folders, diff_markdown, diff_text, word_changes
from secondop.content import translations
from secondop.paths import PACKAGED_DATA


def _edit(path: Path, entry: str, field: str, text: str) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    data[entry][field] = text
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """Two equal bilingual synthetic folders, OLD and NEW, with the Spanish marked as up to date in both."""
    old = add_translation(write_content(tmp_path / "old" / "data"))
    translations.mark(old, "es")
    new = tmp_path / "new" / "data"
    shutil.copytree(old, new)
    return old, new


def _changed(diff, language: str) -> set[str]:
    return {view.key for change in diff.changes if change.language == language for view in change.views}


def test_equal_folders_change_no_plan(folders) -> None:
    diff = diff_folders(*folders)
    assert diff.changes == []
    assert diff.compared == 2 * (1 + 1 + 3 + 1), "nothing, one example, three circumstances, one worry; two languages"
    assert "No plan changes" in diff_text(diff)


def test_an_english_text_changes_exactly_the_plans_that_show_it(folders) -> None:
    old, new = folders
    _edit(new / "text" / "en" / "reasons.yaml", "either", "why", "Why either, said better.")
    diff = diff_folders(old, new)
    assert _changed(diff, "en") == {"example:example", "circumstance:first", "circumstance:second"}
    assert _changed(diff, "es") == set()
    (change,) = diff.changes  # the three plans change the same way: one group
    assert change.entries == ("reasons.yaml `either`",)
    assert [line.text for line in change.removed] == ["Why either."]
    assert [line.text for line in change.added] == ["Why either, said better."]
    # ... and its Spanish is now out of date, and only that text
    status = translations.translation_status(new, "es")
    assert [(r.file, r.entry, r.field) for r in status.out_of_date] == [("reasons.yaml", "either", "why")]
    assert translations.translation_status(old, "es").out_of_date == []


def test_a_spanish_text_changes_only_spanish_plans(folders) -> None:
    old, new = folders
    _edit(new / "text" / "es" / "concerns.yaml", "worry", "answer", "ES La respuesta es 12 días.")
    diff = diff_folders(old, new)
    assert _changed(diff, "en") == set()
    assert _changed(diff, "es") == {"example:example", "concern:worry"}
    assert translations.translation_status(new, "es").out_of_date == [], "the English did not change"


def test_a_new_example_is_a_plan_that_appears(folders) -> None:
    old, new = folders
    structure = new / "scenarios.yaml"
    entries = yaml.safe_load(structure.read_text("utf-8"))
    entries.append(
        {**entries[0], "id": "another", "circumstances": ["third"], "expected_reasons": ["for_everyone", "strong"]}
    )
    structure.write_text(yaml.safe_dump(entries, sort_keys=False), "utf-8")
    for language in ("en", "es"):
        path = new / "text" / language / "scenarios.yaml"
        texts = yaml.safe_load(path.read_text("utf-8"))
        texts["another"] = texts["example"]
        path.write_text(yaml.safe_dump(texts, sort_keys=False, allow_unicode=True), "utf-8")
    diff = diff_folders(old, new)
    assert _changed(diff, "en") == {"example:another"} == _changed(diff, "es")
    assert all(not change.removed and change.added for change in diff.changes)


def test_markdown_names_plans_entries_and_lines(folders) -> None:
    old, new = folders
    _edit(new / "text" / "en" / "reasons.yaml", "strong", "why", "A stronger why.")
    markdown = diff_markdown(diff_folders(old, new))
    assert markdown.startswith("## ")
    assert "circumstance `third` alone" in markdown and "reasons.yaml `strong`" in markdown
    assert "```diff\n- Why strong.\n+ A stronger why.\n```" in markdown
    assert "example `example`" not in markdown


def test_word_changes_finds_the_edit_in_a_long_text() -> None:
    assert word_changes("a b c d e", "a b X d e") == "c -> X"
    assert word_changes("a b", "a b c") == "(nothing) -> c"


# --- the command ---------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_cli_diff_exit_codes(capsys, folders) -> None:
    old, new = folders
    code, out, _ = run(capsys, "diff", str(old), str(new))
    assert code == 0 and "No plan changes" in out
    _edit(new / "text" / "en" / "reasons.yaml", "strong", "why", "A stronger why.")
    code, out, _ = run(capsys, "diff", str(old), str(new), "--format", "md")
    assert code == 1 and "```diff" in out and "circumstance `third` alone" in out
    (new / "themes.yaml").write_text("- id: [unclosed\n", "utf-8")
    code, out, err = run(capsys, "diff", str(old), str(new))
    assert code == 2 and out == ""
    assert "data/themes.yaml" in err and "not valid YAML" in err and str(new) in err


def test_cli_diff_needs_two_folders_or_a_revision(capsys) -> None:
    code, _, err = run(capsys, "diff")
    assert code == 2 and "--against" in err


def test_cli_diff_against_a_git_revision(capsys, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    data = add_translation(write_content(repo / "data"))
    git = ["git", "-C", str(repo), "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "content"], check=True)
    assert run(capsys, "diff", "--against", "HEAD", str(data))[0] == 0
    _edit(data / "text" / "en" / "questions.yaml", "always_question", "text", "Always, really?")
    code, out, _ = run(capsys, "diff", "--against", "HEAD", str(data))
    assert code == 1 and "HEAD:data" in out and "+ - Always, really?" in out
    code, _, err = run(capsys, "diff", "--against", "no_such_revision", str(data))
    assert code == 2 and "no_such_revision" in err


def test_cli_diff_of_the_real_content_is_fast(capsys) -> None:
    """CPU time, not wall time: the machine may be busy with other work, the diff itself must stay quick."""
    started = time.process_time()
    code, out, _ = run(capsys, "diff", str(PACKAGED_DATA), str(PACKAGED_DATA))
    elapsed = time.process_time() - started
    assert code == 0 and "No plan changes" in out
    assert elapsed < 10, f"diff took {elapsed:.1f} s of CPU"


def test_cli_translations_lists_and_marks(capsys, folders) -> None:
    _, new = folders
    code, out, _ = run(capsys, "translations", str(new))
    assert code == 0 and "es: 0 out of date, 0 untranslated, 0 not marked" in out
    _edit(new / "text" / "en" / "reasons.yaml", "strong", "why", "A stronger why.")
    _edit(new / "text" / "es" / "checklist.yaml", "worry_item", "how_to_get", "Ask the office.")  # the English
    code, out, _ = run(capsys, "translations", str(new))
    assert "es: 1 out of date, 1 untranslated" in out
    assert "reasons.yaml" in out and "`strong`" in out and "`worry_item`, field `how_to_get`" in out
    code, out, _ = run(capsys, "validate", str(new))
    assert code == 0, "an out-of-date translation is a warning, not a problem"
    assert "text/es/reasons.yaml" in out and "entry `strong`, field `why`: out of date" in out
    _edit(new / "text" / "es" / "reasons.yaml", "strong", "why", "ES Un porqué más fuerte.")
    code, out, _ = run(capsys, "translations", "--mark", "es", "--entry", "reasons.yaml:strong", str(new))
    assert code == 0 and "Recorded 2 es texts" in out, "title and why of that one entry"
    assert translations.translation_status(new, "es").out_of_date == []
    code, _, err = run(capsys, "translations", "--mark", "es", "--entry", "reasons.yaml:nothing", str(new))
    assert code == 2 and "reasons.yaml:nothing" in err
    code, _, err = run(capsys, "translations", "--mark", "en", str(new))
    assert code == 2 and "translated from" in err


def test_fingerprints_ignore_line_breaks() -> None:
    assert translations.fingerprint("one two\n  three") == translations.fingerprint("one two three")
    assert translations.fingerprint("one two") != translations.fingerprint("one, two")


def test_what_to_do_this_week_and_the_decision_aid_are_compared_too(folders) -> None:
    """First steps (shown when `third` is ticked) and the decision aid (in every plan) are part of the plans."""
    old, new = folders
    _edit(new / "text" / "en" / "first_steps.yaml", "step_one", "how", "How to do it, now.")
    _edit(new / "text" / "en" / "choices.yaml", "choice_a", "good", "Good, said better.")
    diff = diff_folders(old, new)

    def plans_showing(entry: str) -> set[str]:
        return {view.key for change in diff.changes if entry in change.entries for view in change.views}

    assert plans_showing("first_steps.yaml `step_one`") == {"circumstance:third"}
    every_plan = {"nothing", "example:example", "circumstance:first", "circumstance:second", "circumstance:third"}
    assert plans_showing("choices.yaml `choice_a`") == every_plan | {"concern:worry"}
    assert _changed(diff, "es") == set()
    labels = new / "text" / "es" / "labels.yaml"
    texts = yaml.safe_load(labels.read_text("utf-8"))
    field = next(name for name, value in texts["decision"].items() if isinstance(value, str))
    texts["decision"][field] = "ES Otro rótulo"
    labels.write_text(yaml.safe_dump(texts, sort_keys=False, allow_unicode=True), "utf-8")
    diff = diff_folders(old, new)
    spanish = {
        v.key for c in diff.changes if c.language == "es" and "labels.yaml `decision`" in c.entries for v in c.views
    }
    assert spanish == every_plan | {"concern:worry"}, "the decision aid's labels are in every plan"


def test_every_part_of_a_plan_is_compared() -> None:
    """A part added to `Assessment` later must be added to `plan_lines` too, or its changes would go unseen."""
    import dataclasses

    from secondop.analysis.plan_diff import DECISION_PARTS, OPENING_PARTS
    from secondop.plan.assessment import Assessment

    drawn_by_hand = {"blocks", "circumstances", "concerns", "reasons", "checklist_groups", "questions", "glossary"}
    drawn_by_hand |= {"sources", "reviewed"}
    compared = drawn_by_hand | {attribute for attribute, _ in (*OPENING_PARTS, *DECISION_PARTS)}
    assert {field.name for field in dataclasses.fields(Assessment)} <= compared


def test_a_content_pull_request_gets_the_plans_diff() -> None:
    """The workflow runs the make target an analyst runs, compares with the base branch, and shows the result."""
    import re

    root = PACKAGED_DATA.parent
    workflow = yaml.safe_load((root / ".github" / "workflows" / "content-review.yml").read_text("utf-8"))
    on = workflow.get("on", workflow.get(True))
    assert on["pull_request"]["paths"] == ["data/**"]
    steps = workflow["jobs"]["plans"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0, "git needs the base branch's data/"
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "make -s content-review BASE=origin/${{ github.base_ref }}" in commands
    assert "GITHUB_STEP_SUMMARY" in commands and "gh pr comment" in commands
    makefile = (root / "Makefile").read_text("utf-8")
    recipe = re.search(r"^content-review:.*\n((?:\t.*\n)+)", makefile, flags=re.M)
    assert recipe and "secondop validate" in recipe.group(1)
    assert "secondop diff --against $(BASE) --format md || test $$? -eq 1" in recipe.group(1)


def test_the_markdown_fits_a_pull_request_comment(folders) -> None:
    old, new = folders
    for entry in ("for_everyone", "either", "strong"):
        _edit(new / "text" / "en" / "reasons.yaml", entry, "why", f"{entry} " + "word " * 200)
    diff = diff_folders(old, new)
    whole = diff_markdown(diff)
    assert "left out" not in whole and len(diff.changes) >= 3
    cut = diff_markdown(diff, limit=len(whole) // 2)
    assert len(cut) < len(whole) // 2 + 300
    assert "more group" in cut and "run `secondop diff` to see them all" in cut
