"""Generated blocks inside hand-written documents: one rule for every doc generator.

A block sits between two HTML comments (`<!-- name:start -->`, `<!-- name:end -->`), so the rest of the
document stays hand-written. `--check` reports a stale block and exits 1 without writing; otherwise the
file is rewritten only when the block changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def replace_block(text: str, name: str, body: str) -> str:
    """`text` with the block called `name` replaced by `body`; ValueError if the markers are missing."""
    start, end = markers(name)
    if start not in text or end not in text:
        raise ValueError(f"the document has no {start} ... {end} block")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def write_or_check(path: Path, update: Callable[[str], str], check: bool, command: str) -> int:
    """Apply `update` to the file; with `check`, only report. Returns the exit code (1 when stale in check mode)."""
    text = path.read_text(encoding="utf-8")
    new = update(text)
    if new == text:
        print(f"{path} is current.")
        return 0
    if check:
        print(f"{path} is stale: run `{command}`.")
        return 1
    path.write_text(new, encoding="utf-8")
    print(f"Updated {path}.")
    return 0
