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
from .memory import page_budget

REPO_ROOT = PACKAGED_DATA.parent
NOTEBOOK = REPO_ROOT / "notebooks" / "second_opinion.ipynb"
DEFAULT_PORT = 8866
#: The only address served unless `secondop serve --host` asks for another.
LOOPBACK = "127.0.0.1"
_LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
#: Jupyter data directory holding the offline Voilà template `secondop`.
TEMPLATE_ROOT = REPO_ROOT / "share" / "jupyter"
#: glibc malloc settings for the server: fewer arenas and an early trim return freed memory to the system
#: (the server's Python heap stays flat over many page loads; its RSS growth is allocator retention).
#: Defaults only: a value already in the environment wins. See docs/deployment.md (leak check).
MALLOC_SETTINGS = {"MALLOC_ARENA_MAX": "2", "MALLOC_TRIM_THRESHOLD_": "131072"}
#: Places of the page limit kept for pages opened on this machine (the presenter's), `secondop serve --reserve`.
DEFAULT_RESERVE = 1


def voila_command(
    port: int = DEFAULT_PORT,
    *,
    open_browser: bool = False,
    notebook: Path = NOTEBOOK,
    host: str = LOOPBACK,
    max_pages: int | None = None,
    reserve: int | None = None,
) -> list[str]:
    """The Voilà command that serves the dashboard on 127.0.0.1 only (nothing leaves the machine).

    `host` binds another address instead (`secondop serve --host`, for a workshop's local network): only
    when asked for explicitly, and `exposure_notice` says what that exposes.

    `python -m secondop.server` is `python -m voila` with Tornado's limits raised so any link a
    browser can send reaches the app, and a too-long link answered with a note (docs/deployment-notes.md).
    Settings (template, culling, tracebacks) come from the repository's `voila.json`, named
    explicitly so they apply whatever the working directory; run it with `voila_environment()`
    so Voilà finds the offline template. `notebook` lets the benchmark serve its baseline the same way.
    `max_pages` and `reserve`, when given, set the kernel manager's page limit (`PageKernelManager`).
    """
    command = [
        sys.executable,
        "-m",
        "secondop.server",
        str(notebook),
        f"--port={port}",
        f"--Voila.ip={host}",
        f"--Voila.config_file_paths={REPO_ROOT}",
    ]
    if max_pages is not None:
        command.append(f"--PageKernelManager.max_pages={max_pages}")
    if reserve is not None:
        command.append(f"--PageKernelManager.reserved_pages={reserve}")
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


def is_loopback_host(host: str) -> bool:
    return host.strip().strip("[]").lower() in _LOOPBACK_HOSTS


def exposure_notice(host: str, port: int) -> str:
    """What serving on `host` exposes; '' for this machine only."""
    if is_loopback_host(host):
        return ""
    where = "every network interface of this machine" if host in ("0.0.0.0", "::") else f"the address {host}"
    return (
        f"secondop serve: listening on {where}, port {port}.\n"
        "Anyone who can reach this machine over the network (for example everyone on the same Wi-Fi) can open\n"
        "the dashboard and start app kernels on it. They get the dashboard only: the kernel still refuses to run\n"
        "code sent by a browser, and the server's API offers nothing beyond the app. Nothing is encrypted (http).\n"
        "Use this on a network you trust, for the length of a workshop; stop it with Ctrl-C."
    )


def page_limit_notice(max_pages: int | None, reserve: int, *, local_only: bool = False) -> tuple[int, str]:
    """The page limit to serve with (`max_pages`, else one sized from the free memory) and the line saying so.

    0 turns the limit off. Raises ValueError when `reserve` would leave other devices no place.
    """
    if max_pages is not None and max_pages < 0:
        raise ValueError(f"--max-pages must be 0 (no limit) or more, not {max_pages}")
    if reserve < 0:
        raise ValueError(f"--reserve must be 0 or more, not {reserve}")
    if max_pages == 0:
        return 0, "secondop serve: no limit on pages open at once (--max-pages 0): every page starts a kernel."
    if max_pages is None:
        budget = page_budget()
        limit, why = max(budget.pages, reserve + 1), budget.explained()
    else:
        limit, why = max_pages, "--max-pages"
    if reserve >= limit:
        raise ValueError(
            f"--reserve {reserve} must be smaller than --max-pages {limit}: other devices would get no place"
        )
    kept = "" if local_only or not reserve else f", {reserve} of them kept for pages opened on this machine"
    return limit, (
        f"secondop serve: at most {limit} pages open at once ({why}){kept}. Beyond that a new page gets a "
        "short 'busy, try again' page; open pages keep working. Change it with --max-pages."
    )


def serve(
    port: int = DEFAULT_PORT,
    *,
    open_browser: bool = False,
    host: str = LOOPBACK,
    max_pages: int | None = None,
    reserve: int = DEFAULT_RESERVE,
) -> int:
    """Replace this process with Voilà, run from the repository root.

    Exec, not a child process: Ctrl-C or a process manager's SIGTERM then reach Voilà itself, and
    no server is left running behind an exited `secondop`. A failed exec raises OSError.
    `max_pages` None sizes the page limit from the free memory (`page_limit_notice`, printed); ValueError
    for a limit that leaves no place.
    """
    if not NOTEBOOK.is_file():
        raise FileNotFoundError(f"the dashboard notebook is missing: {NOTEBOOK}")
    limit, limit_line = page_limit_notice(max_pages, reserve, local_only=is_loopback_host(host))
    command = voila_command(port, open_browser=open_browser, host=host, max_pages=limit, reserve=reserve)
    environment = voila_environment()
    notice = exposure_notice(host, port)
    if notice:
        print(notice, file=sys.stderr)
    print(limit_line, file=sys.stderr)
    os.chdir(REPO_ROOT)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(command[0], command, environment)
    return 0  # not reached: execve replaced this process
