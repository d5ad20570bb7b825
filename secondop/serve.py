"""Start the dashboard with Voilà, from the repository root so its `voila.json` applies.

The command line is built by `voila_command` alone, so the Voilà set-up can add
template and configuration flags in one place and tests can inspect it without
starting a server.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO_ROOT / "notebooks" / "second_opinion.ipynb"
DEFAULT_PORT = 8866


def voila_command(port: int = DEFAULT_PORT, *, open_browser: bool = False) -> list[str]:
    """The Voilà command that serves the dashboard on 127.0.0.1 only (nothing leaves the machine)."""
    command = [sys.executable, "-m", "voila", str(NOTEBOOK), f"--port={port}", "--Voila.ip=127.0.0.1"]
    if not open_browser:
        command.insert(4, "--no-browser")
    return command


def serve(port: int = DEFAULT_PORT, *, open_browser: bool = False) -> int:
    """Run Voilà in the foreground until it stops or Ctrl-C; return its exit code."""
    if not NOTEBOOK.is_file():
        raise FileNotFoundError(f"the dashboard notebook is missing: {NOTEBOOK}")
    try:
        return subprocess.call(voila_command(port, open_browser=open_browser), cwd=REPO_ROOT)
    except KeyboardInterrupt:
        return 0
