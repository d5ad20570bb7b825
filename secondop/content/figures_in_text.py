"""The figures a text states, so each can be traced to the words of a source that was read.

A figure is any number written with digits (31, 41.5, 12%, 2015, 1,000) or a phone number
(1-800-4-CANCER, 1-800-422-6237). `figures` gives the bare values (thousands separators dropped), for
checks that compare values; `figures_with_units` gives each figure with its unit ("12%" and "12
percent" are both `12%`, "30 días" is `30 days`) and reads proportions written in words ("one in
three", "half of") as figures too: the figure check uses it, so "58 days" is never traced to "58%".

Numbers are read in the text's own language: French or German write "41,5" and "1.000" where English
writes "41.5" and "1,000"; both come out as "41.5" and "1000", so such a text is traced to an English
source. Spanish is read like English: this guide's Spanish is US Spanish, which writes "41.5" (as
US health sites in Spanish do), so a reader never takes a decimal comma for a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PHONE = re.compile(r"(?<![\w-])1-8\d\d(?:-[0-9A-Z]+)+(?![\w-])")
_POINT_DECIMAL = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?")
_COMMA_DECIMAL = re.compile(r"(?<![\w,])\d+(?:\.\d{3})*(?:,\d+)?")

#: Languages that write a decimal comma and a thousands point.
DECIMAL_COMMA_LANGUAGES = frozenset({"fr", "de", "it", "pt"})


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


# ---- figures with their units, and numbers written in words -----------------------------------------------
#
# "58 days" must not be traced to a source's "58%": a figure is its value and its unit. Units are named in
# one canonical form across languages ("30 días" and "30 days" are both `30 days`), so a Spanish text is
# still traced to an English source. A figure with no unit ("in 2015", "1 in 10") matches the same value
# with or without a unit; two different units never match.
#
# Numbers written in words are figures too where they state a proportion: "one in three", "nine out of
# ten", "uno de cada diez" (read as 1 and 3, 9 and 10, 1 and 10), "half of" and "la mitad de" (read as
# 50%). Counting words elsewhere ("a third opinion", "one doctor") are not figures.


@dataclass(frozen=True)
class Figure:
    """A figure as a text states it: the normalised value, its canonical unit (or None), where it starts."""

    value: str
    unit: str | None = None
    start: int = 0

    def __str__(self) -> str:
        if self.unit is None:
            return self.value
        if self.unit in ("%", "$"):
            return f"{self.value}%" if self.unit == "%" else f"${self.value}"
        return f"{self.value} {self.unit}"

    def matches(self, other: Figure) -> bool:
        """Same value, and the same unit unless one of them states none."""
        return self.value == other.value and (self.unit == other.unit or None in (self.unit, other.unit))


_ADJECTIVE = r"(?:(?:calendar|business|working|more|extra|full)\s+)?"
_UNITS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (unit, re.compile(pattern, re.IGNORECASE))
    for unit, pattern in (
        ("%", r"\s?%|\s+(?:percent|per\s+cent|por\s+ciento)\b"),
        ("days", rf"[\s-]+{_ADJECTIVE}(?:days?|d[ií]as?)\b"),
        ("weeks", rf"[\s-]+{_ADJECTIVE}(?:weeks?|semanas?)\b"),
        ("months", rf"[\s-]+{_ADJECTIVE}(?:months?|mes(?:es)?)\b"),
        ("years", rf"[\s-]+{_ADJECTIVE}(?:years?|a[ñn]os?)\b"),
        ("hours", rf"[\s-]+{_ADJECTIVE}(?:hours?|horas?)\b"),
        ("minutes", rf"[\s-]+{_ADJECTIVE}(?:minutes?|minutos?)\b"),
        ("$", r"\s+(?:dollars?|d[óo]lares)\b"),
    )
)
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twenty": 20, "hundred": 100, "a hundred": 100, "one hundred": 100, "a thousand": 1000, "one thousand": 1000,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "veinte": 20, "cien": 100, "mil": 1000,
}  # fmt: skip
_NUMBER_WORD = "|".join(sorted((re.escape(word) for word in _WORD_NUMBERS), key=len, reverse=True))
_RATIO_IN_WORDS = re.compile(
    rf"\b({_NUMBER_WORD}|\d+)\s+(?:in|out\s+of|de\s+cada|en)\s+(?:every\s+)?({_NUMBER_WORD})\b", re.IGNORECASE
)
_HALF = re.compile(r"\b(?:half\s+of|la\s+mitad\s+de)\b", re.IGNORECASE)


def _unit_after(text: str, end: int) -> str | None:
    for unit, pattern in _UNITS:
        if pattern.match(text, end):
            return unit
    return None


def figures_with_units(text: str, language: str = "en") -> list[Figure]:
    """Every figure in the text with its unit and position, numbers in words included (see above)."""
    comma_decimal = language.split("_")[0] in DECIMAL_COMMA_LANGUAGES
    found = [Figure(match.group(), None, match.start()) for match in _PHONE.finditer(text)]
    rest = _PHONE.sub(lambda match: " " * len(match.group()), text)  # same length: positions stay true
    pattern = _COMMA_DECIMAL if comma_decimal else _POINT_DECIMAL
    for match in pattern.finditer(rest):
        dollar = match.start() > 0 and rest[match.start() - 1] == "$"
        unit = "$" if dollar else _unit_after(rest, match.end())
        found.append(Figure(_normalise(match.group(), comma_decimal), unit, match.start()))
    for match in _RATIO_IN_WORDS.finditer(rest):
        first, second = match.group(1).lower(), match.group(2).lower()
        if first.isdigit() and second.isdigit():
            continue  # both in digits: already found above
        for word, at in ((first, match.start(1)), (second, match.start(2))):
            if not word.isdigit():
                found.append(Figure(str(_WORD_NUMBERS[word]), None, at))
    found += [Figure("50", "%", match.start()) for match in _HALF.finditer(rest)]
    return _ranges_share_units(sorted(found, key=lambda figure: figure.start), rest)


_DIGITS = re.compile(r"\d[\d.,]*")
#: What joins the two ends of a range or a comparison: "12% to 69%", "41.5 versus 31 days", "20 y 21 días".
_JOINED = re.compile(r"\s*(?:to|versus|vs\.?|and|or|a|al|y|o|frente a|–|-)\s*", re.IGNORECASE)


def _ranges_share_units(found: list[Figure], text: str) -> list[Figure]:
    """In "41.5 versus 31 days" or "20 and 21 days" the first figure has the unit written after the second."""
    shared = list(found)
    for index in range(len(shared) - 2, -1, -1):
        figure, after = shared[index], shared[index + 1]
        if figure.unit is not None or after.unit in (None, "$") or "-" in figure.value:  # not phones, not "$"
            continue
        digits = _DIGITS.match(text, figure.start)  # None for a number in words: its unit is its own
        if digits and _JOINED.fullmatch(text, digits.end(), after.start):
            shared[index] = Figure(figure.value, after.unit, figure.start)
    return shared
