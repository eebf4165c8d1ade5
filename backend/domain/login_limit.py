"""How often one may try to sign in. Counted per account *and address* pair, so a third
party guessing someone's password from elsewhere cannot lock its owner out: the pair gets
`attempts` tries per `window` seconds, and the window doubles each time the pair has used up
its tries again within a day (10 tries per 5 minutes, then per 10, 20, … up to a day).
Wider limits, `SPREAD` times as many, hold one account across all addresses (guessing from
many machines) and one address across all accounts (trying many accounts)."""

from collections.abc import Sequence
from dataclasses import dataclass

DAY = 86_400
SPREAD = 10


@dataclass(frozen=True)
class LoginLimits:
    attempts: int  # per account and address pair …
    window: int  # … within this many seconds (before any back-off)


def pair_wait(ages: Sequence[float], limits: LoginLimits) -> int:
    """Seconds the pair must wait before trying again (0: this attempt may go ahead), given
    the age in seconds of each of its attempts of the last day, this one's included."""
    per_day = sum(1 for age in ages if age < DAY)
    lockouts = max(0, per_day // limits.attempts - 1)
    window = min(DAY, limits.window * 2**lockouts) if lockouts < 32 else DAY
    in_window = sum(1 for age in ages if age < window)
    return window if in_window > limits.attempts else 0


def spread_exceeded(count: int, limits: LoginLimits) -> bool:
    """Whether an account's (or an address's) attempts in the window, all addresses (or all
    accounts) together and this one included, are past the wide limit."""
    return count > limits.attempts * SPREAD
