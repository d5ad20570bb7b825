"""Start the dashboard with Voilà, from the repository root so its `voila.json` applies.

The command line is built by `voila_command` alone, so the Voilà set-up can add
template and configuration flags in one place and tests can inspect it without
starting a server. It runs Voilà through `secondop.server`, which takes Voilà's
own arguments and adds the request limits and the long-link guard.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from ..paths import PACKAGED_DATA

REPO_ROOT = PACKAGED_DATA.parent
NOTEBOOK = REPO_ROOT / "notebooks" / "second_opinion.ipynb"
DEFAULT_PORT = 8866
#: Jupyter data directory holding the offline Voilà template `secondop`.
TEMPLATE_ROOT = REPO_ROOT / "share" / "jupyter"
#: glibc malloc settings for the server: fewer arenas and an early trim return freed memory to the system
#: (the server's Python heap stays flat over many page loads; its RSS growth is allocator retention).
#: Defaults only: a value already in the environment wins. See docs/deployment.md (leak check).
MALLOC_SETTINGS = {"MALLOC_ARENA_MAX": "2", "MALLOC_TRIM_THRESHOLD_": "131072"}


def voila_command(port: int = DEFAULT_PORT, *, open_browser: bool = False, notebook: Path = NOTEBOOK) -> list[str]:
    """The Voilà command that serves the dashboard on 127.0.0.1 only (nothing leaves the machine).

    `python -m secondop.server` is `python -m voila` with Tornado's limits raised so any link a
    browser can send reaches the app, and a too-long link answered with a note (docs/deployment-notes.md).
    Settings (template, culling, tracebacks) come from the repository's `voila.json`, named
    explicitly so they apply whatever the working directory; run it with `voila_environment()`
    so Voilà finds the offline template. `notebook` lets the benchmark serve its baseline the same way.
    """
    command = [
        sys.executable,
        "-m",
        "secondop.server",
        str(notebook),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--Voila.config_file_paths={REPO_ROOT}",
    ]
    if not open_browser:
        command.insert(4, "--no-browser")
    return command


def voila_environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """`base` (default: this process's environment) with the repository's `share/jupyter` first on JUPYTER_PATH.

    Voilà looks templates up only in Jupyter data paths; an editable install does not copy
    data files, so the path is put in front here instead (Binder does the same in `start`).
    MALLOC_SETTINGS are added where `base` does not set them (glibc reads them; others ignore them).
    """
    env = {**MALLOC_SETTINGS, **(os.environ if base is None else base)}
    paths = [str(TEMPLATE_ROOT), *filter(None, env.get("JUPYTER_PATH", "").split(os.pathsep))]
    env["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


def serve(port: int = DEFAULT_PORT, *, open_browser: bool = False) -> int:
    """Replace this process with Voilà, run from the repository root.

    Exec, not a child process: Ctrl-C or a process manager's SIGTERM then reach Voilà itself, and
    no server is left running behind an exited `secondop`. A failed exec raises OSError.
    """
    if not NOTEBOOK.is_file():
        raise FileNotFoundError(f"the dashboard notebook is missing: {NOTEBOOK}")
    command = voila_command(port, open_browser=open_browser)
    environment = voila_environment()
    os.chdir(REPO_ROOT)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(command[0], command, environment)
    return 0  # not reached: execve replaced this process
