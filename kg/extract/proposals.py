"""Proposals instead of deletions: how the rules' candidate results become the chosen ones.

Rules propose. When a later rule composes a larger result out of earlier ones ("Syrian" +
"president" → the Syrian president; "Kurdish" + "rebels" → Kurdish rebels), it does not delete
the parts: it says that its proposal supersedes them, and why. What the rules see while they
work (`live`) and what is finally kept (`chosen`) follow from those records in one place, and
`superseded` keeps the history for debugging ("why is 'Syrian' not a mention of Syria here?").
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
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
    would), so two equal proposals give way one at a time.

    `key` (optional) files proposals under a cheap hashable summary that equal proposals
    share (the resolver's token span), so finding one does not compare it with every earlier
    proposal of a long document; a proposal must not change its key once proposed."""

    def __init__(self, key: Callable[[Item], Hashable] | None = None) -> None:
        self._live: dict[int, Item] = {}  # proposal number → proposal, in the order proposed
        self._numbers: dict[Hashable, list[int]] = {}  # key → numbers of the live proposals under it
        self._key = key or _no_key
        self._count = 0
        self.superseded: list[Supersession[Item]] = []

    def propose(self, item: Item) -> Item:
        self._live[self._count] = item
        self._numbers.setdefault(self._key(item), []).append(self._count)
        self._count += 1
        return item

    def supersede(self, old: Item, reason: str, by: Item | None = None) -> None:
        """Record that `old` gives way to a composed proposal (`by`, when already made)."""
        key = self._key(old)
        number = self._first_equal(key, old)
        if number is None:
            raise ValueError(f"not a live proposal: {old!r}")
        self._numbers[key].remove(number)
        del self._live[number]
        self.superseded.append(Supersession(old, by, reason))

    def _first_equal(self, key: Hashable, item: object) -> int | None:
        for number in self._numbers.get(key, ()):
            live = self._live[number]
            if live is item or live == item:
                return number
        return None

    def last(self) -> Item | None:
        """The latest live proposal."""
        return next(reversed(self._live.values()), None)

    def chosen(self) -> list[Item]:
        """What is kept: the live proposals in the order proposed."""
        return list(self._live.values())

    def __iter__(self) -> Iterator[Item]:
        return iter(self._live.values())

    def __reversed__(self) -> Iterator[Item]:
        return reversed(self._live.values())

    def __contains__(self, item: object) -> bool:
        return self._first_equal(self._key(item), item) is not None  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self._live)


def _no_key(item: object) -> None:
    return None
