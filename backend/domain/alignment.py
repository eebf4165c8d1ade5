"""The alignment tree: objectives point up to the objective they align to."""

from collections.abc import Mapping

from .enums import ObjectiveLevel
from .errors import InvalidInput


def would_form_loop(
    child_id: int, new_parent_id: int | None, parent_of: Mapping[int, int | None]
) -> bool:
    """True when making `new_parent_id` the parent of `child_id` would close a loop.

    A loop already present above the new parent also answers True: such data is corrupt and
    nothing more may be hung under it.
    """
    seen: set[int] = set()
    node = new_parent_id
    while node is not None:
        if node == child_id or node in seen:
            return True
        seen.add(node)
        node = parent_of.get(node)
    return False


def ancestors(obj_id: int, parent_of: Mapping[int, int | None]) -> list[int]:
    """Parent, grandparent, ... of `obj_id`; stops at a loop instead of walking forever."""
    chain: list[int] = []
    seen = {obj_id}
    node = parent_of.get(obj_id)
    while node is not None and node not in seen:
        chain.append(node)
        seen.add(node)
        node = parent_of.get(node)
    return chain


# Higher levels first: an objective aligns under its own level or a higher one.
_RANK = {ObjectiveLevel.COMPANY: 0, ObjectiveLevel.TEAM: 1, ObjectiveLevel.PERSONAL: 2}


def level_allows(child: ObjectiveLevel, parent: ObjectiveLevel) -> bool:
    """DESIGN §4: a COMPANY objective aligns under nothing below it, a TEAM one never under a
    PERSONAL one."""
    return _RANK[child] >= _RANK[parent]


def check_level(child: ObjectiveLevel, parent: ObjectiveLevel, field: str = "parentId") -> None:
    """InvalidInput on `field` (parentId, sourceKeyResultId, or level when the objective itself
    moves) when `child` may not align under `parent`."""
    if not level_allows(child, parent):
        raise InvalidInput(field, "okr.level_order")
