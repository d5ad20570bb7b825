"""What `make bench` and `make load` share: the apps they drive, the in-page toggle timer, kernel lookup, reports.

Both scripts serve the dashboard through `devtools/browser_harness.py` (the `make run` command on a free
127.0.0.1 port), shared with the browser tests; the project root is put on the import path here, once.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devtools.browser_harness import VoilaServer  # noqa: E402
from secondop.server.command import NOTEBOOK  # noqa: E402

RESULTS_DIR = ROOT / "benchmarks" / "results"
REPORT = ROOT / "docs" / "performance.md"
MIB = 2**20

# Times one click -> text change inside the page, free of Playwright's round trips.
TOGGLE_JS = """async ([box, target]) => {
  const input = document.querySelector(box);
  const watched = document.querySelector(target);
  if (!input || !watched) { throw new Error(`missing ${box} or ${target}`); }
  const before = watched.textContent;
  return await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no change in 10 s')); }, 10000);
    const observer = new MutationObserver(() => {
      if (watched.textContent !== before) {
        const ms = performance.now() - start;
        clearTimeout(timer); observer.disconnect(); resolve(ms);
      }
    });
    observer.observe(watched, {subtree: true, childList: true, characterData: true});
    const start = performance.now();
    input.click();
  });
}"""


@dataclass(frozen=True)
class App:
    """One notebook to measure and the DOM hooks that tell when it is ready and what a toggle changes.

    `command` (with `{port}`), `cwd` and `env` serve it some other way than `secondop serve` (stock Voilà, or
    the dashboard from another checkout); `query` is what Lighthouse and the byte count open.
    """

    name: str
    notebook: Path
    ready: str
    checkbox: str
    changes: str
    command: tuple[str, ...] | None = None
    cwd: Path = ROOT
    env: tuple[tuple[str, str], ...] = ()
    query: str = ""


BASELINE = App("baseline", ROOT / "benchmarks" / "baseline.ipynb", ".bench-ready", ".bench-ready input", ".bench-text")
#: The bare notebook on stock Voilà: `voila NB` with no configuration, template or launcher of ours, started
#: outside the repository so its voila.json does not apply. The issue's peer ("bare Voilà, stock").
STOCK = App(
    "bare stock Voilà",
    BASELINE.notebook,
    BASELINE.ready,
    BASELINE.checkbox,
    BASELINE.changes,
    command=(
        sys.executable,
        "-m",
        "voila",
        str(BASELINE.notebook),
        "--no-browser",
        "--port={port}",
        "--Voila.ip=127.0.0.1",
    ),
    cwd=ROOT / "benchmarks" / "results",
)
DASHBOARD = App(
    "dashboard",
    NOTEBOOK,
    ".secondop-ready",
    ".secondop-circumstance-rare_cancer input[type=checkbox]",
    ".secondop-reasons",
    query="?scenario=david_kidney_cancer",
)


def dashboard_from(checkout: Path) -> App:
    """The dashboard as served from another checkout of the repository (for before/after figures).

    Its own package, voila.json and template: PYTHONPATH reaches the kernel too, ahead of this editable install.
    """
    notebook = checkout / "notebooks" / "second_opinion.ipynb"
    command = (
        sys.executable, "-m", "secondop.server", str(notebook), "--no-browser", "--port={port}",
        "--Voila.ip=127.0.0.1", f"--Voila.config_file_paths={checkout}",
    )  # fmt: skip
    env = (("PYTHONPATH", str(checkout)), ("JUPYTER_PATH", str(checkout / "share" / "jupyter")))
    return App(
        "dashboard before", notebook, DASHBOARD.ready, DASHBOARD.checkbox, DASHBOARD.changes,
        command=command, cwd=checkout, env=env, query=DASHBOARD.query,
    )  # fmt: skip


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (`fraction` 0.95 for p95); NaN for no values, so a missing figure shows."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def kernel_processes(server: VoilaServer) -> list[psutil.Process]:
    """The kernel processes under the server (one per open page, plus a preheated pool if configured)."""
    kernels = []
    try:
        children = psutil.Process(server.process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    for child in children:
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                kernels.append(child)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue  # a kernel shutting down right now
    return kernels


def write_between_markers(block: str, start: str, end: str, report: Path = REPORT) -> None:
    """Replace the text between `start` and `end` in `report` (appending both if missing); keep the rest."""
    text = report.read_text(encoding="utf-8") if report.exists() else "# Performance\n"
    if start not in text or end not in text:
        text = f"{text.rstrip()}\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    report.write_text(f"{head}{start}\n{block}\n{end}{tail}", encoding="utf-8")
