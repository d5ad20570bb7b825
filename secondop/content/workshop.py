"""The facilitator's order of the example patients: presenter mode and the facilitator guide both follow it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .collection import Content


def facilitator_order(content: Content) -> list[str]:
    """Scenario ids: those with an `order` by it (ties in file order), then those without one, in file order."""
    ids = list(content.scenarios)
    return sorted(
        ids,
        key=lambda i: (content.scenarios[i].order is None, content.scenarios[i].order or 0, ids.index(i)),
    )
