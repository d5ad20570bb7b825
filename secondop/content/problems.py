"""Problems found in content, and the plain exceptions the package raises."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a content file, located the way an analyst looks for it."""

    file: str
    entry: str | None = None  # "reason `rare_cancer`", or "line 12"
    field: str | None = None
    message: str = ""

    def __str__(self) -> str:
        where = [self.file]
        if self.entry:
            where.append(self.entry)
        if self.field:
            where.append(f"field `{self.field}`")
        return f"{', '.join(where)}: {self.message}"


def count_of(count: int, noun: str) -> str:
    """'1 problem', '3 problems': how every message counts things."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


class ContentError(Exception):
    """The content cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"- {problem}" for problem in self.problems)
        super().__init__(f"{count_of(count, 'problem')} in the content:\n{lines}")


class UnknownIdError(ValueError):
    """A caller named circumstances, concerns or scenarios that the content does not have."""

    def __init__(self, kind: str, unknown: Iterable[str], known: Iterable[str]):
        self.kind = kind
        self.unknown = tuple(sorted(unknown))
        self.known = tuple(sorted(known))
        names = ", ".join(f"`{item}`" for item in self.unknown)
        super().__init__(f"unknown {kind} id(s): {names}. Known ids: {', '.join(self.known)}")
