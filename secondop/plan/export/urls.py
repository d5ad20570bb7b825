"""Which web addresses a plan may link to: http and https only, so content can never smuggle in a script."""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https"})


def safe_url(value: object) -> str | None:
    """The address as text if it is a plain http(s) URL with a host, else None (shown as text, never linked).

    Sources are validated as HttpUrl already; this is the second lock, for content built any other way.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text or any(ch.isspace() or ord(ch) < 32 or ch in '<>"`\\' for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.hostname:
        return None
    return text
