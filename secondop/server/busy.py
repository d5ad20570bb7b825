"""Voilà's prelaunch hook that holds the page limit: a page beyond it gets a small "busy" page, not a kernel.

Every page Voilà serves starts a kernel (55-90 MiB) before the page has loaded. The kernel manager
(`kernels.PageKernelManager`) counts the places; this hook asks it for one before Voilà starts the kernel,
and when none is free it answers at once: HTTP 503 with `Retry-After`, and a page in the language the link
asks for (`?lang=`), worded in `data/text/<language>/labels.yaml` (`busy`), with a "try again" link to the
same address and, when a public copy is set (`secondop serve --public-url`, or `public_url` in settings),
a link to it. No kernel starts and nothing is rendered, so a flood of requests costs the server little.

Pages already open keep working: only new pages are refused. A place frees as soon as a page's kernel
starts to shut down (the page closed, or the culler stopped it).
"""

from __future__ import annotations

import html
import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from tornado.httputil import split_host_and_port
from tornado.web import Finish, RequestHandler

from secondop.link_limits import MAX_QUERY_CHARS
from secondop.paths import PUBLIC_URL_ENV

log = logging.getLogger(__name__)

#: Seconds a refused browser (or a proxy, or a script) is told to wait; the page says "in a minute".
RETRY_AFTER_S = 60
_ADDRESS = re.compile(r"^https?://\S+$")
#: The busy page's stylesheet (busy.css beside this module), inlined in the page.
_STYLE = files("secondop.server").joinpath("busy.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class BusyWording:
    """The busy page's words in one language, and the public copy's address (or '')."""

    language: str
    title: str
    text: str
    try_again: str
    other_copy: str
    public_url: str


@lru_cache(maxsize=1)
def _languages() -> tuple[str, tuple[str, ...]]:
    """(the content's default language, every shipped language)."""
    from secondop.content.cache import load_content_cached

    settings = load_content_cached(None, None).settings
    return settings.language, tuple(settings.languages)


def page_language(query: str) -> str:
    """The shipped language the link asks for (`?lang=es`, as the app reads it), else the default one."""
    default, shipped = _languages()
    if len(query) > MAX_QUERY_CHARS:
        return default
    try:
        pairs = parse_qsl(query, keep_blank_values=False, errors="replace", max_num_fields=None)
    except ValueError:
        return default
    asked = [value.strip().lower() for key, value in pairs if key.strip().lower() in ("lang", "language")]
    return next((code for code in asked if code in shipped), default)


@lru_cache(maxsize=8)
def busy_wording(language: str) -> BusyWording:
    """The busy page's wording from the content (read once per language for the server's life)."""
    from secondop.content.cache import load_content_cached

    content = load_content_cached(None, language)
    busy = content.labels.busy
    public = next(
        (
            address.strip()
            for address in (os.environ.get(PUBLIC_URL_ENV, ""), content.settings.public_url or "")
            if _ADDRESS.match(address.strip())
        ),
        "",
    )
    return BusyWording(language, busy.title, busy.text, busy.try_again, busy.other_copy, public)


def _port(netloc: str, scheme: str) -> int | None:
    try:
        _, port = split_host_and_port(netloc.lower())
    except ValueError:
        return None
    return port or {"http": 80, "https": 443}.get(scheme)


def other_copy_link(public_url: str, language: str, default_language: str, request_host: str) -> str:
    """The public copy's address for this language; '' when there is none or it is this very server.

    `--public-url` is often this server's own address on the room's Wi-Fi (for presenter mode's QR code):
    sending a refused person there would only bring the busy page back. Same port as the request: same server.
    """
    if not public_url:
        return ""
    parts = urlsplit(public_url)
    if _port(parts.netloc, parts.scheme) == _port(request_host, "http"):
        return ""
    query = f"lang={language}" if language != default_language else ""
    if "{query}" in public_url:  # a Binder link carries the query encoded in its `urlpath`
        return public_url.replace("{query}", quote(query, safe=""))
    if not query:
        return public_url
    return f"{public_url}{'&' if '?' in public_url else '?'}{query}"


def busy_page_html(wording: BusyWording, again: str, other: str) -> str:
    """The busy page: title, text, a "try again" link to `again` and, if any, a link to the copy at `other`."""
    esc = html.escape
    other_part = f'<p>{esc(wording.other_copy)} <a href="{esc(other)}">{esc(other)}</a></p>' if other else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(wording.language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">'
        '<link rel="icon" href="data:;base64,=">'  # as the app's page: no /favicon.ico request (403 here)
        f"<title>{esc(wording.title)}</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>{esc(wording.title)}</h1><p>{esc(wording.text)}</p>"
        f'<p><a class="again" href="{esc(again)}">{esc(wording.try_again)}</a></p>{other_part}'
        "</main></body></html>\n"
    )


def busy_response(handler: RequestHandler) -> str:
    """The busy page for this request (its language, its own address to try again, the public copy)."""
    request = handler.request
    language = page_language(request.query)
    wording = busy_wording(language)
    default, _ = _languages()
    path = request.path if request.path.startswith("/") and not request.path.startswith("//") else "/"
    again = path + (f"?{request.query}" if request.query else "")
    return busy_page_html(wording, again, other_copy_link(wording.public_url, language, default, request.host))


def refuse_when_full(handler: RequestHandler, notebook: Any = None, cwd: str | None = None) -> None:
    """Let the page through when the kernel manager gives it a place; else answer with the busy page and stop.

    Only with a manager that keeps a limit (`admit`): as a Jupyter server extension (Binder) nothing changes.
    `Finish` ends the request before Voilà starts a kernel or renders anything.
    """
    manager = getattr(handler, "kernel_manager", None)
    admit = getattr(manager, "admit", None)
    if admit is None or admit(handler.request.remote_ip or ""):
        return None
    getattr(handler, "log", log).warning(
        "busy page sent: all %d places for pages are taken", getattr(manager, "max_pages", 0)
    )
    handler.set_status(503)
    handler.set_header("Retry-After", str(RETRY_AFTER_S))
    handler.set_header("Content-Type", "text/html; charset=UTF-8")
    handler.set_header("Cache-Control", "no-store")
    try:
        page = busy_response(handler)
    except Exception as error:  # the content could not be read: the status alone still says it
        log.warning("no busy page wording (%s)", type(error).__name__)
        page = ""
    raise Finish(page)
