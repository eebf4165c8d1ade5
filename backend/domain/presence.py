"""Whom a board's presence names. The count is everyone watching; the names are at most
`WATCHERS_NAMED` of them, so that an update weighs the same for a team of five and a company
of a thousand — every watcher is sent every update, and naming everyone made a morning's
rush cost bytes and server time that grew with the square of the watchers."""

from collections.abc import Sequence
from typing import Protocol, TypeVar

WATCHERS_NAMED = 50


class Person(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def display_name(self) -> str: ...


P = TypeVar("P", bound=Person)


def named_watchers(people: Sequence[P], limit: int = WATCHERS_NAMED) -> list[P]:
    """The watchers an update names: by name (then id, for a stable list), at most `limit`."""
    return sorted(people, key=lambda p: (p.display_name.casefold(), p.id))[:limit]
