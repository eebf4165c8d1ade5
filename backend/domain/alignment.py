"""The alignment tree: objectives point up to the objective they align to."""

from collections.abc import Mapping


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
