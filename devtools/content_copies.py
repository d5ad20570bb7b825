"""Helpers for tests that edit a copy of the content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def default_language_only(root: Path) -> Path:
    """Ship only the default language in this copy, so a test that edits its wording need not edit every
    translation too (the translations are checked on the real content, and by the language tests)."""
    path = root / "settings.yaml"
    settings = yaml.safe_load(path.read_text("utf-8"))
    settings["languages"] = [settings["language"]]
    path.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), "utf-8")
    return root


def with_fields(entry: Any, **changes: Any) -> Any:
    """A copy of one content entry with some fields changed, whether a pydantic model (`load_content`) or a
    plain record (`content/plain.py`, what the served and static editions give the app)."""
    if hasattr(entry, "model_copy"):
        return entry.model_copy(update=changes)
    fields = {name: value for name, value in vars(entry).items() if name != "_kind"}
    return type(entry)(entry._kind, {**fields, **changes})
