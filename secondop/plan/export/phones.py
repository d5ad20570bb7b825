"""Phone numbers in the content's texts as links a phone can call (`tel:`), added to HTML that is already escaped.

The numbers live in the wording (data/text: "call the American Cancer Society at 1-800-227-2345", "1-800-4-
CANCER"); a person reading the plan on a phone should be able to tap one instead of copying it. The wording
stays plain text in data/: the links are made here, from what the text says, so an analyst never writes HTML.
Only US toll-free style numbers as the content writes them are recognised (1-XXX-XXX-XXXX, letters allowed
as on a keypad): a figure like a date or a count never becomes a link.
"""

from __future__ import annotations

import re

#: 1-800-227-2345, 1-800-4-CANCER: "1-", a three-digit area code, then digits and capitals in groups.
PHONE = re.compile(r"(?<![\w-])1-\d{3}-[0-9A-Z]{1,4}-[0-9A-Z]{3,7}(?![\w-])")
_KEYPAD = {letter: digit for digit, letters in {
    "2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV", "9": "WXYZ",
}.items() for letter in letters}  # fmt: skip
#: Text inside these elements is never linked: a link inside a link is invalid, and the rest is not shown text.
_SKIP = {"a", "script", "style", "title", "textarea", "button", "option"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")


def dial_string(number: str) -> str | None:
    """The digits a phone dials for a written number, as `+1…`; None unless it makes 11 digits starting with 1."""
    digits = "".join(_KEYPAD.get(ch, ch) for ch in number if ch.isalnum())
    if not (digits.isdigit() and len(digits) == 11 and digits.startswith("1")):
        return None
    return "+" + digits


def _linked(text: str) -> str:
    def link(match: re.Match[str]) -> str:
        dial = dial_string(match.group(0))
        if dial is None:
            return match.group(0)
        return f'<a class="secondop-tel" href="tel:{dial}">{match.group(0)}</a>'

    return PHONE.sub(link, text)


def link_phones(html: str) -> str:
    """`html` with every phone number in its shown text made a `tel:` link (not inside links, scripts, styles).

    `html` must already be escaped: only text between tags is looked at, and the number's own characters
    (digits, capitals, hyphens) need no escaping.
    """
    out: list[str] = []
    skipping: list[str] = []
    position = 0
    for tag in _TAG.finditer(html):
        text = html[position : tag.start()]
        out.append(text if skipping else _linked(text))
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name in _SKIP:
            if closing and name in skipping:
                del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
            elif not closing and not tag.group(0).endswith("/>"):
                skipping.append(name)
        out.append(tag.group(0))
        position = tag.end()
    tail = html[position:]
    out.append(tail if skipping else _linked(tail))
    return "".join(out)
