"""Generate the field reference of the analysts' content guide (data/README.md) from the JSON Schemas.

The descriptions live once, on the pydantic models; this module writes them as tables between
`<!-- fields:start -->` and `<!-- fields:end -->`. Run `python -m secondop.docsgen.content_guide` after
changing a model; a test fails while the block is stale.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from secondop.content.schema import KINDS, LABELS_FILE, LETTER_FILE, SETTINGS_FILE, TEXT_DIR
from secondop.paths import PACKAGED_DATA

from .json_schema import schema_name, schemas
from .markers import markers, replace_block, write_or_check

GUIDE = PACKAGED_DATA / "README.md"
BLOCK = "fields"
START, END = markers(BLOCK)
COMMAND = "python -m secondop.docsgen.content_guide"


def _words(name: str) -> str:
    """`ReadingException` -> `reading exception`."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def _ref_name(prop: dict[str, Any]) -> str | None:
    """The $defs name a property points to, directly, as list items, or as an optional value."""
    for candidate in (prop, prop.get("items", {}), *prop.get("anyOf", [])):
        if "$ref" in candidate:
            return candidate["$ref"].rsplit("/", 1)[-1]
    return None


def _type(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return f"{_words(prop['$ref'].rsplit('/', 1)[-1])} (fields below)"
    if "anyOf" in prop:
        return " or ".join(_type(option) for option in prop["anyOf"] if option.get("type") != "null")
    if "enum" in prop:
        return "one of " + ", ".join(f"`{value}`" for value in prop["enum"])
    kind = prop.get("type")
    if kind == "string":
        return {"date": "date (YYYY-MM-DD)", "uri": "web address"}.get(
            prop.get("format", ""), "id" if "pattern" in prop else "text"
        )
    if kind in ("integer", "number"):
        noun = "whole number" if kind == "integer" else "number"
        if "minimum" in prop and "maximum" in prop:
            return f"{noun}, {prop['minimum']} to {prop['maximum']}"
        if "exclusiveMinimum" in prop:
            return f"{noun} above {prop['exclusiveMinimum']}"
        return noun
    if kind == "boolean":
        return "`true` or `false`"
    if kind == "array":
        inner = _type(prop.get("items", {}))
        return f"list of {inner.replace(' (fields below)', 's (fields below)') if '(' in inner else inner + 's'}"
    return "set of fields"


def _required(name: str, prop: dict[str, Any], required: list[str]) -> str:
    if name in required:
        return "yes"
    default = prop.get("default")
    if default is None or default == []:
        return "no"
    return f"no (default `{str(default).lower() if isinstance(default, bool) else default}`)"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(model: dict[str, Any]) -> list[str]:
    rows = ["| Field | Type | Required | What it holds |", "|---|---|---|---|"]
    required = model.get("required", [])
    for name, prop in model["properties"].items():
        description = _cell(prop.get("description", ""))
        rows.append(f"| `{name}` | {_type(prop)} | {_required(name, prop, required)} | {description} |")
    return rows


def _model_tables(main: dict[str, Any], defs: dict[str, Any], intro: str) -> list[str]:
    """The table of `main`, then one table per nested model it uses, in field order."""
    lines = [intro, "", *_table(main)]
    for name, prop in main["properties"].items():
        nested = _ref_name(prop)
        if nested:
            each = "Each item of" if prop.get("type") == "array" else "Under"
            lines += ["", f"{each} `{name}`:", "", *_table(defs[nested])]
    return lines


def _entry_model(schema: dict[str, Any], key: str) -> dict[str, Any]:
    return schema["$defs"][schema[key]["$ref"].rsplit("/", 1)[-1]]


def fields_block() -> str:
    """The generated markdown between the markers (without them)."""
    all_schemas = schemas()
    lines: list[str] = []
    for kind in KINDS:
        structure = all_schemas[schema_name(kind.file)]
        model = _entry_model(structure, "items")
        lines += ["", f"### `{kind.file}` ({kind.noun})", "", _cell(model.get("description", ""))]
        intro = f"`data/{kind.file}`: a list; each entry starts with `- id:`."
        lines += ["", *_model_tables(model, structure["$defs"], intro)]
        if kind.text_model is not None:
            wording = all_schemas[f"{TEXT_DIR}/{schema_name(kind.file)}"]
            intro = f"`data/{TEXT_DIR}/en/{kind.file}`: each entry id, then its texts."
            lines += ["", *_model_tables(_entry_model(wording, "additionalProperties"), wording["$defs"], intro)]
    for file, relative, intro in (
        (SETTINGS_FILE, schema_name(SETTINGS_FILE), f"`data/{SETTINGS_FILE}`: one set of fields."),
        (LABELS_FILE, f"{TEXT_DIR}/{schema_name(LABELS_FILE)}", f"`data/{TEXT_DIR}/en/{LABELS_FILE}`: three sections."),
        (LETTER_FILE, schema_name(LETTER_FILE), f"`data/{LETTER_FILE}`: one field."),
        (
            f"{TEXT_DIR}/en/{LETTER_FILE}",
            f"{TEXT_DIR}/{schema_name(LETTER_FILE)}",
            f"`data/{TEXT_DIR}/en/{LETTER_FILE}`: one text per field.",
        ),
    ):
        schema = all_schemas[relative]
        lines += ["", f"### `{file}`", "", _cell(schema.get("description", "")), ""]
        lines += _model_tables(schema, schema.get("$defs", {}), intro)
    return "\n".join(lines).strip("\n")


def updated(text: str) -> str:
    """`text` with the block between the markers replaced by the generated one."""
    note = f"<!-- generated by `{COMMAND}`; do not edit by hand -->"
    return replace_block(text, BLOCK, f"\n{note}\n\n{fields_block()}\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description="Rewrite the field tables in data/README.md.")
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if the tables are stale")
    parser.add_argument("--guide", type=Path, default=GUIDE, help="the guide to update (default: data/README.md)")
    args = parser.parse_args(argv)
    return write_or_check(args.guide, updated, args.check, COMMAND)


if __name__ == "__main__":
    sys.exit(main())
