"""The JSON Schemas in data/schema/ match the models, describe every field, and accept the real content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from secondop.content.schema import KINDS, LABELS_FILE, LETTER_FILE, SETTINGS_FILE, TEXT_DIR
from secondop.content.schema.base import EntryId, Text
from secondop.content.yaml_reader import ContentLoader
from secondop.docsgen import json_schema as schema_export
from secondop.paths import PACKAGED_DATA

jsonschema = pytest.importorskip("jsonschema")  # comes with nbformat

REGENERATE = "run `make schema` (python -m secondop.docsgen.json_schema) and commit data/schema/"


def test_committed_schemas_are_current() -> None:
    expected = schema_export.rendered()
    on_disk = {
        p.relative_to(schema_export.SCHEMA_DIR).as_posix(): p.read_text("utf-8")
        for p in schema_export.SCHEMA_DIR.rglob("*.schema.json")
    }
    stale = sorted(path for path in expected.keys() | on_disk.keys() if expected.get(path) != on_disk.get(path))
    assert not stale, f"data/schema/ is stale ({', '.join(stale)}): {REGENERATE}"


def test_schema_export_check_mode(tmp_path: Path) -> None:
    schema_export.write(tmp_path)
    assert schema_export.stale_files(tmp_path) == []
    (tmp_path / "reasons.schema.json").write_text("{}\n", "utf-8")
    (tmp_path / "text" / "old.schema.json").write_text("{}\n", "utf-8")
    assert schema_export.stale_files(tmp_path) == ["reasons.schema.json", "text/old.schema.json"]
    schema_export.write(tmp_path)
    assert schema_export.stale_files(tmp_path) == []


def test_rendering_is_deterministic() -> None:
    first, second = schema_export.rendered(), schema_export.rendered()
    assert first == second
    for text in first.values():
        assert text.endswith("}\n")
        assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class _Bare(BaseModel):
    text: Text
    ref: EntryId


#: Descriptions a field inherits from its type alone: they say nothing about the field itself.
GENERIC = {field.description for field in _Bare.model_fields.values()}


@pytest.mark.parametrize("model", schema_export.content_models(), ids=lambda m: m.__name__)
def test_every_field_has_its_own_description(model: type[BaseModel]) -> None:
    undocumented = [
        name
        for name, field in model.model_fields.items()
        if not (field.description or "").strip() or (field.description in GENERIC and name != "id")
    ]
    assert not undocumented, f"{model.__name__}: add Field(description=...) to {undocumented}"


def test_generic_descriptions_are_recognised() -> None:
    assert len(GENERIC) == 2 and all(GENERIC), "the Text / EntryId aliases should carry a description"


def test_structure_and_wording_shapes() -> None:
    schemas = schema_export.schemas()
    for kind in KINDS:
        structure_schema = schemas[schema_export.schema_name(kind.file)]
        assert structure_schema["type"] == "array"
        assert structure_schema["items"] == {"$ref": f"#/$defs/{kind.model.__name__}"}
        if kind.text_model:
            wording_schema = schemas[f"{TEXT_DIR}/{schema_export.schema_name(kind.file)}"]
            assert wording_schema["type"] == "object"
            assert wording_schema["additionalProperties"] == {"$ref": f"#/$defs/{kind.text_model.__name__}"}


def yaml_files() -> list[tuple[str, str]]:
    """(content file under data/, its schema under data/schema/) for every file the loader reads."""
    pairs = [(SETTINGS_FILE, schema_export.schema_name(SETTINGS_FILE))]
    pairs.append((f"{TEXT_DIR}/en/{LABELS_FILE}", f"{TEXT_DIR}/{schema_export.schema_name(LABELS_FILE)}"))
    pairs.append((LETTER_FILE, schema_export.schema_name(LETTER_FILE)))
    pairs.append((f"{TEXT_DIR}/en/{LETTER_FILE}", f"{TEXT_DIR}/{schema_export.schema_name(LETTER_FILE)}"))
    for kind in KINDS:
        pairs.append((kind.file, schema_export.schema_name(kind.file)))
        if kind.text_model:
            pairs.append((f"{TEXT_DIR}/en/{kind.file}", f"{TEXT_DIR}/{schema_export.schema_name(kind.file)}"))
    return pairs


def validator(schema_path: str):
    schema = json.loads((schema_export.SCHEMA_DIR / schema_path).read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize(("data_file", "schema_path"), yaml_files())
def test_committed_schemas_accept_the_real_content(data_file: str, schema_path: str) -> None:
    """What an editor checks against the schema agrees with the loader: the valid content passes."""
    data = yaml.load((PACKAGED_DATA / data_file).read_text("utf-8"), Loader=ContentLoader)  # dates stay text
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(schema_path).iter_errors(data)]
    assert not errors


def test_schema_flags_a_typo_and_a_bad_date() -> None:
    entries = yaml.load((PACKAGED_DATA / "sources.yaml").read_text("utf-8"), Loader=ContentLoader)
    entries[0] = {**entries[0], "publsher": "typo", "checked": "2026-13-45"}
    messages = [e.message for e in validator("sources.schema.json").iter_errors(entries)]
    assert any("publsher" in m for m in messages)
    assert any("2026-13-45" in m for m in messages)
