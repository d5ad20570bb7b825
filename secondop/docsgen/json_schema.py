"""Write a JSON Schema for every content file into data/schema/, generated from the pydantic models.

Editors that understand JSON Schema (e.g. VS Code with the YAML extension) then complete field
names and flag mistakes while an analyst types. Run `make schema` (`python -m secondop.docsgen.json_schema`)
after changing a model; a test fails while the committed files are stale.
"""

from __future__ import annotations

import argparse
import json
import sys
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, TypeAdapter

from secondop.content.schema import KINDS, LABELS_FILE, LETTER_FILE, SETTINGS_FILE, TEXT_DIR, Kind, structure, wording
from secondop.content.schema.base import EntryId
from secondop.paths import PACKAGED_DATA

SCHEMA_DIR = PACKAGED_DATA / "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PATTERN = next(m.pattern for m in get_args(EntryId)[1:] if getattr(m, "pattern", None))


def content_models() -> list[type[BaseModel]]:
    """Every model an analyst writes to, with the models nested in their fields (for completeness checks)."""
    pending: list[type[BaseModel]] = [structure.Settings, wording.Labels, structure.Letter, wording.LetterText]
    for kind in KINDS:
        pending += [kind.model] + ([kind.text_model] if kind.text_model else [])
    seen: list[type[BaseModel]] = []
    while pending:
        model = pending.pop(0)
        if model not in seen:
            seen.append(model)
            for field in model.model_fields.values():
                pending += [
                    arg
                    for arg in (field.annotation, *typing.get_args(field.annotation))
                    if isinstance(arg, type) and issubclass(arg, BaseModel)
                ]
    return seen


def schema_name(yaml_file: str) -> str:
    """`reasons.yaml` -> `reasons.schema.json`."""
    return yaml_file.removesuffix(".yaml") + ".schema.json"


def _document(schema: dict[str, Any], title: str, description: str) -> dict[str, Any]:
    return {"$schema": DIALECT, **schema, "title": title, "description": description}


def _doc(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


def structure_schema(kind: Kind) -> dict[str, Any]:
    """A structure file is a list of entries, each an object of the kind's model."""
    schema = TypeAdapter(list[kind.model]).json_schema()  # type: ignore[name-defined]
    return _document(schema, f"data/{kind.file}", f"A list of entries, one per {kind.noun}. {_doc(kind.model)}")


def wording_schema(kind: Kind) -> dict[str, Any]:
    """A wording file maps each entry id to an object of the kind's text model."""
    assert kind.text_model is not None
    schema = TypeAdapter(dict[str, kind.text_model]).json_schema()  # type: ignore[name-defined]
    schema["propertyNames"] = {"pattern": ID_PATTERN}
    description = f"The wording of each {kind.noun}, keyed by the id used in data/{kind.file}."
    return _document(schema, f"data/{TEXT_DIR}/<language>/{kind.file}", description)


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema, keyed by its path under data/schema/."""
    result: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        result[schema_name(kind.file)] = structure_schema(kind)
        if kind.text_model is not None:
            result[f"{TEXT_DIR}/{schema_name(kind.file)}"] = wording_schema(kind)
    settings = structure.Settings
    result[schema_name(SETTINGS_FILE)] = _document(
        settings.model_json_schema(), f"data/{SETTINGS_FILE}", _doc(settings)
    )
    labels = wording.Labels
    result[f"{TEXT_DIR}/{schema_name(LABELS_FILE)}"] = _document(
        labels.model_json_schema(), f"data/{TEXT_DIR}/<language>/{LABELS_FILE}", _doc(labels)
    )
    result[schema_name(LETTER_FILE)] = _document(
        structure.Letter.model_json_schema(), f"data/{LETTER_FILE}", _doc(structure.Letter)
    )
    result[f"{TEXT_DIR}/{schema_name(LETTER_FILE)}"] = _document(
        wording.LetterText.model_json_schema(), f"data/{TEXT_DIR}/<language>/{LETTER_FILE}", _doc(wording.LetterText)
    )
    return result


def render(schema: dict[str, Any]) -> str:
    """Deterministic text: sorted keys, two-space indent, trailing newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def rendered() -> dict[str, str]:
    return {path: render(schema) for path, schema in schemas().items()}


def stale_files(target: Path = SCHEMA_DIR) -> list[str]:
    """Paths under `target` that differ from, lack, or are not in the generated set."""
    expected = rendered()
    present = {p.relative_to(target).as_posix() for p in target.rglob("*.schema.json")} if target.is_dir() else set()
    stale = [p for p, text in expected.items() if not (target / p).is_file() or (target / p).read_text("utf-8") != text]
    return sorted(set(stale) | (present - set(expected)))


def write(target: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema and delete schema files no model produces any more."""
    expected = rendered()
    written = []
    for relative, text in expected.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text("utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    for path in target.rglob("*.schema.json"):
        if path.relative_to(target).as_posix() not in expected:
            path.unlink()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m secondop.docsgen.json_schema", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files; exit 1 if any")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        for path in stale:
            print(f"stale: data/schema/{path}")
        if stale:
            print("Run `make schema` (python -m secondop.docsgen.json_schema) to regenerate them.")
        return 1 if stale else 0
    written = write()
    print(f"Wrote {len(written)} schema files to {SCHEMA_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
