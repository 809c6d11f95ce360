"""Proposals instead of deletions: how the rules' candidate results become the chosen ones.

Rules propose. When a later rule composes a larger result out of earlier ones ("Syrian" +
"president" → the Syrian president; "Kurdish" + "rebels" → Kurdish rebels), it does not delete
the parts: it says that its proposal supersedes them, and why. What the rules see while they
work (`live`) and what is finally kept (`chosen`) follow from those records in one place, and
`superseded` keeps the history for debugging ("why is 'Syrian' not a mention of Syria here?").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True)
class Supersession(Generic[Item]):
    """`old` gave way to `by` (None while the composing proposal is still being built)."""

    old: Item
    by: Item | None
    reason: str


class Proposals(Generic[Item]):
    """Results proposed by rules, in the order proposed.

    Order of choice: every proposal is kept unless a later proposal superseded it; a
    supersession names the first live proposal equal to the one given (as `list.remove`
    would), so two equal proposals give way one at a time."""

    def __init__(self) -> None:
        self._live: list[Item] = []
        self.superseded: list[Supersession[Item]] = []

    def propose(self, item: Item) -> Item:
        self._live.append(item)
        return item

    def supersede(self, old: Item, reason: str, by: Item | None = None) -> None:
        """Record that `old` gives way to a composed proposal (`by`, when already made)."""
        self._live.remove(old)
        self.superseded.append(Supersession(old, by, reason))

    def last(self) -> Item | None:
        """The latest live proposal."""
        return self._live[-1] if self._live else None

    def chosen(self) -> list[Item]:
        """What is kept: the live proposals in the order proposed."""
        return list(self._live)

    def __iter__(self) -> Iterator[Item]:
        return iter(self._live)

    def __reversed__(self) -> Iterator[Item]:
        return reversed(self._live)

    def __contains__(self, item: object) -> bool:
        return item in self._live

    def __len__(self) -> int:
        return len(self._live)
