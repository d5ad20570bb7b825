"""The figures a text states, so each can be traced to the words of a source that was read.

A figure is any number written with digits (31, 41.5, 12%, 2015, 1,000) or a phone number
(1-800-4-CANCER, 1-800-422-6237). Per cent signs and thousands separators are not part of the figure:
"12%" in a text matches "12%" or "12 percent" in a source. Words ("nine in ten") are not figures; write
figures with digits so that the check can see them.

Numbers are read in the text's own language: Spanish writes "41,5" and "1.000" where English writes
"41.5" and "1,000"; both come out as "41.5" and "1000", so a Spanish text is traced to an English source.
"""

from __future__ import annotations

import re

_PHONE = re.compile(r"(?<![\w-])1-8\d\d(?:-[0-9A-Z]+)+(?![\w-])")
_POINT_DECIMAL = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?")
_COMMA_DECIMAL = re.compile(r"(?<![\w,])\d+(?:\.\d{3})*(?:,\d+)?")

#: Languages that write a decimal comma and a thousands point.
DECIMAL_COMMA_LANGUAGES = frozenset({"es", "fr", "de", "it", "pt"})


def _normalise(value: str, comma_decimal: bool) -> str:
    value = value.replace(".", "").replace(",", ".") if comma_decimal else value.replace(",", "")
    return value.rstrip(".") if "." in value else value


def figures(text: str, language: str = "en") -> list[str]:
    """Every figure in the text, in order, as normalised strings (`1,000` -> `1000`; phones kept whole)."""
    comma_decimal = language.split("_")[0] in DECIMAL_COMMA_LANGUAGES
    found = [match.group() for match in _PHONE.finditer(text)]
    rest = _PHONE.sub(" ", text)
    pattern = _COMMA_DECIMAL if comma_decimal else _POINT_DECIMAL
    found += [_normalise(match.group(), comma_decimal) for match in pattern.finditer(rest)]
    return found
