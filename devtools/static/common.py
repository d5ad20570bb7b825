"""Shared by the static edition's build steps: where things are, one error type, running tools, PyPI downloads."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

TOOLS = ROOT / ".tools" / "static"

SERVED_NOTEBOOK = ROOT / "notebooks" / "second_opinion.ipynb"


class BuildError(RuntimeError):
    """A step of the build failed; the message says which and why."""


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def run(command: list[str], **kwargs: object) -> None:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    if result.returncode != 0:
        raise BuildError(f"`{' '.join(command[:4])} …` failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def download(specs: list[str], folder: Path, python_version: str) -> None:
    """Exact pure-Python wheels from PyPI (no dependencies: every one is named)."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:"]
    run([*command, "--python-version", python_version, "--dest", str(folder), *specs])
