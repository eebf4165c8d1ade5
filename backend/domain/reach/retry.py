"""How long to wait before sending a message again, and when to give up (pure)."""

from datetime import timedelta

FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
MAX_ATTEMPTS = 8  # about two and a half hours of trying, then the message is failed
PAUSE_AFTER = 5  # consecutive failed deliveries to one robot pause it (its admins are told)


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    """The wait after the `attempts`-th failed attempt (1, 2, …): doubling from 30 s up to an
    hour, or what the platform asked for (Retry-After) when that is longer, within the hour."""
    wait = min(FIRST_WAIT * 2 ** max(attempts - 1, 0), LONGEST_WAIT)
    if retry_after is not None and retry_after > 0:
        wait = max(wait, min(timedelta(seconds=retry_after), LONGEST_WAIT))
    return wait


def gives_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS
