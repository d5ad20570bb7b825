"""CI runs where a contributor sees it: a workflow runs `.ci/run` on every push and pull request, each test
runs once (lint and types, then the README's `make test`), and the static site is published only after CI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"


def _workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _commands(workflow: dict[str, Any]) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def test_ci_runs_the_ci_script_on_every_push_and_pull_request() -> None:
    ci = _workflow("ci.yml")
    assert {"push", "pull_request"} <= set(ci["on"])
    assert not (ci["on"]["push"] or {}).get("branches"), "every branch, not only main"
    assert [c for c in _commands(ci) if ".ci/run" in c] == ["bash .ci/run"]


def test_the_ci_script_runs_each_test_once_and_ends_with_the_readmes_command() -> None:
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text("utf-8").splitlines()]
    commands = [line for line in lines if line.startswith("make ")]
    assert commands[-1] == "make test", "the README's test command, as a contributor runs it"
    assert "make check" not in commands, "make check runs the browser-free tests that make test runs again"
    assert any("lint" in c and "typecheck" in c for c in commands[:-1]), "lint and types first"
    assert "make test" in (ROOT / "README.md").read_text("utf-8")


def test_pages_publishes_only_after_ci_passed() -> None:
    pages = _workflow("pages.yml")
    run = pages["on"]["workflow_run"]
    assert run["workflows"] == [_workflow("ci.yml")["name"]] and run["types"] == ["completed"]
    assert "push" not in pages["on"], "a push must not publish before CI has run"
    build = pages["jobs"]["build"]
    assert "conclusion == 'success'" in build["if"]
    assert "head_sha" in build["steps"][0]["with"]["ref"], "publish the commit CI tested"


def test_pre_commit_runs_the_type_check_like_make_typecheck() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["mypy"]["entry"] == "python -m mypy" and hooks["mypy"]["pass_filenames"] is False
    assert "ruff" in hooks and "ruff-format" in hooks
