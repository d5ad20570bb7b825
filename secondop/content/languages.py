"""The order of the shipped languages: one rule for the validated settings and for the static edition's records."""

from __future__ import annotations

from collections.abc import Iterable


def ordered_languages(default: str, languages: Iterable[str]) -> list[str]:
    """The default language first, then the others in the order listed (`Settings.all_languages`)."""
    return [default, *(code for code in languages if code != default)]
