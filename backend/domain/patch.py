"""Partial updates: a field left out of an update is KEEP; None means "clear it"."""

from enum import Enum
from typing import Final, Literal, TypeVar, Union

T = TypeVar("T")


class _Keep(Enum):
    KEEP = "KEEP"


KEEP: Final = _Keep.KEEP
Patch = Union[T, Literal[_Keep.KEEP]]  # noqa: UP007 (a TypeVar cannot take `|` here)
