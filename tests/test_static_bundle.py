"""The static edition's content: validated once at build time, written as JSON, read back without pydantic."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from devtools.static.wheels import runtime_files
from secondop import ContentError, assess, load_content
from secondop.content.json_bundle import content_to_json, encode, write_bundle
from secondop.content.plain import BundleError, Record, content_from_json, decode
from secondop.plan.export import letter_html, plan_html, plan_markdown
from secondop.plan.plain_text import plan_text


def _round_trip(language: str):
    content = load_content(language=language)
    return content, content_from_json(json.loads(json.dumps(content_to_json(content))))


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_scenario_gives_the_same_plan_from_the_bundle(language: str) -> None:
    """The plan, the handouts and the letter are the same, character for character, from either loader."""
    content, plain = _round_trip(language)
    selections = [(s.circumstances, s.concerns) for s in content.scenarios.values()]
    selections += [((), ()), (tuple(content.circumstances), tuple(content.concerns))]
    for circumstances, concerns in selections:
        real, read = assess(content, circumstances, concerns), assess(plain, circumstances, concerns)
        assert plan_html(plain, read) == plan_html(content, real)
        assert plan_markdown(plain, read) == plan_markdown(content, real)
        assert plan_text(plain, read) == plan_text(content, real)
        assert letter_html(plain, read) == letter_html(content, real)


def test_records_keep_types_and_refuse_changes() -> None:
    content, plain = _round_trip("en")
    assert plain.reviewed == content.reviewed and isinstance(plain.reviewed, dt.date)
    assert plain.settings.all_languages == content.settings.all_languages
    assert list(plain.reasons) == list(content.reasons)  # display order survives
    reason = next(iter(plain.reasons.values()))
    assert isinstance(reason, Record)
    with pytest.raises(AttributeError, match="read-only"):
        reason.strength = 1  # type: ignore[misc]


def test_tuples_dates_and_nested_records_survive() -> None:
    value = {"a": (1, "x"), "when": dt.date(2026, 11, 30), "items": [{"k": [1, 2]}]}
    assert decode(json.loads(json.dumps(encode(value)))) == value


def test_unknown_types_and_reserved_keys_are_refused() -> None:
    with pytest.raises(TypeError, match=r"content\.x"):
        encode({"x": {1, 2}})
    with pytest.raises(TypeError, match="reserved"):
        encode({"__date__": "2026-01-01"})
    with pytest.raises(TypeError, match="date and time"):
        encode(dt.datetime(2026, 1, 1))


def test_a_bundle_of_another_format_is_refused() -> None:
    data = content_to_json(load_content())
    with pytest.raises(BundleError, match="rebuild the site"):
        content_from_json({**data, "format": 99})


def test_every_language_is_written_with_an_index(tmp_path: Path) -> None:
    written = write_bundle(tmp_path / "bundle")
    assert sorted(p.name for p in written) == ["en.json", "es.json", "index.json"]
    index = json.loads((tmp_path / "bundle" / "index.json").read_text())
    assert index["default"] == "en" and index["languages"] == ["en", "es"]


def test_invalid_content_writes_nothing(data_copy_all_languages: Path, tmp_path: Path) -> None:
    path = data_copy_all_languages / "circumstances.yaml"
    entries = yaml.safe_load(path.read_text("utf-8"))
    entries[0]["strength"] = 7
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), "utf-8")
    with pytest.raises(ContentError) as error:
        write_bundle(tmp_path / "bundle", data_copy_all_languages)
    assert any("strength" in str(problem) for problem in error.value.problems)
    assert not (tmp_path / "bundle").exists()


BLOCKED_RUNTIME = ("pydantic", "pydantic_core", "yaml", "pandas", "numpy", "plotly", "textstat", "voila")


def test_the_browser_runtime_needs_neither_pydantic_nor_yaml_nor_pandas(tmp_path: Path) -> None:
    """As in Pyodide: the files of the static wheel build the app with those packages impossible to import."""
    bundle = tmp_path / "bundle"
    write_bundle(bundle)
    installed = tmp_path / "site"
    for name, data in runtime_files(bundle).items():
        (installed / name).parent.mkdir(parents=True, exist_ok=True)
        (installed / name).write_bytes(data)
    code = f"""
import importlib.abc, json, sys
BLOCKED = {BLOCKED_RUNTIME!r}
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError("not in the browser: " + name)
sys.meta_path.insert(0, Block())
import secondop.ui.static_entry  # the notebook's module imports here too
from secondop.ui.entry import create_app
from secondop.content.plain import load_bundled
app = create_app(load=load_bundled)  # the query from the environment, as the page hands it over
assert type(app).__name__ == "Dashboard", app.message_text
before = app.shown_reason_ids()
app.circumstance_boxes["small_or_rural_hospital"].value = False  # David's box
assert app.shown_reason_ids() != before
import secondop
print(json.dumps([secondop.__file__, app.content.language, sorted(m for m in BLOCKED if m in sys.modules)]))
"""
    env = {**os.environ, "SECONDOP_CONTENT_CACHE": "off", "PYTHONPATH": str(installed)}
    env["QUERY_STRING"] = "lang=es&scenario=david_kidney_cancer"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    where, language, imported = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(where).is_relative_to(installed)  # the wheel's files, not the checkout
    assert (language, imported) == ("es", [])


def _missing_twins(models: set[type], record_types: dict[str, type], default: type) -> list[str]:
    """Names the models compute (property, cached property, computed field, public method) that their record
    type lacks."""
    import functools
    import inspect

    import pydantic

    pydantic_api = set(dir(pydantic.BaseModel))
    missing = []
    for cls in models:
        record = record_types.get(cls.__name__, default)
        computed = set(getattr(cls, "model_computed_fields", {}))
        for klass in cls.__mro__:
            if not klass.__module__.startswith("secondop."):
                continue
            for name, value in vars(klass).items():
                if name.startswith("_") or name in pydantic_api:
                    continue
                if isinstance(value, (property, functools.cached_property)) or name in computed:
                    twin = isinstance(getattr(record, name, None), (property, functools.cached_property))
                elif inspect.isfunction(value):  # a public method
                    twin = inspect.isfunction(getattr(record, name, None))
                else:
                    continue
                if not twin:
                    missing.append(f"{cls.__name__}.{name}")
    return sorted(missing)


def test_every_computed_name_of_a_model_has_its_record_twin() -> None:
    """Records carry fields; what a model computes must be given to the record type too, or the static
    edition's app fails where the served one works."""
    import importlib
    import inspect
    import pkgutil

    import pydantic

    from secondop.content import model, plain, schema

    names = [f"{schema.__name__}.{m.name}" for m in pkgutil.iter_modules(schema.__path__)]
    modules = [model, *(importlib.import_module(name) for name in names)]
    models = {
        cls
        for module in modules
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, pydantic.BaseModel) and cls.__module__.startswith("secondop.")
    }
    assert len(models) > 20, "the models were not found"
    missing = _missing_twins(models, plain._RECORD_TYPES, plain.Record)
    assert missing == [], f"give these to a record type in secondop/content/plain.py: {missing}"


def test_the_twin_check_reports_each_kind_of_computed_name() -> None:
    import functools

    import pydantic

    class Thing(pydantic.BaseModel):
        size: int = 1

        @property
        def double(self) -> int:
            return 2 * self.size

        @functools.cached_property
        def triple(self) -> int:
            return 3 * self.size

        @pydantic.computed_field  # type: ignore[prop-decorator]
        @property
        def half(self) -> float:
            return self.size / 2

        def scaled(self, by: int) -> int:
            return by * self.size

    Thing.__module__ = "secondop.fake"

    class ThingRecord:
        @property
        def double(self) -> int:
            return 2

    assert _missing_twins({Thing}, {}, object) == ["Thing.double", "Thing.half", "Thing.scaled", "Thing.triple"]
    assert _missing_twins({Thing}, {"Thing": ThingRecord}, object) == ["Thing.half", "Thing.scaled", "Thing.triple"]
