"""Read a link's query string into a selection: `?scenario=<id>` or `?circumstances=a,b&concerns=x`.

Tolerant by design: a link typed by hand, cut short by a chat app or edited by a student must still open
the app. Valid ids are kept, everything else is reported back as `unknown` for a friendly note. A link
longer than MAX_QUERY_CHARS (or the server's marker for one, `?link=too-long`) selects nothing and is
reported as `too_long`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode

from secondop.link_limits import LINK_TOO_LONG_KEY, LINK_TOO_LONG_VALUE, MAX_QUERY_CHARS

if TYPE_CHECKING:
    from secondop.content.collection import Content

#: At most this many unknown ids are reported back; the rest are dropped silently.
MAX_UNKNOWN = 10
#: Longest unknown value shown back to the person.
MAX_SHOWN_CHARS = 40

#: Values of `?present=` that turn presenter mode on.
PRESENT_VALUES = ("1", "true", "yes", "on")
_SPLIT = re.compile(r"[\s,;+|]+")
_KEYS = {
    "scenario": "scenario",
    "circumstances": "circumstances",
    "circumstance": "circumstances",
    "concerns": "concerns",
    "concern": "concerns",
}


@dataclass(frozen=True)
class QuerySelection:
    """What a link asks for, keeping only ids the content has."""

    scenario: str = ""
    circumstances: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    #: The link was too long to read (or the server said so): nothing was taken from it.
    too_long: bool = False
    #: `?present=1`: open in presenter mode (for a workshop's projector).
    present: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.scenario or self.circumstances or self.concerns)


def _shown(value: str) -> str:
    printable = "".join(ch for ch in value if ch.isprintable())
    return printable if len(printable) <= MAX_SHOWN_CHARS else printable[: MAX_SHOWN_CHARS - 1] + "…"


def parse_query(query_string: str | None, content: Content) -> QuerySelection:
    """The selection a query string asks for; never raises.

    Repeated keys add up, values may be separated by commas, spaces or semicolons, ids are matched
    case-insensitively. A scenario brings its own circumstances and concerns; more may be added.
    Half a link could tick the wrong boxes, so a too-long one is not read at all.
    """
    text = (query_string or "").lstrip("?")
    if len(text) > MAX_QUERY_CHARS:
        return QuerySelection(too_long=True)
    try:
        pairs = parse_qsl(text, keep_blank_values=False, errors="replace", max_num_fields=None)
    except ValueError:
        pairs = []
    if (LINK_TOO_LONG_KEY, LINK_TOO_LONG_VALUE) in pairs:
        return QuerySelection(too_long=True)
    wanted: dict[str, list[str]] = {"scenario": [], "circumstances": [], "concerns": []}
    present = any(key.strip().lower() == "present" and value.strip().lower() in PRESENT_VALUES for key, value in pairs)
    for key, value in pairs:
        target = _KEYS.get(key.strip().lower())
        if target:
            wanted[target].extend(v.lower() for v in _SPLIT.split(value) if v)

    unknown: list[str] = []
    known: dict[str, Mapping[str, object]] = {
        "scenario": content.scenarios,
        "circumstances": content.circumstances,
        "concerns": content.concerns,
    }
    kept: dict[str, list[str]] = {}
    for kind, values in wanted.items():
        kept[kind] = []
        for value in values:
            if value in known[kind]:
                if value not in kept[kind]:
                    kept[kind].append(value)
            elif _shown(value) not in unknown:
                unknown.append(_shown(value))

    scenario = kept["scenario"][0] if kept["scenario"] else ""
    circumstances, concerns = set(kept["circumstances"]), set(kept["concerns"])
    if scenario:
        circumstances.update(content.scenarios[scenario].circumstances)
        concerns.update(content.scenarios[scenario].concerns)
    return QuerySelection(
        scenario=scenario,
        circumstances=tuple(i for i in content.circumstances if i in circumstances),
        concerns=tuple(i for i in content.concerns if i in concerns),
        unknown=tuple(unknown[:MAX_UNKNOWN]),
        present=present,
    )


def language_query(query_string: str | None, languages: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    """The language a link asks for (`?lang=es`), if shipped, and what it asked for that is not shipped.

    A link too long to read asks for nothing; the page then opens in the default language.
    """
    text = (query_string or "").lstrip("?")
    if len(text) > MAX_QUERY_CHARS:
        return "", ()
    try:
        pairs = parse_qsl(text, keep_blank_values=False, errors="replace", max_num_fields=None)
    except ValueError:
        return "", ()
    asked = [value.strip().lower() for key, value in pairs if key.strip().lower() in ("lang", "language")]
    shipped = list(languages)
    chosen = next((code for code in asked if code in shipped), "")
    unknown = tuple(dict.fromkeys(_shown(code) for code in asked if code not in shipped))[:MAX_UNKNOWN]
    return chosen, unknown


def selection_query(
    circumstances: tuple[str, ...], concerns: tuple[str, ...], scenario: str = "", language: str = ""
) -> str:
    """The query string that reopens the app with this selection (the inverse of `parse_query`).

    `language` is added only when given: a link without `lang` opens in the default language.
    """
    pairs = [("lang", language)] if language else []
    if scenario:
        pairs.append(("scenario", scenario))
    if circumstances:
        pairs.append(("circumstances", ",".join(circumstances)))
    if concerns:
        pairs.append(("concerns", ",".join(concerns)))
    return urlencode(pairs, safe=",")
