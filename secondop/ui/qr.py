"""The audience link of presenter mode: the address that opens the current example, drawn as an inline SVG QR code.

The code is drawn in the kernel by `segno` (pure Python, no network). The public address comes from
`secondop serve --public-url URL` (the environment variable PUBLIC_URL_ENV, passed to the kernel) or else from
`public_url` in `settings.yaml`, or else, in the static edition on a public host, from the page's own address
(PAGE_URL_ENV). Without one there is no code and the projector shows nothing in its place: the note saying how
to set one (`qr_howto`) goes with the presenter's tools, below the plan.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from secondop.paths import PAGE_URL_ENV, PUBLIC_URL_ENV

from .html_parts import esc

if TYPE_CHECKING:
    from secondop.content.collection import Content

_ADDRESS = re.compile(r"^https?://\S+$")
#: Size of a module in the SVG's own units (the page scales the drawing; the quiet zone is four modules).
SCALE = 4
BORDER = 4


def public_base(content: Content, environ: dict[str, str] | None = None) -> str:
    """The public address of the app: the environment's (from `secondop serve --public-url`), else the content's,
    else the static page's own; '' when none is an http(s) address."""
    env = os.environ if environ is None else environ
    for candidate in (env.get(PUBLIC_URL_ENV, ""), content.settings.public_url or "", env.get(PAGE_URL_ENV, "")):
        candidate = candidate.strip()
        if _ADDRESS.match(candidate):
            return candidate
    return ""


def example_query(content: Content, scenario_id: str) -> str:
    """`scenario=<id>` (when there is one), then `lang=<code>` when the page is not in the default language."""
    pairs = [("scenario", scenario_id)] if scenario_id else []
    if content.language != content.settings.language:
        pairs.append(("lang", content.language))
    return urlencode(pairs)


def audience_link(base: str, query: str) -> str:
    """`base` with the query: in place of `{query}` (encoded, for a Binder `urlpath`), else after `?` or `&`."""
    if "{query}" in base:
        return base.replace("{query}", quote(query, safe=""))
    if not query:
        return base
    return f"{base}{'&' if '?' in base else '?'}{query}"


def qr_svg(link: str, name: str) -> str:
    """The link as an SVG QR code (sized by the page through its viewBox), named `name` for assistive technology.

    segno is imported here, not with the module: only presenter mode draws a code, and its import (with
    urllib's) is about a third of the app's own import time in every page's kernel.
    """
    import segno

    svg = segno.make(link, error="m").svg_inline(
        scale=SCALE, border=BORDER, dark="#000000", light="#ffffff", omitsize=True
    )
    return svg.replace("<svg ", f'<svg role="img" aria-label="{esc(name)}" ', 1)


def qr_howto(content: Content, environ: dict[str, str] | None = None) -> str:
    """Without a public address, the note saying how to set one (for the presenter's tools); else ''."""
    if public_base(content, environ):
        return ""
    return f'<p class="secondop-qr-missing">{esc(content.labels.presenter.qr_missing)}</p>'


def qr_block(content: Content, scenario_id: str, environ: dict[str, str] | None = None) -> str:
    """The QR code and its link as text beside it; '' without a public address (nothing to scan)."""
    labels = content.labels.presenter
    base = public_base(content, environ)
    if not base:
        return ""
    link = audience_link(base, example_query(content, scenario_id))
    return (
        f'<div class="secondop-qr" data-secondop-link="{esc(link)}">{qr_svg(link, labels.qr_name)}'
        f"<p>{esc(labels.qr_caption)}:<br>"
        f'<a class="secondop-qr-link" href="{esc(link)}" target="_blank" rel="noopener noreferrer">{esc(link)}</a>'
        "</p></div>"
    )
