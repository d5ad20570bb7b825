"""Server time per page for the first view: what the prelaunch hook costs on the server's event loop.

Every page request runs the hook before Voilà starts the page's kernel; while it runs, the server answers no
one else. This times the hook in process for the links a class or workshop opens (every example, in every
language, with and without presenter mode, and no query), for a link opened again, and for a link nobody
opened before, plus the start-up work (`FirstViews.prebuild`, when the code has it: the server does it on
its event loop, one view per turn, as it starts).

    .venv/bin/python benchmarks/bench_first_view.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import nbformat

from secondop.server import first_view_hook as hook


def _notebook() -> nbformat.NotebookNode:
    """A fresh notebook asking for a first view (Voilà reads the notebook anew for each page)."""
    return nbformat.from_dict({"metadata": {"secondop": {"first_view": True}}, "cells": [], "nbformat": 4})


def _request(query: str) -> float:
    """Milliseconds the hook takes for one page with this query string."""
    handler = SimpleNamespace(request=SimpleNamespace(query=query))
    notebook = _notebook()
    start = time.perf_counter()
    hook.add_first_view(handler, notebook=notebook, cwd=".")  # type: ignore[arg-type]
    elapsed = (time.perf_counter() - start) * 1000
    if hook.METADATA_KEY not in notebook.metadata:
        raise SystemExit(f"no first view for {query!r}: see the server log")
    return elapsed


def example_links() -> list[str]:
    """No query, and each example (and none) in each language, with and without presenter mode, spelled as the
    page's address bar spells them (`lang` unless the default, `scenario`, `present=1`)."""
    from urllib.parse import urlencode

    from secondop import load_content

    content = load_content()
    links = [""]
    for language in content.settings.all_languages:
        for scenario in ["", *content.scenarios]:
            for present in (False, True):
                pairs = [] if language == content.settings.language else [("lang", language)]
                pairs += [("scenario", scenario)] if scenario else []
                pairs += [("present", "1")] if present else []
                if pairs:
                    links.append(urlencode(pairs))
    return links


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="requests per link for the repeat figure")
    args = parser.parse_args()
    links = example_links()
    views = getattr(hook, "VIEWS", None)  # the server draws these on its event loop as it starts
    prebuild = getattr(views, "prebuild", None)
    startup = 0.0
    if prebuild is not None:
        start = time.perf_counter()
        prebuild()
        startup = (time.perf_counter() - start) * 1000
    first = [_request(link) for link in links]
    again = [_request(link) for _ in range(args.repeat) for link in links]
    unseen = [_request(f"circumstances=rare_cancer&concerns=cost&n={n}") for n in range(5)]
    print(f"links: {len(links)} (examples x languages x presenter mode, and no query)")
    print(f"start-up (prebuild): {startup:8.1f} ms" + ("" if prebuild else "  (this code has none)"))
    for name, values in (("first request of an example link", first), ("same link again", again)):
        print(f"{name:34s} median {statistics.median(values):7.2f} ms   max {max(values):7.2f} ms")
    print(f"{'a link nobody opened before':34s} median {statistics.median(unseen):7.2f} ms   max {max(unseen):7.2f} ms")


if __name__ == "__main__":
    main()
