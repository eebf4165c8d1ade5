"""The sign-in limit's rules (domain/login_limit.py) as a table."""

import pytest

from backend.domain.login_limit import DAY, LoginLimits, pair_wait, spread_exceeded

LIMITS = LoginLimits(attempts=10, window=300)


@pytest.mark.parametrize(
    ("ages", "wait"),
    [
        ([0], 0),
        ([0] * 10, 0),  # the tenth try in the window goes ahead
        ([0] * 11, 300),  # the eleventh waits out the window
        ([0] + [200] * 9 + [301] * 5, 0),  # tries older than the window count no more
        # used up twice within the day: the window doubles …
        ([0] + [400] * 19, 600),
        ([0] + [700] * 19, 0),
        # … and again for every further round, up to a day
        ([0] + [1000] * 29, 1200),
        ([0] * 10 + [DAY - 1] * 990, DAY),
        ([0] * 10 + [DAY + 1] * 990, 0),  # a day later it starts again
    ],
)
def test_pair_wait(ages: list[float], wait: int) -> None:
    assert pair_wait(ages, LIMITS) == wait


@pytest.mark.parametrize(("count", "exceeded"), [(1, False), (100, False), (101, True)])
def test_spread(count: int, exceeded: bool) -> None:
    assert spread_exceeded(count, LIMITS) is exceeded
