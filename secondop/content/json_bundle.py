"""Validated content written as JSON for the static edition (build time; `plain.py` reads it back).

Only content that passed the normal validator is written: `write_bundle` loads every shipped language with
`load_content`, which raises `ContentError` with the validator's problems otherwise.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import AnyUrl, BaseModel

from .collection import Content
from .loading import load_content
from .plain import DATE_TAG, FORMAT, INDEX_FILE, RECORD_TAG, TUPLE_TAG


def encode(value: Any, where: str = "content") -> Any:
    """A JSON value that `plain.decode` turns back into `value` (models become tagged records)."""
    if isinstance(value, BaseModel):
        fields = {name: encode(getattr(value, name), f"{where}.{name}") for name in type(value).model_fields}
        return {RECORD_TAG: type(value).__name__, **fields}
    if isinstance(value, dt.datetime):
        raise TypeError(f"{where}: a date and time cannot go into the content bundle")
    if isinstance(value, dt.date):
        return {DATE_TAG: value.isoformat()}
    if isinstance(value, tuple):
        return {TUPLE_TAG: [encode(item, where) for item in value]}
    if isinstance(value, list):
        return [encode(item, where) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError(f"{where}: only text keys can go into the content bundle")
        if {RECORD_TAG, DATE_TAG, TUPLE_TAG} & value.keys():
            raise TypeError(f"{where}: a key is reserved by the bundle format")
        return {key: encode(item, f"{where}.{key}") for key, item in value.items()}
    if isinstance(value, AnyUrl):
        return str(value)
    if isinstance(value, Enum):
        raise TypeError(f"{where}: enumerations are not supported by the content bundle")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"{where}: {type(value).__name__} cannot go into the content bundle")


def content_to_json(content: Content) -> dict[str, Any]:
    """The JSON document for one language of validated content."""
    fields = {
        field.name: encode(getattr(content, field.name), field.name)
        for field in dataclasses.fields(content)
        if field.name not in ("root", "language")
    }
    return {"format": FORMAT, "language": content.language, "root": content.root.name, "fields": fields}


def write_bundle(folder: Path, path: str | os.PathLike[str] | None = None) -> list[Path]:
    """Validate the content at `path` in every shipped language and write `<language>.json` plus the index.

    Raises `ContentError` (the validator's problems) before writing anything if the content is invalid.
    """
    default = load_content(path)
    contents = [default] + [load_content(path, code) for code in default.settings.all_languages[1:]]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for content in contents:
        target = folder / f"{content.language}.json"
        target.write_text(json.dumps(content_to_json(content), ensure_ascii=False, separators=(",", ":")), "utf-8")
        written.append(target)
    index = {"format": FORMAT, "default": default.language, "languages": [c.language for c in contents]}
    (folder / INDEX_FILE).write_text(json.dumps(index), encoding="utf-8")
    return [*written, folder / INDEX_FILE]
