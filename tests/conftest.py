"""Shared, generic fixtures: the project's content, and a private copy of it to break."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from devtools.content_copies import default_language_only
from secondop import Content, load_content
from secondop.paths import DATA_ENV, PACKAGED_DATA


@pytest.fixture(autouse=True)
def _no_data_override(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the project's data/ unless they point elsewhere themselves."""
    monkeypatch.delenv(DATA_ENV, raising=False)


@pytest.fixture(scope="session")
def content_models() -> Content:
    """The project's content in data/ as pydantic models, validated once."""
    return load_content(PACKAGED_DATA)


@pytest.fixture(scope="session")
def content(content_models: Content) -> Content:
    """The project's content in data/, loaded once (a module may override it, e.g. to run on records too)."""
    return content_models


@pytest.fixture(scope="session")
def content_records(content_models: Content) -> Content:
    """The same content as plain records (`content/plain.py`): what the served edition's content cache and the
    static edition's JSON bundle give the app, with no pydantic behind it."""
    from secondop.content.json_bundle import content_to_json
    from secondop.content.plain import content_from_json

    return content_from_json(json.loads(json.dumps(content_to_json(content_models))))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ at tmp_path/"data" (so problems read `data/...` as in the real folder), shipping only
    the default language: a test that edits a text need not edit its translations too."""
    target = tmp_path / "data"
    shutil.copytree(PACKAGED_DATA, target)
    return default_language_only(target)


@pytest.fixture
def data_copy_all_languages(tmp_path: Path) -> Path:
    """A copy of data/ with every shipped language, for the tests of translations."""
    target = tmp_path / "data"
    shutil.copytree(PACKAGED_DATA, target)
    return target
