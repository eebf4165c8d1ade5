import pytest

from backend.domain.alignment import ancestors, check_level, level_allows, would_form_loop
from backend.domain.enums import ObjectiveLevel
from backend.domain.errors import InvalidInput

# 1 <- 2 <- 3 <- 4 (4's parent is 3, ...), 5 standalone, 6 <-> 7 a corrupt loop
TREE: dict[int, int | None] = {1: None, 2: 1, 3: 2, 4: 3, 5: None, 6: 7, 7: 6}

LOOP_CASES = [
    ("no-parent", 2, None, False),
    ("self", 2, 2, True),
    ("two-step", 1, 2, True),
    ("deep", 1, 4, True),
    ("sibling-ok", 5, 4, False),
    ("reparent-down-ok", 4, 1, False),
    ("keep-same-parent", 3, 2, False),
    ("unknown-parent", 2, 99, False),
    ("existing-loop-above", 5, 6, True),
]


@pytest.mark.parametrize(
    ("child", "parent", "loop"), [c[1:] for c in LOOP_CASES], ids=[c[0] for c in LOOP_CASES]
)
def test_would_form_loop(child: int, parent: int | None, loop: bool) -> None:
    assert would_form_loop(child, parent, TREE) is loop


ANCESTOR_CASES = [
    ("root", 1, []),
    ("deep-nearest-first", 4, [3, 2, 1]),
    ("unknown", 99, []),
    ("loop-safe", 6, [7]),
]


@pytest.mark.parametrize(
    ("obj", "chain"), [c[1:] for c in ANCESTOR_CASES], ids=[c[0] for c in ANCESTOR_CASES]
)
def test_ancestors(obj: int, chain: list[int]) -> None:
    assert ancestors(obj, TREE) == chain


def test_long_chain_is_iterative() -> None:
    chain: dict[int, int | None] = {i: i - 1 for i in range(1, 5001)}
    chain[0] = None
    assert would_form_loop(0, 5000, chain)
    assert len(ancestors(5000, chain)) == 5000


C, T, P = ObjectiveLevel.COMPANY, ObjectiveLevel.TEAM, ObjectiveLevel.PERSONAL

# (child level, parent level, allowed): an objective aligns under its own level or a higher one
LEVEL_CASES = [
    (C, C, True),
    (C, T, False),
    (C, P, False),
    (T, C, True),
    (T, T, True),
    (T, P, False),
    (P, C, True),
    (P, T, True),
    (P, P, True),
]


@pytest.mark.parametrize(
    ("child", "parent", "allowed"), LEVEL_CASES, ids=[f"{c}-under-{p}" for c, p, _ in LEVEL_CASES]
)
def test_levels(child: ObjectiveLevel, parent: ObjectiveLevel, allowed: bool) -> None:
    assert level_allows(child, parent) is allowed
    if allowed:
        check_level(child, parent)
        return
    for field in ("parentId", "sourceKeyResultId", "level"):
        with pytest.raises(InvalidInput) as err:
            check_level(child, parent, field)
        assert (err.value.field, err.value.key) == (field, "okr.level_order")
