from dataclasses import dataclass

import pytest

from backend.domain.presence import WATCHERS_NAMED, named_watchers


@dataclass
class P:
    id: int
    display_name: str


@pytest.mark.parametrize(
    ("people", "limit", "named"),
    [
        ([], 3, []),
        ([P(2, "bob"), P(1, "Ada")], 3, [1, 2]),  # by name, whatever the case
        ([P(3, "Li"), P(1, "Li"), P(2, "ada")], 3, [2, 1, 3]),  # same name: by id
        ([P(i, f"p{i:02}") for i in range(10)], 3, [0, 1, 2]),  # at most the limit
        ([P(3, "李四"), P(1, "Zoe"), P(2, "张三")], 2, [1, 2]),  # any script, by code point
    ],
)
def test_named_watchers(people: list[P], limit: int, named: list[int]) -> None:
    assert [p.id for p in named_watchers(people, limit)] == named


def test_a_company_is_named_up_to_the_limit() -> None:
    people = [P(i, f"person {i}") for i in range(1000)]
    assert len(named_watchers(people)) == WATCHERS_NAMED
