"""The package's shape, measured: one folder per stage, no import cycles, no import that climbs back up,
and a runtime path (content model -> assess -> dashboard) free of pandas and numpy."""

from __future__ import annotations

import ast
import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "secondop"

#: Rank of each stage: a module may import its own folder, or a stage of a lower rank. Equal ranks are peers
#: that never import each other (the dashboard and the analysts' tables; the server and the doc generators).
RANKS = {
    "paths": 0,
    "link_limits": 0,
    "content": 1,
    "plan": 2,
    "analysis": 3,
    "ui": 3,
    "server": 4,
    "docsgen": 4,
    "cli": 5,
    "__init__": 5,
    "__main__": 6,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every secondop module this file imports (TYPE_CHECKING and function-level imports included)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "secondop":
                continue
            for alias in node.names:  # `from . import html_parts` names a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in MODULES else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "secondop")
    return {m for m in found if m != name}


FILES = sorted(PACKAGE.rglob("*.py"))
MODULES = {_module_name(p) for p in FILES}
GRAPH = {_module_name(p): _imports(p) for p in FILES}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_module_belongs_to_a_known_stage() -> None:
    assert {_stage(m) for m in MODULES} <= set(RANKS)


def test_no_import_climbs_back_up_a_layer() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        here = _stage(module)
        for target in targets:
            there = _stage(target)
            if there != here and RANKS[there] >= RANKS[here]:
                wrong.append(f"{module} -> {target}")
    assert not wrong, "imports that climb up or cross to a peer:\n" + "\n".join(sorted(wrong))


def test_no_import_cycles() -> None:
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH.get(module, ())):
            if target not in GRAPH:
                continue
            if state.get(target) == 1:
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    # a package's __init__ re-exporting its own modules is not a cycle that matters
    real = [c for c in cycles if not all(part.startswith(c.split(" -> ")[0]) for part in c.split(" -> "))]
    assert not real, "\n".join(real)


def test_only_the_dashboard_imports_ipywidgets() -> None:
    for path in FILES:
        tree = ast.parse(path.read_text("utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        if any(n.split(".")[0] == "ipywidgets" for n in names):
            assert _stage(_module_name(path)) == "ui", path


def test_the_runtime_path_imports_neither_pandas_nor_numpy() -> None:
    """Content model -> assess -> the dashboard, as a Voilà kernel runs it (and as the static edition will)."""
    code = (
        "import json, sys\n"
        "from secondop import load_content, assess\n"
        "from secondop.ui import build_dashboard\n"
        "content = load_content()\n"
        "app = build_dashboard(content, 'scenario=david_kidney_cancer')\n"
        "app.circumstance_boxes['small_or_rural_hospital'].value = False\n"
        "print(json.dumps(sorted(m for m in ('pandas', 'numpy', 'plotly') if m in sys.modules)))\n"
    )
    env = {**os.environ, "SECONDOP_CONTENT_CACHE": "off"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_benchmarks_import_nothing_from_the_tests() -> None:
    """The browser harness lives in devtools/, which both use; a benchmark never reaches into tests/."""
    root = PACKAGE.parent
    test_modules = {p.stem for p in (root / "tests").rglob("*.py")}
    for path in (root / "benchmarks").glob("*.py"):
        source = path.read_text("utf-8")
        assert '"tests"' not in source and "'tests'" not in source, f"{path.name} puts tests/ on the path"
        tree = ast.parse(source)
        names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not names & test_modules - {"conftest"}, f"{path.name} imports {sorted(names & test_modules)}"


CSS_RULE = re.compile(r"[\w\])*-]\s*\{\s*[a-z-]+\s*:[^{};]+;[^{}]*\}")


def _looks_like_css(text: str) -> bool:
    """Three or more CSS rules (`selector { property: value; }`, on one line or several): a stylesheet, not prose."""
    return len(CSS_RULE.findall(text)) >= 3


def test_stylesheets_live_in_css_files_not_python_strings() -> None:
    """One guess finds the CSS: `*.css` beside the module that reads it, never a string inside a module."""
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        for path in FILES
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _looks_like_css(node.value)
    ]
    assert not found, "CSS inside Python (move it to a .css file read with importlib.resources):\n" + "\n".join(found)


def test_every_stylesheet_is_package_data_and_in_the_static_wheel(tmp_path: Path) -> None:
    """The installed package and the static edition's wheel carry every `.css` file a module reads."""
    import fnmatch

    import tomllib

    from devtools.static.wheels import runtime_files

    sheets = sorted(PACKAGE.rglob("*.css"))
    assert sheets, "no stylesheet found under secondop/"
    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text("utf-8"))
    globs = project["tool"]["setuptools"]["package-data"]["*"]
    assert all(any(fnmatch.fnmatch(p.name, g) for g in globs) for p in sheets), globs
    (tmp_path / "bundle").mkdir()
    wheel = runtime_files(tmp_path / "bundle")
    runtime = {"ui", "plan", "content"}
    for sheet in sheets:
        name = sheet.relative_to(PACKAGE.parent).as_posix()
        if sheet.relative_to(PACKAGE).parts[0] in runtime:
            assert wheel.get(name) == sheet.read_bytes(), f"{name} is missing from the static edition's wheel"


def test_no_two_modules_share_a_file_name() -> None:
    """One guess finds it: a module's file name says which one it is (`__init__` and `__main__` aside)."""
    seen: dict[str, list[str]] = {}
    for path in FILES:
        if path.stem not in {"__init__", "__main__"}:
            seen.setdefault(path.name, []).append(str(path.relative_to(PACKAGE.parent)))
    shared = {name: paths for name, paths in seen.items() if len(paths) > 1}
    assert not shared, f"modules sharing a file name (rename one): {shared}"


ROOT = PACKAGE.parent
ARCHITECTURE = ROOT / "docs" / "architecture.md"
#: Placeholders the document uses in paths, and a real value for each.
PLACEHOLDERS = {"<lang>": "en", "<kind>": "reasons"}
PATH_LIKE = re.compile(r"^[\w.<>/-]+$")
FILE_SUFFIXES = (".py", ".css", ".js", ".md", ".yaml", ".json", ".j2", ".toml")


def _named_paths() -> list[str]:
    """Every path docs/architecture.md names: in `code`, and the stage modules of its data-flow diagram."""
    text = ARCHITECTURE.read_text("utf-8")
    named = [
        t for t in re.findall(r"`([^`\n]+)`", text) if PATH_LIKE.match(t) and ("/" in t or t.endswith(FILE_SUFFIXES))
    ]
    diagram = text.split("```text", 1)[1].split("```", 1)[0]
    named += re.findall(r"\b(?:content|plan|ui|analysis|server|docsgen)/[\w/]*\w", diagram)
    return sorted(set(named))


@functools.cache
def _repository_file_names() -> frozenset[str]:
    """The names of the repository's own files (not the virtual environment's, the tools', or built ones)."""
    names: set[str] = set()
    for _folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [
            d for d in subfolders if not d.startswith(".") and d not in {"build", "node_modules", "__pycache__"}
        ]
        names.update(files)
    return frozenset(names)


def _exists(name: str) -> bool:
    for placeholder, value in PLACEHOLDERS.items():
        name = name.replace(placeholder, value)
    if "/" not in name:  # a file named alone, in a row that says where: somewhere in the repository
        return name in _repository_file_names()
    candidates = [ROOT / name, PACKAGE / name, PACKAGE / f"{name}.py"]
    return any(path.exists() for path in candidates)


def test_every_path_the_architecture_document_names_exists() -> None:
    """A newcomer follows the map: each file or folder it names is where it says (renames update the map)."""
    named = _named_paths()
    assert len(named) > 40, named  # the parser still finds the document's paths
    missing = [name for name in named if not _exists(name)]
    assert not missing, f"docs/architecture.md names paths that do not exist: {missing}"


#: `__init__.py` files that may hold code: none (the package root's lazy loader is allowed above).
INIT_EXCEPTIONS: set[Path] = set()


def _package_folders() -> list[Path]:
    folders = {path.parent for path in [*PACKAGE.rglob("*.py"), *(ROOT / "devtools").rglob("*.py")]}
    return sorted(folder for folder in folders if "__pycache__" not in folder.parts)


def test_every_package_folder_has_an_init_that_only_describes_and_re_exports() -> None:
    """`__init__.py` is used one way: every folder has one, with a docstring saying what the folder holds, and at
    most re-exports of its own modules' names (`__all__`). The package root alone loads its public names lazily."""
    wrong = []
    for folder in _package_folders():
        init = folder / "__init__.py"
        if not init.exists():
            wrong.append(f"{folder.relative_to(ROOT)}: no __init__.py")
            continue
        tree = ast.parse(init.read_text("utf-8"))
        if not ast.get_docstring(tree):
            wrong.append(f"{init.relative_to(ROOT)}: no docstring")
        if folder == PACKAGE or init in INIT_EXCEPTIONS:
            continue
        for node in tree.body[1:]:
            re_export = isinstance(node, ast.ImportFrom) and node.level == 1
            future = isinstance(node, ast.ImportFrom) and node.module == "__future__"
            listing = isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == ["__all__"]
            if not (re_export or future or listing):
                wrong.append(f"{init.relative_to(ROOT)}:{node.lineno}: code in an __init__.py (move it to a module)")
    assert not wrong, "\n".join(wrong)
