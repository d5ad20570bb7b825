"""The `secondop` command line: right output, right exit code, and never a traceback."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from secondop import assess, cli
from secondop.content.schema import KINDS
from secondop.content.translations import FINGERPRINT_FILE
from secondop.paths import DATA_ENV, PACKAGED_DATA
from secondop.plan.export import plan_html, plan_markdown
from secondop.server import command as serve

CASE = ["--circumstances", "rare_cancer,small_or_rural_hospital", "--concerns", "worried_cost"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def break_content(root: Path) -> None:
    """Two mistakes in two files: a reason without a theme, a concern with an empty answer."""
    reasons = root / "reasons.yaml"
    text, removed = re.subn(r"^  theme: .*\n", "", reasons.read_text("utf-8"), count=1, flags=re.M)
    assert removed == 1, "tests/test_cli.py: break_content needs updating"
    reasons.write_text(text, "utf-8")
    path = root / "text" / "en" / "concerns.yaml"
    path.write_text(path.read_text("utf-8") + "\nextra_worry:\n  label: ''\n", "utf-8")


# --- validate ------------------------------------------------------------------------------------


def test_validate_valid_content(capsys, content) -> None:
    code, out, _ = run(capsys, "validate")
    entries = sum(len(getattr(content, kind.name)) for kind in KINDS)
    languages = content.settings.all_languages
    files = len(list(PACKAGED_DATA.glob("*.yaml")))
    files += sum(
        len([p for p in (PACKAGED_DATA / "text" / code).glob("*.yaml") if p.name != FINGERPRINT_FILE])
        for code in languages
    )
    shipped = f"{len(languages)} language{'s' if len(languages) != 1 else ''}: {', '.join(languages)}"
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Checking the content folder {PACKAGED_DATA}", "it names the folder it checked"
    assert lines[1] == f"Content is valid: {entries} entries in {files} files ({shipped})."
    assert all(line.startswith("- ") for line in lines[3:]), "then only warnings, if any"


def test_validate_broken_content_lists_every_problem(capsys, data_copy: Path) -> None:
    break_content(data_copy)
    code, out, _ = run(capsys, "validate", str(data_copy))
    lines = out.strip().splitlines()
    assert code == 1
    assert any(line.startswith("data/reasons.yaml, reason `") and "field `theme`: is missing" in line for line in lines)
    assert any(line.startswith("data/text/en/concerns.yaml, concern `extra_worry`") for line in lines)
    assert lines[0].startswith("Checking the content folder ") and lines[0].endswith("data")
    assert lines[-1] == f"{len(lines) - 2} problems found."


def test_validate_missing_folder(capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", str(tmp_path / "nowhere"))
    assert code == 1
    assert "does not exist" in out


def test_data_option_and_environment_variable_select_the_folder(capsys, data_copy: Path, monkeypatch) -> None:
    break_content(data_copy)
    assert run(capsys, "--data", str(data_copy), "validate")[0] == 1
    assert run(capsys, "validate", "--data", str(data_copy))[0] == 1
    assert run(capsys, "--data", str(data_copy), "validate", str(PACKAGED_DATA))[0] == 0, "DIR wins over --data"
    monkeypatch.setenv(DATA_ENV, str(data_copy))
    assert run(capsys, "validate")[0] == 1
    assert run(capsys, "assess", *CASE)[0] == 1
    assert run(capsys, "--data", str(PACKAGED_DATA), "assess", *CASE)[0] == 0, "--data wins over the variable"


# --- assess --------------------------------------------------------------------------------------


def test_assess_prints_the_whole_plan(capsys, content) -> None:
    code, out, _ = run(capsys, "assess", *CASE)
    assert code == 0
    result = assess(content, {"rare_cancer", "small_or_rural_hospital"}, {"worried_cost"})
    plan = content.labels.plan
    for heading in (plan.title, plan.your_situation, plan.reasons, plan.checklist, plan.questions, plan.worries):
        assert f"\n{heading}\n" in f"\n{out}", heading
    flat = " ".join(out.split())
    expected = [
        plan.notice,
        *(r.reason.title for r in result.reasons),
        *(r.reason.why for r in result.reasons),
        *(r.expert.who for r in result.reasons),
        *(g.review_point.title for g in result.checklist_groups),
        *(i.text for i in result.checklist),
        *(q.text for q in result.questions),
        content.concerns["worried_cost"].answer,
        *(s.title for s in result.sources),
        *(str(s.url) for s in result.sources if s.url),
        f"{plan.reviewed}: {content.settings.content_reviewed.isoformat()}",
    ]
    missing = [text for text in expected if " ".join(text.split()) not in flat]
    assert not missing
    # the key points at the top may name the strongest reason: the order is checked where reasons are set out
    start = out.index("\n" + content.labels.plan.reasons + "\n")
    words = [r.reason.title.split()[0] + " " + r.reason.title.split()[1] for r in result.reasons]
    positions = [out.index(title, start) for title in words]
    assert positions == sorted(positions), "reasons in the assessment's order"


def test_assess_scenario_gives_its_reasons(capsys, content) -> None:
    scenario = next(iter(content.scenarios.values()))
    code, out, _ = run(capsys, "assess", "--scenario", scenario.id)
    assert code == 0
    flat = " ".join(out.split())
    for reason in content.reasons.values():
        title = " ".join(reason.title.split())
        assert (title in flat) == (reason.id in scenario.expected_reasons), reason.id


@pytest.mark.parametrize(
    ("args", "unknown", "kind"),
    [
        (["--circumstances", "rare_cancr,small_or_rural_hospital"], "rare_cancr", "circumstance"),
        (["--circumstances", "rare_cancer", "--concerns", "worried_money"], "worried_money", "concern"),
        (["--scenario", "nobody_at_all"], "nobody_at_all", "scenario"),
    ],
)
def test_assess_unknown_ids_friendly_message(capsys, content, args, unknown, kind) -> None:
    code, out, err = run(capsys, "assess", *args)
    assert code == 2
    assert out == ""
    assert unknown in err and f"Valid {kind} ids:" in err
    known = {"circumstance": content.circumstances, "concern": content.concerns, "scenario": content.scenarios}[kind]
    assert all(entry_id in err for entry_id in known)


def test_assess_suggests_the_closest_id(capsys) -> None:
    _, _, err = run(capsys, "assess", "--circumstances", "rare_cancr")
    assert "Did you mean `rare_cancer`" in err


def test_assess_on_broken_content_lists_problems(capsys, data_copy: Path) -> None:
    break_content(data_copy)
    code, out, err = run(capsys, "--data", str(data_copy), "assess", *CASE)
    assert code == 1
    assert out == ""
    assert "field `theme`: is missing" in err and "problems found." in err


# --- export --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "render"), [("md", plan_markdown), ("html", plan_html)])
def test_export_writes_the_plan(capsys, content, tmp_path: Path, fmt, render) -> None:
    target = tmp_path / f"plan.{fmt}"
    code, out, _ = run(capsys, "export", *CASE, "--format", fmt, "-o", str(target))
    assert code == 0 and out == ""
    result = assess(content, {"rare_cancer", "small_or_rural_hospital"}, {"worried_cost"})
    assert target.read_text("utf-8") == render(content, result)


def test_export_format_from_file_name_and_to_stdout(capsys, content, tmp_path: Path) -> None:
    assert run(capsys, "export", "--scenario", "david_kidney_cancer", "-o", str(tmp_path / "a.html"))[0] == 0
    assert (tmp_path / "a.html").read_text("utf-8").lstrip().lower().startswith("<!doctype html")
    code, out, _ = run(capsys, "export", "--scenario", "david_kidney_cancer", "--format", "md", "-o", "-")
    assert code == 0
    assert content.labels.plan.title in out and content.reasons["small_or_rural_hospital"].title in out
    code, _, err = run(capsys, "export", "--scenario", "david_kidney_cancer", "-o", str(tmp_path / "plan.txt"))
    assert code == 2 and "--format" in err


def test_export_passes_the_same_assessment_to_the_renderer(capsys, monkeypatch, tmp_path: Path) -> None:
    """Wiring only, independent of the renderer: scenario + extra ids are merged before assessing."""
    monkeypatch.setattr("secondop.plan.export.plan_markdown", lambda c, a: ",".join(sorted(r.id for r in a.reasons)))
    target = tmp_path / "ids.md"
    run(capsys, "export", "--scenario", "david_kidney_cancer", "--circumstances", "surgery_primary", "-o", str(target))
    assert target.read_text("utf-8") == "new_diagnosis,small_or_rural_hospital,surgery_primary"


def test_export_refuses_bad_targets(capsys, tmp_path: Path, data_copy: Path) -> None:
    missing = tmp_path / "no_such_folder" / "plan.md"
    code, _, err = run(capsys, "export", *CASE, "-o", str(missing))
    assert code == 2 and "does not exist" in err
    assert not missing.parent.exists(), "must not create folders"
    code, _, err = run(capsys, "--data", str(data_copy), "export", *CASE, "-o", str(data_copy / "text" / "plan.md"))
    assert code == 2 and "content folder" in err
    assert not (data_copy / "text" / "plan.md").exists()
    code, _, err = run(capsys, "export", *CASE, "--format", "md", "-o", str(tmp_path))
    assert code == 2 and "folder" in err


def test_export_write_failure_is_a_message(capsys, monkeypatch, tmp_path: Path) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "plan.md"))

    monkeypatch.setattr(Path, "write_text", refuse)
    code, _, err = run(capsys, "export", *CASE, "-o", str(tmp_path / "plan.md"))
    assert code == 3
    assert err.strip() == f"secondop: Permission denied: {tmp_path / 'plan.md'}"


# --- serve and the rest --------------------------------------------------------------------------


def test_voila_command_binds_loopback_and_serves_the_dashboard() -> None:
    command = serve.voila_command(9123)
    assert command[:3] == [sys.executable, "-m", "secondop.server"]  # Voilà plus the long-link guard
    assert str(serve.NOTEBOOK) in command
    assert "--port=9123" in command and "--Voila.ip=127.0.0.1" in command and "--no-browser" in command
    assert "--no-browser" not in serve.voila_command(9123, open_browser=True)
    assert serve.NOTEBOOK.parent.parent == serve.REPO_ROOT == PACKAGED_DATA.parent


def test_serve_command_passes_port_browser_and_data(capsys, monkeypatch, data_copy: Path) -> None:
    calls = []
    monkeypatch.setattr(
        serve, "serve", lambda port, open_browser, host, **limit: calls.append((port, open_browser)) or 0
    )
    monkeypatch.setenv(DATA_ENV, "/somewhere/else")
    assert run(capsys, "--data", str(data_copy), "serve", "--port", "9001", "--no-browser")[0] == 0
    assert run(capsys, "serve")[0] == 0
    assert calls == [(9001, False), (serve.DEFAULT_PORT, True)]
    assert os.environ[DATA_ENV] == str(data_copy), "the dashboard kernel must see --data"


def test_unexpected_error_is_a_short_message(capsys, monkeypatch) -> None:
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "assess", explode)
    code, out, err = run(capsys, "assess", *CASE)
    assert code == 4 and out == ""
    assert err.strip() == "secondop: unexpected error (RuntimeError: boom)"


@pytest.mark.parametrize(("args", "code"), [([], 2), (["--help"], 0), (["frobnicate"], 2), (["serve", "--port=x"], 2)])
def test_usage_errors(capsys, args, code) -> None:
    assert run(capsys, *args)[0] == code


# --- real processes ------------------------------------------------------------------------------


def secondop(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != DATA_ENV} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "secondop", *args], capture_output=True, text=True, env=environment, timeout=120
    )


def test_subprocess_exit_codes(data_copy: Path) -> None:
    valid = secondop("validate")
    assert valid.returncode == 0 and "\nContent is valid:" in valid.stdout
    unknown = secondop("assess", "--circumstances", "not_a_circumstance")
    assert unknown.returncode == 2 and "not_a_circumstance" in unknown.stderr
    (data_copy / "themes.yaml").write_text("- id: [unclosed\n", "utf-8")
    (data_copy / "settings.yaml").write_bytes(b"\x00\xff\xfe")
    broken = secondop("validate", env={DATA_ENV: str(data_copy)})
    assert broken.returncode == 1
    assert "data/themes.yaml" in broken.stdout and "data/settings.yaml" in broken.stdout
    for result in (valid, unknown, broken):
        assert "Traceback" not in result.stdout + result.stderr


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "secondop"
    assert script.is_file(), "pip install -e . creates the `secondop` command"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "validate" in result.stdout and "serve" in result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_starts_voila_and_stops_with_it(tmp_path: Path) -> None:
    """`secondop serve` becomes the Voilà server (exec): one SIGTERM to its pid stops everything."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != DATA_ENV}
    log = tmp_path / "voila.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "secondop", "serve", "--port", str(port), "--no-browser"],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline, status = time.monotonic() + 90, None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
                    status = response.status
                    break
            except OSError:
                time.sleep(0.5)
        assert status == 200, log.read_text("utf-8", errors="replace")[-3000:]
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "the server outlived its command"
