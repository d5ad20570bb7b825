"""Very long links: the launcher's Tornado limits, the prelaunch hook that answers them, and the dashboard's note.

The browser side (a real Voilà server, 100 kB / 1.5 MB / 3000-field links) is in tests/browser/test_hostile.py.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from typing import ClassVar
from urllib.parse import urljoin

import pytest
from tornado import httputil
from tornado.httpclient import AsyncHTTPClient
from tornado.httpserver import HTTPServer
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
from tornado.testing import bind_unused_port
from tornado.web import Application, Finish, RequestHandler
from voila.configuration import VoilaConfiguration

from secondop import Content
from secondop.link_limits import (
    BROWSER_MAX_URL,
    LINK_TOO_LONG,
    MAX_BODY_SIZE,
    MAX_FIELDS,
    MAX_HEADER_SIZE,
    MAX_QUERY_CHARS,
)
from secondop.server import launcher
from secondop.server.long_links import redirect_long_links
from secondop.ui import build_dashboard, parse_query

BASE = "http://127.0.0.1:8867"
PAGE = "/v8867/voila/render/notebooks/second_opinion.ipynb"


class FakeHandler:
    """The parts of a tornado RequestHandler the hook uses, recording the redirect."""

    def __init__(self, query: str):
        start = RequestStartLine("GET", f"{PAGE}?{query}" if query else PAGE, "HTTP/1.1")
        self.request = HTTPServerRequest(start_line=start, headers=HTTPHeaders({"Host": "127.0.0.1:8867"}))
        self.redirected_to: list[str] = []

    def redirect(self, url: str) -> None:
        self.redirected_to.append(url)


@pytest.fixture
def tornado_defaults() -> Iterator[None]:
    """Put Tornado's process-wide settings back after a test changed them."""
    saved_server = HTTPServer._save_configuration()
    saved_parse = httputil._DEFAULT_PARSE_BODY_CONFIG
    yield
    HTTPServer._restore_configuration(saved_server)
    httputil.set_parse_body_config(saved_parse)


# --- the prelaunch hook ------------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["", "scenario=robert_prostate_surgeon", "k=" + "v" * (MAX_QUERY_CHARS - 2)])
def test_a_link_within_the_limit_passes_untouched(query: str) -> None:
    handler = FakeHandler(query)
    assert redirect_long_links(handler, notebook=object(), cwd="/tmp") is None
    assert handler.redirected_to == []
    assert handler.request.query == query


@pytest.mark.parametrize("length", [MAX_QUERY_CHARS + 1, 100_000, BROWSER_MAX_URL - 100])
def test_a_longer_link_is_sent_to_the_marker_on_the_same_page(length: int, caplog) -> None:
    handler = FakeHandler(("circumstances=rare_cancer&" + "x" * length)[:length])
    with caplog.at_level(logging.INFO), pytest.raises(Finish):
        redirect_long_links(handler, notebook=object(), cwd="/tmp")
    assert f"{length}-character" in caplog.text and "rare_cancer" not in caplog.text  # the length, not the link
    [location] = handler.redirected_to
    assert len(location) < 40
    # what the browser makes of it: scheme, host, base URL and path kept, only the query replaced
    assert urljoin(handler.request.full_url(), location) == f"{BASE}{PAGE}?{LINK_TOO_LONG}"


def test_a_hook_configured_before_still_runs_after_the_guard() -> None:
    calls = []

    def earlier(handler, notebook=None, cwd=None):
        calls.append((handler, notebook, cwd))
        return "changed notebook"

    configuration = VoilaConfiguration(prelaunch_hook=earlier)
    launcher.install_link_guard(configuration)
    hook = configuration.prelaunch_hook
    short = FakeHandler("scenario=x")
    assert hook(short, notebook="nb", cwd="/d") == "changed notebook"
    assert calls == [(short, "nb", "/d")]
    with pytest.raises(Finish):
        hook(FakeHandler("x" * (MAX_QUERY_CHARS + 1)), notebook="nb", cwd="/d")
    assert len(calls) == 1, "the earlier hook must not run for a link that was sent on"


def test_the_guard_is_installed_unless_kernels_are_preheated() -> None:
    plain = VoilaConfiguration()
    assert launcher.install_link_guard(plain) is True
    assert plain.prelaunch_hook is redirect_long_links
    preheated = VoilaConfiguration(preheat_kernel=True)
    assert launcher.install_link_guard(preheated) is False  # Voilà refuses a hook with preheated kernels
    assert preheated.prelaunch_hook is None


# --- the launcher's Tornado limits ---------------------------------------------------------------------------
def test_limits_let_any_browser_url_through_and_keep_the_body_at_that_size():
    assert MAX_HEADER_SIZE > BROWSER_MAX_URL + 8 * 1024  # the URL plus ordinary headers
    assert MAX_FIELDS >= MAX_HEADER_SIZE  # a query of n characters has at most n + 1 fields
    assert MAX_BODY_SIZE <= MAX_HEADER_SIZE  # a form body costs no more to parse than the longest link
    assert MAX_QUERY_CHARS < 128 * 1024 // 4  # what reaches the kernel's environment stays far below E2BIG


def test_configure_tornado_raises_the_limits_of_every_new_server(tornado_defaults) -> None:
    many_fields = "&".join(f"k{i}=v" for i in range(3000))
    start = RequestStartLine("GET", f"/?{many_fields}", "HTTP/1.1")
    with pytest.raises(httputil.HTTPInputError):  # Tornado's default: 1000 fields
        HTTPServerRequest(start_line=start, headers=HTTPHeaders({"Host": "x"}))

    launcher.configure_tornado()
    server = HTTPServer(Application())
    assert server.conn_params.max_header_size == MAX_HEADER_SIZE
    assert server.conn_params.max_body_size == MAX_BODY_SIZE
    request = HTTPServerRequest(start_line=start, headers=HTTPHeaders({"Host": "x"}))
    assert len(request.arguments) == 3000


class GuardedPage(RequestHandler):
    """A stand-in for Voilà's page handler: the hook first, then what would start a kernel."""

    started: ClassVar[list[int]] = []

    def get(self) -> None:
        redirect_long_links(self)
        GuardedPage.started.append(len(self.request.query))
        self.write("app")


def _fetch_all(urls: list[str]) -> list[tuple[int, str, str]]:
    async def run() -> list[tuple[int, str, str]]:
        sock, port = bind_unused_port()
        server = HTTPServer(Application([(r"/v1/page", GuardedPage)]))
        server.add_sockets([sock])
        client = AsyncHTTPClient(force_instance=True)
        try:
            results = []
            for url in urls:
                response = await client.fetch(
                    f"http://127.0.0.1:{port}{url}", follow_redirects=False, raise_error=False, request_timeout=30
                )
                body = response.body.decode() if response.body else ""
                results.append((response.code, response.headers.get("Location", ""), body))
            return results
        finally:
            client.close()
            server.stop()

    with ThreadPoolExecutor(1) as pool:  # its own event loop, even where another test left one running
        return pool.submit(asyncio.run, run()).result(timeout=120)


def test_a_configured_server_answers_huge_links_with_the_redirect(tornado_defaults) -> None:
    GuardedPage.started.clear()
    huge = "/v1/page?circumstances=" + "y" * 1_500_000
    fields = "/v1/page?" + "&".join(f"k{i}=v" for i in range(3000))
    launcher.configure_tornado()
    answers = _fetch_all([huge, fields, "/v1/page?scenario=x"])
    assert [(code, location) for code, location, _ in answers] == [
        (302, f"?{LINK_TOO_LONG}"),
        (302, f"?{LINK_TOO_LONG}"),
        (200, ""),
    ]
    assert GuardedPage.started == [len("scenario=x")], "only the short link reached the page"


def test_main_sets_the_limits_before_voila_starts_and_installs_the_guard(monkeypatch, tornado_defaults) -> None:
    events: list[str] = []
    configuration = VoilaConfiguration()

    class FakeVoila:
        static_version = "0123456789abcdef"

        @classmethod
        def instance(cls):
            return cls()

        def initialize(self, argv):
            events.append(f"initialize {argv}")
            self.voila_configuration = configuration

        def start(self):
            events.append(f"start max_header_size={HTTPServer(Application()).conn_params.max_header_size}")

    monkeypatch.setattr(launcher, "voila_app_class", lambda: FakeVoila)
    monkeypatch.setattr(launcher, "freeze_startup_objects", lambda: events.append("freeze"))  # not this process
    monkeypatch.setattr(launcher, "prebuild_first_views", lambda: events.append("prebuild") or 0)
    launcher.main(["notebook.ipynb", "--port=1"])
    assert events == [
        "initialize ['notebook.ipynb', '--port=1']",
        "prebuild",
        "freeze",
        f"start max_header_size={MAX_HEADER_SIZE}",
    ]
    # the guard first (a too-long link is sent on), then the first view (tests/test_first_view.py)
    handler = FakeHandler("x" * (MAX_QUERY_CHARS + 1))
    with pytest.raises(Finish):
        configuration.prelaunch_hook(handler)
    assert handler.redirected_to
    page_config = configuration.page_config_hook({"fullStaticUrl": "/voila/static"}, base_url="/")
    assert page_config["fullStaticUrl"] == "/voila/static-0123456789abcdef"  # browsers may keep these files


def test_the_module_runs_voilas_own_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "secondop.server", "--help"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("voila [OPTIONS] NOTEBOOK_FILENAME") and "--port" in result.stdout
    assert "Traceback" not in result.stderr


# --- the dashboard's note --------------------------------------------------------------------------------
def test_the_servers_marker_selects_nothing_and_is_reported(content: Content) -> None:
    selection = parse_query(LINK_TOO_LONG, content)
    assert selection.too_long and selection.is_empty and selection.unknown == ()
    assert not parse_query("scenario=robert_prostate_surgeon", content).too_long


def test_a_link_over_the_limit_is_not_read_at_all(content: Content) -> None:
    real = "circumstances=rare_cancer&"
    at_limit = real + "x=" + "y" * (MAX_QUERY_CHARS - len(real) - 2)
    assert len(at_limit) == MAX_QUERY_CHARS
    assert parse_query(at_limit, content).circumstances == ("rare_cancer",)
    over = parse_query(at_limit + "y", content)  # e.g. on Binder, where no server guard runs
    assert over.too_long and over.circumstances == () and over.unknown == ()


def test_the_dashboard_shows_the_note_and_ticks_nothing(content: Content) -> None:
    app = build_dashboard(content, "?" + LINK_TOO_LONG)
    assert app.state.circumstances == () and app.state.concerns == ()
    assert app.message.shown
    text = unescape(app.message.text)
    assert " ".join(content.labels.messages.link_too_long.split()) in " ".join(text.split())
    assert content.labels.messages.unknown_ids not in text
    app.circumstance_boxes["rare_cancer"].value = True  # the app still works
    assert "rare_cancer" in app.shown_reason_ids()


def test_the_note_is_shown_as_text(content: Content) -> None:
    hostile = "Too long <script>alert(1)</script> <b>bold</b>"
    messages = content.labels.messages.model_copy(update={"link_too_long": hostile})
    labels = content.labels.model_copy(update={"messages": messages})
    app = build_dashboard(dataclasses.replace(content, labels=labels), LINK_TOO_LONG)
    assert "<script>" not in app.message.text and "<b>" not in app.message.text
    assert "&lt;script&gt;" in app.message.text and unescape(app.message.text).count(hostile) == 1


def test_the_note_is_plain_language(content: Content) -> None:
    from secondop.analysis.readability import score

    graded = score("labels.yaml", "messages", "link_too_long", content.labels.messages.link_too_long)
    assert graded.grade <= content.settings.reading_grade_target, graded
