"""Partial updates: a field left out of an update is KEEP; None means "clear it"."""

from enum import Enum
from typing import Final, Literal, TypeVar

T = TypeVar("T")


class _Keep(Enum):
    KEEP = "KEEP"


KEEP: Final = _Keep.KEEP
Patch = T | Literal[_Keep.KEEP]
