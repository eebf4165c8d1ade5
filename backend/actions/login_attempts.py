"""Sign-in attempts, counted before the password is checked (domain/login_limit.py has the
rules). Each attempt is written first and counted after, so of any number arriving at once
no more than the limit see a count within it: 30 concurrent guesses against one account
check at most `attempts` passwords. Only an attempt its pair allows counts towards the
account's and the address's wide limits (hammering a pair does not lock the account)."""

import hashlib
from datetime import UTC, datetime, timedelta

from ..domain.errors import RateLimited
from ..domain.login_limit import DAY, LoginLimits, pair_wait, spread_exceeded
from ..models import LoginFailure
from ..settings import Settings


def _pair(email: str, address: str) -> str:
    # hashed: a 254-character e-mail and an IPv6 address would not fit the key's column
    return "pair:" + hashlib.sha256(f"{email}|{address}".encode()).hexdigest()


async def admit(settings: Settings, email: str, address: str) -> None:
    """Records an attempt of `email` from `address`; RateLimited when it is one too many."""
    limits = LoginLimits(settings.login_attempts, settings.login_window)
    pair = _pair(email, address)
    now = datetime.now(UTC)
    await LoginFailure.create(key=pair)
    times = await LoginFailure.filter(
        key=pair, created_at__gte=now - timedelta(seconds=DAY)
    ).values_list("created_at", flat=True)
    ages = [max(0.0, (now - at).total_seconds()) for at in times]  # type: ignore[operator]
    wait = pair_wait(ages, limits)
    if wait:
        raise RateLimited("auth.rate_limited", seconds=wait)
    wide = [f"account:{email}", f"address:{address}"]
    await LoginFailure.bulk_create([LoginFailure(key=key) for key in wide])
    since = now - timedelta(seconds=limits.window)
    for key in wide:
        if spread_exceeded(
            await LoginFailure.filter(key=key, created_at__gte=since).count(), limits
        ):
            raise RateLimited("auth.rate_limited", seconds=limits.window)


async def succeeded(email: str, address: str) -> None:
    """The pair signed in: its count starts again (the wide ones run out with the window)."""
    await LoginFailure.filter(key=_pair(email, address)).delete()
