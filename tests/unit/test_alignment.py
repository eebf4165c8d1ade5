import pytest

from backend.domain.alignment import ancestors, would_form_loop

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
