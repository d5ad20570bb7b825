"""Build the static edition (`make static`): the dashboard as plain files, Python running in the page.

Offline, from PyPI and npm only (see docs/deployment.md and ../shared/voici-notes.md):
1. validate the content with the normal validator and write it as JSON (`secondop.content.json_bundle`);
   invalid content stops the build with the validator's problems;
2. pack the project's own wheel for the browser: the package plus that JSON, needing only ipywidgets and segno
   (the served edition's wheel needs Voilà, pandas, plotly, pydantic: none of them load in the browser);
3. take the Pyodide runtime from the npm package and the pure-Python wheels kernel start-up needs from PyPI,
   by the exact versions Pyodide's lock file names; the lock is cut down to what ships, plus the app's own
   wheels, all loaded in one step as Pyodide starts, and compiled to bytecode by Pyodide itself (in Node);
4. `voici build` with the `secondop-static` template (the served page's stylesheet and scripts, no CDN),
   the PyPI fallback switched off, into `build/static/`;
5. each example link's first view, drawn as HTML by the served edition's code (`first_views.py`), and the
   page's small script that shows the one for its own link while Python starts.

Run it with the project's Python (it imports the validator); Voici runs from its own tool environment
(`.tools/static/venv`, made on the first build), so the project keeps its own Voilà.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .common import ROOT, SERVED_NOTEBOOK, TOOLS, BuildError, run
from .first_views import inject_loader, write_first_views
from .pages import front_door, offline_pages, prune_unused
from .pyodide_runtime import PRELOADED, compile_wheels, kernel_extension_wheels, preload_into_lock, pyodide_folder
from .wheels import app_wheels

VOICI_PYTHON = TOOLS / "venv" / "bin" / "python"

DEFAULT_OUTPUT = ROOT / "build" / "static"

TEMPLATE = "secondop-static"

#: Pinned, with why (../shared/voici-notes.md): voici-core, not voici (its xeus kernel needs conda);
#: the Pyodide kernel at 0.7.0 (0.7.2's front end needs a newer @jupyterlite/services than Voici 0.10's);
#: Pyodide 0.29.0 is the version that kernel names.
VOICI_CORE = "voici-core==0.10.0"

PYODIDE_KERNEL = "jupyterlite-pyodide-kernel==0.7.0"


def static_notebook() -> dict[str, object]:
    """The served notebook with its one call swapped for the static edition's.

    The `%pip install` finds the app already loaded with Pyodide (PRELOADED) and does nothing; it stays so the
    page still works from the local index if the preload list changes.
    """
    notebook = json.loads(SERVED_NOTEBOOK.read_text())
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    if len(code) != 1:
        raise BuildError(f"{SERVED_NOTEBOOK.name} should have exactly one code cell, has {len(code)}")
    code[0]["source"] = (
        "%pip install -q secondop\n"
        "from secondop.ui.static_entry import show_static_dashboard\n\n"
        "app = show_static_dashboard()"
    )
    code[0]["outputs"], code[0]["execution_count"] = [], None
    notebook["metadata"]["kernelspec"] = {"display_name": "Python (Pyodide)", "language": "python", "name": "python"}
    return notebook


LITE_CONFIG = {
    "jupyter-lite-schema-version": 0,
    "jupyter-config-data": {
        "appName": "Second Opinion Navigator",
        "disabledExtensions": [],
        "litePluginSettings": {
            "@jupyterlite/pyodide-kernel-extension:kernel": {
                "pyodideUrl": "./static/pyodide/pyodide.js",
                "disablePyPIFallback": True,
                "loadPyodideOptions": {"packages": list(PRELOADED)},
            }
        },
    },
}


def ensure_tools() -> None:
    """Voici's own environment under .tools/ with the pinned versions; made once, remade when a pin changes."""
    stamp = TOOLS / "venv" / "secondop-pins.txt"
    wanted = f"{VOICI_CORE}\n{PYODIDE_KERNEL}\n"
    if VOICI_PYTHON.exists() and stamp.exists() and stamp.read_text() == wanted:
        return
    if shutil.which("npm") is None:
        raise BuildError("npm (Node.js) is needed for Pyodide's runtime: install Node.js, then run `make static`")
    shutil.rmtree(TOOLS / "venv", ignore_errors=True)
    run([sys.executable, "-m", "venv", str(TOOLS / "venv")])
    run([str(VOICI_PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([str(VOICI_PYTHON), "-m", "pip", "install", "--quiet", VOICI_CORE, PYODIDE_KERNEL])
    stamp.write_text(wanted)


def build(output: Path, data: Path | None = None) -> dict[str, object]:
    """Build the site into `output` (replaced); returns figures about it for the build's summary."""
    from secondop.content.json_bundle import write_bundle

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="secondop-static-") as scratch:
        work = Path(scratch)
        bundle = work / "bundle"
        write_bundle(bundle, data)  # first: invalid content stops the build with the validator's problems
        ensure_tools()
        cache = TOOLS / "cache"
        cache.mkdir(parents=True, exist_ok=True)
        lite = work / "lite"
        pyodide_folder(lite / "static" / "pyodide", cache)
        app_wheels(lite / "pypi", cache, bundle)
        preload_into_lock(
            lite / "static" / "pyodide", [*sorted((lite / "pypi").glob("*.whl")), *kernel_extension_wheels()]
        )
        compile_wheels(lite / "static" / "pyodide")
        (lite / "jupyter-lite.json").write_text(json.dumps(LITE_CONFIG, indent=2))
        contents = work / "contents"
        contents.mkdir()
        (contents / SERVED_NOTEBOOK.name).write_text(json.dumps(static_notebook(), indent=1))
        if output.exists():
            shutil.rmtree(output)
        env = {**os.environ, "JUPYTER_PATH": str(ROOT / "share" / "jupyter")}
        command = [str(VOICI_PYTHON.parent / "voici"), "build", "--lite-dir", str(lite), "--contents", str(contents)]
        command += ["--output-dir", str(output), "--template", TEMPLATE]
        command += ["--no-sourcemaps", "--no-unused-shared-packages"]
        run(command, cwd=work, env=env)
        default = json.loads((bundle / "index.json").read_text())["default"]
        labels = json.loads((bundle / f"{default}.json").read_text())["fields"]["labels"]
        front_door(output, labels["dashboard"]["app_title"], default)
        offline_pages(output)
        prune_unused(output)
        # the plan's words at once: each example link's first view, drawn by the served edition's code
        inject_loader(output, write_first_views(output, data), default)
    size = sum(path.stat().st_size for path in output.rglob("*") if path.is_file())
    return {"output": str(output), "bytes": size, "seconds": round(time.perf_counter() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="folder to build into (replaced)")
    parser.add_argument("--data", type=Path, default=None, help="content folder (default: data/)")
    args = parser.parse_args(argv)
    from secondop.content.problems import ContentError

    try:
        summary = build(args.output.resolve(), args.data)
    except ContentError as error:
        print("The content is not valid, so the site was not built:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    except BuildError as error:
        print(f"The static site was not built: {error}", file=sys.stderr)
        return 1
    print(f"Built {summary['output']}: {int(summary['bytes']) / 2**20:.1f} MiB in {summary['seconds']} s")  # type: ignore[call-overload]
    return 0
