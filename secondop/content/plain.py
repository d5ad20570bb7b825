"""Validated content read back from JSON without pydantic: the static edition's loader.

The browser edition (Voici, Python in the page) has no pydantic v2: its Pyodide has no wheel of
pydantic-core. So the build validates the content with the normal validator and writes it as JSON
(`json_bundle.content_to_json`), and the page reads that JSON here into `Record` objects that carry the
same attributes as the models. Nothing is validated again: the JSON comes only from content that passed.

The encoding is tagged so that types survive the trip: `{"__record__": "Reason", ...}` for a model,
`{"__date__": "2026-11-30"}` for a date, `{"__tuple__": [...]}` for a tuple. This module imports nothing
but the standard library and `collection`, so the runtime stays free of pydantic, YAML, pandas and numpy.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path
from typing import Any

from .collection import Content
from .languages import ordered_languages

#: Version of the JSON layout; the loader refuses any other (a page and a bundle from different builds).
FORMAT = 1
#: Where the static build puts the content inside the project's wheel: `secondop/site_content/<language>.json`.
BUNDLE_FOLDER = "site_content"

RECORD_TAG = "__record__"
DATE_TAG = "__date__"
TUPLE_TAG = "__tuple__"


class Record:
    """A read-only entry with the attributes of the model it was written from."""

    __slots__ = ("__dict__",)
    _kind: str

    def __init__(self, kind: str, fields: dict[str, Any]):
        self.__dict__.update(fields)
        object.__setattr__(self, "_kind", kind)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{self._kind} is read-only")

    def __repr__(self) -> str:
        shown = ", ".join(f"{key}={value!r}" for key, value in self.__dict__.items() if key != "_kind")
        return f"{self._kind}({shown})"


class SettingsRecord(Record):
    """Settings, with the one derived attribute the app reads."""

    @property
    def all_languages(self) -> list[str]:
        return ordered_languages(self.language, self.languages)  # type: ignore[attr-defined]


_RECORD_TYPES: dict[str, type[Record]] = {"Settings": SettingsRecord}


class BundleError(ValueError):
    """The JSON is not a content bundle this code can read (another format, or damaged)."""


def decode(value: Any) -> Any:
    """The Python value a tagged JSON value stands for."""
    if isinstance(value, list):
        return [decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if DATE_TAG in value:
        return dt.date.fromisoformat(value[DATE_TAG])
    if TUPLE_TAG in value:
        return tuple(decode(item) for item in value[TUPLE_TAG])
    if RECORD_TAG in value:
        kind = value[RECORD_TAG]
        fields = {key: decode(item) for key, item in value.items() if key != RECORD_TAG}
        return _RECORD_TYPES.get(kind, Record)(kind, fields)
    return {key: decode(item) for key, item in value.items()}


def content_from_json(data: dict[str, Any]) -> Content:
    """The `Content` a bundle describes (the same attributes as the validated models)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise BundleError(f"content bundle format {found!r}, expected {FORMAT}: rebuild the site")
    fields = {name: decode(value) for name, value in data["fields"].items()}
    # The fields are typed as the models for the plan and the UI; records carry the same attributes.
    return Content(root=Path(data["root"]), language=data["language"], **fields)


#: The bundle's table of contents: `{"format": 1, "default": "en", "languages": ["en", "es"]}`.
INDEX_FILE = "index.json"


def _bundle_file(name: str) -> Any:
    folder = resources.files("secondop") / BUNDLE_FOLDER
    item = folder / name
    if not item.is_file():
        raise BundleError(f"no {BUNDLE_FOLDER}/{name} in this installation: build the site with `make static`")
    return json.loads(item.read_text(encoding="utf-8"))


def load_bundled(language: str | None = None) -> Content:
    """The content bundled with the static edition, in `language` (default: the content's default)."""
    index = _bundle_file(INDEX_FILE)
    if index.get("format") != FORMAT:
        raise BundleError(f"content bundle format {index.get('format')!r}, expected {FORMAT}: rebuild the site")
    chosen = language or index["default"]
    if chosen not in index["languages"]:
        raise BundleError(f"no content bundle for language {chosen!r}")
    return content_from_json(_bundle_file(f"{chosen}.json"))
