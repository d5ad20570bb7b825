"""The Binder / conda set-up: environment.yml matches pyproject.toml, repo2docker builds it, links point somewhere."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from secondop import load_content
from secondop.docsgen import educators_doc
from secondop.ui.query import language_query, parse_query

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENT = ROOT / "environment.yml"

#: PyPI name (canonical) -> conda-forge name, where they differ.
CONDA_NAMES: dict[str, str] = {}
#: Conda packages that are the platform, not a project dependency.
PLATFORM = {"python", "pip"}
#: urlpath prefixes Binder understands, before the path of a file in the repository.
URLPATH_PREFIXES = ("voila/render/", "lab/tree/", "tree/", "notebooks/", "doc/tree/")
BINDER_LINK = re.compile(r"https://mybinder\.org/v2/gh/[^\s)\"'>\]`]+")


def conda_name(pypi_name: str) -> str:
    canonical = canonicalize_name(pypi_name)
    return CONDA_NAMES.get(canonical, canonical)


def pyproject_requirements() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {conda_name(Requirement(line).name): Requirement(line) for line in project["dependencies"]}


def environment() -> dict:
    return yaml.safe_load(ENVIRONMENT.read_text(encoding="utf-8"))


def environment_pins() -> dict[str, str]:
    """`name=version` (or `name==version`) conda specs as a name -> version map; unpinned specs map to ''."""
    pins = {}
    for spec in environment()["dependencies"]:
        assert isinstance(spec, str), f"environment.yml: keep pip-only installs out of it, found {spec!r}"
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(?:==?\s*(\S+))?", spec.strip())
        assert match, f"environment.yml: cannot read the spec {spec!r}"
        pins[canonicalize_name(match[1])] = match[2] or ""
    return pins


def test_environment_uses_conda_forge_and_names_the_project():
    env = environment()
    assert env["name"] == "secondop"
    assert env["channels"] == ["conda-forge"]


def test_environment_declares_exactly_the_runtime_dependencies():
    declared = set(environment_pins()) - PLATFORM
    required = set(pyproject_requirements())
    assert declared == required, (
        f"only in environment.yml: {sorted(declared - required)}; only in pyproject.toml: {sorted(required - declared)}"
    )


def test_every_environment_pin_satisfies_pyproject():
    pins = environment_pins()
    for name, requirement in pyproject_requirements().items():
        assert pins[name], f"environment.yml: pin {name} to a version"
        assert requirement.specifier.contains(Version(pins[name])), (
            f"environment.yml pins {name}={pins[name]}, pyproject.toml asks for {requirement}"
        )


def test_environment_python_and_pip():
    pins = environment_pins()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert pins.get("pip"), "environment.yml: include pip (postBuild uses it)"
    assert Requirement(f"python{project['requires-python']}").specifier.contains(Version(pins["python"]))


def test_post_build_installs_only_the_package():
    post_build = ROOT / "postBuild"
    assert os.access(post_build, os.X_OK), "postBuild must be executable"
    commands = [line.strip() for line in post_build.read_text().splitlines() if line.strip()]
    assert commands[0].startswith("#!")
    assert "pip install --no-deps -e ." in commands


def _repo2docker() -> str | None:
    local = Path(sys.executable).with_name("jupyter-repo2docker")
    return str(local) if local.exists() else shutil.which("jupyter-repo2docker")


def test_repo2docker_installs_environment_then_runs_post_build():
    exe = _repo2docker()
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("jupyter-repo2docker is not installed (it is in the test extra)")
        pytest.skip("jupyter-repo2docker is not installed; `pip install -e .[test]` brings it")
    run = subprocess.run(
        [exe, "--no-build", "--debug", "."], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr
    dockerfile = run.stdout
    env_install = re.search(r"env update .*--file \"environment\.yml\"", dockerfile)
    copy_repo = re.search(r"^COPY .*src/ \$\{REPO_DIR\}/", dockerfile, re.MULTILINE)
    post_build = re.search(r"^RUN \./postBuild", dockerfile, re.MULTILINE)
    assert "COPY --chown=0:0 src/environment.yml" in dockerfile
    assert env_install and copy_repo and post_build, dockerfile
    # The conda layer comes before the copy of the repository, so content edits keep it cached.
    assert env_install.start() < copy_repo.start() < post_build.start()


def binder_links(text: str) -> list[str]:
    return BINDER_LINK.findall(text)


def linked_file(link: str) -> Path:
    """The repository file a Binder link opens (its `urlpath`, without the server's route)."""
    query = parse_qs(urlsplit(link).query)
    assert "urlpath" in query or "labpath" in query, f"{link}: add urlpath=voila/render/<notebook>"
    path = unquote(query.get("urlpath", query.get("labpath", [""]))[0])
    path = path.split("?", 1)[0].lstrip("/")
    for prefix in URLPATH_PREFIXES:
        if path.startswith(prefix):
            path = path[len(prefix) :]
            break
    return ROOT / path


def test_linked_file_reads_the_urlpath():
    link = "https://mybinder.org/v2/gh/o/r/main?urlpath=voila%2Frender%2Fnotebooks%2Fx.ipynb%3Fscenario%3Da"
    assert linked_file(link) == ROOT / "notebooks" / "x.ipynb"


@pytest.mark.parametrize("document", ["README.md", "docs/educators.md"])
def test_binder_links_open_a_notebook_that_exists(document):
    path = ROOT / document
    assert path.exists(), f"{document} is missing"
    links = binder_links(path.read_text(encoding="utf-8"))
    assert links, f"{document} has no mybinder.org link"
    for link in links:
        assert re.match(r"https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/[\w.-]+\?", link), link
        target = linked_file(link)
        assert target.suffix == ".ipynb" and target.is_file(), f"{document}: {link} opens {target}, which is missing"


# --- docs/educators.md: generated scenario links ----------------------------------------------------


def _translations(content):
    return {code: load_content(None, code) for code in content.settings.all_languages[1:]}


def test_educators_guide_is_current(content):
    guide = educators_doc.GUIDE.read_text(encoding="utf-8")
    assert educators_doc.updated(guide, content, _translations(content)) == guide, (
        f"docs/educators.md: the scenario table is stale; run `{educators_doc.COMMAND}` and commit it"
    )


def test_educators_guide_links_every_scenario_and_only_real_ones(content):
    guide = educators_doc.GUIDE.read_text(encoding="utf-8")
    linked: dict[str, list[str]] = {}
    for link in binder_links(guide):
        urlpath = unquote(parse_qs(urlsplit(link).query)["urlpath"][0])
        if "?" in urlpath:
            query = urlpath.split("?", 1)[1]
            selection = parse_query(query, content)
            language, unknown = language_query(query, content.settings.all_languages)
            assert selection.scenario and not selection.unknown and not unknown, link
            linked.setdefault(language or content.language, []).append(selection.scenario)
    local_links = re.findall(r"http://127\.0\.0\.1:8866/\?[^)\s`]+", guide)
    local = [parse_query(urlsplit(link).query, content).scenario for link in local_links]
    # one ready link per scenario in every shipped language
    assert set(linked) == set(content.settings.all_languages)
    for scenarios in linked.values():
        assert sorted(scenarios) == sorted(content.scenarios)
    assert set(content.scenarios) <= set(local)
    for scenario in content.scenarios.values():
        assert scenario.teaches.split(".")[0] in " ".join(guide.split()), f"{scenario.id}: what it teaches is missing"


def test_educators_guide_stale_block_is_caught_and_fixed(tmp_path, capsys):
    copy = tmp_path / "educators.md"
    text = educators_doc.GUIDE.read_text(encoding="utf-8")
    start = text.index(educators_doc.START) + len(educators_doc.START)
    copy.write_text(text[:start] + "\n| stale |\n" + text[text.index(educators_doc.END) :], "utf-8")
    assert educators_doc.main(["--check", "--guide", str(copy)]) == 1
    assert educators_doc.COMMAND in capsys.readouterr().out
    assert educators_doc.main(["--guide", str(copy)]) == 0
    assert copy.read_text(encoding="utf-8") == text


def test_educators_guide_covers_class_and_offline_workshop():
    guide = " ".join(educators_doc.GUIDE.read_text(encoding="utf-8").split()).lower()
    for must in ("make run", "offline", "large text", "clear all", "phone", "127.0.0.1:8866"):
        assert must in guide, f"docs/educators.md should cover `{must}`"
