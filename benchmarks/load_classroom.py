"""A classroom at once: open 1, 10 and 30 dashboard pages together against one Voilà server, then check for leaks.

Run by hand (`make load`), never in the test run. The server is started exactly as `make run` starts it
(`secondop.server.command`, 127.0.0.1, a free port); the pages are headless Chromium contexts of one browser,
driven concurrently with Playwright's async API. Per class size N:

- ready: seconds from navigation to `.secondop-ready`, every page started at the same moment (median, p95);
- toggle: milliseconds from a circumstance click to the changed reasons, timed inside the page, 10 per page
  with a short pause between them, while the other pages load and click too (p95);
- errors: pages that did not render (or whose toggles failed), console errors, requests beyond this machine;
- memory: RSS of the server process plus its kernel children, at peak and after every page has closed;
  memory per session = (peak - baseline before the class) / N; CPU-seconds used by server and kernels;
- kernels still alive after the pages closed, waiting up to the server's cull interval.

Then a leak check on a fresh server: 100 open/close cycles in small batches, server RSS after the first 10
and after all 100. Then a run above the page limit on a fresh server with `--max-pages N` (N = 10): N+10
pages at once must give exactly N live pages and 10 busy pages (HTTP 503, the busy page's title), no
error, at most N kernels and the memory of N pages; once the live pages close, every busy page's reload
must open the app. Figures go to stdout, benchmarks/results/ (JSON) and docs/performance.md between markers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field

import psutil
from common import DASHBOARD, RESULTS_DIR, ROOT, TOGGLE_JS, kernel_processes, percentile, write_between_markers
from load_measure import Sampler, reap, snapshot

from devtools.browser_harness import CHROMIUM, CHROMIUM_ARGS, VoilaServer, is_loopback, running_voila
from secondop.server.memory import PAGE_MIB

START, END = "<!-- load:start -->", "<!-- load:end -->"
CLASS_SIZES = (1, 10, 30)
READY_TIMEOUT_S = 120.0
TOGGLES = 10
THINK_S = (0.3, 1.2)  # pause before each toggle: a person reading, not a script hammering
LEAK_CYCLES, LEAK_EARLY, LEAK_BATCH = 100, 10, 5
BUDGET_S = 17 * 60  # the classes and the leak check took about 12 minutes, the run above the limit 2 more
#: Background throttling would make the 30 pages of one browser wait for each other, unlike 30 devices.
LOAD_ARGS = [
    *CHROMIUM_ARGS,
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]
TARGET_LEAK = 0.10
#: The page limit of the run above it, and how many pages more than that are asked for at once.
ABOVE_LIMIT, BEYOND = 10, 10
VIEWPORT = {"width": 1280, "height": 900}


def cull_interval_s() -> float:
    """The server's `MappingKernelManager.cull_interval` from voila.json: how long a leaked kernel may wait."""
    config = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))
    return float(config.get("MappingKernelManager", {}).get("cull_interval", 300))


@dataclass
class Run:
    """What every part of one run shares: the expected pool size, the page timeout, the kernels seen so far."""

    pool: int = 0
    ready_timeout_s: float = READY_TIMEOUT_S
    seen: dict[int, psutil.Process] = field(default_factory=dict)


@dataclass
class Session:
    """What one page went through."""

    ready_s: float | None = None
    toggle_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    closed_in_time: bool = True
    close_s: float = 0.0


#: After the last kernel stopped: the server releases closed pages' memory 2 s after they close
#: (`PageKernelManager.release_memory_delay`), so a class closing together costs one collection.
SETTLE_S = 3.0
#: How long a closing page may take to run its unload handlers before its browser context is torn down.
#: With 30 pages at once the browser is starved of CPU (10 CPU-seconds a page); tearing the context down
#: earlier drops the page's shutdown request, which a student closing a tab never does.
CLOSE_TIMEOUT_S = 60.0


async def close_page(page, timeout_s: float = CLOSE_TIMEOUT_S) -> bool:
    """Close running unload handlers, so Voilà asks the server to shut the kernel down; wait for it (bounded).

    False if the page did not close in time (culling is the safety net, and the kernel count will tell).
    """
    try:
        async with page.expect_event("close", timeout=timeout_s * 1000):
            await page.close(run_before_unload=True)
    except Exception:  # already closed, or slow
        return page.is_closed()
    return True


def _note_request(url: str, result: Session | Visit) -> None:
    if not is_loopback(url):
        result.failures.append(f"request beyond this machine: {url}")


async def session(
    browser, server: VoilaServer, toggles: int, seed: int, timeout_s: float, keep: list | None = None
) -> Session:
    """One student: open the app, wait until ready, tick a circumstance `toggles` times, close the page.

    `browser` is a Browser (the page gets a fresh context: no cache, like a first visit) or a shared
    BrowserContext (the page shares its HTTP cache, like a device that has opened the app before).
    A fresh context is closed with the page, or added to `keep` for the caller to close later: a
    student's browser outlives the tab, and tearing a context down right after its page closed
    sometimes dropped the page's shutdown request (1 page of 30, in 2 of 3 runs with 30 at once).
    """
    result, rng = Session(), random.Random(seed)
    own_context = hasattr(browser, "new_context")
    context = await browser.new_context(viewport=VIEWPORT) if own_context else browser
    page = await context.new_page()
    page.on("console", lambda message: message.type == "error" and result.console_errors.append(message.text))
    page.on("pageerror", lambda error: result.console_errors.append(str(error)))
    page.on("request", lambda request: _note_request(request.url, result))
    start = time.perf_counter()
    try:
        await page.goto(server.url, wait_until="commit", timeout=timeout_s * 1000)
        left_ms = max(1.0, timeout_s - (time.perf_counter() - start)) * 1000
        await page.wait_for_selector(DASHBOARD.ready, state="visible", timeout=left_ms)
        result.ready_s = time.perf_counter() - start
        for _ in range(toggles):
            await asyncio.sleep(rng.uniform(*THINK_S))
            result.toggle_ms.append(await page.evaluate(TOGGLE_JS, [DASHBOARD.checkbox, DASHBOARD.changes]))
    except Exception as error:  # a failed page is a figure, not the end of the run
        result.failures.append(f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
    finally:
        closing = time.perf_counter()
        result.closed_in_time = await close_page(page)
        result.close_s = time.perf_counter() - closing
        if own_context and keep is not None:
            keep.append(context)
        elif own_context:
            await context.close()
    return result


async def wait_for_pool(server: VoilaServer, pool: int, timeout_s: float) -> tuple[int, float]:
    """Wait until no more than `pool` kernels are alive; (kernels alive at the end, seconds waited)."""
    start = time.perf_counter()
    while True:
        alive = len(kernel_processes(server))
        waited = time.perf_counter() - start
        if alive <= pool or waited >= timeout_s:
            return alive, waited
        await asyncio.sleep(0.5)


async def classroom(browser, server: VoilaServer, size: int, run: Run) -> dict:
    """`size` students at once; figures for the class."""
    await wait_for_pool(server, run.pool, cull_interval_s())
    baseline = snapshot(server)
    browsers_left_open: list = []
    with Sampler(server, run.seen) as sampler:
        pages = (
            session(browser, server, TOGGLES, seed, run.ready_timeout_s, browsers_left_open) for seed in range(size)
        )
        sessions = await asyncio.gather(*pages)
        kernels_left, waited = await wait_for_pool(server, run.pool, cull_interval_s())
    for context in browsers_left_open:
        await context.close()
    await asyncio.sleep(SETTLE_S)  # the server frees what the last shutdowns held
    after = snapshot(server)
    ready = [s.ready_s for s in sessions if s.ready_s is not None]
    toggles = [ms for s in sessions for ms in s.toggle_ms]
    failed = [s for s in sessions if s.failures]
    return {
        "size": size,
        "rendered": len(ready),
        "ready_median_s": statistics.median(ready) if ready else float("nan"),
        "ready_p95_s": percentile(ready, 0.95),
        "ready_max_s": max(ready, default=float("nan")),
        "toggles": len(toggles),
        "toggle_median_ms": statistics.median(toggles) if toggles else float("nan"),
        "toggle_p95_ms": percentile(toggles, 0.95),
        "failed_pages": len(failed),
        "failures": sorted({f for s in failed for f in s.failures})[:10],
        "console_errors": sum(len(s.console_errors) for s in sessions),
        "slow_closes": sum(1 for s in sessions if not s.closed_in_time),
        "close_max_s": max((s.close_s for s in sessions), default=0.0),
        "console_samples": sorted({e for s in sessions for e in s.console_errors})[:10],
        "baseline": asdict(baseline),
        "peak": asdict(sampler.peak),
        "peak_kernels": sampler.peak_kernels,
        "per_session_mib": (sampler.peak.total_mib - baseline.total_mib) / size,
        "server_cpu_s_per_session": sampler.server_cpu.seconds / size,
        "kernel_cpu_s_per_session": sampler.kernel_cpu.seconds / size,
        "browser_cpu_s_per_session": sampler.browser_cpu.seconds / size,
        "after": asdict(after),
        "kernels_after_close": kernels_left,
        "seconds_to_pool": waited,
    }


async def leak_check(browser, server: VoilaServer, cycles: int, run: Run) -> dict:
    """`cycles` open/close cycles in batches; server RSS, once the kernels are gone, every LEAK_EARLY cycles.

    The series tells a leak (steady growth) from warm-up (growth that levels off).
    """
    series: list[tuple[int, float]] = []
    failures, done = 0, 0
    with Sampler(server, run.seen):
        while done < cycles:
            batch = min(LEAK_BATCH, cycles - done)
            pages = (session(browser, server, 2, done + i, run.ready_timeout_s) for i in range(batch))
            results = await asyncio.gather(*pages)
            failures += sum(1 for r in results if r.failures or r.console_errors)
            done += batch
            if done % LEAK_EARLY == 0 or done == cycles:
                await wait_for_pool(server, run.pool, cull_interval_s())
                await asyncio.sleep(SETTLE_S)
                series.append((done, snapshot(server).server_mib))
                print(f"  leak check: {done}/{cycles} cycles, server {series[-1][1]:.0f} MiB", flush=True)
    early = next(mib for count, mib in series if count >= min(LEAK_EARLY, cycles))
    late = snapshot(server)
    return {
        "cycles": cycles,
        "failed_cycles": failures,
        "series": series,
        "server_mib_after_early": early,
        "server_mib_after_all": series[-1][1],
        "growth": series[-1][1] / early - 1,
        "kernels_after": late.kernels,
    }


def busy_title(language: str = "en") -> str:
    """The busy page's heading, as the content words it (data/text/<language>/labels.yaml)."""
    import yaml

    path = ROOT / "data" / "text" / language / "labels.yaml"
    return " ".join(yaml.safe_load(path.read_text(encoding="utf-8"))["busy"]["title"].split())


@dataclass
class Visit:
    """One page asked for above the limit: live (the app got ready), busy (503 and the busy page), or failed."""

    context: object
    page: object
    status: int = 0
    live: bool = False
    busy: bool = False
    failures: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


async def visit(browser, server: VoilaServer, timeout_s: float) -> Visit:
    """Open the app in a fresh context and keep it open: the page is either admitted (ready) or busy."""
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    result = Visit(context, page)
    page.on("console", lambda message: message.type == "error" and result.console_errors.append(message.text))
    page.on("pageerror", lambda error: result.console_errors.append(str(error)))
    page.on("request", lambda request: _note_request(request.url, result))
    await settle_visit(result, page.goto(server.url, timeout=timeout_s * 1000), timeout_s)
    return result


async def settle_visit(result: Visit, navigation, timeout_s: float) -> None:
    """Wait for the navigation, then for the app (200) or read the busy page (503)."""
    try:
        response = await navigation
        result.status = response.status if response else 0
        if result.status == 503:
            heading = await result.page.locator("h1").inner_text(timeout=10_000)
            result.busy = heading.strip() == busy_title()
            if not result.busy:
                result.failures.append(f"a 503 page without the busy page's title: {heading!r}")
        else:
            await result.page.wait_for_selector(DASHBOARD.ready, state="visible", timeout=timeout_s * 1000)
            result.live = True
    except Exception as error:
        result.failures.append(f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")


def _busy_console_noise(text: str) -> bool:
    """Chromium's own line for a 503 document (the busy page): expected, not an error of the app."""
    return "status of 503" in text


async def above_limit(browser, limit: int, beyond: int, run: Run, voila_args: tuple[str, ...]) -> dict:
    """`limit + beyond` pages at once against a server with `--max-pages limit` (no reserve: one machine)."""
    args = (*voila_args, f"--PageKernelManager.max_pages={limit}", "--PageKernelManager.reserved_pages=0")
    with running_voila(RESULTS_DIR / "load-limit.log", extra_args=args) as server:
        warm = await session(browser, server, 0, 0, run.ready_timeout_s)
        if warm.failures:
            raise RuntimeError(f"the warm-up page failed: {warm.failures}\n{server.log_tail()}")
        await wait_for_pool(server, 0, cull_interval_s())
        await asyncio.sleep(SETTLE_S)
        baseline = snapshot(server)
        with Sampler(server, run.seen) as sampler:
            began = time.perf_counter()
            visits = await asyncio.gather(*(visit(browser, server, run.ready_timeout_s) for _ in range(limit + beyond)))
            all_answered_s = time.perf_counter() - began
            live = [v for v in visits if v.live]
            busy = [v for v in visits if v.busy]
            kernels_with_pages_open = len(kernel_processes(server))
            for v in live:
                await close_page(v.page)
            kernels_left, freed_s = await wait_for_pool(server, 0, cull_interval_s())
            reload_began = time.perf_counter()
            for v in busy:
                v.status, v.busy = 0, False
            await asyncio.gather(
                *(settle_visit(v, v.page.reload(timeout=run.ready_timeout_s * 1000), run.ready_timeout_s) for v in busy)
            )
            reload_s = time.perf_counter() - reload_began
            reloaded = sum(1 for v in busy if v.live)
            for v in busy:
                await close_page(v.page)
            await wait_for_pool(server, 0, cull_interval_s())
        for v in visits:
            await v.context.close()
        await asyncio.sleep(SETTLE_S)
        after = snapshot(server)
    errors = [e for v in visits for e in v.console_errors if not _busy_console_noise(e)]
    return {
        "limit": limit,
        "asked": limit + beyond,
        "live": len(live),
        "busy": len(busy),
        "failed": sum(1 for v in visits if v.failures),
        "failures": sorted({f for v in visits for f in v.failures})[:10],
        "console_errors": len(errors),
        "console_samples": sorted(set(errors))[:10],
        "seconds_to_all_answers": all_answered_s,
        "kernels_with_pages_open": kernels_with_pages_open,
        "peak_kernels": sampler.peak_kernels,
        "baseline": asdict(baseline),
        "peak": asdict(sampler.peak),
        "per_live_page_mib": (sampler.peak.total_mib - baseline.total_mib) / max(limit, 1),
        "kernels_after_live_closed": kernels_left,
        "seconds_to_free": freed_s,
        "busy_reloaded": reloaded,
        "reload_s": reload_s,
        "after": asdict(after),
    }


def limit_line(f: dict) -> str:
    return (
        f"above the limit: {f['asked']} pages at once with --max-pages {f['limit']}: {f['live']} live, "
        f"{f['busy']} busy, {f['failed']} failed, {f['console_errors']} console errors; "
        f"{f['kernels_with_pages_open']} kernels (peak {f['peak_kernels']}), peak {_total(f['peak']):.0f} MiB "
        f"({f['per_live_page_mib']:.0f} MiB per live page); all answered in {f['seconds_to_all_answers']:.1f} s; "
        f"places free {f['seconds_to_free']:.1f} s after the live pages closed; "
        f"{f['busy_reloaded']}/{f['busy']} busy pages reloaded into the app in {f['reload_s']:.1f} s"
        + "".join(f"\n  failure: {text}" for text in f["failures"])
        + "".join(f"\n  console: {text}" for text in f["console_samples"])
    )


async def measure(
    sizes: tuple[int, ...],
    cycles: int,
    run: Run,
    voila_args: tuple[str, ...],
    shared_cache: bool,
    limit: int = ABOVE_LIMIT,
) -> dict:
    """Every class size on one server, the leak check and the run above the page limit (`limit`, 0: none) on
    fresh ones; printed as each part ends."""
    from playwright.async_api import async_playwright

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    results: dict = {"classes": [], "leak": None, "above_limit": None, "load_before": os.getloadavg()[0]}
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=LOAD_ARGS)
            opener = await browser.new_context(viewport=VIEWPORT) if shared_cache else browser
            if sizes:
                with running_voila(RESULTS_DIR / "load.log", extra_args=voila_args) as server:
                    warm = await session(opener, server, 0, 0, run.ready_timeout_s)  # disk caches; not counted
                    if warm.failures:
                        raise RuntimeError(f"the warm-up page failed: {warm.failures}\n{server.log_tail()}")
                    for size in sizes:
                        figures = await classroom(opener, server, size, run)
                        results["classes"].append(figures)
                        print(class_line(figures), flush=True)
            if cycles:
                with running_voila(RESULTS_DIR / "load-leak.log", extra_args=voila_args) as server:
                    await session(opener, server, 0, 0, run.ready_timeout_s)
                    results["leak"] = await leak_check(opener, server, cycles, run)
            if limit:
                results["above_limit"] = await above_limit(browser, limit, BEYOND, run, voila_args)
                print(limit_line(results["above_limit"]), flush=True)
            await browser.close()
    finally:
        if orphans := reap(run.seen):
            print(f"stopped {orphans} kernel(s) left behind by the server", file=sys.stderr)
    return results


def _total(shot: dict) -> float:
    return shot["server_mib"] + shot["kernels_mib"]


def class_line(f: dict) -> str:
    return (
        f"N={f['size']}: {f['rendered']}/{f['size']} ready, median {f['ready_median_s']:.1f} s, "
        f"p95 {f['ready_p95_s']:.1f} s; toggle p95 {f['toggle_p95_ms']:.0f} ms; "
        f"{f['failed_pages']} failed pages, {f['console_errors']} console errors; "
        f"peak {_total(f['peak']):.0f} MiB with {f['peak_kernels']} kernels; "
        f"{f['kernels_after_close']} kernels {f['seconds_to_pool']:.1f} s after closing; "
        f"slowest close {f.get('close_max_s', 0):.1f} s ({f.get('slow_closes', 0)} over {CLOSE_TIMEOUT_S:.0f} s)"
        + "".join(f"\n  failure: {text}" for text in f["failures"])
        + "".join(f"\n  console: {text}" for text in f["console_samples"])
    )


def verdicts(results: dict, pool: int) -> list[tuple[str, bool]]:
    """The issue's targets, each with whether this run met it."""
    checks = []
    largest = max(results["classes"], key=lambda f: f["size"], default=None)
    if largest:
        clean = largest["rendered"] == largest["size"] and not largest["failed_pages"] and not largest["console_errors"]
        checks.append((f"{largest['size']} simultaneous sessions all render with zero errors", clean))
    for figures in results["classes"]:
        checks.append(
            (
                f"N={figures['size']}: live kernels back to the pool size ({pool}) within the cull interval "
                f"({cull_interval_s():.0f} s)",
                figures["kernels_after_close"] <= pool,
            )
        )
    if leak := results["leak"]:
        checks.append(
            (
                f"server memory after {leak['cycles']} cycles within {TARGET_LEAK:.0%} of after {LEAK_EARLY}",
                abs(leak["growth"]) <= TARGET_LEAK,
            )
        )
    if above := results.get("above_limit"):
        limit, beyond = above["limit"], above["asked"] - above["limit"]
        checks += [
            (
                f"{above['asked']} pages at once with --max-pages {limit}: exactly {limit} live, {beyond} busy, "
                "0 errors",
                (above["live"], above["busy"], above["failed"], above["console_errors"]) == (limit, beyond, 0, 0),
            ),
            (
                f"above the limit: never more than {limit} kernels, at most {PAGE_MIB} MiB per live page",
                above["peak_kernels"] <= limit and above["per_live_page_mib"] <= PAGE_MIB,
            ),
            (
                "above the limit: every busy page's reload opens the app once the live pages closed",
                above["busy_reloaded"] == above["busy"],
            ),
        ]
    return checks


def report(results: dict, pool: int, voila_args: tuple[str, ...]) -> str:
    """The Markdown block for docs/performance.md (also printed)."""
    classes = results["classes"]
    one = next((f for f in classes if f["size"] == 1), classes[0] if classes else None)
    header = "| figure | " + " | ".join(f"N={f['size']}" for f in classes) + " |"
    rows = [
        ("pages ready", lambda f: f"{f['rendered']}/{f['size']}"),
        ("time to ready, median (s)", lambda f: f"{f['ready_median_s']:.1f}"),
        ("time to ready, p95 (s)", lambda f: f"{f['ready_p95_s']:.1f}"),
        ("toggle → reasons, median (ms)", lambda f: f"{f['toggle_median_ms']:.0f}"),
        ("toggle → reasons, p95 (ms)", lambda f: f"{f['toggle_p95_ms']:.0f}"),
        ("failed pages / console errors", lambda f: f"{f['failed_pages']} / {f['console_errors']}"),
        (
            "peak memory, server + kernels (MiB RSS)",
            lambda f: f"{_total(f['peak']):.0f}",
        ),
        ("peak memory, server alone (MiB RSS)", lambda f: f"{f['peak']['server_mib']:.0f}"),
        ("kernels at peak", lambda f: f"{f['peak_kernels']}"),
        ("memory per session (MiB)", lambda f: f"{f['per_session_mib']:.0f}"),
        ("CPU per session, Voilà server (s)", lambda f: f"{f['server_cpu_s_per_session']:.2f}"),
        ("CPU per session, kernel (s)", lambda f: f"{f['kernel_cpu_s_per_session']:.2f}"),
        ("CPU per session, browser (s)", lambda f: f"{f['browser_cpu_s_per_session']:.2f}"),
        ("memory after close (MiB RSS)", lambda f: f"{_total(f['after']):.0f}"),
        ("kernels alive after close (waited s)", lambda f: f"{f['kernels_after_close']} ({f['seconds_to_pool']:.1f})"),
    ]
    ratios = [
        ("ready median ÷ N=1", "ready_median_s"),
        ("ready p95 ÷ N=1", "ready_p95_s"),
        ("toggle p95 ÷ N=1", "toggle_p95_ms"),
        ("memory per session ÷ N=1", "per_session_mib"),
    ]
    table = [header, "|---|" + "---:|" * len(classes)] if classes else []
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {psutil.cpu_count()} CPUs (browser, server and kernels on "
        f"the same machine; load average {results['load_before']:.1f} before the run from other work), {TOGGLES} "
        f"toggles per page; preheated pool: {pool}; extra Voilà flags: "
        f"{' '.join(voila_args) or 'none'}.",
        "",
        *table,
    ]
    lines += [f"| {label} | " + " | ".join(cell(f) for f in classes) + " |" for label, cell in rows if classes]
    if one:
        lines += [
            f"| {label} | " + " | ".join(f"{f[key] / one[key]:.2f}×" if one[key] else "–" for f in classes) + " |"
            for label, key in ratios
        ]
    if leak := results["leak"]:
        lines += [
            "",
            f"Leak check: {leak['cycles']} open/close cycles in batches of {LEAK_BATCH} on a fresh server; "
            f"server RSS (MiB) by cycle: {', '.join(f'{count}: {mib:.0f}' for count, mib in leak['series'])}; "
            f"server RSS {leak['server_mib_after_early']:.0f} MiB after {LEAK_EARLY}, "
            f"{leak['server_mib_after_all']:.0f} MiB after {leak['cycles']} ({leak['growth']:+.1%}); "
            f"{leak['failed_cycles']} failed cycles; "
            f"{leak['kernels_after']} kernels alive at the end.",
        ]
    if above := results.get("above_limit"):
        first_line = limit_line(above).split(": ", 1)[1].split("\n")[0]
        lines += ["", f"Above the page limit (fresh server): {first_line}."]
    lines += ["", "| target | met |", "|---|:---:|"]
    lines += [f"| {label} | {'PASS' if ok else '**FAIL**'} |" for label, ok in verdicts(results, pool)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, CLASS_SIZES)), help="class sizes (default 1,10,30)")
    parser.add_argument("--cycles", type=int, default=LEAK_CYCLES, help="leak-check cycles, 0 to skip (default 100)")
    parser.add_argument("--pool-size", type=int, default=0, help="run with a preheated kernel pool of this size")
    parser.add_argument("--voila-arg", action="append", default=[], help="extra Voilà flag")
    parser.add_argument(
        "--warm-cache", action="store_true", help="pages share one browser context and its cache (returning devices)"
    )
    parser.add_argument(
        "--ready-timeout", type=float, default=READY_TIMEOUT_S, help="seconds a page may take to get ready (120)"
    )
    parser.add_argument(
        "--above-limit",
        type=int,
        default=ABOVE_LIMIT,
        metavar="N",
        help=f"run {BEYOND} pages above a limit of N pages (default {ABOVE_LIMIT}, 0 to skip)",
    )
    parser.add_argument("--budget", type=float, default=BUDGET_S, help="give up after this many seconds")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"no Chromium at {CHROMIUM}: install it (make load does) or set SECONDOP_CHROMIUM", file=sys.stderr)
        return 2
    sizes = tuple(int(size) for size in args.sizes.split(",") if size.strip())
    pool = max(args.pool_size, 0)
    voila_args = (*(("--preheat_kernel=True", f"--pool_size={pool}") if pool else ()), *args.voila_arg)
    began = time.perf_counter()
    try:
        settings = Run(pool=pool, ready_timeout_s=args.ready_timeout)
        job = measure(sizes, args.cycles, settings, voila_args, args.warm_cache, max(args.above_limit, 0))
        results = asyncio.run(asyncio.wait_for(job, args.budget))
    except (TimeoutError, asyncio.TimeoutError):
        print(f"gave up after {args.budget:.0f} s (see {RESULTS_DIR / 'load.log'})", file=sys.stderr)
        return 1
    except RuntimeError as error:  # the server did not start, or the warm-up page failed
        print(f"load test stopped: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; the server and its kernels were stopped", file=sys.stderr)
        return 130
    block = report(results, pool, voila_args)
    print(block)
    print(f"whole run: {time.perf_counter() - began:.0f} s")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS_DIR / f"load-{stamp}.json").write_text(
        json.dumps({"voila_args": voila_args, "pool": pool, "results": results}, indent=2), encoding="utf-8"
    )
    if not args.no_write:
        write_between_markers(block, START, END)
    return 0 if all(ok for _, ok in verdicts(results, pool)) else 1


if __name__ == "__main__":
    sys.exit(main())
