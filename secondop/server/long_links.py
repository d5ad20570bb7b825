"""Voilà's prelaunch hook that answers a too-long link before a kernel starts.

Voilà copies the query string into the kernel's environment (QUERY_STRING); Linux refuses one environment
string over 128 KiB (E2BIG), so a huge link would fail at kernel start. The dashboard reads at most
MAX_QUERY_CHARS anyway: a longer link is sent on to the same page with the short marker LINK_TOO_LONG, for
which the dashboard shows a friendly note. Only the length is logged, never the link (it may name what a
person ticked).
"""

from __future__ import annotations

import logging
from typing import Any

from tornado.web import Finish, RequestHandler

from secondop.link_limits import LINK_TOO_LONG, MAX_QUERY_CHARS

log = logging.getLogger(__name__)

#: Where a too-long link is sent: a relative reference that keeps scheme, host, base URL and path (RFC 3986
#: 5.2.2), so it stays right behind a proxy that adds or strips a path prefix.
REDIRECT_TO = "?" + LINK_TOO_LONG


def redirect_long_links(handler: RequestHandler, notebook: Any = None, cwd: str | None = None) -> None:
    """Let a link of up to MAX_QUERY_CHARS through untouched; answer a longer one with a redirect and stop.

    `Finish` ends the request without an error page, before Voilà starts the kernel for it.
    """
    length = len(handler.request.query)
    if length <= MAX_QUERY_CHARS:
        return None
    # Voilà's handlers log through the server's logger, so the line lands in the server log
    getattr(handler, "log", log).info("a link with a %d-character query string was sent on to %s", length, REDIRECT_TO)
    handler.redirect(REDIRECT_TO)
    raise Finish()
