"""Bytes on the wire in Binder's set-up: a Jupyter server with Voilà as its extension, started by `start`.

Run by hand (`.venv/bin/python benchmarks/binder_bytes.py`). It serves the repository the way Binder does
(jupyter_config.json through the `start` script) and, for comparison, with a copy of that config without the
`ServerApp` section (no gzip, no websocket compression); it prints the bytes of a first and a second visit.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench_dashboard import OFFLINE_ARGS, wire_bytes
from common import DASHBOARD, RESULTS_DIR, ROOT, App

from devtools.browser_harness import CHROMIUM, CHROMIUM_ARGS, VoilaServer, running_voila

URL_PATH = "voila/render/notebooks/second_opinion.ipynb"


@contextmanager
def binder_server(config_dir: Path, log: Path) -> Iterator[VoilaServer]:
    """`start jupyter server` from the repository, reading its Jupyter config from `config_dir`."""
    command = [
        str(ROOT / "start"), sys.executable, "-m", "jupyter", "server", "--no-browser", "--port={port}",
        "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--allow-root", f"--ServerApp.root_dir={ROOT}",
    ]  # fmt: skip
    env = {key: value for key, value in os.environ.items() if not key.startswith("JUPYTER_")}
    with tempfile.TemporaryDirectory() as home:
        env.update(REPO_DIR=str(config_dir), JUPYTER_CONFIG_DIR=home, JUPYTER_DATA_DIR=home)
        env["JUPYTER_PATH"] = str(ROOT / "share" / "jupyter")  # the template, whichever config folder is used
        with running_voila(log, command=command, cwd=ROOT, env=env) as server:
            yield server


def main() -> int:
    from playwright.sync_api import sync_playwright

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    app = App("binder", DASHBOARD.notebook, DASHBOARD.ready, DASHBOARD.checkbox, DASHBOARD.changes)
    app = App(**{**app.__dict__, "query": f"{URL_PATH}{DASHBOARD.query}"})
    results = {}
    with tempfile.TemporaryDirectory() as plain_dir, sync_playwright() as playwright:
        config = json.loads((ROOT / "jupyter_config.json").read_text(encoding="utf-8"))
        config.pop("ServerApp", None)
        (Path(plain_dir) / "jupyter_config.json").write_text(json.dumps(config), encoding="utf-8")
        (Path(plain_dir) / "share").symlink_to(ROOT / "share")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *OFFLINE_ARGS])
        for name, folder in (("Binder, no compression", Path(plain_dir)), ("Binder, jupyter_config.json", ROOT)):
            with binder_server(folder, RESULTS_DIR / f"{name.split(',')[1].strip()}.log") as server:
                results[name] = wire_bytes(browser, server, app)
            print(f"{name}: {results[name]}", flush=True)
        browser.close()
    print("| server | first visit (KiB) | requests | second visit (KiB) | requests |\n|---|---:|---:|---:|---:|")
    for name, wire in results.items():
        print(
            f"| {name} | {wire['cold_bytes'] / 1024:.0f} | {wire['cold_requests']} | "
            f"{wire['warm_bytes'] / 1024:.0f} | {wire['warm_requests']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
