"""The analysts' content guide (data/README.md): complete, current, and its examples really work."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from secondop import Problem
from secondop.cli import COMMANDS
from secondop.content.schema import KINDS, LABELS_FILE, LETTER_FILE, SETTINGS_FILE, structure, wording
from secondop.docsgen import content_guide
from secondop.docsgen.json_schema import content_models
from secondop.paths import PACKAGED_DATA

GUIDE = PACKAGED_DATA / "README.md"
MAKEFILE = PACKAGED_DATA.parent / "Makefile"


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text("utf-8")


def yaml_examples(text: str) -> list[object]:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, flags=re.S)]


def test_field_tables_are_current(guide: str) -> None:
    assert content_guide.updated(guide) == guide, (
        f"data/README.md: the field tables are stale; run `{content_guide.COMMAND}` and commit data/README.md"
    )


def test_every_field_of_every_model_is_in_the_tables() -> None:
    block = content_guide.fields_block()
    for model in content_models():
        for name in model.model_fields:
            assert f"| `{name}` |" in block, f"{model.__name__}.{name}"
    for field in structure.Reason.model_fields.values():
        assert " ".join(field.description.split()) in block


def test_check_mode_and_rewrite(tmp_path: Path, capsys) -> None:
    copy = tmp_path / "README.md"
    shutil.copy(GUIDE, copy)
    text = copy.read_text("utf-8")
    start = text.index(content_guide.START) + len(content_guide.START)
    copy.write_text(text[:start] + "\n| stale |\n" + text[text.index(content_guide.END) :], "utf-8")
    assert content_guide.main(["--check", "--guide", str(copy)]) == 1
    assert content_guide.COMMAND in capsys.readouterr().out
    assert content_guide.main(["--guide", str(copy)]) == 0
    assert copy.read_text("utf-8") == text
    assert content_guide.main(["--check", "--guide", str(copy)]) == 0


def test_guide_names_every_content_file(guide: str) -> None:
    files_section = guide.split("## The files", 1)[1].split("\n## ", 1)[0]
    for name in [kind.file for kind in KINDS] + [SETTINGS_FILE, LABELS_FILE, LETTER_FILE]:
        assert f"`{name}`" in files_section, name


@pytest.mark.parametrize(
    "heading",
    ["Add a source", "Add a circumstance", "Add a reason", "Add a checklist item", "Add a scenario", "Check your work",
     "Preview", "Plain language: the reading-level rule", "Ids are public: never rename one", "Field reference",
     "Add a question", "Add or update a Spanish text", "When and who updates the review date",
     "Review a change: what it does to people's plans"],
)  # fmt: skip
def test_guide_has_section(guide: str, heading: str) -> None:
    assert re.search(rf"^#+ {re.escape(heading)}( \(.*\))?$", guide, flags=re.M), heading


def test_commands_in_the_guide_exist(guide: str) -> None:
    targets = set(re.findall(r"^([a-z][\w-]*):", MAKEFILE.read_text("utf-8"), flags=re.M))
    for target in re.findall(r"`make ([a-z][\w-]*)", guide):
        assert target in targets, f"make {target}"
    for command in re.findall(r"secondop (?:--data \S+ )?([a-z]+)", guide):
        assert command in COMMANDS, f"secondop {command}"
    assert "notebooks/content_explorer.ipynb" in guide and "reading_exceptions" in guide


def test_yaml_examples_are_valid(guide: str, content) -> None:
    blocks = yaml_examples(guide)
    lists = [b for b in blocks if isinstance(b, list)]
    maps = [b for b in blocks if isinstance(b, dict)]
    entry = next(b for b in lists if "group" in b[0])
    source = structure.Source.model_validate(next(b for b in lists if "excerpts" in b[0])[0])
    assert source.checked is not None and source.id in content.sources
    circumstance = structure.Circumstance.model_validate(entry[0])
    texts = next(b for b in maps if circumstance.id in b)
    settings_part = next(b for b in maps if "reading_exceptions" in b)
    for item in next(b for b in maps if "figure_exceptions" in b)["figure_exceptions"]:
        figure_exception = structure.FigureException.model_validate(item)
        assert figure_exception in content.settings.figure_exceptions
    assert set(circumstance.glossary) <= set(content.glossary) and set(circumstance.sources) <= set(content.sources)
    assert wording.CircumstanceText.model_validate(texts[circumstance.id])
    for item in settings_part["reading_exceptions"]:
        exception = structure.ReadingException.model_validate(item)
        kind = next(k for k in KINDS if k.file == exception.file)
        assert exception.entry in getattr(content, kind.name) and exception.field in kind.text_model.model_fields


def test_example_problem_line_has_the_validators_shape(guide: str) -> None:
    line = next(line for line in guide.splitlines() if line.startswith("data/reasons.yaml, reason `rare_cancer`"))
    problem = Problem(
        "data/reasons.yaml", "reason `rare_cancer` (line 46)", "sources", "`acs_2024` is not in data/sources.yaml"
    )
    assert re.sub(r"line \d+", "line 46", line) == str(problem)


def test_the_guide_sends_analysts_to_validate_not_to_pytest(guide: str) -> None:
    """`make validate` installs no test tools: reading levels are its warnings, not a pytest run (#24.16)."""
    assert "pytest" not in guide
    plain = guide.split("## Plain language", 1)[1].split("\n## ", 1)[0]
    assert "make validate" in plain and "SMOG 9" in plain and "ease 60" in plain


def test_the_spanish_recipe_names_the_commands_that_keep_translations_honest(guide: str) -> None:
    recipe = guide.split("### Add or update a Spanish text", 1)[1].split("\n### ", 1)[0]
    assert "secondop translations --mark es --entry" in recipe and "translated_from.yaml" in recipe
