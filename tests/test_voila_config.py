"""Voilà set-up without a browser: the config files, the offline template, and both ways of serving.

Standalone (`secondop serve`) reads voila.json; Binder runs Voilà as a Jupyter server extension,
which reads jupyter_config.json through the `start` script. Both must carry the same Voilà
settings and both must serve the page without links to a CDN.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from devtools.browser_harness import stop_process
from secondop.server.command import (
    MALLOC_SETTINGS,
    NOTEBOOK,
    REPO_ROOT,
    TEMPLATE_ROOT,
    voila_command,
    voila_environment,
)

VOILA_JSON = REPO_ROOT / "voila.json"
JUPYTER_CONFIG = REPO_ROOT / "jupyter_config.json"
TEMPLATE = TEMPLATE_ROOT / "voila" / "templates" / "secondop"
BASELINE = REPO_ROOT / "benchmarks" / "baseline.ipynb"
#: Voilà-the-app settings (section "Voila") apply to standalone Voilà only; every other section is shared.
STANDALONE_ONLY = {"Voila"}
#: The Jupyter server's own settings (gzip) apply to Binder only; standalone Voilà has them under "Voila".
BINDER_ONLY = {"ServerApp"}
#: Settings only standalone Voilà reads: in server-extension mode (Binder) the Jupyter server owns the kernels.
STANDALONE_ONLY_KEYS = {"VoilaConfiguration": {"multi_kernel_manager_class"}}
EXTERNAL_ASSET = re.compile(r"""<(?:link|script|img)\b[^>]*\b(?:href|src)=["']?(?:https?:)?//""", re.IGNORECASE)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, gzip: bool) -> tuple[dict[str, str], bytes]:
    """GET `url`, saying (or not) that gzip is welcome; the headers (lower-case names) and the raw body."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip" if gzip else "identity"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def page_config(page: str) -> dict:
    """The page's `jupyter-config-data` (Voilà's page config: static URL, front-end extensions)."""
    match = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    assert match, "no page config in the page"
    return json.loads(match.group(1))


def extension_files(config: dict, base: str) -> list[str]:
    """URLs of the front-end extensions' entry files the page will load (they carry no ?v=: hashed names)."""
    return [f"{base}{ext['name']}/{ext['load']}" for ext in config["federated_extensions"]]


def fetch_when_up(url: str, process: subprocess.Popen, timeout: float = 90) -> str:
    """GET `url` once the server answers (the page itself runs the notebook, so it can take seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the server exited with code {process.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"no answer from {url} within {timeout} s")


def test_config_files_parse_as_json_objects():
    for path in (VOILA_JSON, JUPYTER_CONFIG):
        assert isinstance(load(path), dict), f"{path.name} must hold a JSON object"


def test_jupyter_config_carries_the_same_voila_settings_as_voila_json():
    standalone, extension = load(VOILA_JSON), load(JUPYTER_CONFIG)
    shared = set(standalone) - STANDALONE_ONLY
    assert {"VoilaConfiguration", "MappingKernelManager"} <= shared
    assert set(extension) - BINDER_ONLY == shared, "jupyter_config.json: exactly voila.json's shared sections"
    for section in shared:
        own = STANDALONE_ONLY_KEYS.get(section, set())
        expected = {key: value for key, value in standalone[section].items() if key not in own}
        assert extension[section] == expected, f"{section} differs between voila.json and Binder's"


def test_settings_hide_code_and_errors_and_use_the_offline_template():
    settings = load(VOILA_JSON)["VoilaConfiguration"]
    assert settings["template"] == "secondop"
    assert settings["strip_sources"] is True
    assert settings["show_tracebacks"] is False


def test_kernels_of_idle_closed_pages_are_culled_but_open_pages_kept():
    cull = load(VOILA_JSON)["MappingKernelManager"]
    assert 0 < cull["cull_interval"] < cull["cull_idle_timeout"]
    assert cull["cull_connected"] is False


def test_executor_waits_long_enough_for_output_under_load():
    """With 10 pages starting at once the default 4 s IOPub wait dropped the app's output (blank pages)."""
    for path in (VOILA_JSON, JUPYTER_CONFIG):
        assert load(path)["VoilaExecutor"]["iopub_timeout"] >= 30, path.name


def test_xsrf_check_is_off_only_for_standalone_voila():
    """Voilà 0.5 never sets the _xsrf cookie, so its unload shutdown is refused (voila#1458) unless the check is
    off. Standalone Voilà has no login to forge; the full Jupyter server on Binder keeps its check."""
    assert load(VOILA_JSON)["Voila"]["tornado_settings"]["disable_check_xsrf"] is True
    assert "disable_check_xsrf" not in json.dumps(load(JUPYTER_CONFIG))


def test_template_extends_lab_and_links_nothing_external():
    assert load(TEMPLATE / "conf.json")["base_template"] == "lab"
    source = (TEMPLATE / "index.html.j2").read_text(encoding="utf-8")
    assert "extends 'lab/index.html.j2'" in source
    assert "{%- block notebook_css -%}" in source  # Voilà's block, copied without its Font Awesome links


def test_command_names_the_repository_config_and_binds_to_loopback_only():
    command = voila_command(9999)
    assert "--Voila.ip=127.0.0.1" in command
    assert f"--Voila.config_file_paths={REPO_ROOT}" in command
    assert str(NOTEBOOK) in command and "--no-browser" in command


def test_environment_puts_the_template_folder_first_and_keeps_other_paths():
    env = voila_environment({"JUPYTER_PATH": os.pathsep.join(["/a", str(TEMPLATE_ROOT)]), "HOME": "/h"})
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(TEMPLATE_ROOT), "/a"]
    assert env["HOME"] == "/h"


def test_environment_limits_malloc_arenas_unless_the_operator_chose_otherwise():
    env = voila_environment({"HOME": "/h"})
    assert env["MALLOC_ARENA_MAX"] == "2" and env["MALLOC_TRIM_THRESHOLD_"] == "131072"
    chosen = voila_environment({"MALLOC_ARENA_MAX": "4"})
    assert chosen["MALLOC_ARENA_MAX"] == "4"
    assert chosen["MALLOC_TRIM_THRESHOLD_"] == MALLOC_SETTINGS["MALLOC_TRIM_THRESHOLD_"]


def test_both_servers_gzip_and_load_only_the_widget_extensions():
    """Compression is a Tornado setting of whichever server runs Voilà; the allowlist is shared Voilà config."""
    standalone, binder = load(VOILA_JSON), load(JUPYTER_CONFIG)
    assert standalone["Voila"]["tornado_settings"]["compress_response"] is True
    assert binder["ServerApp"]["tornado_settings"]["compress_response"] is True
    # websocket frames (the widgets' state) too; the Jupyter server sets this option from its own trait
    assert standalone["Voila"]["tornado_settings"]["websocket_compression_options"] == {}
    assert binder["ServerApp"]["websocket_compression_options"] == {}
    allowed = standalone["VoilaConfiguration"]["extension_allowlist"]
    assert "@jupyter-widgets/jupyterlab-manager" in allowed and not any("plotly" in name for name in allowed)


def test_standalone_server_serves_the_page_without_cdn_links(tmp_path):
    port = free_port()
    with (tmp_path / "voila.log").open("w") as log:
        process = subprocess.Popen(
            voila_command(port, notebook=BASELINE), cwd=tmp_path, env=voila_environment(), stdout=log, stderr=log
        )
    try:
        base = f"http://127.0.0.1:{port}"
        page = fetch_when_up(base + "/", process)
        config = page_config(page)
        main_js = f"{base}{config['fullStaticUrl']}/voila.js"
        gzipped = {url: fetch(url, gzip=True)[0] for url in [main_js]}
        for url in extension_files(config, f"{base}/voila/labextensions/"):
            gzipped[url] = fetch(url, gzip=True)[0]
        plain_headers, plain_body = fetch(main_js, gzip=False)
        page_headers, _ = fetch(base + "/", gzip=True)
    finally:
        stop_process(process)
    assert "jp-Notebook" in page, "not a Voilà lab page"
    assert not EXTERNAL_ASSET.findall(page), EXTERNAL_ASSET.findall(page)
    assert "import ipywidgets" not in page, "sources must be stripped"
    # compressed when the browser asks, plain when it does not
    assert page_headers.get("content-encoding") == "gzip"
    assert all(headers.get("content-encoding") == "gzip" for headers in gzipped.values()), gzipped
    assert "content-encoding" not in plain_headers and plain_body.startswith(b"var _JUPYTERLAB")
    # versioned files are kept for a year; the page itself (it names its kernel) never
    assert re.fullmatch(r"/voila/static-[0-9a-f]{16}", config["fullStaticUrl"]), config["fullStaticUrl"]
    assert all("immutable" in headers["cache-control"] for headers in gzipped.values()), gzipped
    assert "no-store" in page_headers["cache-control"]
    names = [ext["name"] for ext in config["federated_extensions"]]
    assert set(names) <= set(load(VOILA_JSON)["VoilaConfiguration"]["extension_allowlist"]), names


@pytest.mark.skipif(sys.platform == "win32", reason="the Binder start script is bash")
def test_binder_start_script_makes_the_server_extension_use_our_settings(tmp_path):
    """What Binder runs: `start` then a Jupyter server, with Voilà as its extension, opened at voila/render/..."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("JUPYTER_")}
    env.update(REPO_DIR=str(REPO_ROOT), JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_DATA_DIR=str(tmp_path))
    command = [
        str(REPO_ROOT / "start"),
        sys.executable,
        "-m",
        "jupyter",
        "server",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=secondop-test",
        "--allow-root",  # harmless as a normal user; this machine runs tests as root
        f"--ServerApp.root_dir={REPO_ROOT}",
    ]
    with (tmp_path / "server.log").open("w") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=log)
    try:
        url = f"http://127.0.0.1:{port}/voila/render/benchmarks/baseline.ipynb?token=secondop-test"
        page = fetch_when_up(url, process)
        static = f"http://127.0.0.1:{port}/voila/static/voila.js"
        gzipped, plain = fetch(static, gzip=True)[0], fetch(static, gzip=False)[0]
    finally:
        stop_process(process)
    log_text = (tmp_path / "server.log").read_text(encoding="utf-8", errors="replace")
    assert "jp-Notebook" in page, log_text[-2000:]
    assert not EXTERNAL_ASSET.findall(page), "the secondop template was not used: " + str(EXTERNAL_ASSET.findall(page))
    assert "import ipywidgets" not in page
    assert "Culling kernels with idle durations > 900" in log_text, "jupyter_config.json was not read"
    assert gzipped.get("content-encoding") == "gzip" and "content-encoding" not in plain  # ServerApp.tornado_settings
    names = [ext["name"] for ext in page_config(page)["federated_extensions"]]
    assert names and not any("plotly" in name or "pygments" in name for name in names), names
