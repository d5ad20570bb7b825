"""The static edition's build (`devtools/static/`), without running Voici: its parts one by one."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
import yaml

from devtools.static import common, pages, pyodide_runtime, wheels
from devtools.static import site as build_site
from secondop.content.json_bundle import write_bundle
from secondop.paths import PAGE_URL_ENV
from secondop.ui.entry import QUERY_ENV

QUERY_SCRIPT = (
    common.ROOT / "share/jupyter/voila/templates/secondop-static/static/secondop-static-query.js"
).read_text("utf-8")


def _read_wheel(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_written_wheel_records_every_file_with_its_hash(tmp_path: Path) -> None:
    wheel = wheels.write_wheel(tmp_path, "demo", "1.0", {"demo/__init__.py": b"x = 1\n"}, ("segno",))
    assert wheel.name == "demo-1.0-py3-none-any.whl"
    files = _read_wheel(wheel)
    record = files.pop("demo-1.0.dist-info/RECORD").decode().splitlines()
    assert "demo-1.0.dist-info/RECORD,," in record
    for line in record[:-1]:
        name, digest, size = line.split(",")
        data = files[name]
        expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert (digest, int(size)) == (f"sha256={expected}", len(data))
    assert b"Requires-Dist: segno" in files["demo-1.0.dist-info/METADATA"]


@pytest.fixture
def written(tmp_path: Path) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    return tmp_path


def test_the_same_files_give_the_same_wheel(written: Path) -> None:
    """Fixed timestamps and order: a rebuild with nothing changed gives the same bytes (and the same cache key)."""
    first = wheels.write_wheel(written / "a", "demo", "1.0", {"b.py": b"", "a.py": b""}, ())
    second = wheels.write_wheel(written / "b", "demo", "1.0", {"a.py": b"", "b.py": b""}, ())
    assert first.read_bytes() == second.read_bytes()


def test_the_browser_wheel_holds_the_runtime_and_the_content_only(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    write_bundle(bundle)
    wheel = wheels.project_wheel(tmp_path, bundle)
    files = _read_wheel(wheel)
    assert "secondop/ui/static_entry.py" in files and "secondop/content/plain.py" in files
    assert {
        "secondop/site_content/en.json",
        "secondop/site_content/es.json",
        "secondop/site_content/index.json",
    } <= set(files)
    assert not [n for n in files if n.startswith(("secondop/analysis/", "secondop/server/", "secondop/docsgen/"))]
    assert "secondop/cli.py" not in files
    metadata = next(v for k, v in files.items() if k.endswith("/METADATA")).decode()
    assert sorted(line for line in metadata.splitlines() if line.startswith("Requires-Dist")) == [
        "Requires-Dist: ipywidgets",
        "Requires-Dist: segno",
    ]


def test_kernel_packages_follow_dependencies_and_drop_what_is_not_needed() -> None:
    def entry(name: str, *depends: str) -> dict[str, object]:
        return {"name": name, "version": "1", "file_name": f"{name}-1-py3-none-any.whl", "depends": list(depends)}

    lock = {
        "packages": {
            "micropip": entry("micropip"),
            "ipython": entry("ipython", "prompt_toolkit", "sqlite3", "matplotlib-inline"),
            "prompt-toolkit": entry("prompt-toolkit", "wcwidth"),
            "wcwidth": entry("wcwidth"),
            "matplotlib-inline": entry("matplotlib-inline", "matplotlib"),
            "matplotlib": entry("matplotlib", "numpy"),
            "numpy": entry("numpy"),
            "sqlite3": entry("sqlite3"),
            "jedi": entry("jedi", "parso"),
            "parso": entry("parso"),
            "pandas": entry("pandas", "numpy"),
        }
    }
    chosen = pyodide_runtime.kernel_lock_packages(lock)
    # jedi (and so parso) ships as a stub, not from the lock
    assert sorted(chosen) == ["ipython", "matplotlib-inline", "micropip", "prompt-toolkit", "wcwidth"]
    assert chosen["ipython"]["depends"] == ["prompt_toolkit", "matplotlib-inline"]
    assert chosen["matplotlib-inline"]["depends"] == []


def test_the_static_notebook_keeps_the_intro_and_swaps_the_one_call() -> None:
    served = json.loads(common.SERVED_NOTEBOOK.read_text())
    notebook = build_site.static_notebook()
    kinds = [cell["cell_type"] for cell in notebook["cells"]]
    assert kinds == [cell["cell_type"] for cell in served["cells"]]
    assert notebook["cells"][0]["source"] == served["cells"][0]["source"]
    code = next(cell for cell in notebook["cells"] if cell["cell_type"] == "code")["source"]
    assert "%pip install -q secondop" in code and "show_static_dashboard()" in code
    assert notebook["metadata"]["kernelspec"]["name"] == "python"  # the Pyodide kernel's name


def test_the_page_script_sets_the_variables_python_reads() -> None:
    assert f"{QUERY_ENV}:" in QUERY_SCRIPT
    assert f"env.{PAGE_URL_ENV} =" in QUERY_SCRIPT


def test_invalid_content_stops_the_build_with_the_validators_words(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_copy / "reasons.yaml"
    entries = yaml.safe_load(path.read_text("utf-8"))
    entries[0]["theme"] = "no_such_theme"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), "utf-8")
    output = tmp_path / "site"
    assert build_site.main(["--output", str(output), "--data", str(data_copy)]) == 1
    error = capsys.readouterr().err
    assert "not valid, so the site was not built" in error and "no_such_theme" in error
    assert not output.exists()


def test_outside_stylesheets_are_stripped_and_outside_scripts_refused(tmp_path: Path) -> None:
    tree = tmp_path / "voici" / "tree"
    tree.mkdir(parents=True)
    page = tree / "index.html"
    page.write_text(
        '<head>\n<link rel="stylesheet" href="https://cdn.example/fa.css">\n<link rel="stylesheet" href="local.css">\n'
    )
    assert pages.offline_pages(tmp_path) == [page]
    assert page.read_text() == '<head>\n<link rel="stylesheet" href="local.css">\n'
    assert pages.offline_pages(tmp_path) == []  # nothing left to strip
    page.write_text('<script src="https://cdn.example/x.js"></script>')
    with pytest.raises(common.BuildError, match=r"voici/tree/index\.html loads a script"):
        pages.offline_pages(tmp_path)


def test_the_front_door_opens_the_app_with_the_links_query(tmp_path: Path) -> None:
    pages.front_door(tmp_path, "Tom & Jerry's <guide>", "en")
    page = (tmp_path / "index.html").read_text()
    assert 'location.replace("voici/render/second_opinion.html" + location.search' in page
    assert "<title>Tom &amp; Jerry&#x27;s &lt;guide&gt;</title>" in page


def test_jupyterlites_unused_bundle_is_pruned_but_schemas_and_licences_stay(tmp_path: Path) -> None:
    build = tmp_path / "build"
    (build / "schemas" / "x").mkdir(parents=True)
    (build / "schemas" / "x" / "plugin.json").write_text("{}")
    (build / "third-party-licenses.json").write_text("{}")
    (build / "jlab_core.js").write_bytes(b"x" * 100)
    (build / "fonts").mkdir()
    (build / "fonts" / "a.woff").write_bytes(b"y" * 10)
    assert pages.prune_unused(tmp_path) == 110
    assert sorted(p.name for p in build.iterdir()) == ["schemas", "third-party-licenses.json"]
    assert pages.prune_unused(tmp_path) == 0


def test_preloaded_wheels_join_pyodides_lock(tmp_path: Path) -> None:
    pyodide = tmp_path / "pyodide"
    pyodide.mkdir()
    lock = {"info": {}, "packages": {name: {"name": name} for name in ("micropip", "jedi", "ipython")}}
    (pyodide / "pyodide-lock.json").write_text(json.dumps(lock))
    folder = tmp_path / "wheels"
    folder.mkdir()
    names = ["sqlite3", "ipykernel", "comm", "pyodide_kernel", "widgetsnbextension", "jupyterlab_widgets"]
    names += ["ipywidgets", "segno", "secondop"]
    made = [wheels.write_wheel(folder, name, "1.0", {f"{name}/__init__.py": b""}, ()) for name in names]
    added = pyodide_runtime.preload_into_lock(pyodide, made)
    assert "pyodide-kernel" in added and "jupyterlab-widgets" in added
    written = json.loads((pyodide / "pyodide-lock.json").read_text())["packages"]
    entry = written["secondop"]
    assert entry["file_name"] == "secondop-1.0-py3-none-any.whl"
    assert entry["sha256"] == hashlib.sha256((pyodide / entry["file_name"]).read_bytes()).hexdigest()
    # a preloaded name the lock cannot serve fails the build rather than the page
    (pyodide / "pyodide-lock.json").write_text(json.dumps(lock))
    with pytest.raises(common.BuildError, match="secondop"):
        pyodide_runtime.preload_into_lock(pyodide, made[:-1])


def test_stubs_answer_the_kernels_install_list_with_no_module(tmp_path: Path) -> None:
    for name, why in wheels.STUBS.items():
        files = _read_wheel(wheels.write_wheel(tmp_path, name, "0.0.0+stub", {}, (), summary=why))
        assert all(".dist-info/" in file for file in files), files  # nothing importable
        metadata = files[f"{name}-0.0.0+stub.dist-info/METADATA"].decode()
        assert f"Name: {name}" in metadata and f"Summary: {why}" in metadata


def test_the_kernels_start_packages_are_all_preloaded() -> None:
    """The kernel skips `piplite.install` only for names in loadPyodideOptions.packages (pyodide-kernel 0.7)."""
    kernel_start = {"micropip", "sqlite3", "ipykernel", "comm", "pyodide_kernel", "jedi", "ipython"}
    settings = build_site.LITE_CONFIG["jupyter-config-data"]["litePluginSettings"]  # type: ignore[index]
    packages = settings["@jupyterlite/pyodide-kernel-extension:kernel"]["loadPyodideOptions"]["packages"]
    assert kernel_start <= set(packages) and "secondop" in packages


def test_the_pages_wheels_are_versions_the_served_edition_accepts() -> None:
    """The browser installs exact versions; each must satisfy pyproject.toml's range for the same package."""
    import tomllib
    from packaging.requirements import Requirement

    project = tomllib.loads((common.ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    ranges = {Requirement(spec).name.lower(): Requirement(spec).specifier for spec in project["dependencies"]}
    checked = 0
    for pin in wheels.APP_WHEELS:
        name, version = pin.split("==")
        if name.lower() in ranges:
            assert version in ranges[name.lower()], f"{pin} is outside pyproject.toml's {ranges[name.lower()]}"
            checked += 1
    assert checked >= 2  # ipywidgets and segno are the app's own dependencies
