"""Say a thing once: an expert several reasons share is described in the first of them only.

Five reasons can name the same expert ("a doctor who specializes in your type of cancer"); printing the
same "who to look for" paragraph under each made a phone's screen of the plan three times as long and
hid what differs between the reasons. The first reason naming an expert says who and how; the later ones
point back to it by its title.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..assessment import AppliedReason


def experts_above(reasons: Iterable[AppliedReason]) -> dict[str, str]:
    """For each reason whose expert an earlier reason already names: that earlier reason's title, by reason id."""
    first: dict[str, str] = {}
    above: dict[str, str] = {}
    for applied in reasons:
        expert = applied.expert.id
        if expert in first:
            above[applied.id] = first[expert]
        else:
            first[expert] = applied.reason.title
    return above
