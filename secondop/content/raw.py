"""Entries as read from one structure file: each passed its own model, none cross-checked yet.

Kept apart from `loading` so that the checks can use it without importing the loader (no cycle).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .schema import Kind


@dataclass
class RawEntries:
    """Entries of one kind that passed their own model, before cross-checks."""

    kind: Kind
    shown_as: str
    # one model class per kind (Reason, Source, ...): each check reads the fields of the kind it checks
    entries: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)  # ids whose entry broke its model (already reported)
    readable: bool = True  # False: the file is missing or not a list, so its ids are unknown

    def known(self, entry_id: object) -> bool:
        """True if the id exists, even in an entry with its own problem: no follow-on problems for it."""
        return entry_id in self.entries or entry_id in self.failed or not self.readable

    def name(self, entry_id: str) -> str:
        line = self.lines.get(entry_id)
        return f"{self.kind.noun} `{entry_id}`" + (f" (line {line})" if line else "")
