"""Docs that work when followed: every `make X` that README.md or a document in docs/ (or the content guide)
tells a reader to run is a target of the Makefile, and the guides promise nothing `make run` does not do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAKEFILE = ROOT / "Makefile"
DOCUMENTS = sorted([ROOT / "README.md", ROOT / "data" / "README.md", *(ROOT / "docs").rglob("*.md")])

_TARGET = re.compile(r"^([A-Za-z0-9][\w.-]*)\s*:(?!=)", re.MULTILINE)
_FENCE = re.compile(r"^\s*```[^\n]*\n(.*?)^\s*```", re.MULTILINE | re.DOTALL)
_SPAN = re.compile(r"`([^`\n]+)`")
#: `make` as a command: at the start of a command (line, after `;`, `&&`, `||`, `|` or `$ `), then a target.
_MAKE = re.compile(r"(?:^|[;&|]\s*|\$\s+)make\s+([A-Za-z][\w.-]*)", re.MULTILINE)


def makefile_targets(text: str) -> set[str]:
    """Every explicit target in a Makefile's text (pattern rules and variable assignments left out)."""
    return {name for name in _TARGET.findall(text) if "%" not in name}


def make_commands(markdown: str) -> list[str]:
    """The targets of every `make X` in a document's code: fenced blocks and inline code spans."""
    fences = _FENCE.findall(markdown)
    rest = _FENCE.sub("", markdown)
    code = [*fences, *_SPAN.findall(rest)]
    return [target for snippet in code for target in _MAKE.findall(snippet.strip())]


def test_the_parsers_find_what_a_reader_would_type() -> None:
    assert makefile_targets("run: a\n\tx\nFOO := 1\n$(BIN)/python:\n%.o: %.c\nbench-phone: b\n") == {
        "run",
        "bench-phone",
    }
    text = "Run `make run` once.\n\n```bash\ncd x && make test   # all\nmake install\n```\nWe make it work."
    assert make_commands(text) == ["test", "install", "run"]


def test_the_documents_exist() -> None:
    assert ROOT / "README.md" in DOCUMENTS and any(p.name == "workshop.md" for p in DOCUMENTS)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_make_command_in_the_docs_is_a_makefile_target(document: Path) -> None:
    targets = makefile_targets(MAKEFILE.read_text(encoding="utf-8"))
    missing = sorted(set(make_commands(document.read_text(encoding="utf-8"))) - targets)
    name = document.relative_to(ROOT)
    assert not missing, f"{name} tells readers to run make {', make '.join(missing)}: no such target"


def test_no_guide_says_make_run_opens_a_browser() -> None:
    """`make run` serves the app; whether a browser opens depends on the machine. The guides say to open it."""
    for document in DOCUMENTS:
        text = " ".join(document.read_text(encoding="utf-8").split())
        assert not re.search(r"`make run` opens", text), f"{document.relative_to(ROOT)} says `make run` opens a page"
