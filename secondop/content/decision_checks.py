"""Checks of the decision aid's content: derived figures add up, the key figure is one of them, the step path
points to real checklist headings, and the SURE test has its four questions.

A derived figure (`settings.derived_figures`) is the one way a text may carry a number its source does not
state in digits: "about 1 to 7 in 10" beside "12% to 69%". The arithmetic is checked here, so a frequency can
never drift from the percentages it stands for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .figures_in_text import figures
from .problems import Problem
from .raw import RawEntries
from .schema import SETTINGS_FILE, structure

#: The SURE test has exactly four yes/no questions (Légaré et al. 2010); a score under this is "not sure yet".
SURE_QUESTIONS = 4


def frequency(percent: float, out_of: int) -> int:
    """`percent`% of `out_of`, rounded half up (12% of 10 -> 1, 69% of 10 -> 7, 45% of 10 -> 5)."""
    return int(percent * out_of / 100 + 0.5)


def derived_by_source(settings: structure.Settings | None) -> dict[str, set[str]]:
    """The figures each source's derived frequencies allow (the frequencies and their base), by source id."""
    allowed: dict[str, set[str]] = {}
    for derived in settings.derived_figures if settings else ():
        allowed.setdefault(derived.source, set()).update({str(g) for g in derived.gives} | {str(derived.out_of)})
    return allowed


def derived_problems(
    settings: structure.Settings | None, sources: RawEntries, shown: Callable[..., str]
) -> list[Problem]:
    """Each derived figure whose source is unknown, whose percentages are in no excerpt, or whose sum is wrong."""
    if settings is None or not sources.readable:
        return []
    problems = []
    for index, derived in enumerate(settings.derived_figures, start=1):
        where = f"derived figure {index} (`{derived.source}`)"

        def report(field: str, message: str, where: str = where) -> None:
            problems.append(Problem(shown(SETTINGS_FILE), where, field, message))

        source: Any = sources.entries.get(derived.source)
        if source is None:
            if not sources.known(derived.source):
                report("source", f"`{derived.source}` is not in {sources.shown_as}")
            continue
        stated = {figure for excerpt in source.excerpts for figure in figures(excerpt, source.language)}
        for percent in derived.percents:
            if str(percent) not in stated:
                report("percents", f"`{percent}` is in no excerpt of `{derived.source}`")
        if len(derived.gives) != len(derived.percents):
            report("gives", f"gives {len(derived.gives)} figures for {len(derived.percents)} percentages")
            continue
        for percent, given in zip(derived.percents, derived.gives, strict=True):
            expected = frequency(percent, derived.out_of)
            if given != expected:
                report(
                    "gives",
                    f"{percent}% of {derived.out_of} is about {expected}, not {given}; correct the figure",
                )
    return problems


def decision_problems(
    raws: Mapping[str, RawEntries], settings: structure.Settings | None, shown: Callable[..., str]
) -> list[Problem]:
    """The key figures match a derived figure of a source they cite; steps name real review points; SURE has 4."""
    problems = []
    derived = [d for d in settings.derived_figures] if settings else []
    figures_raw = raws["key_figures"]
    for entry in figures_raw.entries.values():
        matches = [
            d
            for d in derived
            if d.source in entry.sources and d.out_of == entry.out_of and {entry.low, entry.high} <= set(d.gives)
        ]
        if not matches:
            problems.append(
                Problem(
                    figures_raw.shown_as,
                    figures_raw.name(entry.id),
                    "low",
                    f"{entry.low} to {entry.high} of {entry.out_of} is no derived figure (settings.yaml "
                    "`derived_figures`) of a source this entry cites",
                )
            )
        if not entry.low <= entry.high <= entry.out_of:
            problems.append(
                Problem(
                    figures_raw.shown_as,
                    figures_raw.name(entry.id),
                    "high",
                    f"needs low <= high <= out_of, got {entry.low}, {entry.high}, {entry.out_of}",
                )
            )
    steps = raws["steps"]
    points = raws["review_points"]
    seen: dict[str, str] = {}
    for entry in steps.entries.values():
        for point in entry.review_points:
            if not points.known(point):
                message = f"`{point}` is not in {points.shown_as}"
            elif point in seen:
                message = f"`{point}` is already under step `{seen[point]}`"
            else:
                seen[point] = entry.id
                continue
            problems.append(Problem(steps.shown_as, steps.name(entry.id), "review_points", message))
    sure = raws["sure_questions"]
    if sure.readable and not sure.failed and len(sure.entries) != SURE_QUESTIONS:
        problems.append(
            Problem(sure.shown_as, None, None, f"the SURE test has {SURE_QUESTIONS} questions, not {len(sure.entries)}")
        )
    choices = raws["choices"]
    if choices.readable and not choices.failed and len(choices.entries) < 2:
        problems.append(Problem(choices.shown_as, None, None, "a decision needs at least two choices"))
    return problems
