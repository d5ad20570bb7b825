"""Measure the static edition (Voici, `make static`) beside the served edition (Voilà), in the same run.

Run by hand (`make bench-static`), never in the test run. The static site (`build/static/`, built first if
missing) is served by a plain static host, `python -m http.server` on 127.0.0.1; the dashboard is served as
`make run` does. Each sits behind the counting relay of `wire.py`, and both open at `?scenario=...`. Per
round and edition: a fresh browser profile (empty cache), a first visit, the browser closed, then a second
visit in the same profile (HTTP cache, and the static site's JupyterLite service worker, can help). Measured:

- ready: seconds from navigation to `.secondop-ready`, first and second visit (median over the rounds);
- bytes on the wire and requests that reached the server (not answered by a cache), first and second visit;
- tick: a circumstance click until the reasons text changes, timed inside the page (median, p95);
- outside requests: every request beyond 127.0.0.1. The untimed warm-up load of each edition routes them to
  abort and counts them; the timed loads cannot route (that turns the HTTP cache off), so their browser
  resolves no outside name and the requests it tried are counted from its request events;
- what the static edition's start is made of: phases from the requests the Pyodide kernel makes (`pyodide.js`,
  then piplite's wheel once `loadPyodide` has returned), and Voici's own hooks (`update_loading_text` when a
  cell is sent to the kernel, `display_cells` when the notebook has run);
- the site's size on disk, in total and by part, and what a first visit asks for of each part, as sent and
  gzipped (what a host that compresses would send, an estimate: `http.server` sends files as they are).

Figures go to stdout, to benchmarks/results/ (JSON) and into docs/performance.md between markers.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psutil
from bench_dashboard import OFFLINE_ARGS
from common import DASHBOARD, MIB, RESULTS_DIR, ROOT, TOGGLE_JS, percentile, write_between_markers
from wire import ByteCounter, counting_relay

from devtools.browser_harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    READY,
    block_outside,
    close_page,
    free_port,
    is_loopback,
    running_voila,
    stop_process,
)

START, END = "<!-- bench-static:start -->", "<!-- bench-static:end -->"
SITE = ROOT / "build" / "static"
PAGE = "voici/render/second_opinion.html"
TIMEOUT_MS = 180_000
#: The issue's goals for the static edition.
GOAL_COLD_S, GOAL_WARM_S, GOAL_TICK_MS = 15.0, 5.0, 100.0
#: Parts of the site reported on their own (size on disk, first-visit bytes); the rest is "other".
PARTS = ("static/pyodide", "build", "voici", "extensions", "pypi")

#: Voici's page hooks, wrapped before the page defines them: when a cell goes to the kernel
#: (`update_loading_text(i, n, null)`) and when the notebook has run and its output is attached
#: (`display_cells`). Times are epoch milliseconds, like the ones taken in Python.
MARKS_JS = """(() => {
  const marks = (window.__benchMarks = []);
  const stamp = () => performance.timeOrigin + performance.now();
  for (const name of ['update_loading_text', 'display_cells']) {
    let wrapped;
    Object.defineProperty(window, name, {
      configurable: true,
      get() { return wrapped; },
      set(fn) {
        wrapped = function (...args) {
          marks.push([name, stamp(), args[2] === undefined ? null : args[2]]);
          return fn.apply(this, args);
        };
      },
    });
  }
})();"""


@dataclass(frozen=True)
class Edition:
    key: str
    name: str
    path: str  # the page, under the server's root


STATIC = Edition("static", "static (Voici)", PAGE)
SERVED = Edition("served", "served (Voilà)", "")
EDITIONS = (STATIC, SERVED)


@dataclass
class Visit:
    """One page load: its figures, and for the static edition the moments its start is made of."""

    ready_s: float
    bytes: int
    requests: list[str]
    outside: list[str]
    console_errors: list[str]
    phases: dict[str, float] = field(default_factory=dict)
    ticks_ms: list[float] = field(default_factory=list)


# -- the static host ----------------------------------------------------------------------------------------


@contextmanager
def static_host(site: Path, log_path: Path) -> Iterator[int]:
    """`python -m http.server` for `site` on a free 127.0.0.1 port, stopped when the block ends."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)]
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the static host did not start; see {log_path}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{PAGE}", timeout=5):
                    break
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        yield port
    finally:
        stop_process(process, timeout=10)


def ensure_site(site: Path, rebuild: bool) -> bool:
    """Build the static site into `site` when it is missing (or asked to); False if that failed."""
    if not rebuild and (site / PAGE).exists():
        return True
    from devtools.static.common import BuildError
    from devtools.static.site import build
    from secondop.content.problems import ContentError

    print(f"building the static site into {site} (as `make static` does) ...", flush=True)
    try:
        summary = build(site)
    except (BuildError, ContentError) as error:
        print(f"the static site was not built ({error}); run `make static` and see its message", file=sys.stderr)
        return False
    print(f"built: {float(str(summary['bytes'])) / MIB:.1f} MiB in {summary['seconds']} s", flush=True)
    return True


def site_part(path: str) -> str:
    """Which part of the site a path (relative, or a URL's path) belongs to."""
    path = path.lstrip("/")
    return next((part for part in PARTS if path == part or path.startswith(f"{part}/")), "other")


def site_size(site: Path) -> dict[str, int]:
    sizes = dict.fromkeys([*PARTS, "other"], 0)
    files = [path for path in site.rglob("*") if path.is_file()]
    for path in files:
        sizes[site_part(path.relative_to(site).as_posix())] += path.stat().st_size
    return {"total": sum(sizes.values()), "files": len(files), **sizes}


def bytes_by_part(site: Path, requests: list[str]) -> dict[str, dict[str, int]]:
    """The on-disk size of what a visit asked for, by part, as sent (the static host sends files as they are)
    and as a host that compresses would send it (gzip level 6, an estimate)."""
    sent = dict.fromkeys([*PARTS, "other"], 0)
    gzipped = dict.fromkeys([*PARTS, "other"], 0)
    for request in requests:
        path = urlsplit(request.split(" ", 1)[-1]).path.lstrip("/")
        file = site / path
        if path and file.is_file():
            data = file.read_bytes()
            sent[site_part(path)] += len(data)
            gzipped[site_part(path)] += len(gzip.compress(data, compresslevel=6))
    return {"sent": sent, "gzipped": gzipped}


# -- one visit ---------------------------------------------------------------------------------------------


class Timeline:
    """Epoch milliseconds of the first time each thing happened during a static page's start."""

    def __init__(self) -> None:
        self.start = time.time() * 1000
        self.first: dict[str, float] = {}

    def note(self, what: str) -> None:
        self.first.setdefault(what, time.time() * 1000)

    def on_request(self, url: str) -> None:
        path = urlsplit(url).path
        if path.endswith("/static/pyodide/pyodide.js"):
            self.note("pyodide")
        elif "/piplite-" in path and path.endswith(".whl"):
            self.note("piplite")  # asked for right after `loadPyodide` returns with every preloaded wheel

    def phases(self, marks: list[list], ready_ms: float) -> dict[str, float]:
        """Seconds per phase; NaN where a moment was not seen (a changed Voici or kernel); none without Pyodide."""
        if "pyodide" not in self.first:
            return {}
        execute = next((t for name, t, text in marks if name == "update_loading_text" and text is None), None)
        ran = next((t for name, t, _ in marks if name == "display_cells"), None)
        moments = [
            ("front end", self.start),
            ("Pyodide", self.first.get("pyodide")),
            ("kernel start-up", self.first.get("piplite")),
            ("app Python", execute),
            ("widgets drawn", ran),
            (None, ready_ms),
        ]
        result: dict[str, float] = {}
        for (name, begin), (_, end) in itertools.pairwise(moments):
            result[str(name)] = (end - begin) / 1000 if begin is not None and end is not None else float("nan")
        return result


PHASES = {
    "front end": "page and front end (JupyterLab/Voici scripts), until the kernel asks for Pyodide",
    "Pyodide": "Pyodide and every wheel the page needs (kernel's and app's, preloaded in one step, compiled): "
    "download, start, unpack (`pyodide.js` → `loadPyodide` returns)",
    "kernel start-up": "kernel's start: piplite, `import pyodide_kernel` (IPython), until Voici sends the cell",
    "app Python": "the cell: `%pip` (already installed), import `secondop`, build the app",
    "widgets drawn": "output attached, widgets drawn until `.secondop-ready` shows",
}


def visit(
    playwright, profile: Path, url: str, relay: ByteCounter, *, toggles: int = 0, guard: list[str] | None = None
) -> Visit:
    """Open `url` in the browser profile `profile` (created if new), wait for ready, tick, close the browser.

    With `guard`, every request beyond this machine is routed to abort and listed there (routing turns the
    HTTP cache off: only for the untimed warm-up).
    """
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=str(CHROMIUM),
        args=[*CHROMIUM_ARGS, *OFFLINE_ARGS],
        viewport={"width": 1280, "height": 900},
    )
    outside: list[str] = []
    errors: list[str] = []
    try:
        if guard is not None:
            block_outside(context, guard)
        context.add_init_script(MARKS_JS)
        timeline = Timeline()

        def on_request(address: str) -> None:
            if not is_loopback(address):
                outside.append(address)
            timeline.on_request(address)

        def on_console(kind: str, text: str) -> None:
            if kind == "error":
                errors.append(text[:300])

        context.on("request", lambda request: on_request(request.url))  # pages, workers, service worker
        page = context.new_page()
        page.on("console", lambda message: on_console(message.type, message.text))  # the kernel's worker too
        relay.reset()
        timeline.start = time.time() * 1000
        started = time.perf_counter()
        page.goto(url, timeout=TIMEOUT_MS)
        page.wait_for_selector(READY, state="visible", timeout=TIMEOUT_MS)
        ready_s = time.perf_counter() - started
        marks = page.evaluate("window.__benchMarks || []")
        page.wait_for_timeout(1500)  # the last widget messages of the build (served), the last fetches
        requests, received = list(relay.requests), relay.reset()
        ticks = [page.evaluate(TOGGLE_JS, [DASHBOARD.checkbox, DASHBOARD.changes]) for _ in range(toggles)]
        phases = timeline.phases(marks, timeline.start + ready_s * 1000)
        close_page(page)  # the served page asks its server to stop its kernel
        return Visit(ready_s, received, requests, outside, errors, phases, ticks)
    finally:
        context.unroute_all(behavior="ignoreErrors")
        context.close()


# -- the run ------------------------------------------------------------------------------------------------


@dataclass
class Figures:
    cold: list[Visit] = field(default_factory=list)
    warm: list[Visit] = field(default_factory=list)
    guarded_outside: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        ticks = [t for v in self.warm for t in v.ticks_ms]
        visits = self.cold + self.warm
        result = {
            "tick_median_ms": statistics.median(ticks) if ticks else float("nan"),
            "tick_p95_ms": percentile(ticks, 0.95),
            "ticks": len(ticks),
            "outside_requests": len(self.guarded_outside) + sum(len(v.outside) for v in visits),
            "console_errors": max((len(v.console_errors) for v in visits), default=0),
        }
        for name, runs in (("cold", self.cold), ("warm", self.warm)):
            result[f"{name}_ready_s"] = statistics.median(v.ready_s for v in runs)
            result[f"{name}_bytes"] = statistics.median(v.bytes for v in runs)
            result[f"{name}_requests"] = statistics.median(len(v.requests) for v in runs)
            for phase in PHASES:
                values = [v.phases[phase] for v in runs if phase in v.phases and v.phases[phase] == v.phases[phase]]
                if values:
                    result[f"{name}_phase_{phase}"] = statistics.median(values)
        return result

    def raw(self) -> dict[str, object]:
        def one(v: Visit) -> dict[str, object]:
            return {
                "ready_s": v.ready_s, "bytes": v.bytes, "requests": v.requests, "outside": v.outside,
                "console_errors": v.console_errors, "phases": v.phases, "ticks_ms": v.ticks_ms,
            }  # fmt: skip

        return {
            "cold": [one(v) for v in self.cold],
            "warm": [one(v) for v in self.warm],
            "guarded_outside": self.guarded_outside,
        }


def measure(site: Path, rounds: int, toggles: int, query: str) -> dict[str, Figures]:
    from playwright.sync_api import sync_playwright

    figures = {edition.key: Figures() for edition in EDITIONS}
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        static_port = stack.enter_context(static_host(site, RESULTS_DIR / "bench-static-http.log"))
        served = stack.enter_context(running_voila(RESULTS_DIR / "bench-static-voila.log"))
        relays = {
            STATIC.key: stack.enter_context(counting_relay(static_port)),
            SERVED.key: stack.enter_context(counting_relay(served.port)),
        }
        urls = {e.key: f"http://127.0.0.1:{relays[e.key].port}/{e.path}{query}" for e in EDITIONS}
        playwright = stack.enter_context(sync_playwright())

        def in_fresh_profile(action: Callable[[Path], None]) -> None:
            with tempfile.TemporaryDirectory(prefix="secondop-bench-profile-") as profile:
                action(Path(profile))

        for edition in EDITIONS:  # warm-up (disk caches, first imports), with outside requests routed to abort
            fig = figures[edition.key]
            in_fresh_profile(
                lambda p, e=edition, f=fig: visit(playwright, p, urls[e.key], relays[e.key], guard=f.guarded_outside)
            )
            print(f"warm-up {edition.name}: {len(fig.guarded_outside)} outside requests blocked", flush=True)
            time.sleep(1.0)
        for run in range(rounds):
            for edition in EDITIONS if run % 2 == 0 else tuple(reversed(EDITIONS)):
                fig = figures[edition.key]

                ticks = toggles if run == 0 else 0

                def two_visits(profile: Path, e: Edition = edition, f: Figures = fig, ticks: int = ticks) -> None:
                    f.cold.append(visit(playwright, profile, urls[e.key], relays[e.key]))
                    time.sleep(1.0)  # the served kernel's shutdown, outside the next count
                    f.warm.append(visit(playwright, profile, urls[e.key], relays[e.key], toggles=ticks))
                    time.sleep(1.0)

                in_fresh_profile(two_visits)
                cold, warm = fig.cold[-1], fig.warm[-1]
                print(
                    f"round {run + 1}/{rounds} {edition.name}: ready {cold.ready_s:.2f} s / {warm.ready_s:.2f} s, "
                    f"{cold.bytes / 1024:.0f} / {warm.bytes / 1024:.0f} KiB, "
                    f"{len(cold.requests)} / {len(warm.requests)} requests (first / second visit)",
                    flush=True,
                )
    return figures


# -- the report ---------------------------------------------------------------------------------------------

ROWS = [
    ("time to ready, first visit (s, median)", "cold_ready_s", "{:.2f}", 1),
    ("time to ready, second visit (s, median)", "warm_ready_s", "{:.2f}", 1),
    ("bytes on the wire, first visit (KiB)", "cold_bytes", "{:.0f}", 1 / 1024),
    ("requests to the server, first visit", "cold_requests", "{:.0f}", 1),
    ("bytes on the wire, second visit (KiB)", "warm_bytes", "{:.1f}", 1 / 1024),
    ("requests to the server, second visit", "warm_requests", "{:.0f}", 1),
    ("tick → reasons text (ms, median)", "tick_median_ms", "{:.0f}", 1),
    ("tick → reasons text (ms, p95)", "tick_p95_ms", "{:.0f}", 1),
    ("requests beyond 127.0.0.1 (all loads, blocked)", "outside_requests", "{:.0f}", 1),
    ("console errors (most in one load)", "console_errors", "{:.0f}", 1),
]


def _fmt(values: dict[str, float], key: str, fmt: str, scale: float) -> str:
    value = values.get(key, float("nan"))
    return "–" if value != value else fmt.format(value * scale)


def figure_table(results: dict[str, dict[str, float]]) -> list[str]:
    static, served = results[STATIC.key], results[SERVED.key]
    lines = [f"| figure | {STATIC.name} | {SERVED.name} | static ÷ served |", "|---|---:|---:|---:|"]
    for label, key, fmt, scale in ROWS:
        ratio = ""
        if key in static and key in served and served[key] and "outside" not in key and "errors" not in key:
            ratio = f"{static[key] / served[key]:.2f}×"
        lines.append(f"| {label} | {_fmt(static, key, fmt, scale)} | {_fmt(served, key, fmt, scale)} | {ratio} |")
    return lines


def goal_table(static: dict[str, float]) -> list[str]:
    rows = [
        ("time to ready, first visit (s)", static["cold_ready_s"], f"≤ {GOAL_COLD_S:.0f}", GOAL_COLD_S, "{:.2f}"),
        ("time to ready, second visit (s)", static["warm_ready_s"], f"≤ {GOAL_WARM_S:.0f}", GOAL_WARM_S, "{:.2f}"),
        ("tick → reasons text, p95 (ms)", static["tick_p95_ms"], f"≤ {GOAL_TICK_MS:.0f}", GOAL_TICK_MS, "{:.0f}"),
        ("requests beyond 127.0.0.1", static["outside_requests"], "0", 0, "{:.0f}"),
    ]
    lines = ["| goal (static edition) | measured | goal | met |", "|---|---:|---:|:---:|"]
    for label, value, goal, limit, fmt in rows:
        lines.append(f"| {label} | {fmt.format(value)} | {goal} | {'yes' if value <= limit else '**no**'} |")
    return lines


def phase_table(static: dict[str, float]) -> list[str]:
    lines = ["| static edition's start, phase | first visit (s) | second visit (s) |", "|---|---:|---:|"]
    for phase, label in PHASES.items():
        cold, warm = (_fmt(static, f"{visit}_phase_{phase}", "{:.2f}", 1) for visit in ("cold", "warm"))
        lines.append(f"| {label} | {cold} | {warm} |")
    lines.append(f"| **time to ready** | {static['cold_ready_s']:.2f} | {static['warm_ready_s']:.2f} |")
    return lines


def size_table(size: dict[str, int], first_visit: dict[str, dict[str, int]]) -> list[str]:
    sent, gzipped = first_visit["sent"], first_visit["gzipped"]
    lines = [
        "| part of the site | on disk (KiB) | share | first visit asks for (KiB) | the same, gzipped (KiB) |",
        "|---|---:|---:|---:|---:|",
    ]
    for part in [*PARTS, "other"]:
        share = size[part] / size["total"] if size["total"] else 0
        name = f"`{part}/`" if part != "other" else "other (pages, config, service worker …)"
        lines.append(
            f"| {name} | {size[part] / 1024:.0f} | {share:.0%} | {sent[part] / 1024:.0f} | {gzipped[part] / 1024:.0f} |"
        )
    lines.append(
        f"| **total** ({size['files']} files) | {size['total'] / 1024:.0f} | 100% | "
        f"{sum(sent.values()) / 1024:.0f} | {sum(gzipped.values()) / 1024:.0f} |"
    )
    return lines


def site_age_minutes(site: Path) -> float:
    newest = max(path.stat().st_mtime for path in site.rglob("*") if path.is_file())
    return (time.time() - newest) / 60


def report(results, size, first_visit, args, age_min: float) -> str:
    header = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {psutil.cpu_count()} CPUs (load average "
        f"{psutil.getloadavg()[0]:.1f} at the end): {args.rounds} rounds per edition, each a first visit in a "
        f"fresh browser profile and a second visit in the same profile after restarting the browser (median), "
        f"{results[STATIC.key]['ticks']:.0f} ticks per edition; both opened at `{args.query}`, the static site "
        f"served by `python -m http.server` (no Cache-Control; its newest file was {age_min:.0f} min old)."
    )
    return "\n".join(
        [
            header,
            "",
            *figure_table(results),
            "",
            *goal_table(results[STATIC.key]),
            "",
            *phase_table(results[STATIC.key]),
            "",
            *size_table(size, first_visit),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="first + second visit pairs per edition (default 3)")
    parser.add_argument("--toggles", type=int, default=20, help="ticks timed per edition (default 20)")
    parser.add_argument("--query", default=DASHBOARD.query, help=f"the page's query (default {DASHBOARD.query})")
    parser.add_argument("--site", type=Path, default=SITE, help="the built static site (default build/static)")
    parser.add_argument("--rebuild", action="store_true", help="build the static site first even if it exists")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"no Chromium at {CHROMIUM}: `make bench-static` installs it, or set SECONDOP_CHROMIUM", file=sys.stderr)
        return 2
    site = args.site.resolve()
    if not ensure_site(site, args.rebuild):
        return 1
    age = site_age_minutes(site)
    figures = measure(site, max(args.rounds, 1), args.toggles, args.query)
    results = {key: fig.summary() for key, fig in figures.items()}
    size = site_size(site)
    first_visit = bytes_by_part(site, figures[STATIC.key].cold[0].requests)
    table = report(results, size, first_visit, args, age)
    print(table)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    raw = {key: fig.raw() for key, fig in figures.items()}
    payload = {"results": results, "size": size, "first_visit_by_part": first_visit, "visits": raw}
    (RESULTS_DIR / f"bench-static-{stamp}.json").write_text(json.dumps(payload, indent=2), encoding="utf-8")
    if not args.no_write:
        write_between_markers(table, START, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
