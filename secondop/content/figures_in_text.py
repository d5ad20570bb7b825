"""The figures a text states, so each can be traced to the words of a source that was read.

A figure is any number written with digits (31, 41.5, 12%, 2015, 1,000) or a phone number
(1-800-4-CANCER, 1-800-422-6237). Per cent signs and thousands separators are not part of the figure:
"12%" in a text matches "12%" or "12 percent" in a source. Words ("nine in ten") are not figures; write
figures with digits so that the check can see them.
"""

from __future__ import annotations

import re

_PHONE = re.compile(r"(?<![\w-])1-8\d\d(?:-[0-9A-Z]+)+(?![\w-])")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?")


def figures(text: str) -> list[str]:
    """Every figure in the text, in order, as normalised strings (`1,000` -> `1000`; phones kept whole)."""
    found: list[str] = []
    for match in _PHONE.finditer(text):
        found.append(match.group())
    rest = _PHONE.sub(" ", text)
    for match in _NUMBER.finditer(rest):
        value = match.group().replace(",", "")
        found.append(value.rstrip(".") if "." in value else value)
    return found
