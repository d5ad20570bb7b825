"""The dashboard's content cache: answers only for byte-identical content, never hides a problem, stays private."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from secondop import ContentError
from secondop.content import cache as cc
from secondop.content.json_bundle import content_to_json
from secondop.content.loading import load_content
from secondop.plan.assessment import assess
from secondop.plan.export import plan_html
from secondop.ui import ProblemApp, create_app


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cc.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every real (uncached) load, by folder."""
    calls: list[Path] = []

    def counting(path=None, language=None):
        calls.append(Path(path))
        return load_content(path, language)

    monkeypatch.setattr(cc, "load_content", counting)
    return calls


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("content-*.json")) if folder.exists() else []


def same_plans(a, b) -> bool:
    """Two contents give the same handout for every example patient (records and models alike)."""
    return all(
        plan_html(a, assess(a, s.circumstances, s.concerns)) == plan_html(b, assess(b, s.circumstances, s.concerns))
        for s in a.scenarios.values()
    )


def test_second_load_comes_from_the_cache_and_equals_the_real_one(data_copy: Path, cache: Path, loads: list) -> None:
    first = cc.load_content_cached(data_copy)
    second = cc.load_content_cached(data_copy)
    assert len(loads) == 1, "the second load read the YAML files again"
    real = load_content(data_copy)
    assert same_plans(first, real) and same_plans(second, real)
    (entry,) = entries(cache)
    assert json.loads(entry.read_text("utf-8"))["bundle"] == content_to_json(real)


def test_an_edit_that_keeps_size_and_mtime_still_misses_the_cache(data_copy: Path, cache: Path, loads: list) -> None:
    cc.load_content_cached(data_copy)
    wording = data_copy / "text" / "en" / "circumstances.yaml"
    text = wording.read_text(encoding="utf-8")
    label = load_content(data_copy).circumstances["rare_cancer"].label
    changed = label.replace(label[0], "Q" if label[0] != "Q" else "R", 1)
    before = wording.stat()
    wording.write_text(text.replace(label, changed, 1), encoding="utf-8")
    os.utime(wording, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert wording.stat().st_size == before.st_size
    assert cc.load_content_cached(data_copy).circumstances["rare_cancer"].label == changed
    assert len(loads) == 2


def test_content_that_becomes_invalid_is_reported_not_served_from_the_cache(data_copy: Path, cache: Path) -> None:
    assert not isinstance(create_app(data_copy, query_string=""), ProblemApp)
    (data_copy / "reasons.yaml").write_text("- id: rare_cancer\n  strength: 9\n", encoding="utf-8")
    with pytest.raises(ContentError):
        cc.load_content_cached(data_copy)
    app = create_app(data_copy, query_string="")
    assert isinstance(app, ProblemApp) and any("reasons.yaml" in p for p in app.problems)


def test_problems_are_never_cached(data_copy: Path, cache: Path) -> None:
    (data_copy / "text" / "en" / "labels.yaml").unlink()
    for _ in range(2):
        with pytest.raises(ContentError):
            cc.load_content_cached(data_copy)
    assert entries(cache) == []


def test_nothing_is_written_into_the_content_folder(data_copy: Path, cache: Path) -> None:
    before = sorted(p.relative_to(data_copy) for p in data_copy.rglob("*"))
    cc.load_content_cached(data_copy)
    cc.load_content_cached(data_copy)
    assert sorted(p.relative_to(data_copy) for p in data_copy.rglob("*")) == before
    assert entries(cache)
    assert oct(cache.stat().st_mode & 0o777) == oct(0o700)
    assert all(entry.stat().st_mode & 0o077 == 0 for entry in entries(cache))


def test_a_cache_folder_others_may_write_is_neither_read_nor_written(data_copy: Path, cache: Path, loads: list) -> None:
    cache.mkdir(mode=0o700)
    cache.chmod(0o777)
    cc.load_content_cached(data_copy)
    cc.load_content_cached(data_copy)
    assert len(loads) == 2 and entries(cache) == []


def test_a_planted_or_broken_entry_is_ignored(data_copy: Path, cache: Path, loads: list, tmp_path: Path) -> None:
    cc.load_content_cached(data_copy)
    (entry,) = entries(cache)
    stored = json.loads(entry.read_text("utf-8"))
    changed = {**stored, "bundle": json.loads(json.dumps(stored["bundle"]).replace("rare", "common"))}
    elsewhere = tmp_path / "planted.json"
    elsewhere.write_text(json.dumps(changed))
    entry.unlink()
    entry.symlink_to(elsewhere)  # a link, even to a well-formed entry, is not followed
    real = load_content(data_copy)
    assert same_plans(cc.load_content_cached(data_copy), real) and len(loads) == 2
    entry.write_text("not json")
    assert same_plans(cc.load_content_cached(data_copy), real) and len(loads) == 3
    entry.write_text(json.dumps({**stored, "key": "another key"}))
    assert same_plans(cc.load_content_cached(data_copy), real) and len(loads) == 4


def test_a_page_on_a_warm_cache_imports_neither_pydantic_nor_the_validator(data_copy: Path, cache: Path) -> None:
    """The point of the cache: a kernel's start skips validation and pydantic's import (272 -> 26 ms measured)."""
    cc.load_content_cached(data_copy)
    code = (
        "import json, sys\n"
        "from secondop.ui import create_app\n"
        f"app = create_app({str(data_copy)!r}, query_string='scenario=david_kidney_cancer')\n"
        "assert type(app).__name__ == 'Dashboard'\n"
        "print(json.dumps(sorted(m for m in ('pydantic', 'yaml', 'secondop.content.loading') if m in sys.modules)))\n"
    )
    env = {**os.environ, cc.CACHE_ENV: str(cache)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_the_cache_can_be_turned_off(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cc.CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cc.cache_dir() is None
    cc.load_content_cached(data_copy)
    assert not (tmp_path / "xdg").exists()


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cc.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cc.cache_dir() == tmp_path / "secondop"
